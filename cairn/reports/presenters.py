"""What each table of a paper says, cell by cell, shared by the Word and PDF renderers so the two always agree.

Pure functions over report data: no queries, no file formats. Widths are millimetres on an A4 landscape page
with 15 mm margins (267 mm of text width).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, When
from django.db.models.functions import ExtractYear
from markupsafe import Markup

from cairn.accounts.permissions import can_see_unpublished_updates, can_view_records
from cairn.lib.dates import FinancialYear, format_uk
from cairn.lib.money import format_pounds
from cairn.programmes.models import ProjectUpdate
from cairn.reviews.models import ProgressUpdate, ReportingRound, SavingEstimate

from .charts import assessment_chart, indicator_chart, savings_chart, to_svg
from .colours import rag_tag, tag
from .data import (
    ActionPlanReport,
    HighlightReport,
    IndicatorRow,
    Level,
    PhaseKey,
    ProgressUpdateReport,
    ProjectSection,
    Reading,
    RecommendationRow,
    Tally,
)

TEXT_WIDTH = 267
WHITE = "#ffffff"
MILESTONE_COLOURS = {"on": "green", "off": "red", "completed": "blue"}
MEANINGS = {
    "complete": "Complete: fully achieved",
    "on_track": "On track to be achieved",
    "slipped": "Slipped: a revised target date and a reason are given",
    "not_achieved": "Not achieved: a reason is given",
}


@dataclass
class Cell:
    """One table cell: its paragraphs, an optional (fill, text) colour pair, and whether its first line is bold."""

    lines: list[str] = field(default_factory=list)
    shading: tuple[str, str] | None = None
    bold_first: bool = False
    centred: bool = False


@dataclass
class Table:
    caption: str  # what the table holds, for screen readers
    headings: list[str]
    widths: list[float]  # millimetres
    rows: list  # each a list of Cells, or a str: a full-width group heading (an objective)
    small: bool = False


def long_date(value: dt.date | None) -> str:
    """2 May 2012, as a cover report writes the meeting date."""
    return f"{value.day} {value:%B %Y}" if value else ""


def uk_date(value: dt.date | None) -> str:
    return format_uk(value)


def money(value: Decimal | None) -> str:
    return format_pounds(value)


# Progress update (seed 000) -------------------------------------------------------------------------------------


def progress_headings(report: ProgressUpdateReport) -> list[str]:
    """Seed 000's eleven column headings, dated as at the round."""
    as_at = format_uk(report.as_at)
    scale = f" ({report.scale_name})" if report.scale_name else ""
    return [
        "No", "Recommendation", "Proposed Actions", "Success Measures", "Saving / Cost", "Lead Responsibility",
        "Finance Manager", "Completion Date", f"Evidence of Progress {as_at}",
        f"Savings / Costs to Date (actual or estimated) {as_at}", f"Assessment of Progress{scale} {as_at}",
    ]


def progress_table(report: ProgressUpdateReport) -> Table:
    rows = []
    for row in _with_objectives(report.rows):
        if isinstance(row, str):
            rows.append(row)
            continue
        assessment = Cell(bold_first=True)
        for level, heading, lines in assessment_parts(row):
            assessment.lines += [heading, *lines]
            assessment.shading = assessment.shading or (tag(level.colour) if level else None)
        rows.append([
            Cell([row.number]), Cell([row.text]), Cell(action_lines(row)), Cell(measure_lines(row)),
            Cell(saving_lines(row)), Cell(lead_lines(row)), Cell([row.finance_manager]), Cell(target_lines(row)),
            Cell(evidence_lines(row)), Cell(savings_to_date_lines(row)), assessment,
        ])
    return Table(
        caption=f"Progress on the recommendations of {report.review}",
        headings=progress_headings(report),
        widths=[8, 38, 33, 25, 22, 24, 19, 19, 38, 19, 22],
        rows=rows,
    )


def scale_key_table(report: ProgressUpdateReport) -> Table:
    return Table(
        caption="Key to the assessment scale",
        headings=["Assessment", "Meaning"],
        widths=[70, 120],
        rows=[[Cell([level_heading(level)], tag(level.colour), True), Cell([level_meaning(level)])] for level in report.levels],
    )


def summary_table(report: ProgressUpdateReport) -> Table:
    return Table(
        caption="Number of updates given each assessment",
        headings=["Assessment", "Number of updates"],
        widths=[70, 40],
        rows=[
            [Cell([level_heading(t.level)], tag(t.level.colour if t.level else "grey"), True), Cell([str(t.count)])]
            for t in report.tallies
        ],
    )


