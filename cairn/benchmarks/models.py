"""Public statistics, shared by every council: areas, measures, releases, values and statistical neighbours.

None of these is tenant data: they are published under the Open Government Licence and read the same by every
council. They change only through `operations.load_files`, which records one audit event per file loaded.
"""

from decimal import Decimal

from django.db import models

ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Source: Department for Education."
)
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


class Area(models.Model):
    """England, a region, or a local authority by its 3-digit DfE code (a combined row's code is "940 / 941")."""

    class Kind(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        LA = "la", "Local authority"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # LAs: the DfE code ("808", or "940 / 941" for a combined row). Regions and England: their name.
    code = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    ons_code = models.CharField(max_length=20, blank=True)
    # The LA's region in the statistical-neighbour model, where it has one.
    region = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["kind", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="one_area_per_code")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.kind == self.Kind.LA else self.name

    @property
    def member_codes(self) -> list[str]:
        """The LA codes a row stands for: itself, or each code a combined row names."""
        return [part.strip() for part in self.code.split("/")] if self.kind == self.Kind.LA else []


class Definition(models.Model):
    """A measure as LAIT's data dictionary describes it: title, polarity, decimal places."""

    class Polarity(models.TextChoices):
        HIGH = "High", "Higher is better"
        LOW = "Low", "Lower is better"
        NONE = "-", "Neither"

    code = models.CharField(max_length=100, unique=True)  # Measure_short
    title = models.CharField(max_length=500)
    topic = models.CharField(max_length=200, blank=True)
    polarity = models.CharField(max_length=4, choices=Polarity.choices, default=Polarity.NONE)
    unit = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    decimal_places = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class Release(models.Model):
    """One file as loaded: which values it brought or revised is kept on each value."""

    class Format(models.TextChoices):
        EES = "ees", "Explore education statistics CSV"
        LAIT = "lait", "LAIT long format"
        NEIGHBOURS = "neighbours", "Statistical neighbour model"
        DICTIONARY = "dictionary", "LAIT data dictionary"

    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, unique=True)
    format = models.CharField(max_length=12, choices=Format.choices)
    loaded_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    values_added = models.PositiveIntegerField(default=0)
    values_revised = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-loaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} (loaded {self.loaded_at:%d %b %Y %H:%M})"


class Measure(models.Model):
    """A published figure for every area and year: an EES value column (with its filter values) or a LAIT code."""

    name = models.CharField(max_length=500, unique=True)
    column = models.CharField(max_length=200)
    # The file's filter columns that take several values, and the value this measure has in each.
    filters = models.JSONField(default=dict, blank=True)
    title = models.CharField(max_length=500, blank=True)
    definition = models.ForeignKey(Definition, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures")
    first_release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def polarity(self) -> str:
        return self.definition.polarity if self.definition else Definition.Polarity.NONE

    @property
    def label(self) -> str:
        if self.definition:
            return self.definition.title
        return self.title or self.name


class Value(models.Model):
    """A measure's figure for an area and year: a number, or the symbol the file has instead (c, x, z, u, low, k, -)."""

    # Loading writes tens of thousands of rows: no index beyond the unique one (measure first) that every read uses.
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values", db_index=False)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", db_index=False)
    year = models.CharField(max_length=20)
    number = models.DecimalField(max_digits=28, decimal_places=10, null=True, blank=True)
    symbol = models.CharField(max_length=5, blank=True)
    # For an LA's row, the region the file places it in (LAIT uses Inner and Outer London; EES, London).
    region = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False)
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="values", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["measure", "area", "year"], name="one_value_per_area_year")]

    def __str__(self) -> str:
        return f"{self.measure} {self.area} {self.year}: {self.shown}"

    @property
    def shown(self) -> str:
        return plain_number(self.number) if self.number is not None else self.symbol


class Revision(models.Model):
    """A value as it stood before a later release revised it."""

    value = models.ForeignKey(Value, on_delete=models.CASCADE, related_name="revisions")
    number = models.DecimalField(max_digits=28, decimal_places=10, null=True, blank=True)
    symbol = models.CharField(max_length=5, blank=True)
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+")
    replaced_by = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="revisions")


class Neighbour(models.Model):
    """One of an LA's ten statistical neighbours in the model loaded last (the DfE's 2025 model)."""

    la = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="neighbours")
    neighbour = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    closeness = models.CharField(max_length=50, blank=True)
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["la", "position"]
        constraints = [models.UniqueConstraint(fields=["la", "position"], name="one_neighbour_per_position")]


def plain_number(number: Decimal) -> str:
    """A stored number as published: no trailing zeros, thousands unseparated."""
    text = f"{number.normalize():f}"
    return text
