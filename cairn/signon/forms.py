"""Forms for signing in with a council account, and for an administrator setting the council's provider."""

from django import forms


class CouncilEmailForm(forms.Form):
    email = forms.EmailField(
        label="Your work e-mail address", max_length=254,
        error_messages={"required": "Enter your work e-mail address",
                        "invalid": "Enter your e-mail address in the right form, like name@council.gov.uk"},
    )


class SignOnForm(forms.Form):
    issuer = forms.URLField(
        label="Issuer", max_length=500, assume_scheme="https",
        help_text="Your provider's issuer address. For Microsoft Entra ID: https://login.microsoftonline.com/"
                  "TENANT-ID/v2.0",
    )
    client_id = forms.CharField(label="Client (application) ID", max_length=300)
    client_secret = forms.CharField(
        label="Client secret", required=False, max_length=1000,
        widget=forms.PasswordInput(render_value=False),
        help_text="Cairn never shows it again. Leave it blank to keep the one saved.",
    )
    domains = forms.CharField(
        label="E-mail domains", max_length=2000,
        help_text="The domains of your council's e-mail addresses, separated by commas, such as northmoor.gov.uk",
    )
    groups_claim = forms.CharField(label="Groups claim", max_length=100, initial="groups",
                                   help_text="The claim in the ID token that lists a person's groups")
    role_mapping = forms.CharField(
        label="Roles from groups", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
        help_text="One GROUP=ROLE a line, such as cairn-officers=Scrutiny officer. With any line here, people's roles "
                  "follow their groups each time they sign in; with none, the roles you give them stay.",
    )
    create_accounts = forms.BooleanField(
        label="Create an account for anyone of these domains who signs in through the provider", required=False
    )
    provider_checks_second_factor = forms.BooleanField(
        label="Our provider asks for a second factor (such as multi-factor authentication) at each sign-in, so Cairn "
              "need not ask for its own code", required=False,
    )