def figures_table(report: ProgressUpdateReport) -> Table | None:
    """Each savings or costs figure given, and the finance manager who confirmed it (or that nobody has)."""
    rows = []
    for row in report.rows:
        for progress in row.progress:
            if progress.savings_amount is None:
                continue
            label = row.number + (f" step {progress.step}" if progress.step else "")
            confirmed = f"Confirmed by {progress.finance_confirmed_by}" if progress.finance_confirmed_by else "Not confirmed"
            rows.append([Cell([label]), Cell([progress.savings_to_date]), Cell([confirmed])])
    if not rows:
        return None
    return Table(
        caption="Savings or costs to date, and whether a finance manager confirmed them",
        headings=["No", "Savings or costs to date", "Finance check"], widths=[25, 80, 70], rows=rows,
    )


def unchecked_lines(report: ProgressUpdateReport) -> list[str]:
    """The updates published without being checked and accepted, named, so the committee knows."""
    return report.unchecked


# What changed since the last committee (both papers) ----------------------------------------------------------

CHANGES_HEADING = "What changed since the last committee"
CHANGES_HEADINGS = ["No", "What changed", "Before", "Now"]


def changes_intro(report: ProgressUpdateReport | HighlightReport) -> str:
    """The sentence that opens the section: which round it compares with, and how much changed."""
    changes = report.changes
    as_at = format_uk(dt.date.fromisoformat(changes.previous_as_at)) if changes.previous_as_at else ""
    compared = f"Compared with “{changes.previous_title}”" + (f" (as at {as_at})" if as_at else "")
    if not changes.changes:
        return f"{compared}: nothing reported has changed."
    counts = "; ".join(f"{label.lower()}: {count}" for label, count in changes.counts())
    return f"{compared}. {counts}."


def changes_table(report: ProgressUpdateReport | HighlightReport) -> Table | None:
    """Each change since the previous published round, in the order members read them; None when nothing did."""
    if report.changes is None or not report.changes.changes:
        return None
    return Table(
        caption=CHANGES_HEADING,
        headings=CHANGES_HEADINGS,
        widths=[40, 45, 91, 91],
        rows=[[Cell([c.subject]), Cell([c.label], bold_first=True), Cell([c.before]), Cell([c.now])]
              for c in report.changes.changes],
    )


# Action plan (seed 002) -----------------------------------------------------------------------------------------

ACTION_PLAN_HEADINGS = [
    "No.", "Recommendation", "Proposed Actions/Progress", "Success Measures", "Savings/Cost",
    "Lead Responsibility", "Finance Manager", "Completion Date",
]


def action_plan_table(report: ActionPlanReport) -> Table:
    rows = []
    for row in _with_objectives(report.rows):
        if isinstance(row, str):
            rows.append(row)
            continue
        rows.append([
            Cell([row.number]), Cell([row.text]), Cell(action_lines(row, with_progress_notes=True)),
            Cell(measure_lines(row)), Cell(saving_lines(row)), Cell(lead_lines(row)), Cell([row.finance_manager]),
            Cell(target_lines(row)),
        ])
    return Table(
        caption=report.table_title, headings=ACTION_PLAN_HEADINGS, widths=[11, 56, 52, 36, 36, 35, 21, 20], rows=rows
    )


def cover_contacts(report: ActionPlanReport | ProgressUpdateReport) -> list[tuple[str, str]]:
    """The contact officer lines of a cover report, as (label, value), leaving out any not given."""
    cover = report.cover
    if cover is None:
        return []
    lines = [
        ("Name of Contact Officer:", cover.contact_name), ("Post Title:", cover.contact_post),
        ("Telephone No.", cover.contact_phone), ("Email Address:", cover.contact_email),
    ]
    return [(label, value) for label, value in lines if value]


# Highlight report (seed 003) ------------------------------------------------------------------------------------


def project_label(project: ProjectSection) -> str:
    """'1 – Early help and prevention at a neighbourhood level', as a project's section is headed."""
    return f"{project.number} – {project.name}" if project.number else project.name


def project_short(project: ProjectSection) -> str:
    return f"{project.number}. {project.short_name}" if project.number else project.short_name


