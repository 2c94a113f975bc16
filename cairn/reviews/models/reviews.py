"""A review of a service, its scope (key questions) and the next steps with dates."""

from django.db import models

from cairn.core.models import TenantModel, TenantQuerySet


class ReviewQuerySet(TenantQuerySet):
    def open(self):
        return self.exclude(state=Review.State.CLOSED)


class Review(TenantModel):
    class Kind(models.TextChoices):
        SCRUTINY = "scrutiny", "Scrutiny review"
        EFFICIENCY = "efficiency", "Efficiency, improvement and transformation (EIT) review"
        BEST_VALUE = "best_value", "Best value review"
        GATEWAY = "gateway", "Gateway review"
        INSPECTION = "inspection", "Inspection"
        OTHER = "other", "Other review"

    class State(models.TextChoices):
        SCOPING = "scoping", "Scoping"
        EVIDENCE = "evidence", "Gathering evidence"
        REPORTED = "reported", "Reported"
        MONITORING = "monitoring", "Monitoring"
        CLOSED = "closed", "Closed"

    class LedBy(models.TextChoices):
        MEMBERS = "members", "Member led"
        OFFICERS = "officers", "Officer led"
        JOINT = "joint", "Members and officers"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    led_by = models.CharField(max_length=10, choices=LedBy.choices, blank=True)
    title = models.CharField(max_length=300)
    committee = models.ForeignKey(
        "reviews.Committee", on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.SCOPING)
    summary = models.TextField(blank=True, help_text="What the review looks at and why.")
    reported_on = models.DateField(null=True, blank=True, help_text="When the final report went to the committee.")
    executive_decision_on = models.DateField(
        null=True, blank=True, help_text="When the executive (e.g. Cabinet) decided on the recommendations."
    )
    executive_decision_by = models.CharField(max_length=100, blank=True, help_text="For example: Cabinet.")

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ReviewQuestion(TenantModel):
    """A key question in the review's scope (seed 004)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["review", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class ReviewStep(TenantModel):
    """A next step in running the review, with its date where one was given (seed 004)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review", "order", "id"]

    def __str__(self) -> str:
        return self.text
