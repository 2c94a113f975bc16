"""Assessment scales, reporting rounds and the progress updates reported in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from cairn.core.concurrency import lock
from cairn.core.models import TenantModel, TenantQuerySet


class AssessmentScale(TenantModel):
    """How an organisation grades progress: 1-4 categories by default, or BRAG."""

    name = models.CharField(max_length=100)
    is_active = models.BooleanField(default=False, help_text="The scale new updates are assessed on.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(is_active=True), name="one_active_scale_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AssessmentLevel(TenantModel):
    class Meaning(models.TextChoices):
        COMPLETE = "complete", "Complete"
        ON_TRACK = "on_track", "On track"
        SLIPPED = "slipped", "Slipped"
        NOT_ACHIEVED = "not_achieved", "Not achieved"

    scale = models.ForeignKey(AssessmentScale, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(max_length=10, help_text='As printed: "1", "B".')
    label = models.CharField(max_length=100)
    meaning = models.CharField(max_length=20, choices=Meaning.choices)
    colour = models.CharField(max_length=20, help_text="A GOV.UK tag colour: blue, green, yellow, red, grey.")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["scale", "order"]
        constraints = [models.UniqueConstraint(fields=["scale", "code"], name="unique_level_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class ReportingRoundQuerySet(TenantQuerySet):
    def with_content(self):
        """Rounds with their frozen content, for a paper or a published page."""
        return self.defer(None)


class ReportingRoundManager(models.Manager.from_queryset(ReportingRoundQuerySet)):
    """Rounds without their frozen content (some 200 KB of JSON each at county scale), which lists, links and joins
    never show; `with_content()` asks for it, and reading it on a round loaded without it fetches it then."""

    def get_queryset(self):
        return super().get_queryset().defer("published_content")


class ReportingRound(TenantModel):
    """One cycle of asking for, checking and publishing progress, for a committee meeting or a programme board."""

    class Kind(models.TextChoices):
        REVIEW = "review", "Recommendations progress"
        PROGRAMME = "programme", "Programme highlight report"

    class State(models.TextChoices):
        COLLECTING = "collecting", "Collecting updates"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REVIEW)
    title = models.CharField(max_length=300)
    meeting = models.ForeignKey("reviews.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="rounds")
    as_at_on = models.DateField(help_text="The date progress is reported as at.")
    period_label = models.CharField(max_length=50, blank=True, help_text='The period as the report names it: "July 2020".')
    deadline_on = models.DateField(help_text="When updates are due from leads.")
    state = models.CharField(max_length=12, choices=State.choices, default=State.COLLECTING)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Exactly what the committee saw, frozen at publication, and its SHA-256.
    published_content = models.JSONField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    imported_from = models.CharField(
        max_length=300, blank=True,
        help_text="The past paper this round was read from: its updates are as the committee saw them, asked of nobody.",
    )
    cancelled_reason = models.TextField(blank=True)

    objects = ReportingRoundManager()

    class Meta:
        ordering = ["-as_at_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def refuse_changes_if_published(self) -> None:
        """What the committee or board saw is fixed: every change to a published round's content is refused. A
        cancelled round takes no more changes either."""
        if self.is_published:
            raise ValidationError(
                "This round has been published. What the meeting saw cannot be changed; record it in the next round."
            )
        if self.state == self.State.CANCELLED:
            raise ValidationError("This round has been cancelled: nothing more can be given or changed in it.")


def refuse_if_changed_by_others(update, expected_version: int | None, *, by, what: str = "update") -> None:
    """Refuse a save made from a form showing an older version, if anyone but `by` saved it since: a person's own
    earlier save (a refused submit, a second tab) is never a conflict. Call after `lock_for_change`."""
    if expected_version is None or update.version == expected_version:
        return
    from cairn.audit.models import AuditEvent

    since = AuditEvent.objects.for_object(update).filter(after__version__gt=expected_version)
    if by is None or since.exclude(actor=by).exists() or not since.exists():
        raise ValidationError(f"Someone else has saved this {what} since you opened it. Check their changes and try again.")


def lock_for_change(update):
    """Lock an update in a round (a progress update or a highlight report), and its round, for a change in this
    transaction; refused once the round is published. Publishing locks the round, so the two never cross."""
    lock(update.round)
    update.round.refuse_changes_if_published()
    return lock(update)


class ProgressUpdateQuerySet(TenantQuerySet):
    def published(self):
        return self.filter(round__state=ReportingRound.State.PUBLISHED)


class ProgressUpdate(TenantModel):
    """A lead's report on one recommendation (or one step) in one round; each round has its own, never overwritten."""

    class State(models.TextChoices):
        ASKED = "asked", "Asked"
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        ACCEPTED = "accepted", "Accepted"

    class Basis(models.TextChoices):
        ACTUAL = "actual", "Actual"
        ESTIMATED = "estimated", "Estimated"

    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="updates")
    recommendation = models.ForeignKey("reviews.Recommendation", on_delete=models.PROTECT, related_name="updates")
    action = models.ForeignKey(
        "reviews.Action", on_delete=models.PROTECT, null=True, blank=True, related_name="updates",
        help_text="Set when progress is reported step by step (seed 001).",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.ASKED)
    evidence = models.TextField(blank=True)
    status_text = models.CharField(max_length=100, blank=True, help_text='The word used, e.g. "Achieved".')
    savings_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    savings_basis = models.CharField(max_length=10, choices=Basis.choices, blank=True)
    savings_text = models.CharField(max_length=300, blank=True, help_text='As written, e.g. "None".')
    level = models.ForeignKey(AssessmentLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="updates")
    assessment_reason = models.TextField(blank=True)
    revised_target_on = models.DateField(null=True, blank=True)
    revised_target_text = models.CharField(max_length=200, blank=True)
    # The steps a slipped update's revised date applies to; accepting the update revises their targets.
    revised_actions = models.ManyToManyField("reviews.Action", blank=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField(blank=True)
    finance_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finance_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every save through an operation, so two people editing at once cannot silently overwrite.
    version = models.PositiveIntegerField(default=1)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["round", "recommendation__order", "recommendation_id", "action_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "recommendation"], condition=models.Q(action__isnull=True),
                name="one_update_per_recommendation_per_round",
            ),
            models.UniqueConstraint(
                fields=["round", "action"], condition=models.Q(action__isnull=False),
                name="one_update_per_action_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} in {self.round}"

    @property
    def slipped(self) -> bool:
        return self.level is not None and self.level.meaning == AssessmentLevel.Meaning.SLIPPED

    def steps_to_revise(self) -> list:
        """The steps a slipped update's revised date applies to: its own step, or those the lead chose; if they chose
        none, the open steps due before the revised date (the ones that slipped)."""
        if self.action_id is not None:
            return [self.action]
        chosen = list(self.revised_actions.all())
        if chosen or self.revised_target_on is None:
            return chosen
        return [
            action for action in self.recommendation.actions.all()
            if action.completed_on is None and (action.current_target_on or action.target_on or self.revised_target_on)
            < self.revised_target_on
        ]

    def clean(self) -> None:
        """The assessment scale's rules: what each grade of progress must be backed by (drafts may be unfinished).

        An update read from a past paper is as the committee saw it, whether or not it met the scale's rules.
        """
        if self.level is None or self.state in {self.State.ASKED, self.State.DRAFT} or self.round.imported_from:
            return
        errors = {}
        meaning = self.level.meaning
        if meaning == AssessmentLevel.Meaning.SLIPPED:
            if not self.revised_target_on:
                errors["revised_target_on"] = (
                    "Enter the revised target date, as the work has slipped (words such as “TBC” may go beside it, "
                    "not instead of it)"
                )
            elif self.revised_target_on <= self.round.as_at_on:
                errors["revised_target_on"] = (
                    f"The revised target date must be after {self.round.as_at_on:%d/%m/%Y}, the date progress is "
                    "reported as at"
                )
            if not self.assessment_reason.strip():
                errors["assessment_reason"] = "Enter why the work has slipped"
        elif meaning == AssessmentLevel.Meaning.NOT_ACHIEVED:
            if not self.assessment_reason.strip():
                errors["assessment_reason"] = "Enter why the recommendation has not been achieved"
        elif meaning == AssessmentLevel.Meaning.COMPLETE:
            if not self.evidence.strip():
                errors["evidence"] = "Enter the evidence that the recommendation has been fully achieved"
        if errors:
            raise ValidationError(errors)


class Notice(TenantModel):
    """An e-mail to a person about a round, kept as the round's e-mail log: the request for updates, reminders before
    and after the deadline, a changed deadline, a cancelled round, figures to confirm, and an update returned.

    One request, reminder of each kind and call to confirm figures per person per round, so a scheduled run never
    sends the same one twice. Whether it has gone is the e-mail's state: a notice waiting or failed is not "sent".
    """

    class Kind(models.TextChoices):
        REQUEST = "request", "Request for updates"
        BEFORE_DEADLINE = "before_deadline", "Reminder before the deadline"
        OVERDUE = "overdue", "Reminder after the deadline"
        FIGURES = "figures", "Figures to confirm"
        DEADLINE_CHANGED = "deadline_changed", "New deadline"
        CANCELLED = "cancelled", "Round cancelled"
        RETURNED = "returned", "Update returned"

    ONCE_EACH = (Kind.REQUEST, Kind.BEFORE_DEADLINE, Kind.OVERDUE, Kind.FIGURES)

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="notices")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.ForeignKey("core.Email", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["round", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "recipient", "kind"], condition=models.Q(kind__in=["request", "before_deadline",
                                                                                    "overdue", "figures"]),
                name="one_notice_of_a_kind_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient} for {self.round}"

    @property
    def sent_at(self):
        """When it went; notices from before the outbox were sent as they were made."""
        if self.email_id is None:
            return self.created_at
        return self.email.sent_at