def headline_table(report: HighlightReport) -> Table:
    return Table(
        caption="Headline summary of project position",
        headings=["Project", "RAG", "Risk area"],
        widths=[100, 30, 137],
        rows=[
            [Cell([project_short(p)]), Cell([p.rag_label or "Not rated"], rag_tag(p.rag), True), Cell([p.risk_area])]
            for p in report.projects
        ],
    )


def project_facts(project: ProjectSection) -> list[tuple[str, str]]:
    facts = [("Resources:", project.resources), ("Lead:", project.lead), ("Impact:", project.impact)]
    return [(label, value) for label, value in facts if value]


def phase_grid_table(report: HighlightReport, project: ProjectSection) -> Table:
    """The project's month grid (seed 003): each month's cell the phase's letter on its colour."""
    name_width = 40
    month_width = (TEXT_WIDTH - name_width) / max(len(report.months), 1)
    label = f"{project.number}: {project.short_name}" if project.number else project.short_name
    return Table(
        caption=f"Phase of {project.short_name} in each month",
        headings=["Project"] + [month.strftime("%b %y") for month in report.months],
        widths=[name_width] + [month_width] * len(report.months),
        rows=[[Cell([label])] + [_phase_cell(phase) for phase in project.plan]],
        small=True,
    )


def _phase_cell(phase: PhaseKey | None) -> Cell:
    """A month of the grid: the phase's letter in white on its colour (the colours are dark enough for that)."""
    if phase is None:
        return Cell()
    return Cell([phase.letter], (phase.colour, WHITE), bold_first=True, centred=True)


def milestones_table(project: ProjectSection) -> Table:
    return Table(
        caption=f"Milestones of {project.short_name}",
        headings=["Date", "Activity", "On/Off"],
        widths=[35, 190, 42],
        rows=[
            [Cell([m.date, f"(first agreed {m.first_agreed})"] if m.first_agreed else [m.date]), Cell([m.activity]),
             Cell([m.state_label], tag(MILESTONE_COLOURS.get(m.state, "grey")) if m.state_label else None, True)]
            for m in project.milestones
        ],
    )


def indicators_table(project: ProjectSection) -> Table:
    """Seed 003's Metric, Now and RAG; the period of "Now" goes in the heading when every measure shares it."""
    periods = {i.period for i in project.indicators if i.value}
    shared = periods.pop() if len(periods) == 1 else ""

    def now(indicator: IndicatorRow) -> str:
        value = indicator_value(indicator)
        return f"{value} ({indicator.period})" if value and indicator.period and not shared else value

    return Table(
        caption=f"Measures of {project.short_name}",
        headings=["Metric", f"Now ({shared})" if shared else "Now", "RAG"],
        widths=[170, 55, 42],
        rows=[
            [Cell([i.name] + ([i.description] if i.description else []) + ([i.benchmark] if i.benchmark else [])),
             Cell([now(i)]),
             Cell([i.rag_label], rag_tag(i.rag), True) if i.rag else Cell()]
            for i in project.indicators
        ],
    )


def money_table(project: ProjectSection) -> Table:
    budget = money(project.budget) or project.resources
    return Table(
        caption=f"Budget, spending and savings of {project.short_name}",
        headings=["", "£"],
        widths=[40, 60],
        rows=[
            [Cell(["Budget"], bold_first=True), Cell([budget])],
            [Cell(["Spent"], bold_first=True), Cell([money(project.spent)])],
            [Cell(["Savings"], bold_first=True), Cell([money(project.savings)])],
        ],
    )


# Cell text ------------------------------------------------------------------------------------------------------


def _with_objectives(rows: list[RecommendationRow]) -> list:
    """The rows, with each new objective as a group heading before the first row under it (seed 001)."""
    result, objective = [], None
    for row in rows:
        if row.objective and row.objective != objective:
            result.append(row.objective)
        objective = row.objective
        result.append(row)
    return result


def _step_lines(lines: list[str]) -> list[str]:
    # One paragraph per step, as the papers print them; a step with no words of its own leaves no line.
    return [line for line in lines if line]


def lead(row: RecommendationRow) -> str:
    """The lead as the paper names them: the post as written, else the linked person."""
    return row.lead_name or row.lead


def lead_lines(row: RecommendationRow) -> list[str]:
    """The recommendation's lead, then each step led by someone else, labelled ("Step 3: Service Manager")."""
    return [lead(row)] + [
        f"{_step_prefix(step.number)}{step.lead_name}" for step in row.steps
        if step.lead_name and step.lead_name != lead(row)
    ]


