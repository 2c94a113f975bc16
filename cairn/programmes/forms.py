"""Forms for creating and changing programmes, projects, phase plans, milestones, indicators, budgets and risks.

Each form's cleaned data are the keyword arguments of the operation it feeds; choices and people come from the
user's own council only.
"""

import datetime as dt
from decimal import Decimal

from django import forms
from django.core import signing
from django.utils import timezone

from cairn.benchmarks.models import Measure
from cairn.core.forms import (
    PRECISION_CHOICES,
    MoneyField,
    PersonField,
    PlainTextField,
    UKDateField,
    clean_dated,
    people,
)
from cairn.lib.dates import FinancialYear, add_months, month_start
from cairn.reviews.models import Committee

from .models import Indicator, Milestone, Phase, Programme, Project, Rag, Risk
from .rag_rules import describe_rules, parse_rules
from .reading_sheets import SheetError, read_readings

RAG_CHOICES = [("", "Not rated"), *Rag.choices]


class ProgrammeForm(forms.Form):
    name = PlainTextField(label="Name", max_length=300, error_messages={"required": "Enter the programme's name"})
    summary = PlainTextField(label="Summary", widget=forms.Textarea, required=False)
    manager = PersonField(label="Programme manager", empty_label="No manager yet",
                          help_text="A programme manager named here can change the programme and its projects.")
    board = forms.ModelChoiceField(label="Board", queryset=Committee.objects.none(), required=False,
                                   empty_label="Not set", help_text="The board that receives its highlight reports.")
    starts_on = UKDateField(label="First month of the phase plan", required=False,
                            help_text="Any day in the month, for example 1/4/2026.")
    ends_on = UKDateField(label="Last month of the phase plan", required=False,
                          help_text="Any day in the month, for example 31/3/2028.")

    def __init__(self, organisation, *args, can_name_manager: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Committee.objects.for_organisation(organisation)
        if can_name_manager:
            self.fields["manager"].queryset = people(organisation)
        else:
            # A programme manager cannot hand their programme to someone else (or take someone else's).
            del self.fields["manager"]

    def clean(self):
        data = super().clean()
        for name in ("starts_on", "ends_on"):
            if data.get(name):
                data[name] = month_start(data[name])
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The last month must be the same as or after the first month")
        return data


class ProjectForm(forms.Form):
    number = PlainTextField(label="Number", max_length=20, required=False)
    name = PlainTextField(label="Name", max_length=300, error_messages={"required": "Enter the project's name"})
    short_name = PlainTextField(label="Short name", max_length=100, required=False,
                                help_text='As in the headline table, for example "Early Help".')
    objective = PlainTextField(label="Objective", widget=forms.Textarea, required=False)
    key_elements = PlainTextField(label="Key elements", widget=forms.Textarea, required=False,
                                  help_text="One element per line.")
    budget = MoneyField(label="Budget", required=False)
    budget_text = PlainTextField(label="Budget, as written", max_length=200, required=False,
                                 help_text='Only if it is not a single amount, for example "N/A".')
    other_resources = PlainTextField(label="Other resources", widget=forms.Textarea, required=False,
                                     help_text="People, teams and buildings needed, one per line.")
    impact = PlainTextField(label="Impact", widget=forms.Textarea, required=False)
    lead = PersonField(label="Project lead")
    lead_name = PlainTextField(label="Lead, as written", max_length=200, required=False)
    rag = forms.ChoiceField(label="RAG status", choices=RAG_CHOICES, required=False)
    risk_area = PlainTextField(label="Headline risk", max_length=300, required=False,
                               help_text="The risk area shown in the programme's summary table.")
    voice_and_feedback = PlainTextField(label="Voice and feedback", widget=forms.Textarea, required=False)
    order = forms.IntegerField(label="Position in the programme", min_value=0, initial=0, required=False)

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = people(organisation)

    def clean_order(self) -> int:
        return self.cleaned_data["order"] or 0


PLAN_MONTHS = 12  # a year of the plan at a time keeps the grid (and the number of fields posted) manageable


def plan_window(programme: Programme, today: dt.date, start: str | None) -> tuple[list[dt.date], dt.date | None, dt.date | None]:
    """A year of the phase plan to edit, and where the years before and after it start (None past the plan's ends).

    `start` is "YYYY-MM" from the address; without it, the plan's first month (or this month, if it has none).
    """
    first = month_start(programme.starts_on) if programme.starts_on else None
    last = month_start(programme.ends_on) if programme.ends_on else None
    try:
        begin = dt.datetime.strptime(start or "", "%Y-%m").date()
    except ValueError:
        begin = first or month_start(today)
    if first is not None:
        begin = max(begin, first)
    if last is not None:
        begin = min(begin, last)
    months = [month for month in (add_months(begin, n) for n in range(PLAN_MONTHS)) if last is None or month <= last]
    earlier = add_months(begin, -PLAN_MONTHS)
    if first is not None:
        earlier = None if begin <= first else max(earlier, first)
    later = add_months(months[-1], 1) if last is None or months[-1] < last else None
    return months, earlier, later


class PhasePlanForm(forms.Form):
    """A select per project per month, offering the letters of the programme's legend."""

    def __init__(self, projects: list[Project], phases: list[Phase], months: list[dt.date], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects, self.months = projects, months
        letters = {phase.pk: phase.letter for phase in phases}
        choices = [("", "None"), *((phase.letter, f"{phase.letter} – {phase.name}") for phase in phases)]
        legend = ", ".join(phase.letter for phase in phases)
        for project in projects:
            planned = {entry.month: letters.get(entry.phase_id, "") for entry in project.phase_plan.all()}
            for month in months:
                self.fields[self.field_name(project, month)] = forms.ChoiceField(
                    label=f"{project}, {month:%B %Y}", choices=choices, required=False, initial=planned.get(month, ""),
                    error_messages={
                        "invalid_choice": f"Select a phase from the legend ({legend}) for {project} in {month:%B %Y}"
                    },
                )

    @staticmethod
    def field_name(project: Project, month: dt.date) -> str:
        return f"plan_{project.pk}_{month:%Y_%m}"

    def rows(self) -> list[tuple[dt.date, list]]:
        """Month by month, the bound select of each project."""
        return [(month, [self[self.field_name(project, month)] for project in self.projects]) for month in self.months]

    def plan(self) -> dict[Project, dict[dt.date, str]]:
        return {
            project: {month: self.cleaned_data[self.field_name(project, month)] for month in self.months}
            for project in self.projects
        }


class MilestoneForm(forms.Form):
    """A milestone. Its due date is set here once, as first agreed; later changes are revisions with a reason."""

    activity = PlainTextField(label="Activity", widget=forms.Textarea,
                              error_messages={"required": "Enter the milestone's activity"})
    starts_on = UKDateField(label="Starts on", required=False, help_text='For a span such as "March to July 2027".')
    due_on = UKDateField(label="Due date", required=False,
                         help_text="For example, 31/3/2027. For a month or a year, any day in it will do.")
    due_precision = forms.ChoiceField(label="How precise is the due date?", choices=PRECISION_CHOICES,
                                      widget=forms.RadioSelect, initial="day", required=False)
    due_text = PlainTextField(label="Due date, as written", max_length=100, required=False,
                              help_text='For example, "Mid Feb 2027" or "To be agreed".')
    owner = PersonField(label="Owner", empty_label="Nobody named")
    owner_name = PlainTextField(label="Owner, as written", max_length=200, required=False,
                                help_text="Only if the owner is not someone who uses Cairn, for example a partner.")
    state = forms.ChoiceField(label="State", choices=[("", "Not stated"), *Milestone.State.choices], required=False)
    state_text = PlainTextField(label="State, in the plan's own word", max_length=50, required=False,
                                help_text='For example, "Consulted".')
    completed_on = UKDateField(label="Date completed", required=False,
                               help_text="Giving the date marks the milestone completed.")
    order = forms.IntegerField(label="Position in the list", min_value=0, initial=0, required=False)

    def __init__(self, organisation, *args, was_completed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people(organisation)
        self.was_completed = was_completed

    def clean_order(self) -> int:
        return self.cleaned_data["order"] or 0

    def clean_completed_on(self):
        completed_on = self.cleaned_data["completed_on"]
        if completed_on and completed_on > timezone.localdate():
            raise forms.ValidationError("The date completed must be today or in the past")
        return completed_on

    def clean(self):
        data = super().clean()
        if "due_on" in self.fields:
            data["due_precision"] = data.get("due_precision") or "day"
            clean_dated(self, "due_on", "due_precision", "due_text")
            if data.get("starts_on") and data.get("due_on") and data["starts_on"] > data["due_on"]:
                self.add_error("starts_on", "The start must be on or before the due date")
        if data.get("completed_on"):
            data["state"] = Milestone.State.COMPLETED
        elif data.get("state") == Milestone.State.COMPLETED and not self.was_completed and not self.errors:
            # Completed from now on: when is part of the record (milestones imported as completed may have no date).
            self.add_error("completed_on", "Enter the date the milestone was completed")
        return data


class MilestoneEditForm(MilestoneForm):
    """A milestone's activity, owner, state and completion; its due date is changed by revising it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("due_on", "due_precision", "due_text"):
            del self.fields[name]


class ReviseDueForm(forms.Form):
    due_on = UKDateField(label="New due date", required=False,
                         help_text="For example, 31/3/2027. For a month or a year, any day in it will do.")
    due_precision = forms.ChoiceField(label="How precise is the new date?", choices=PRECISION_CHOICES,
                                      widget=forms.RadioSelect, initial="day", required=False)
    due_text = PlainTextField(label="New due date, as written", max_length=100, required=False,
                              help_text='For example, "End of March 2027" or "To be agreed".')
    reason = PlainTextField(label="Why has the due date changed?", widget=forms.Textarea,
                            error_messages={"required": "Enter why the due date has changed"})

    def clean(self):
        data = super().clean()
        data["due_precision"] = data.get("due_precision") or "day"
        clean_dated(self, "due_on", "due_precision", "due_text", required=True)
        return data


def _measure(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=14, decimal_places=3, required=False,
                              error_messages={"invalid": "Enter a number, like 75 or 12.5"}, **kwargs)


class RagRulesField(forms.CharField):
    """Ordered RAG rules written one a line (rag_rules.py), kept as a list."""

    widget = forms.Textarea

    def prepare_value(self, value):
        return describe_rules(value) if isinstance(value, list) else value

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_rules(text or "")
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class RagRuleBuilderForm(forms.Form):
    """The same ordered RAG rules as the typed ones (rag_rules.py), chosen a row at a time: when the rule holds
    (a share of the target, or better than the neighbours or England), and the RAG it gives."""

    TESTS = [("", "No rule"), ("target", "At least a share of the target"),
             ("neighbours", "Better than the neighbours' average"), ("england", "Better than England")]
    RAGS = [("G", "Green"), ("A", "Amber"), ("R", "Red")]
    # Not shown: it names the field these rows write, so that a change to the rules made meanwhile is refused.
    rag_rules = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        rules = indicator.rag_rules or []
        # Room for two rules more than it has (six at least); a change made meanwhile is refused as a stale edit.
        self.count = max(6, len(rules) + 2)
        for number in range(1, self.count + 1):
            rule = rules[number - 1] if number <= len(rules) else {}
            self.fields[f"rule_{number}_test"] = forms.ChoiceField(
                label=f"Rule {number}: when", choices=self.TESTS, required=False, initial=rule.get("test", ""))
            self.fields[f"rule_{number}_percent"] = forms.DecimalField(
                label=f"Rule {number}: % of target", required=False, min_value=0, max_digits=7, decimal_places=2,
                initial=rule.get("percent"), error_messages={"invalid": f"Rule {number}: enter a number, like 90"})
            self.fields[f"rule_{number}_rag"] = forms.ChoiceField(
                label=f"Rule {number}: RAG", choices=self.RAGS, initial=rule.get("rag", "G"))

    def rows(self) -> list[dict]:
        return [{"number": number, "test": self[f"rule_{number}_test"], "percent": self[f"rule_{number}_percent"],
                 "rag": self[f"rule_{number}_rag"]} for number in range(1, self.count + 1)]

    def clean(self):
        data = super().clean()
        rules = []
        for number in range(1, self.count + 1):
            test, percent = data.get(f"rule_{number}_test"), data.get(f"rule_{number}_percent")
            if not test:
                if percent is not None:
                    self.add_error(f"rule_{number}_test", f"Rule {number}: choose when it holds, or clear the %")
                continue
            if test == "target" and percent is None and f"rule_{number}_percent" not in self.errors:
                self.add_error(f"rule_{number}_percent", f"Rule {number}: enter the % of the target, like 90")
            elif test == "target" and self.indicator.target is None:
                self.add_error(f"rule_{number}_test",
                               f"Rule {number}: the indicator has no target; give it one first (change the indicator)")
            elif test != "target" and self.indicator.benchmark_id is None:
                self.add_error(f"rule_{number}_test", f"Rule {number}: the indicator has no benchmark; choose one "
                                                      "first (change the indicator)")
            elif test == "target" and percent is not None:
                rules.append({"rag": data[f"rule_{number}_rag"], "test": "target", "percent": f"{percent.normalize():f}"})
            elif test != "target":
                rules.append({"rag": data[f"rule_{number}_rag"], "test": test})
                if percent is not None:
                    self.add_error(f"rule_{number}_percent", f"Rule {number}: a % is only for a rule against the target")
        return {"rag_rules": rules}


class IndicatorForm(forms.Form):
    name = PlainTextField(label="Name", max_length=300, error_messages={"required": "Enter the indicator's name"})
    description = PlainTextField(label="Description", widget=forms.Textarea, required=False,
                                 help_text="What it measures and where the figures come from.")
    unit = PlainTextField(label="Unit", max_length=50, required=False, help_text='For example "%" or "children".')
    polarity = forms.ChoiceField(label="Which way is better?", choices=Indicator.Polarity.choices,
                                 widget=forms.RadioSelect, initial=Indicator.Polarity.NEUTRAL)
    target = _measure("Target")
    green_from = _measure("Green from", help_text="A value at least this good is green.")
    amber_from = _measure("Amber from", help_text="A value at least this good (but not green) is amber; worse is red.")
    frequency = forms.ChoiceField(label="How often it is measured", choices=Indicator.Frequency.choices,
                                  initial=Indicator.Frequency.MONTHLY)
    source_code = PlainTextField(label="Source code", max_length=100, required=False,
                                 help_text="For example, a DfE measure code.")
    reported_to = PlainTextField(label="Reported to", max_length=200, required=False, help_text='For example "Cabinet".')
    benchmark = forms.ModelChoiceField(
        label="Benchmark", required=False, queryset=Measure.objects.select_related("definition"),
        empty_label="None", help_text="A measure the DfE publishes for every council, to compare this indicator with.",
    )
    benchmark_la = PlainTextField(label="Local authority (DfE code)", max_length=20, required=False,
                                  help_text="The council's 3-digit DfE code, for example 808.")
    rag_rules = RagRulesField(
        label="RAG rules, in order", required=False,
        help_text='One a line; the first that holds gives the RAG, otherwise red. For example "Green if at least '
                  '100% of target", "Amber if at least 90% of target", "Green if better than neighbours", "Amber if '
                  'better than England". Where there are rules, they decide instead of the thresholds. (The '
                  'indicator\'s "RAG rules" page sets the same rules a row at a time.)',
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benchmark"].label_from_instance = lambda measure: f"{measure.label} ({measure.name})"

    def clean(self):
        data = super().clean()
        rules = data.get("rag_rules") or []
        if any(rule["test"] != "target" for rule in rules) and not data.get("benchmark"):
            self.add_error("rag_rules", "Choose a benchmark for the rules that compare with neighbours or England")
        if any(rule["test"] == "target" for rule in rules) and data.get("target") is None and "target" not in self.errors:
            self.add_error("rag_rules", "Enter a target for the rules that compare with it")
        green, amber = data.get("green_from"), data.get("amber_from")
        if (green is None) != (amber is None) and "green_from" not in self.errors and "amber_from" not in self.errors:
            self.add_error("amber_from" if amber is None else "green_from", "Enter both RAG thresholds, or neither")
        elif green is not None and amber is not None:
            polarity = data.get("polarity")
            if polarity == Indicator.Polarity.HIGHER and green < amber:
                self.add_error("green_from", "When higher is better, green must start at or above amber")
            if polarity == Indicator.Polarity.LOWER and green > amber:
                self.add_error("green_from", "When lower is better, green must start at or below amber")
        return data


class ReadingSheetForm(forms.Form):
    sheet = forms.FileField(label="Spreadsheet of readings", error_messages={"required": "Choose a spreadsheet"},
                            help_text="CSV or Excel (.xlsx): a header row with Period and Value (and Note, if you "
                                      "like), then one row a month. For example: Apr 26, 21.9.")

    def clean_sheet(self):
        upload = self.cleaned_data["sheet"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("The spreadsheet must be smaller than 2 MB")
        try:
            return read_readings(upload.name, upload.read())
        except SheetError as error:
            raise forms.ValidationError(str(error)) from None


SHEET_SALT = "cairn.programmes.reading-sheet"


def signed_sheet(indicator: Indicator, readings: list[dict]) -> str:
    """A sheet's rows as read, carried by the preview page to its confirmation unchanged (signed, for this indicator)."""
    rows = [{**row, "period_start": row["period_start"].isoformat(), "value": str(row["value"])} for row in readings]
    return signing.dumps({"indicator": indicator.pk, "rows": rows}, salt=SHEET_SALT, compress=True)


class ReadingSheetConfirmForm(forms.Form):
    """The preview's confirmation: the rows read from the sheet, and a reason for the figures they revise."""

    reason = PlainTextField(label="Why are the figures revised?", widget=forms.Textarea, required=False,
                            help_text="For the rows whose Note does not say. For example, the published figures "
                                      "replaced the provisional ones.")
    rows = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean_rows(self):
        try:
            sheet = signing.loads(self.cleaned_data["rows"], salt=SHEET_SALT, max_age=6 * 60 * 60)
        except signing.BadSignature:
            raise forms.ValidationError("The spreadsheet's rows could not be read back: upload it again") from None
        if sheet.get("indicator") != self.indicator.pk:
            raise forms.ValidationError("These rows were read for another indicator: upload the spreadsheet again")
        return [{**row, "period_start": dt.date.fromisoformat(row["period_start"]), "value": Decimal(row["value"])}
                for row in sheet["rows"]]


class ReadingRevisionForm(forms.Form):
    value = _measure("Value")
    value_low = _measure("Lowest value", help_text="Only for a reading given as a range.")
    value_high = _measure("Highest value")
    rag = forms.ChoiceField(label="RAG", choices=[("", "From the thresholds"), *Rag.choices], required=False)
    note = PlainTextField(label="Note", widget=forms.Textarea, required=False)
    reason = PlainTextField(label="Why is it revised?", widget=forms.Textarea,
                            help_text="For example, the published figure replaced the provisional one.",
                            error_messages={"required": "Say why the reading is revised"})

    def clean_rag(self):
        return self.cleaned_data["rag"] or None


class ReadingForm(forms.Form):
    period_start = UKDateField(label="First day of the period", help_text="For example, 1/4/2026.",
                               error_messages={"required": "Enter the first day of the period the reading covers"})
    period_label = PlainTextField(label="Period, as written", max_length=50, required=False,
                                  help_text='For example "Apr 26" or "2026-27".')
    value = _measure("Value")
    value_low = _measure("Lowest value", help_text="Only for a reading given as a range.")
    value_high = _measure("Highest value")
    rag = forms.ChoiceField(label="RAG", choices=[("", "From the thresholds"), *Rag.choices], required=False)
    note = PlainTextField(label="Note", widget=forms.Textarea, required=False)

    def clean_rag(self) -> str | None:
        # Empty means "work it out from the indicator's thresholds".
        return self.cleaned_data["rag"] or None

    def clean(self):
        data = super().clean()
        low, high = data.get("value_low"), data.get("value_high")
        if low is not None and high is not None and low > high:
            self.add_error("value_low", "The lowest value must not be more than the highest value")
        elif data.get("value") is None and (low is None or high is None) and not self.errors:
            self.add_error("value", "Enter the value, or both the lowest and highest values")
        return data


class FinancialYearField(forms.CharField):
    """A financial year as written, "2026-27" or "2026/27" (or just the year it starts), kept as its first year."""

    def prepare_value(self, value):
        return str(FinancialYear(value)) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return FinancialYear.parse(value).start_year
        except ValueError:
            raise forms.ValidationError("Enter a financial year, like 2026-27", code="invalid") from None


class BudgetLineForm(forms.Form):
    name = PlainTextField(label="Budget line", max_length=300, error_messages={"required": "Enter the budget line's name"})
    financial_year = FinancialYearField(label="Financial year", help_text="April to March, for example 2026-27.",
                                        error_messages={"required": "Enter the financial year, like 2026-27"})
    budget = MoneyField(label="Budget", required=False)
    spent = MoneyField(label="Spent so far", required=False)
    projected_outturn = MoneyField(label="Projected outturn", required=False)
    projected_variance = MoneyField(label="Projected variance", required=False,
                                    help_text="Overspend as a positive amount, underspend as negative (for example -300000).")
    projected_on = UKDateField(label="Projection made on", required=False)
    note = PlainTextField(label="Note", widget=forms.Textarea, required=False)


class RiskForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Risk.Kind.choices, widget=forms.RadioSelect, initial=Risk.Kind.RISK)
    text = PlainTextField(label="Description", widget=forms.Textarea,
                          error_messages={"required": "Enter the risk, issue or barrier"})
    rag = forms.ChoiceField(label="RAG", choices=RAG_CHOICES, required=False)
    mitigation = PlainTextField(label="Mitigation", widget=forms.Textarea, required=False)
    owner_name = PlainTextField(label="Owner", max_length=200, required=False)
