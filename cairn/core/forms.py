"""Form fields as council officers write things: UK dates and amounts in pounds."""

from decimal import Decimal, InvalidOperation

from django import forms

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
            value = value.strip().replace("£", "").replace(",", "").strip()
        if value in self.empty_values:
            return None
        try:
            Decimal(value)
        except (InvalidOperation, TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)


def apply_model_errors(form: forms.Form, error) -> None:
    """Show a ValidationError from an operation (the model's rules) on the form's fields."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
