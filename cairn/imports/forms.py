"""Forms for importing papers: choose files to upload, and choose records to leave out of a staged file."""

from django import forms

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
        errors = [
            f"{file.name} is {file.size / 1024 / 1024:.1f} MB; Cairn reads files of up to {limit // 1024 // 1024} MB"
            for file in files
            if file.size > limit
        ]
        if errors:
            raise forms.ValidationError(errors)
        return files


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

    def __init__(self, batch, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = batch.updated_at.isoformat()
        self.fields["version"].initial = self.current
        extraction = batch.extraction
        self.fields["recommendations"].choices = [
            (index, _label("Recommendation", item.get("number"), item.get("text")))
            for index, item in enumerate(extraction.get("recommendations", []))
        ]
        self.fields["projects"].choices = [
            (index, _label("Project", item.get("number"), item.get("name")))
            for index, item in enumerate(extraction.get("projects", []))
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
