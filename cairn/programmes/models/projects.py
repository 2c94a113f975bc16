"""Programmes, their projects, the month-by-month phase plan, milestones and highlight-report updates."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from cairn.core.models import TenantModel
from cairn.lib.dates import Precision, format_with_precision


class Rag(models.TextChoices):
    RED = "R", "Red"
    AMBER = "A", "Amber"
    GREEN = "G", "Green"
    BLUE = "B", "Blue (complete)"


RAG_COLOURS = {"R": "red", "A": "yellow", "G": "green", "B": "blue"}


class Programme(TenantModel):
    name = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="managed_programmes"
    )
    board = models.ForeignKey(
        "reviews.Committee", on_delete=models.SET_NULL, null=True, blank=True, related_name="programmes",
        help_text="The board that receives its highlight reports.",
    )
    starts_on = models.DateField(null=True, blank=True, help_text="First month of the phase plan.")
    ends_on = models.DateField(null=True, blank=True, help_text="Last month of the phase plan.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Phase(TenantModel):
    """A phase of the programme's plan, with the letter and colour used in its month grid (legend)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    letter = models.CharField(max_length=3)
    name = models.CharField(max_length=50)
    colour = models.CharField(
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as # and six hex digits, like #1d70b8")],
        help_text="A hex colour for the grid, e.g. #1d70b8.",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["programme", "order"]
        constraints = [models.UniqueConstraint(fields=["programme", "letter"], name="unique_phase_letter")]

    def __str__(self) -> str:
        return f"{self.letter} {self.name}"


class Project(TenantModel):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="projects")
    number = models.CharField(max_length=20, blank=True)
    order = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=300)
    short_name = models.CharField(max_length=100, blank=True, help_text='As in the headline table: "Early Help".')
    objective = models.TextField(blank=True)
    key_elements = models.TextField(blank=True, help_text="One element per line.")
    budget = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    budget_text = models.CharField(max_length=200, blank=True, help_text='As written: "£ - £ 560K", "N/A".')
    other_resources = models.TextField(blank=True, help_text="People, teams and buildings needed, one per line.")
    impact = models.TextField(blank=True)
    lead_name = models.CharField(max_length=200, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="led_projects"
    )
    rag = models.CharField(max_length=1, choices=Rag.choices, blank=True)
    risk_area = models.CharField(max_length=300, blank=True, help_text="The headline risk, as in the summary table.")
    voice_and_feedback = models.TextField(blank=True)

    class Meta:
        ordering = ["programme", "order", "id"]

    def __str__(self) -> str:
        name = self.short_name or self.name
        return f"{self.number}. {name}" if self.number else name

    @property
    def key_element_lines(self) -> list[str]:
        return [line.strip() for line in self.key_elements.splitlines() if line.strip()]

    @property
    def resource_lines(self) -> list[str]:
        return [line.strip() for line in self.other_resources.splitlines() if line.strip()]

    @property
    def rag_colour(self) -> str:
        return RAG_COLOURS.get(self.rag, "grey")


