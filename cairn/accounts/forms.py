"""Forms for signing in with a second factor."""

from django import forms


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=10,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("Enter the code as 6 digits, for example 123456")
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError("Too many wrong codes. Wait a minute, then enter the code showing now")
        if not self.device.verify_token(code):
            raise forms.ValidationError("That code is not right or has expired. Enter the code showing now")
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label="Recovery code", max_length=20, error_messages={"required": "Enter one of your recovery codes"},
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).lower()
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError("Too many wrong codes. Wait a minute, then try again")
        if not self.device.verify_token(code):  # a right code is used up here: it never works again
            raise forms.ValidationError("That is not one of your recovery codes, or it has been used already")
        return code
