"""What a council's papers and pages carry, set by its administrator (the name shown, the logo, the contact a new cover
report starts with, the accessibility statement's review date), and the logo itself for those who may see it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cairn.core.access import get_council_logo_for_user, own_organisation
from cairn.core.forms import PlainTextField, UKDateField, submitted

from . import operations
from .logos import MAX_BYTES, LogoRefused, check_logo
from .models import CouncilLogo, Organisation
from .permissions import public_can_view


class BrandingForm(forms.Form):
    paper_name = PlainTextField(
        label="Name on papers and pages", max_length=200, required=False,
        help_text="Leave blank to use the council's name.",
    )
    logo = forms.FileField(
        label="Logo", required=False,
        help_text=f"A PNG or JPEG file of {MAX_BYTES // 1024 // 1024} MB or less, at least 16 and at most 4000 pixels "
                  "on each side. SVG files are not taken: they can carry scripts.",
        error_messages={"empty": "The file you chose is empty"},
    )
    remove_logo = forms.BooleanField(label="Remove the logo from papers and pages", required=False)
    contact_name = PlainTextField(label="Contact officer's name", max_length=200, required=False)
    contact_post = PlainTextField(label="Contact officer's post", max_length=200, required=False)
    contact_phone = PlainTextField(label="Contact telephone", max_length=40, required=False)
    contact_email = forms.EmailField(label="Contact e-mail", required=False, error_messages={
        "invalid": "Enter an email address in the correct format, like name@example.gov.uk"})
    statement_reviewed_on = UKDateField(
        label="Accessibility statement last reviewed", required=False,
        help_text="The date the council last reviewed its accessibility statement, for example 27/3/2026. Leave "
                  "blank until it has been reviewed.",
    )

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload is None:
            return None
        if upload.size > MAX_BYTES:  # refused before it is read into memory
            raise forms.ValidationError(
                f"{upload.name} is {upload.size / 1024 / 1024:.1f} MB: a logo must be "
                f"{MAX_BYTES // 1024 // 1024} MB or smaller"
            )
        try:
            return check_logo(upload.read(), upload.name)
        except LogoRefused as refused:
            raise forms.ValidationError(str(refused)) from None

    def clean(self):
        data = super().clean()
        if data.get("logo") and data.get("remove_logo"):
            self.add_error("remove_logo", "Either upload a new logo or remove the logo, not both")
        return data


def council_branding(request):
    """The administrator's page for what the council's papers and pages carry: their own council's, always."""
    organisation = own_organisation(request, manage=True)
    initial = {name: getattr(organisation, name) for name in operations.BRANDING_FIELDS}
    form = BrandingForm(request.POST or None, request.FILES or None, initial=initial)

    def save(data: dict):
        return operations.update_council_branding(organisation, by=request.user, **data)

    if submitted(request, form, save, record=organisation):
        messages.success(request, "What the council's papers and pages carry has been saved.")
        return redirect("administration:council_branding")
    return render(request, "accounts/council_branding.html", {"form": form, "council": organisation})


def council_logo(request, pk: int):
    """One of the council's logos, for its own people's pages (a logo is never changed: it can be kept a while)."""
    return _logo_response(get_council_logo_for_user(request, pk), private=True)


@login_not_required
def public_logo(request, slug: str, pk: int):
    """A council's current logo, for its public pages, where it publishes them."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not public_can_view(organisation) or organisation.logo_id != pk:
        raise Http404
    return _logo_response(CouncilLogo.objects.get(pk=pk), private=False)


def _logo_response(logo: CouncilLogo, *, private: bool) -> HttpResponse:
    response = HttpResponse(bytes(logo.image), content_type=logo.content_type)
    response["Cache-Control"] = f"{'private' if private else 'public'}, max-age=86400"
    response["Content-Disposition"] = "inline"
    return response
