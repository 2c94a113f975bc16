"""Form fields as council officers write things: UK dates, amounts in pounds, plain text and people."""

import re
from collections.abc import Callable

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction

from cairn.lib.dates import Precision, month_end
from cairn.lib.money import read_typed_amount

from .concurrency import SUBMISSION_FIELD, VERSION_FIELD, StaleEdit, check_edit_token, lock, once

UK_DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d"]


class UKDateField(forms.DateField):
    """A date typed as 27/3/2026 (or 27/03/26); shown back as dd/mm/yyyy."""

    widget = forms.DateInput(format="%d/%m/%Y")
    kind = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", UK_DATE_FORMATS)
        kwargs.setdefault("help_text", "For example, 27/3/2026")
        super().__init__(**kwargs)
        self.error_messages["invalid"] = "Enter a real date, for example 27/3/2026"


class MoneyField(forms.DecimalField):
    """An amount in pounds: "48000", "48,000" or "£48,000.50"."""

    kind = "money"

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.error_messages["invalid"] = "Enter an amount in pounds, like 48000 or £48,000"

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        amount = read_typed_amount(str(value))
        if amount is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


def submitted(request, form: forms.Form, operation: Callable[[dict], object], *, record=None):
    """Run the operation on a posted, valid form and return what it returns; None (errors on the form) otherwise.

    Each form sent is acted on once (a second copy returns what the first made). With `record`, the form changes that
    record: its row is locked, and the change is refused, with both versions shown, if someone else changed the record
    after the form was shown (`_form_guard.html` puts the version in the form)."""
    form.edited_record = record
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        with transaction.atomic():
            if record is not None:
                lock(record)
                if token := request.POST.get(VERSION_FIELD):
                    check_edit_token(record, token, by=request.user, names=form.fields)
            return once(request.POST.get(SUBMISSION_FIELD), request.user, lambda: operation(dict(form.cleaned_data)))
    except StaleEdit as stale:
        show_conflict(form, stale)
    except ValidationError as error:
        apply_model_errors(form, error)
    return None


def show_conflict(form: forms.Form, stale: StaleEdit) -> None:
    """Put the saved version beside the one sent, field by field, and say what to do."""
    from .presenters import field_value

    rows = []
    for name, field in form.fields.items():
        try:
            model_field = stale.current._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if model_field.many_to_many:
            continue
        theirs = field_value(stale.current, model_field, getattr(stale.current, model_field.name))
        yours = field_value(stale.current, model_field, form.cleaned_data.get(name))
        if theirs != yours:
            rows.append({"label": field.label or name, "theirs": theirs, "yours": yours})
    form.conflict = {"by": ", ".join(stale.changed_by) or "Someone else", "rows": rows}
    form.add_error(
        None,
        f"{form.conflict['by']} changed this after you opened it. Nothing was saved. Their version is shown beside "
        "yours: check it, then save again to keep yours.",
    )


def apply_model_errors(form: forms.Form, error) -> None:
    """Show a ValidationError from an operation (the model's rules) on the form's fields."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


_TAG = re.compile(r"<\s*[a-zA-Z/!?]")
# What a spreadsheet would run: "=", "@", or a sign straight before a name or bracket ("+cmd|...", "-SUM(").
# "- first point" and "-£5,000" are ordinary writing and pass.
_FORMULA = re.compile(r"^\s*(?:[=@]|[+-][A-Za-z(=@])", re.MULTILINE)


def plain_text(value: str) -> None:
    """Refuse markup and text a spreadsheet would run as a formula; anything else is kept exactly as written."""
    if _TAG.search(value):
        raise forms.ValidationError(
            "Text must not contain HTML tags, such as <script>: remove the “<” sign", code="markup"
        )
    if _FORMULA.search(value):
        raise forms.ValidationError(
            "Text must not begin like a spreadsheet formula, with =, @, + or -: start with a word", code="formula"
        )


class PlainTextField(forms.CharField):
    """Text as written (a title, a recommendation, a note): no HTML, nothing a spreadsheet would run."""

    default_validators = [plain_text]


class PersonField(forms.ModelChoiceField):
    """A person in the user's own council, shown by name; the form sets `queryset = people(organisation)`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", get_user_model().objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", "No one yet")
        super().__init__(**kwargs)

    def label_from_instance(self, user) -> str:
        return user.display_name


def people(organisation):
    """Everyone in one council who can be named as a lead or manager."""
    return get_user_model().objects.filter(organisation=organisation, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


PRECISION_CHOICES = [
    (Precision.DAY.value, "On this day"),
    (Precision.MONTH.value, "In this month"),
    (Precision.YEAR.value, "In this year"),
    (Precision.NONE.value, "No date: only words, such as “Ongoing”"),
]


def clean_dated(form: forms.Form, date: str, precision: str, text: str, *, required: bool = False) -> None:
    """A date given as a month or a year is kept as its last day; "no date" stands on the words as written."""
    data = form.cleaned_data
    if date in form.errors or precision in form.errors:
        return
    on, how = data.get(date), data.get(precision) or Precision.DAY
    if how == Precision.NONE:
        if on is not None:
            form.add_error(precision, "Choose a day, month or year for the date you entered, or remove the date")
        elif required and not data.get(text):
            form.add_error(text, "Enter the date, or the words as written, such as “Ongoing”")
        return
    if on is None:
        if required or data.get(text) or how in (Precision.MONTH, Precision.YEAR):
            form.add_error(date, "Enter a date, or choose “No date”")
        return
    if how == Precision.MONTH:
        data[date] = month_end(on.year, on.month)
    elif how == Precision.YEAR:
        data[date] = on.replace(month=12, day=31)


def initial_from(record, form_class: type[forms.Form]) -> dict:
    """A form's starting values from a record's fields of the same names (related rows by id)."""
    initial = {}
    for name in form_class.base_fields:
        try:
            field = record._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            initial[name] = [related.pk for related in getattr(record, name).all()]
        else:
            initial[name] = getattr(record, field.attname)
    return initial
