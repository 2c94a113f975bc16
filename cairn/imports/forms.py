"""Forms for importing papers: choose files to upload, choose the review a staged file joins, and leave out or correct
its records."""

import datetime as dt

from django import forms

from cairn.core.forms import PlainTextField
from cairn.lib.dates import format_uk, unreadable_dates
from cairn.programmes.models import Rag

from .mappings import FIELD_NAMES
from .parsers import readers

MAX_FILES = 10  # in one upload
HOURLY_LIMIT = 30  # files one person may stage in an hour


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by the parsers for what it really is, whatever its name."""

    widget = MultipleFileInput

    def clean(self, data, initial=None) -> list:
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Upload papers",
        allow_empty_file=True,  # the parsers say "<name> is empty", naming the file
        error_messages={"required": "Choose one or more files to import"},
    )

    def __init__(self, *args, staged_this_hour: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.staged_this_hour = staged_this_hour

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Choose at most {MAX_FILES} files at a time; you chose {len(files)}")
        left = max(HOURLY_LIMIT - self.staged_this_hour, 0)
        if len(files) > left:
            raise forms.ValidationError(
                f"You have uploaded {self.staged_this_hour} files in the last hour and Cairn takes at most "
                f"{HOURLY_LIMIT} an hour from one person. "
                + (f"Choose at most {left} now, or try again later" if left else "Try again in an hour")
            )
        limit = readers.MAX_BYTES
        too_large = [file.name for file in files if file.size > limit]
        if too_large:
            errors = [f"{name} is larger than the {limit // 1024 // 1024} MB Cairn reads" for name in too_large]
            raise forms.ValidationError(errors + ([none_uploaded(too_large)] if len(files) > 1 else []))
        return files


def none_uploaded(names: list[str]) -> str:
    """Said when one of several files is refused: the others are not kept either."""
    named = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    return f"None of the files were uploaded: fix or remove {named} and upload them again"


class DropForm(forms.Form):
    """Tick the recommendations and projects that should not be imported."""

    recommendations = forms.TypedMultipleChoiceField(
        label="Recommendations to leave out", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    projects = forms.TypedMultipleChoiceField(
        label="Projects to leave out", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    # The file as it was shown: places in the lists shift once a record is left out.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, batch, *args, shown: dict[str, list[int]] | None = None, **kwargs):
        """`shown` limits the boxes to the records on the page being shown; a posted form accepts any record."""
        super().__init__(*args, **kwargs)
        self.current = batch.updated_at.isoformat()
        self.fields["version"].initial = self.current
        extraction = batch.extraction
        for part, kind, name in (("recommendations", "Recommendation", "text"), ("projects", "Project", "name")):
            items = extraction.get(part, [])
            indexes = range(len(items)) if shown is None else shown.get(part, [])
            self.fields[part].choices = [
                (index, _label(kind, items[index].get("number"), items[index].get(name))) for index in indexes
            ]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("version") != self.current:
            raise forms.ValidationError(
                "The file's records have changed since the page was shown; check them and try again"
            )
        if not self.errors and not data.get("recommendations") and not data.get("projects"):
            raise forms.ValidationError("Choose at least one recommendation or project to leave out")
        return data


def _label(kind: str, number: str | None, text: str | None) -> str:
    text = text or ""
    short = text if len(text) <= 90 else text[:88].rstrip() + "…"
    return f"{kind} {number}: {short}" if number else f"{kind}: {short}"


class CorrectionForm(forms.Form):
    """One staged record as read from the paper, to correct before importing; `changes()` feeds the operation."""

    RECORD_FIELDS: tuple[str, ...] = ()  # fields with the same name in the record
    # The file as it was shown: places in the lists shift once a record is left out.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, batch, record: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["version"].initial = batch.updated_at.isoformat()
        for name in self.RECORD_FIELDS:
            self.fields[name].initial = record[name]

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.RECORD_FIELDS}


class RecommendationCorrectionForm(CorrectionForm):
    number = PlainTextField(label="Number", max_length=20, required=False, help_text='As printed: "1", "SC18", "2a".')
    text = PlainTextField(label="Recommendation", widget=forms.Textarea,
                          error_messages={"required": "Enter the recommendation"})
    objective = PlainTextField(label="Objective or heading", required=False,
                               help_text="The objective or group heading the recommendation sits under.")
    lead = PlainTextField(label="Lead responsibility, as written", required=False,
                          help_text="Steps that show the same lead change with it.")
    finance_manager = PlainTextField(label="Finance manager, as written", required=False)
    saving = PlainTextField(
        label="Saving or cost, as written", required=False,
        help_text="For example, “Up to £200,000 per annum”. Cairn reads the amounts from these words. "
                  "Leave it empty, or write “None”, if there is no saving.",
    )
    evidence = PlainTextField(label="Evidence of progress", widget=forms.Textarea, required=False)
    savings_to_date = PlainTextField(label="Savings or costs to date, as written", required=False)
    category = forms.TypedChoiceField(
        label="Assessment category", coerce=int, empty_value=None, required=False,
        choices=[("", "Not given"), *((str(code), f"Category {code}") for code in range(1, 5))],
        error_messages={"invalid_choice": "Choose a category from 1 to 4, or “Not given”"},
    )
    category_reason = PlainTextField(label="Reason for the assessment", widget=forms.Textarea, required=False)

    RECORD_FIELDS = ("number", "text", "objective", "lead", "finance_manager")
    PROGRESS = ("evidence", "savings_to_date", "category", "category_reason")
    STEP = {"action": "Action", "success_measure": "Success measure", "due_text": "Target date, as written"}

    def __init__(self, batch, record: dict, *args, with_progress: bool = True, **kwargs):
        """`with_progress` offers the progress fields even where the paper gave none (a progress update's records)."""
        super().__init__(batch, record, *args, **kwargs)
        self.fields["saving"].initial = record["saving"]["text"] if record["saving"] else None
        progress = record["progress"] or {}
        self.with_progress = with_progress or bool(progress)
        for name in self.PROGRESS:
            if self.with_progress:
                self.fields[name].initial = progress.get(name)
            else:
                del self.fields[name]
        for number, step in enumerate(record["steps"]):
            for name, label in self.STEP.items():
                field = PlainTextField(label=label, required=False, initial=step[name])
                if name == "due_text":
                    read = format_uk(dt.date.fromisoformat(step["due"])) if step["due"] else "no date"
                    field.help_text = (
                        "As printed, for example “Mar 2010” or “Ongoing”. Cairn reads the date from these words "
                        f"(now {read})."
                    )
                else:
                    field.widget = forms.Textarea()
                self.fields[f"step_{number}_{name}"] = field

    def clean(self) -> dict:
        data = super().clean()
        for number in range(len(self.record["steps"])):
            name = f"step_{number}_due_text"
            written = data.get(name)
            # Only what is typed here: a date the paper printed wrongly stays as read until someone changes it.
            if written and written != (self.fields[name].initial or "") and unreadable_dates(written):
                self.add_error(name, "Enter a real date, such as 31/03/2010, or words such as “Ongoing”")
        return data

    def steps(self) -> list[list[forms.BoundField]]:
        """Each step's fields, in order, for the template."""
        return [[self[f"step_{number}_{name}"] for name in self.STEP] for number in range(len(self.record["steps"]))]

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = super().changes() | {"saving": data["saving"]}
        changes["steps"] = [
            {name: data[f"step_{number}_{name}"] for name in self.STEP} for number in range(len(self.record["steps"]))
        ]
        if self.with_progress:
            changes["progress"] = {name: data[name] for name in self.PROGRESS}
        return changes


class ProjectCorrectionForm(CorrectionForm):
    number = PlainTextField(label="Number", max_length=20, required=False)
    name = PlainTextField(label="Name", error_messages={"required": "Enter the project's name"})
    rag = forms.ChoiceField(label="RAG status", choices=[("", "Not rated"), *Rag.choices], required=False,
                            error_messages={"invalid_choice": "Choose red, amber, green, blue or “Not rated”"})
    risk_area = PlainTextField(label="Headline risk", required=False,
                               help_text="The risk area shown in the programme's summary table.")
    objective = PlainTextField(label="Objective", widget=forms.Textarea, required=False)

    RECORD_FIELDS = ("number", "name", "rag", "risk_area", "objective")


class DestinationForm(forms.Form):
    """Which review (for a highlight report, programme) a staged paper is about: a new one or one held already.

    One radio choice per part: "new", then the one chosen or suggested, then the rest of the council's reviews (or
    programmes). `choice()` gives the records to pass to the operation.
    """

    def __init__(self, destinations: list, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = []
        for place in destinations:
            kind, name = place.kind, "title" if place.kind == "review" else "name"
            held = sorted(place.held, key=lambda record: record != place.featured)  # stable: the rest stay in order
            options = [("new", f"A new {kind} called “{place.title}”")] if place.offers_new else []
            options += [(str(record.pk), getattr(record, name)) for record in held]
            selected = place.selected
            self.fields[kind] = forms.ChoiceField(
                label=f"Which {kind} is this paper about?", choices=options, widget=forms.RadioSelect,
                initial="new" if selected is None else str(selected.pk),
                error_messages={"required": f"Choose which {kind} this paper is about",
                                "invalid_choice": f"Choose which {kind} this paper is about"},
            )
            self.parts.append((place, self[kind]))

    def choice(self) -> dict:
        """The held review and programme chosen (None for a new one), as the operation takes them."""
        chosen = {}
        for place, _ in self.parts:
            value = self.cleaned_data[place.kind]
            chosen[place.kind] = None if value == "new" else next(r for r in place.held if str(r.pk) == value)
        return chosen


class ColumnsForm(forms.Form):
    """What each column of a staged paper's table holds: one choice of field per column, Cairn's guess first shown.

    `mapping()` gives heading -> field (or 'ignore'), as `map_columns` takes it.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, batch, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = []
        choices = list(FIELD_NAMES.items())
        self.fields["version"].initial = batch.updated_at.isoformat()
        for index, column in enumerate(batch.columns):
            guess = FIELD_NAMES.get(column["field"] or "ignore", column["field"])
            if column["how"] == "asked":
                said = f"Chosen: {guess.lower()}."
            elif column["how"] == "ignored":
                said = "Chosen: nothing Cairn holds."
            elif column["field"]:
                said = f"Cairn's guess: {guess.lower()}."
            else:
                said = "Cairn could not tell what it holds."
            sample = f"For example: “{column['sample']}”. " if column["sample"] else "Its first rows are empty. "
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=f"Column {index + 1}: “{column['label']}”", choices=choices, help_text=sample + said,
                initial=column["field"] or "ignore",
                error_messages={"required": f"Choose what column {index + 1} holds",
                                "invalid_choice": f"Choose what column {index + 1} holds from the list"},
            )
            self.columns.append((column, self[name]))
        self.fields["version"] = self.fields.pop("version")  # after the columns: errors link to the first column

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(bound.name) for _, bound in self.columns if cleaned.get(bound.name) not in (None, "ignore")]
        for _, bound in self.columns:
            value = cleaned.get(bound.name)
            if value not in (None, "ignore") and chosen.count(value) > 1:
                self.add_error(bound.name, f"Only one column can hold the {FIELD_NAMES[value].split(' (')[0].lower()}")
        return cleaned

    def mapping(self) -> dict[str, str]:
        return {column["label"]: self.cleaned_data[bound.name] for column, bound in self.columns}


class StatusLevelsForm(forms.Form):
    """The level of the council's scale each status word of a paper means: one choice per word, or no level.

    `levels()` gives word -> level code (None for no level), as `confirm_status_levels` takes it.
    """

    def __init__(self, rows: list[dict], levels: list, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "No level: keep the words only"), *((level.code, f"{level.code} {level.label}") for level in levels)]
        self.words = []
        for index, row in enumerate(rows):
            name = f"word_{index}"
            self.fields[name] = forms.ChoiceField(
                label=f"Level for “{row['word']}”", choices=choices, required=False,
                initial=row["level"].code if row["level"] else "",
                error_messages={"invalid_choice": f"Choose a level of your council's scale for “{row['word']}”"},
            )
            self.words.append((row, self[name]))

    def levels(self) -> dict[str, str | None]:
        return {row["word"]: self.cleaned_data[bound.name] or None for row, bound in self.words}