def action_lines(row: RecommendationRow, *, with_progress_notes: bool = False) -> list[str]:
    """A row's steps, a paragraph each; with their progress notes, each line of a note a paragraph below its step.

    Where notes are printed under several steps, each step is labelled ("Step 2: Recruit ..."), as the progress update
    labels its evidence: a note may run to several paragraphs, and the label is what tells the next step from them.
    """
    labelled = with_progress_notes and len(row.steps) > 1
    lines = []
    for step in row.steps:
        lines.append(f"{_step_prefix(step.number)}{step.text}".rstrip() if labelled else step.text)
        if with_progress_notes:
            lines += step.progress_note.split("\n")
    return _step_lines(lines)


def measure_lines(row: RecommendationRow) -> list[str]:
    return _step_lines([step.success_measure for step in row.steps])


def target_lines(row: RecommendationRow) -> list[str]:
    # The council's own words for a date when it has them ("April 2010"), else the date as held.
    return _step_lines([
        (step.target_text or step.target) + "".join(f" (revised: {revised})" for revised in step.revised)
        for step in row.steps
    ])


def saving_lines(row: RecommendationRow) -> list[str]:
    return [saving.text for saving in row.savings] or ["None"]


def _step_prefix(step: int | None) -> str:
    return f"Step {step}: " if step else ""


def evidence_lines(row: RecommendationRow) -> list[str]:
    return [_step_prefix(p.step) + p.evidence for p in row.progress if p.evidence]


def savings_to_date_lines(row: RecommendationRow) -> list[str]:
    return [_step_prefix(p.step) + p.savings_to_date for p in row.progress if p.savings_to_date]


def assessment_parts(row: RecommendationRow) -> list[tuple[Level | None, str, list[str]]]:
    """Each assessment as (level, its heading, the lines below it: reason, status, revised target)."""
    parts = []
    for progress in row.progress:
        heading = f"{progress.level.code} {progress.level.label}" if progress.level else "Not assessed"
        lines = [line for line in (progress.reason, progress.status_text) if line]
        if progress.revised_target:
            lines.append(f"Revised target: {progress.revised_target}")
        parts.append((progress.level, _step_prefix(progress.step) + heading, lines))
    return parts or [(None, "No update", [])]


def indicator_value(indicator: IndicatorRow) -> str:
    if not indicator.value:
        return ""
    return f"{indicator.value}%" if indicator.unit == "%" else f"{indicator.value} {indicator.unit}".strip()


def level_heading(level: Level | None) -> str:
    return f"{level.code} {level.label}" if level else "Not yet assessed"


def level_meaning(level: Level) -> str:
    return MEANINGS.get(level.meaning, level.meaning.replace("_", " ").capitalize())


# A record's page links its newest papers; a page of its own lists them all (a review reported on for years has
# a paper for each of a hundred rounds).
NEWEST_PAPERS = 5


def _rounds_seen_by(user, rounds):
    """The rounds of `rounds` whose papers this person may download (as `can_view_round` decides), newest first."""
    if not can_view_records(user):
        return rounds.none()
    if not can_see_unpublished_updates(user):
        rounds = rounds.filter(state__in=[ReportingRound.State.IN_REVIEW, ReportingRound.State.PUBLISHED])
    return rounds.order_by("-as_at_on", "-pk")


def review_rounds(review, user):
    """The rounds reporting on a review that this person may see, newest first."""
    reporting = ProgressUpdate.objects.filter(recommendation__review=review).values("round_id")
    return _rounds_seen_by(user, ReportingRound.objects.filter(pk__in=reporting))


def programme_rounds(programme, user):
    """The rounds with highlight reports of a programme's projects that this person may see, newest first."""
    reporting = ProjectUpdate.objects.filter(project__programme=programme).values("round_id")
    return _rounds_seen_by(user, ReportingRound.objects.filter(pk__in=reporting))


def progress_papers(review, rounds) -> list[tuple[str, str, int, int | None]]:
    return [
        (f"Progress update as at {round_.as_at_on:%d/%m/%Y} ({round_.get_state_display().lower()})",
         "progress-update", review.pk, round_.pk)
        for round_ in rounds
    ]


def highlight_papers(programme, rounds) -> list[tuple[str, str, int, int | None]]:
    return [
        (f"Highlight report, {round_.period_label or round_.as_at_on.strftime('%d/%m/%Y')} ({round_.get_state_display().lower()})",
         "highlight", programme.pk, round_.pk)
        for round_ in rounds
    ]


