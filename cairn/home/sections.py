"""The home page's sections for each role: what each person needs first, each section a constant number of queries
that read only the rows it shows (and counts). A person with several roles sees each of their sections."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from cairn.accounts.models import Role
from cairn.accounts.permissions import can_manage_rounds
from cairn.programmes.access import reports_asked_of
from cairn.programmes.models import Milestone, Programme, Project, ProjectUpdate, Rag
from cairn.reviews.models import ProgressUpdate, ReportingRound
from cairn.reviews.round_access import figures_to_confirm, updates_asked_of

PROGRAMMES_SHOWN = 20
SHOWN = 10  # rows a list on the home page shows; the rest are counted and a link leads to them
OPEN_ROUNDS = [ReportingRound.State.COLLECTING, ReportingRound.State.IN_REVIEW]


@dataclass
class Shown:
    rows: list
    count: int  # how many there are in all

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


def _shown(queryset, limit: int = SHOWN) -> Shown:
    # Always counted, so the page asks the same questions however many rows there are.
    return Shown(list(queryset[:limit]), queryset.count())


def sees_recommendations(user) -> bool:
    """The council's recommendations at a glance: for everyone but a person whose only role is programme manager,
    whose home is about programmes."""
    return user.has_role(*(role for role in Role.values if role != Role.PROGRAMME_MANAGER))


def asked_of(organisation, user) -> dict:
    """What is asked of this person now: progress updates as a recommendation's lead, highlight reports as a
    project's lead (or its programme's manager where the project has no lead), figures to confirm as finance manager."""
    return {
        "my_items": _shown(updates_asked_of(user)),
        "my_reports": _shown(reports_asked_of(user)),
        "to_confirm": _shown(figures_to_confirm(user)),
    }


def programmes_managed(organisation, user, today: dt.date) -> dict:
    """The programmes this person manages, each with its projects by RAG, its highlight reports in open rounds by
    state and its milestones slipping; the red and amber projects and the slipping milestones, worst first."""
    managed = Programme.objects.for_organisation(organisation).filter(manager=user).order_by("name", "pk")
    programmes = _shown(
        managed.annotate(
            projects_count=Count("projects"),
            red=Count("projects", filter=Q(projects__rag=Rag.RED)),
            amber=Count("projects", filter=Q(projects__rag=Rag.AMBER)),
            green=Count("projects", filter=Q(projects__rag=Rag.GREEN)),
            complete=Count("projects", filter=Q(projects__rag=Rag.BLUE)),
        ),
        PROGRAMMES_SHOWN,
    )
    shown = managed.values("pk")[:PROGRAMMES_SHOWN]
    reports = (
        ProjectUpdate.objects.for_organisation(organisation)
        .filter(project__programme__in=shown, round__state__in=OPEN_ROUNDS)
        .values("project__programme_id", "state").annotate(n=Count("id")).order_by()
    )
    tallies = {programme.pk: {state: 0 for state in ProjectUpdate.State.values} for programme in programmes.rows}
    for row in reports:
        tallies[row["project__programme_id"]][row["state"]] += row["n"]
    slipping = slipping_milestones(organisation, today).filter(project__programme__in=managed.values("pk"))
    slipping_by_programme = dict(
        slipping.filter(project__programme__in=shown)
        .values("project__programme_id").annotate(n=Count("id")).order_by().values_list("project__programme_id", "n")
    )
    for programme in programmes.rows:
        programme.reports = tallies[programme.pk]
        programme.slipping = slipping_by_programme.get(programme.pk, 0)
    off_track = (
        Project.objects.for_organisation(organisation)
        .filter(programme__in=managed.values("pk"), rag__in=[Rag.RED, Rag.AMBER])
        .select_related("programme")
        .order_by(Case(When(rag=Rag.RED, then=Value(0)), default=Value(1), output_field=IntegerField()),
                  "programme__name", "order", "pk")
    )
    return {
        "managed_programmes": programmes,
        "managed_off_track": _shown(off_track),
        "managed_slipping": _shown(
            slipping.select_related("project__programme").order_by(F("current_due_on").asc(nulls_last=True), "pk")
        ),
    }


def slipping_milestones(organisation, today: dt.date):
    """Milestones not done that are off track, past their due date, or due later than the date first agreed."""
    return (
        Milestone.objects.for_organisation(organisation)
        .filter(completed_on__isnull=True).exclude(state=Milestone.State.COMPLETED)
        .filter(Q(state=Milestone.State.OFF) | Q(current_due_on__lt=today) | Q(current_due_on__gt=F("due_on")))
    )


def rounds_to_check(organisation) -> dict:
    """Rounds collecting or in review, soonest deadline first, with how many updates or highlight reports are at each
    state: what is submitted waits for the officer's check."""
    rounds = ReportingRound.objects.for_organisation(organisation).filter(state__in=OPEN_ROUNDS).order_by("deadline_on", "pk")
    shown = _shown(rounds)
    by_round: dict[int, dict[str, int]] = {r.pk: {state: 0 for state in ProgressUpdate.State.values} for r in shown.rows}
    # Review rounds ask for progress updates, programme rounds for projects' highlight reports.
    for model in (ProgressUpdate, ProjectUpdate):
        tallies = model.objects.filter(round__in=rounds.values("pk")[:SHOWN]).values("round_id", "state").annotate(n=Count("id")).order_by()
        for row in tallies:
            by_round[row["round_id"]][row["state"]] += row["n"]
    return {"rounds": [(r, by_round[r.pk]) for r in shown.rows], "rounds_more": shown.more}


def for_person(request, today: dt.date) -> dict:
    """The context of every section this person's roles call for."""
    organisation, user = request.organisation, request.user
    context = {
        **asked_of(organisation, user),
        "is_lead": user.has_role(Role.LEAD_OFFICER),
        "is_finance": user.has_role(Role.FINANCE_MANAGER),
        "is_programme_manager": user.has_role(Role.PROGRAMME_MANAGER),
        "checks_rounds": can_manage_rounds(user),
        "sees_recommendations": sees_recommendations(user),
    }
    if context["is_programme_manager"]:
        context.update(programmes_managed(organisation, user, today))
    if context["checks_rounds"]:
        context.update(rounds_to_check(organisation))
    return context
