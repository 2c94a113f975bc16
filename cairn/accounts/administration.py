"""The administrator's pages: the council's people and their roles, and the council's settings."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.core.downloads import csv_query, csv_response, wants_csv
from cairn.core.forms import submitted
from cairn.reviews.models import AssessmentScale
from cairn.reviews.operations import DEFAULT_SCALES, activate_assessment_scale

from . import operations, throttling
from .security_keys import keys_of
from .models import Role, User
from .permissions import can_manage_organisation

SCALE_CHOICES = [(kind, name) for kind, (name, _) in DEFAULT_SCALES.items()]


class PersonForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(label="Email address", help_text="Requests for updates and reminders go here.")
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    roles = forms.MultipleChoiceField(label="Roles", choices=Role.choices, widget=forms.CheckboxSelectMultiple,
                                      required=False, help_text="A person may hold several roles.")
    is_active = forms.BooleanField(label="Can sign in", required=False, initial=True)


class NewPersonForm(PersonForm):
    """An invitation: Cairn e-mails the person a one-time link where they choose their own password."""

    email = forms.EmailField(label="Email address",
                             help_text="Cairn e-mails their invitation here, with a link to choose their password.")
    username = forms.CharField(label="Username", max_length=150, required=False,
                               help_text="What they type to sign in. Leave it blank to use their e-mail address.")

    field_order = ["first_name", "last_name", "email", "username", "job_title", "roles", "is_active"]


class SettingsForm(forms.Form):
    public_pages_enabled = forms.BooleanField(label="Show published progress to the public", required=False)
    open_data_consent = forms.BooleanField(label="Publish published rounds as open data (Open Government Licence)",
                                           required=False)
    publish_unchecked = forms.BooleanField(
        label="Allow a round to be published before every update is accepted (the paper then names those not checked)",
        required=False,
    )
    two_factor_roles = forms.MultipleChoiceField(
        label="Who must use two-factor sign-in", choices=Role.choices, widget=forms.CheckboxSelectMultiple,
        required=False, help_text="People with any role ticked must confirm each sign-in with a code from an "
                                  "authenticator app (or their council account's own second factor).",
    )
    scale = forms.ChoiceField(label="Assessment scale for new updates", choices=SCALE_CHOICES, widget=forms.RadioSelect)
    # Filled into the accessibility statement and the privacy notice linked from every page.
    website = forms.URLField(label="The council's website", required=False, assume_scheme="https")
    accessibility_email = forms.EmailField(
        label="E-mail for accessibility problems and other formats", required=False,
        help_text="Shown in the accessibility statement.",
    )
    accessibility_phone = forms.CharField(label="Telephone for accessibility problems", max_length=40, required=False)
    data_protection_email = forms.EmailField(
        label="E-mail of the data protection officer", required=False, help_text="Shown in the privacy notice."
    )
    ico_registration = forms.CharField(
        label="Registration number with the Information Commissioner's Office", max_length=20, required=False
    )


STATEMENT_FIELDS = ("website", "accessibility_email", "accessibility_phone", "data_protection_email", "ico_registration")


def _require_admin(request) -> None:
    if not can_manage_organisation(request.user) or request.organisation is None:
        raise PermissionDenied


def _person(request, pk: int) -> User:
    return get_object_or_404(User.objects.filter(organisation=request.organisation), pk=pk)


def people_list(request):
    _require_admin(request)
    people = User.objects.filter(organisation=request.organisation).prefetch_related("role_assignments").order_by(
        "last_name", "first_name"
    )
    with_two_factor = set(
        TOTPDevice.objects.filter(user__organisation=request.organisation, confirmed=True).values_list("user_id", flat=True)
    )
    if wants_csv(request):
        return csv_response(
            f"{request.organisation.slug}-people.csv",
            ["Name", "Job title", "Username", "Roles", "Two-factor", "Can sign in", "Invitation"],
            (
                (person.display_name, person.job_title, person.username,
                 ", ".join(a.get_role_display() for a in person.role_assignments.all()) or "None",
                 "On" if person.pk in with_two_factor else "Off", "Yes" if person.is_active else "No",
                 "Not yet accepted" if person.invitation_pending else "")
                for person in people
            ),
        )
    return render(request, "accounts/people_list.html", {
        "people": people, "with_two_factor": with_two_factor, "csv_query": csv_query(request),
    })


def person_create(request):
    _require_admin(request)
    form = NewPersonForm(request.POST or None, initial={"is_active": True})

    def invite(data: dict):
        username = data["username"].strip() or data["email"].strip().lower()
        if User.objects.filter(username=username).exists():
            raise ValidationError({"username": f"The username {username} is taken: choose another"})
        return operations.invite_user(
            request.organisation, by=request.user, username=username, roles=data["roles"],
            first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
            job_title=data["job_title"], is_active=data["is_active"],
        )

    if person := submitted(request, form, invite):
        messages.success(request, f"{person.display_name} has been added and invited by e-mail to {person.email}.")
        return redirect("administration:people_list")
    return render(request, "accounts/person_form.html", {"form": form, "person": None})


def person_edit(request, pk: int):
    _require_admin(request)
    person = _person(request, pk)
    initial = {name: getattr(person, name) for name in ("first_name", "last_name", "email", "job_title", "is_active")}
    initial["roles"] = list(person.role_assignments.values_list("role", flat=True))
    form = PersonForm(request.POST or None, initial=initial)

    def change(data: dict):
        if person == request.user and (Role.ADMINISTRATOR not in data["roles"] or not data["is_active"]):
            raise ValidationError({"roles": "You cannot remove your own administrator role or sign-in: ask another administrator"})
        return operations.update_user(person, by=request.user, **data)

    if submitted(request, form, change, record=person):
        messages.success(request, f"{person.display_name} has been changed.")
        return redirect("administration:people_list")
    has_two_factor = TOTPDevice.objects.filter(user=person, confirmed=True).exists() or keys_of(person).exists()
    return render(request, "accounts/person_form.html", {
        "form": form, "person": person, "has_two_factor": has_two_factor,
        "locked_out": throttling.is_locked_out(person),
    })


@require_POST
def person_resend_invitation(request, pk: int):
    _require_admin(request)
    person = _person(request, pk)
    if not person.invitation_pending or not person.is_active:
        messages.error(request, f"{person.display_name} has accepted their invitation already, or cannot sign in.")
    else:
        operations.resend_invitation(person, by=request.user)
        messages.success(request, f"A new invitation has been sent to {person.email}.")
    return redirect("administration:person_edit", person.pk)


@require_POST
def person_send_password_reset(request, pk: int):
    _require_admin(request)
    person = _person(request, pk)
    if not person.is_active or not person.email:
        messages.error(request, f"{person.display_name} cannot sign in, or has no e-mail address.")
    else:
        operations.send_password_reset(person, by=request.user)
        messages.success(request, f"A link to choose a new password has been sent to {person.email}.")
    return redirect("administration:person_edit", person.pk)


@require_POST
def person_unlock(request, pk: int):
    _require_admin(request)
    person = _person(request, pk)
    operations.unlock_user(person, by=request.user)
    messages.success(request, f"{person.display_name} can try to sign in again now.")
    return redirect("administration:person_edit", person.pk)


@require_POST
def person_end_sessions(request, pk: int):
    _require_admin(request)
    person = _person(request, pk)
    if person == request.user:
        messages.error(request, "To end your own sessions, use Sign out everywhere on your account page.")
    else:
        operations.sign_out_everywhere(person, by=request.user)
        messages.success(request, f"{person.display_name} has been signed out on every device.")
    return redirect("administration:person_edit", person.pk)


@require_POST
def person_reset_two_factor(request, pk: int):
    _require_admin(request)
    person = _person(request, pk)
    operations.remove_two_factor(person, by=request.user)
    messages.success(request, f"Two-factor sign-in is off for {person.display_name}; they can set it up again.")
    return redirect("administration:person_edit", person.pk)


def organisation_settings(request):
    _require_admin(request)
    organisation = request.organisation
    active = AssessmentScale.objects.for_organisation(organisation).filter(is_active=True).first()
    current_kind = next((kind for kind, name in SCALE_CHOICES if active and active.name == name), "categories")
    initial = {
        "public_pages_enabled": organisation.public_pages_enabled,
        "open_data_consent": organisation.open_data_consent,
        "publish_unchecked": organisation.publish_unchecked,
        "two_factor_roles": list(organisation.two_factor_roles),
        "scale": current_kind,
        **{name: getattr(organisation, name) for name in STATEMENT_FIELDS},
    }
    form = SettingsForm(request.POST or None, initial=initial)

    def save(data: dict):
        scale = data.pop("scale")
        operations.update_organisation(organisation, by=request.user, **data)
        if scale != current_kind:
            activate_assessment_scale(organisation, by=request.user, kind=scale)
        return organisation

    if submitted(request, form, save, record=organisation):
        messages.success(request, "The council's settings have been saved.")
        return redirect("administration:organisation_settings")
    return render(request, "accounts/organisation_settings.html", {"form": form})
