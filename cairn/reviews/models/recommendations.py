"""Recommendations, the steps of their action plans, revised target dates and savings estimates."""

from django.conf import settings
from django.db import models

from cairn.core.models import TenantModel, TenantQuerySet
from cairn.lib.dates import Precision, format_with_precision
from cairn.lib.money import format_range


def lead_display(role_title: str, user) -> str:
    """The lead as the paper names them (a post), with the linked person: "Head of Service (Ann Smith)"."""
    if user is None:
        return role_title
    return f"{role_title} ({user.display_name})" if role_title else user.display_name


class RecommendationQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(state=Recommendation.State.OPEN)

    def closed(self):
        return self.filter(state=Recommendation.State.CLOSED)


class Recommendation(TenantModel):
    class Response(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        NOTED = "noted", "Noted"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Signed off"

    review = models.ForeignKey("reviews.Review", on_delete=models.PROTECT, related_name="recommendations")
    number = models.CharField(max_length=20, blank=True, help_text='As printed: "1", "12", "SC18", "2a".')
    order = models.PositiveIntegerField(default=0)
    objective = models.CharField(max_length=500, blank=True, help_text="The objective or group heading it sits under.")
    text = models.TextField()
    executive_response = models.CharField(max_length=20, choices=Response.choices, blank=True)
    executive_response_on = models.DateField(null=True, blank=True)
    executive_response_note = models.TextField(blank=True)
    lead_name = models.CharField(max_length=200, blank=True, help_text="Lead responsibility as written (a role title).")
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="led_recommendations"
    )
    finance_manager_name = models.CharField(max_length=200, blank=True)
    finance_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="financed_recommendations"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    closed_at_meeting = models.ForeignKey(
        "reviews.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="signed_off_recommendations"
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["review", "order", "id"]

    def __str__(self) -> str:
        label = f"Recommendation {self.number}" if self.number else "Recommendation"
        return f"{label}: {self.text[:80]}"

    @property
    def label(self) -> str:
        return self.number or "–"

    @property
    def lead_display(self) -> str:
        return lead_display(self.lead_name, self.lead_officer)


class ActionQuerySet(TenantQuerySet):
    def overdue(self, today):
        """Steps whose current target date has passed while their recommendation is still open."""
        return self.filter(
            current_target_on__lt=today, completed_on__isnull=True, recommendation__state=Recommendation.State.OPEN
        )


class Action(TenantModel):
    """One step of a recommendation's action plan, with its success measure and target date."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    success_measure = models.TextField(blank=True)
    # The target as first agreed. Revisions are TargetRevision rows; current_target_on is the latest of them.
    target_on = models.DateField(null=True, blank=True)
    target_precision = models.CharField(max_length=5, choices=[(p.value, p.name.title()) for p in Precision], default=Precision.NONE)
    target_text = models.CharField(max_length=200, blank=True, help_text='As written: "Mar 2010", "Ongoing".')
    current_target_on = models.DateField(null=True, blank=True, db_index=True)
    lead_name = models.CharField(max_length=200, blank=True)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="led_actions"
    )
    finance_manager_name = models.CharField(max_length=200, blank=True)
    finance_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="financed_actions"
    )
    completed_on = models.DateField(null=True, blank=True)
    progress_note = models.TextField(
        blank=True, help_text='Progress written into the action plan itself, before any round ("Proposals currently...").'
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["recommendation", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80] or f"Step {self.order}"

    def clean(self) -> None:
        # A date given without saying how precise it is, is a day.
        if self.target_on and self.target_precision == Precision.NONE:
            self.target_precision = Precision.DAY

    @property
    def target_display(self) -> str:
        return format_with_precision(self.target_on, self.target_precision, self.target_text) or self.target_text

    @property
    def lead_display(self) -> str:
        return lead_display(self.lead_name, self.lead_officer)


class TargetRevision(TenantModel):
    """A revised target date for a step: a new fact with its reason, never an overwrite of the original."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="revisions")
    target_on = models.DateField(null=True, blank=True)
    target_precision = models.CharField(max_length=5, choices=[(p.value, p.name.title()) for p in Precision], default=Precision.DAY)
    target_text = models.CharField(max_length=200, blank=True)
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    progress_update = models.ForeignKey(
        "reviews.ProgressUpdate", on_delete=models.SET_NULL, null=True, blank=True, related_name="target_revisions"
    )

    class Meta:
        ordering = ["action", "created_at", "id"]

    def __str__(self) -> str:
        return f"Revised to {self.target_display}"

    @property
    def target_display(self) -> str:
        return format_with_precision(self.target_on, self.target_precision, self.target_text) or self.target_text


class SavingEstimate(TenantModel):
    """An estimated saving or cost as written, with its range; may be shared by several recommendations."""

    class Kind(models.TextChoices):
        SAVING = "saving", "Saving"
        COST = "cost", "Cost"

    class Period(models.TextChoices):
        ONE_OFF = "one_off", "One-off"
        ANNUAL = "annual", "Per year"

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="saving_estimates")
    recommendations = models.ManyToManyField(Recommendation, related_name="saving_estimates", blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SAVING)
    text = models.TextField(help_text="As written in the action plan.")
    min_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    max_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    period = models.CharField(max_length=10, choices=Period.choices, blank=True)
    cashable = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["review", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_amount__isnull=True)
                | models.Q(max_amount__isnull=True)
                | models.Q(min_amount__lte=models.F("max_amount")),
                name="saving_min_not_above_max",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def amount_display(self) -> str:
        amount = format_range(self.min_amount, self.max_amount)
        if amount and self.period == self.Period.ANNUAL:
            amount += " a year"
        return amount

    @property
    def is_shared(self) -> bool:
        return len(self.recommendations.all()) > 1