def _newest(rounds) -> tuple[list, bool]:
    """The newest rounds a record's page links, and whether there are more (one query: one round more than shown)."""
    found = list(rounds[: NEWEST_PAPERS + 1])
    return found[:NEWEST_PAPERS], len(found) > NEWEST_PAPERS


def review_downloads(review, user) -> tuple[list[tuple[str, str, int, int | None]], bool]:
    """The papers a review's page links (its action plan, and its progress in the newest rounds the person may see),
    and whether older rounds have papers too."""
    rounds, more = _newest(review_rounds(review, user))
    return [("Action plan with cover report", "action-plan", review.pk, None), *progress_papers(review, rounds)], more


def programme_downloads(programme, user) -> tuple[list[tuple[str, str, int, int | None]], bool]:
    """The highlight reports a programme's page links (those of the newest rounds the person may see), and whether
    older rounds have reports too."""
    rounds, more = _newest(programme_rounds(programme, user))
    return highlight_papers(programme, rounds), more


def assessment_chart_svg(rows: list[dict]) -> Markup:
    """The home page's assessment counts ({"level", "count"} rows) as an accessible SVG bar chart."""
    tallies = [
        Tally(Level(row["level"].code, row["level"].label, row["level"].meaning, row["level"].colour) if row["level"] else None,
              row["count"])
        for row in rows
    ]
    return Markup(to_svg(assessment_chart(tallies)))


def indicator_chart_svg(indicator, last: int = 12) -> Markup:
    """An indicator's last readings (prefetched newest first) against its target, as an accessible SVG chart."""
    readings = [r for r in list(indicator.readings.all())[:last] if r.value is not None][::-1]
    if not readings:
        return Markup("")
    latest = readings[-1]
    target = indicator.target if indicator.target is not None else indicator.green_from
    row = IndicatorRow(
        name=indicator.name, description=indicator.description, unit=indicator.unit, value=str(latest.value),
        value_number=latest.value, rag=latest.rag, rag_label=latest.get_rag_display(), period=latest.period_label,
        target=target, target_label="Target" if indicator.target is not None else "Green from",
        readings=[Reading(r.period_label or r.period_start.strftime("%b %y"), r.value) for r in readings],
    )
    return Markup(to_svg(indicator_chart(row)))


def savings_by_year(review) -> list[tuple[str, Decimal, Decimal]]:
    """For each financial year the review reported in: its yearly estimate, and savings reported as actual.

    The estimate is the sum of the review's estimates per year (the upper figure where a range is given; a one-off
    counts in the first year). The achieved figure is the latest actual amount each recommendation reported in that
    year's published rounds.
    """
    published = ReportingRound.objects.filter(state=ReportingRound.State.PUBLISHED, updates__recommendation__review=review)
    # The financial years (April to March) the review's published rounds fall in, a row a year.
    starts = published.order_by().annotate(
        starts=Case(When(as_at_on__month__gte=4, then=ExtractYear("as_at_on")), default=ExtractYear("as_at_on") - 1)
    ).values_list("starts", flat=True).distinct()
    latest: dict[FinancialYear, dict[int, Decimal]] = {FinancialYear(start): {} for start in starts}
    # Only the figures reported as actual are read, oldest first, so each recommendation's latest in a year stands.
    actual = (
        ProgressUpdate.objects.filter(recommendation__review=review, round__state=ReportingRound.State.PUBLISHED,
                                      savings_basis=ProgressUpdate.Basis.ACTUAL, savings_amount__isnull=False)
        .order_by("round__as_at_on", "round_id").values_list("round__as_at_on", "recommendation_id", "savings_amount")
    )
    for as_at_on, recommendation_id, amount in actual:
        latest[FinancialYear.of(as_at_on)][recommendation_id] = amount
    if not latest:
        return []
    estimates = list(SavingEstimate.objects.filter(review=review, kind=SavingEstimate.Kind.SAVING))
    first = min(latest)
    rows = []
    for year in sorted(latest):
        estimated = sum(
            ((e.max_amount if e.max_amount is not None else e.min_amount) or Decimal(0))
            for e in estimates
            if e.period != SavingEstimate.Period.ONE_OFF or year == first
        )
        rows.append((str(year), Decimal(estimated), sum(latest[year].values(), Decimal(0))))
    return rows


def savings_chart_svg(review) -> Markup:
    rows = savings_by_year(review)
    return Markup(to_svg(savings_chart(rows))) if rows else Markup("")
