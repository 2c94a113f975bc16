"""Budget lines by financial year and risks (risks, issues and barriers) on a project or a review."""

from django.core.exceptions import ValidationError
from django.db import models

from cairn.core.models import TenantModel
from cairn.lib.dates import FinancialYear

from .projects import RAG_COLOURS, Rag


class BudgetLine(TenantModel):
    name = models.CharField(max_length=300)
    financial_year = models.PositiveIntegerField(help_text="The year it starts: 2011 means 2011-12 (April to March).")
    budget = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    spent = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    projected_outturn = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # Over (positive) or under (negative) spend; papers often give only this ("projecting £392k overspend").
    projected_variance = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    projected_on = models.DateField(null=True, blank=True, help_text="When the projection was made.")
    note = models.TextField(blank=True)
    project = models.ForeignKey("programmes.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="budget_lines")
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, null=True, blank=True, related_name="budget_lines")

    class Meta:
        ordering = ["-financial_year", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.year_label}"

    @property
    def year_label(self) -> str:
        return str(FinancialYear(self.financial_year))

    def clean(self) -> None:
        """Outturn and variance must agree with the budget; either one gives the other."""
        if self.budget is None or (self.projected_outturn is None and self.projected_variance is None):
            return
        if self.projected_variance is None:
            self.projected_variance = self.projected_outturn - self.budget
        elif self.projected_outturn is None:
            self.projected_outturn = self.budget + self.projected_variance
        elif self.projected_outturn - self.budget != self.projected_variance:
            raise ValidationError({"projected_variance": "The projected variance must be the outturn less the budget"})


class Risk(TenantModel):
    class Kind(models.TextChoices):
        RISK = "risk", "Risk"
        ISSUE = "issue", "Issue"
        BARRIER = "barrier", "Barrier"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RISK)
    text = models.TextField()
    rag = models.CharField(max_length=1, choices=Rag.choices, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    mitigation = models.TextField(blank=True)
    owner_name = models.CharField(max_length=200, blank=True)
    project = models.ForeignKey("programmes.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="risks")
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, null=True, blank=True, related_name="risks")

    class Meta:
        ordering = ["state", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(project__isnull=False) & models.Q(review__isnull=True))
                | (models.Q(project__isnull=True) & models.Q(review__isnull=False)),
                name="risk_on_project_or_review",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def rag_colour(self) -> str:
        return RAG_COLOURS.get(self.rag, "grey")
