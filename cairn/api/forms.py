from django import forms

from cairn.core.forms import PlainTextField

from .models import Webhook


class TokenForm(forms.Form):
    name = PlainTextField(label="What is the token for?", max_length=100,
                          help_text="For example, “Power BI dashboard”. Only you and your administrators see it.",
                          error_messages={"required": "Enter what the token is for"})


class WebhookForm(forms.Form):
    url = forms.URLField(label="Address to send to", max_length=500, assume_scheme="https",
                         help_text="Cairn POSTs a JSON message here, signed, when one of the chosen events happens.",
                         error_messages={"required": "Enter the address", "invalid": "Enter a web address, like https://example.org/hooks/cairn"})
    events = forms.MultipleChoiceField(label="Events", choices=Webhook.Event.choices, widget=forms.CheckboxSelectMultiple,
                                       error_messages={"required": "Choose at least one event"})
