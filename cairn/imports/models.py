"""A file staged for import: its extraction kept for checking, and what applying it created."""

from django.conf import settings
from django.db import models

from cairn.core.models import TenantModel, TenantQuerySet


class ImportBatch(TenantModel):
    """One file read for import, staged until a person applies or discards it; one per file (by SHA-256) per council."""

    class State(models.TextChoices):
        STAGED = "staged", "Staged"
        APPLIED = "applied", "Applied"
        DISCARDED = "discarded", "Discarded"

    source_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0, help_text="The file's size in bytes.")
    family = models.CharField(max_length=20, help_text="The kind of paper, as detected.")
    extraction = models.JSONField(help_text="The cairn-extract/1 document read from the file.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.STAGED)
    staged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_records = models.JSONField(default=dict, blank=True, help_text="The reviews and programmes written to, and counts.")
    # Where the paper's records go, as a person chose while it was staged. Without a choice, a review or programme
    # held with the paper's title is joined, or a new one is created.
    review = models.ForeignKey(
        "reviews.Review", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The review held already that the paper's records join.",
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The programme held already that the highlight report's projects join.",
    )
    # Working out what importing creates takes a while for a large file: it is kept, with what it depended on.
    preview = models.JSONField(
        default=dict, blank=True,
        help_text="What importing would create, as last worked out, and the state of the council it was worked out "
        "against.",
    )
    destination_chosen = models.BooleanField(
        default=False, help_text="Whether a person has chosen where the records go (a new one, if none is set)."
    )
    # The file itself, kept while it is staged so that it can be read again with the columns a person chooses.
    data = models.BinaryField(null=True, blank=True, editable=False, help_text="The file, while it is staged.")
    columns = models.JSONField(
        default=list, blank=True,
        help_text="The recommendations table's columns as read: heading, a value, the field it was read as and how.",
    )
    column_mapping = models.JSONField(
        default=dict, blank=True, help_text="The fields a person chose for the columns (heading -> field), if any."
    )
    status_levels = models.JSONField(
        default=dict, blank=True,
        help_text="The level code each status word was confirmed to mean for this file (word -> code, or null).",
    )
    remembered_mapping = models.ForeignKey(
        "imports.ColumnMapping", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="The council's remembered choice of columns the file was read with, when Cairn used one itself.",
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "sha256"], name="one_import_per_file")]

    def __str__(self) -> str:
        return self.source_name

    @property
    def warnings(self) -> list[dict]:
        return self.extraction.get("warnings", [])


class ColumnMapping(TenantModel):
    """What a council's officer said the columns of a table hold, remembered for its next paper of the same shape
    (the same headings in the same order)."""

    shape = models.CharField(max_length=64, help_text="SHA-256 of the headings, normalised, in order.")
    headings = models.JSONField(help_text="The headings as written, in order.")
    mapping = models.JSONField(help_text="Heading -> field (or 'ignore'), as chosen.")
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "shape"], name="one_column_mapping_per_shape")]

    def __str__(self) -> str:
        return ", ".join(self.headings)


class StatusWord(TenantModel):
    """A status word as a council's papers write it ("Actioned", "To be renegotiated") and the level of its
    assessment scale an officer confirmed it means; none for a word that sets no level."""

    word = models.CharField(max_length=100, help_text="The word, normalised for matching.")
    written = models.CharField(max_length=100, help_text="The word as an officer first confirmed it.")
    level = models.ForeignKey(
        "reviews.AssessmentLevel", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="The level it means; none for a word that sets no level.",
    )
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "word"], name="one_meaning_per_status_word")]

    def __str__(self) -> str:
        return self.written
