"""Each recommendation's progress in brief, kept up to date as updates and rounds change: what lists and the home page
count and filter by, so that they need not rank every update ever reported to find each recommendation's newest."""

from django.db import models


class ProgressSummary(models.Model):
    """The newest assessment of a recommendation and how often it has been reported slipped: once over every round
    (what officers see) and once over published rounds only (what councillors and the public see).

    Derived, never edited: `cairn.reviews.summaries` rebuilds a recommendation's row whenever one of its updates or
    rounds changes, so it carries no audit trail of its own (the changes that move it have theirs)."""

    recommendation = models.OneToOneField(
        "reviews.Recommendation", on_delete=models.CASCADE, primary_key=True, related_name="summary"
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    latest_level = models.ForeignKey(
        "reviews.AssessmentLevel", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    slipped_count = models.PositiveIntegerField(default=0)
    published_level = models.ForeignKey(
        "reviews.AssessmentLevel", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_slipped_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "latest_level"], name="summary_org_latest"),
            models.Index(fields=["organisation", "published_level"], name="summary_org_published"),
        ]

    def __str__(self) -> str:
        return f"Progress of recommendation {self.recommendation_id}"
