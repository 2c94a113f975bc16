"""Indicators (KPIs) and their readings: a value or a low-high range for a period, with a RAG."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

from cairn.core.models import TenantModel

from ..rag_rules import rag_by_rules

from .projects import RAG_COLOURS, Rag


class Indicator(TenantModel):
    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        NEUTRAL = "neutral", "Neither (context only)"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"
        AS_NEEDED = "as_needed", "When available"

    name = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="What it measures and where the figures come from.")
    unit = models.CharField(max_length=50, blank=True, help_text='For example "%", "children", "per month".')
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.NEUTRAL)
    target = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    # RAG thresholds: a value at least as good as green_from is green; at least as good as amber_from is amber.
    green_from = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    amber_from = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    source_code = models.CharField(max_length=100, blank=True, help_text="e.g. a DfE measure code.")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    reported_to = models.CharField(max_length=200, blank=True, help_text='For example "Cabinet".')
    # The published measure (DfE statistics, shared by every council) this indicator is compared with, for the LA
    # with this DfE code.
    benchmark = models.ForeignKey(
        "benchmarks.Measure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Ordered RAG rules (rag_rules.py); where there are any they decide a reading's RAG instead of the thresholds.
    rag_rules = models.JSONField(default=list, blank=True)
    benchmark_la = models.CharField("LA code", max_length=20, blank=True, help_text="The council's DfE code, e.g. 808.")
    projects = models.ManyToManyField("programmes.Project", related_name="indicators", blank=True)
    recommendations = models.ManyToManyField("reviews.Recommendation", related_name="indicators", blank=True)
    reviews = models.ManyToManyField("reviews.Review", related_name="indicators", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from cairn.benchmarks.models import Area

        if self.benchmark_id and not self.benchmark_la:
            raise ValidationError({"benchmark_la": "Enter the council's DfE LA code to compare with the benchmark"})
        if self.benchmark_la and not Area.objects.filter(kind=Area.Kind.LA, code=self.benchmark_la.strip()).exists():
            raise ValidationError(
                {"benchmark_la": f"No local authority has the DfE code {self.benchmark_la} in the statistics loaded"}
            )

    def rag_for(self, value: Decimal | None, benchmark=None) -> str:
        """The RAG a value earns: by the ordered rules where there are any (against the target and the benchmark's
        latest published figures), else against the thresholds; empty when there is no value or nothing to judge by."""
        if self.rag_rules:
            higher = {self.Polarity.HIGHER: True, self.Polarity.LOWER: False}.get(self.polarity)
            return rag_by_rules(
                self.rag_rules, value, higher_is_better=higher, target=self.target,
                neighbours=benchmark.neighbours if benchmark else None, england=benchmark.england if benchmark else None,
            )
        if value is None or self.green_from is None or self.amber_from is None:
            return ""
        better = (lambda a, b: a >= b) if self.polarity != self.Polarity.LOWER else (lambda a, b: a <= b)
        if better(value, self.green_from):
            return Rag.GREEN
        if better(value, self.amber_from):
            return Rag.AMBER
        return Rag.RED


class Reading(TenantModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="readings")
    period_start = models.DateField(help_text="First day of the period the reading covers.")
    period_label = models.CharField(max_length=50, blank=True, help_text='As written: "Jul 20", "2011-12".')
    value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    value_low = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    value_high = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    rag = models.CharField(max_length=1, choices=Rag.choices, blank=True)
    note = models.TextField(blank=True)
    # A revised figure replaces the reading; the audit trail keeps what it replaced, and this says why.
    revised_reason = models.TextField(blank=True)
    revised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start"], name="one_reading_per_period"),
            models.CheckConstraint(
                condition=models.Q(value_low__isnull=True)
                | models.Q(value_high__isnull=True)
                | models.Q(value_low__lte=models.F("value_high")),
                name="reading_low_not_above_high",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.display_value} ({self.period_start:%b %Y})"

    @property
    def display_value(self) -> str:
        def plain(number: Decimal) -> str:
            return f"{number.normalize():f}"

        if self.value is not None:
            return plain(self.value)
        if self.value_low is not None and self.value_high is not None:
            return f"{plain(self.value_low)} to {plain(self.value_high)}"
        return ""

    @property
    def rag_colour(self) -> str:
        return RAG_COLOURS.get(self.rag, "grey")
