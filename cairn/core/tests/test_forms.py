"""The GOV.UK form macros render every kind of field, with its errors, and the fields read UK input."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.template import engines

from cairn.core.forms import MoneyField, UKDateField


class Example(forms.Form):
    title = forms.CharField(label="Title")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(label="Kind", choices=[("a", "Alpha"), ("b", "Beta")])
    grade = forms.ChoiceField(label="Grade", choices=[("1", "One"), ("2", "Two")], widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(label="Tags", choices=[("x", "Ex"), ("y", "Why")], widget=forms.CheckboxSelectMultiple)
    done = forms.BooleanField(label="Done", required=False)
    due = UKDateField(label="Due")
    amount = MoneyField(label="Amount", required=False)


def render(form) -> str:
    template = engines["jinja2"].from_string(
        '{% from "_forms.html" import form_field %}{% for field in form %}{{ form_field(field) }}{% endfor %}'
    )
    return template.render({"form": form})


def test_uk_dates_and_pounds_are_read_as_written():
    form = Example({"title": "T", "kind": "a", "grade": "2", "tags": ["y"], "due": "27/3/2026", "amount": "£48,000.50"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == dt.date(2026, 3, 27)
    assert form.cleaned_data["amount"] == Decimal("48000.50")


def test_bad_dates_and_amounts_get_clear_messages():
    form = Example({"title": "T", "kind": "a", "grade": "2", "due": "31/2/2026", "amount": "lots"})
    assert not form.is_valid()
    assert form.errors["due"] == ["Enter a real date, for example 27/3/2026"]
    assert form.errors["amount"] == ["Enter an amount in pounds, like 48000 or £48,000"]


def test_every_widget_renders_as_a_govuk_component_with_errors():
    form = Example({"title": "", "kind": "b", "grade": "1", "tags": ["x"], "due": "27/3/2026"})
    form.is_valid()
    html = render(form)
    for marker in ["govuk-input", "govuk-textarea", "govuk-select", "govuk-radios", "govuk-checkboxes", "govuk-input__prefix"]:
        assert marker in html, marker
    assert "govuk-error-message" in html and "This field is required" in html
    assert 'value="27/3/2026"' in html
    assert 'value="1" checked' in html


def test_amounts_are_read_as_people_write_money_and_nothing_else():
    import pytest

    written = {
        "48000": Decimal("48000"), "48,000": Decimal("48000"), "£48,000.50": Decimal("48000.50"),
        "-£5,000": Decimal("-5000"), "£-5,000": Decimal("-5000"), "£1.2m": Decimal("1200000"), "250k": Decimal("250000"),
        " £ 12,345.6 ": Decimal("12345.60"),
    }
    for text, amount in written.items():
        assert MoneyField(required=False).clean(text) == amount, text
    for text in ["1e6", "1E6", "Infinity", "NaN", "-inf", "1,00", "12.345", "£1.234567k", "0x10", "£--5", "five pounds", "1 000"]:
        with pytest.raises(forms.ValidationError, match="Enter an amount in pounds"):
            MoneyField(required=False).clean(text)