class PhasePlanEntry(TenantModel):
    """Which phase a project is in for one month of the plan."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phase_plan")
    month = models.DateField(help_text="The first day of the month.")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["project", "month"]
        constraints = [models.UniqueConstraint(fields=["project", "month"], name="one_phase_per_project_month")]

    def __str__(self) -> str:
        return f"{self.project} {self.month:%b %Y}: {self.phase.letter}"


class Milestone(TenantModel):
    """A dated step of a project's plan. Like a step of an action plan, its due date as first agreed is kept: later
    dates are MilestoneRevision rows with their reasons, and current_due_on is the latest of them."""

    class State(models.TextChoices):
        ON = "on", "On track"
        OFF = "off", "Off track"
        COMPLETED = "completed", "Completed"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    order = models.PositiveIntegerField(default=0)
    starts_on = models.DateField(null=True, blank=True, help_text='For a span such as "March – July 2020".')
    # The due date as first agreed.
    due_on = models.DateField(null=True, blank=True)
    due_precision = models.CharField(max_length=5, choices=[(p.value, p.name.title()) for p in Precision], default=Precision.NONE)
    due_text = models.CharField(max_length=100, blank=True, help_text='As written: "Mid Feb 20", "To be agreed".')
    current_due_on = models.DateField(null=True, blank=True, db_index=True)
    completed_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_milestones"
    )
    owner_name = models.CharField(max_length=200, blank=True, help_text="The owner as written, when not a user.")
    activity = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, blank=True)
    state_text = models.CharField(max_length=50, blank=True, help_text='The word used, e.g. "Consulted".')

    class Meta:
        ordering = ["project", "order", "id"]

    def __str__(self) -> str:
        return self.activity[:80]

    def clean(self) -> None:
        if self.due_on and self.due_precision == Precision.NONE:
            self.due_precision = Precision.DAY
        if self.completed_on is not None:
            self.state = self.State.COMPLETED

    @property
    def due_display(self) -> str:
        """The due date as first agreed."""
        return self.due_text or format_with_precision(self.due_on, self.due_precision)

    @property
    def latest_revision(self):
        """The latest revision (needs `revisions` prefetched, or reads them), None if never revised."""
        revisions = list(self.revisions.all())
        return revisions[-1] if revisions else None

    @property
    def current_due_display(self) -> str:
        """The due date now: the latest revision's, or the date first agreed."""
        latest = self.latest_revision
        return latest.due_display if latest else self.due_display

    @property
    def is_completed(self) -> bool:
        return self.state == self.State.COMPLETED or self.completed_on is not None

    @property
    def owner_display(self) -> str:
        return self.owner.display_name if self.owner else self.owner_name

    @property
    def state_colour(self) -> str:
        return {"on": "green", "off": "red", "completed": "blue"}.get(self.state, "grey")


class MilestoneRevision(TenantModel):
    """A revised due date for a milestone: a new fact with its reason, never an overwrite of the date first agreed."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="revisions")
    due_on = models.DateField(null=True, blank=True)
    due_precision = models.CharField(max_length=5, choices=[(p.value, p.name.title()) for p in Precision], default=Precision.DAY)
    due_text = models.CharField(max_length=100, blank=True)
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["milestone", "created_at", "id"]

    def __str__(self) -> str:
        return f"Revised to {self.due_display}"

    @property
    def due_display(self) -> str:
        return self.due_text or format_with_precision(self.due_on, self.due_precision)


class ProjectUpdate(TenantModel):
    """A project's highlight report in one round: RAG, progress, risks, money and the child's voice."""

    class State(models.TextChoices):
        ASKED = "asked", "Asked"
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        ACCEPTED = "accepted", "Accepted"

    round = models.ForeignKey("reviews.ReportingRound", on_delete=models.PROTECT, related_name="project_updates")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="updates")
    state = models.CharField(max_length=10, choices=State.choices, default=State.ASKED)
    rag = models.CharField(max_length=1, choices=Rag.choices, blank=True)
    progress_points = models.TextField(blank=True, help_text="One point per line.")
    risks_text = models.TextField(blank=True, help_text="Risks, issues and barriers, one per line.")
    spent = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    savings = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    voice_and_feedback = models.TextField(blank=True)
    return_comment = models.TextField(blank=True, help_text="Why the officer returned it to the project's lead.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["round", "project__order"]
        constraints = [models.UniqueConstraint(fields=["round", "project"], name="one_update_per_project_per_round")]

    def __str__(self) -> str:
        return f"{self.project} in {self.round}"

    @property
    def progress_lines(self) -> list[str]:
        return [line.strip() for line in self.progress_points.splitlines() if line.strip()]

    @property
    def lead(self):
        """Who writes it and is told when it comes back: the project's lead, else the programme's manager."""
        return self.project.lead or self.project.programme.manager

    @property
    def risk_lines(self) -> list[str]:
        return [line.strip() for line in self.risks_text.splitlines() if line.strip()]
