"""Committees, their meetings, and the cover reports (papers) put before them."""

from django.db import models

from cairn.core.models import TenantModel


class Committee(TenantModel):
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_committee_name")]

    def __str__(self) -> str:
        return self.name


class Meeting(TenantModel):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()

    class Meta:
        ordering = ["-held_on"]
        constraints = [models.UniqueConstraint(fields=["committee", "held_on"], name="unique_meeting_date")]

    def __str__(self) -> str:
        return f"{self.committee} on {self.held_on:%d/%m/%Y}"


class CommitteePaper(TenantModel):
    """A cover report on an agenda (seed 002): what members are asked to consider, and whom to contact."""

    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", "Action plan"
        PROGRESS_UPDATE = "progress_update", "Progress update"
        FINAL_REPORT = "final_report", "Final report"
        PRESENTATION = "presentation", "Presentation"
        OTHER = "other", "Other"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="papers")
    review = models.ForeignKey("reviews.Review", on_delete=models.PROTECT, null=True, blank=True, related_name="papers")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    agenda_item = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    detail = models.TextField(blank=True, help_text="Numbered detail paragraphs, one per line.")
    contact_name = models.CharField(max_length=200, blank=True)
    contact_post = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["meeting__held_on", "agenda_item"]

    def __str__(self) -> str:
        return self.title

    @property
    def detail_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.detail.splitlines() if line.strip()]


class PaperSection(TenantModel):
    """A section of a paper or presentation (seed 004: "Legal Framework", "Case Study"), with who presented it."""

    paper = models.ForeignKey(CommitteePaper, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(default=0)
    heading = models.CharField(max_length=200)
    presenter_name = models.CharField(max_length=200, blank=True)
    presenter_post = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True, help_text="The section's points, one per line.")

    class Meta:
        ordering = ["paper", "order", "id"]

    def __str__(self) -> str:
        return self.heading
