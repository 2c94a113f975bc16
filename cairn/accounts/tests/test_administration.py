"""An administrator manages the council's people, their roles and the council's settings."""

import re

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.models import Role, User
from cairn.audit.models import AuditEvent
from cairn.core.models import Email
from cairn.reviews.models import AssessmentScale


def test_an_administrator_invites_a_person_who_chooses_their_own_password(
    admin_client, client, council
):
    response = admin_client.post(reverse("administration:person_create"), {
        "first_name": "Amira", "last_name": "Shah", "email": "Amira@Example.org", "job_title": "Head of Fostering",
        "roles": ["lead_officer", "finance_manager"], "is_active": "on",
    })
    assert response.status_code == 302
    person = User.objects.get(email__iexact="amira@example.org")
    assert person.username == "amira@example.org"  # no username given: their address
    assert person.organisation == council.org and person.roles == {"lead_officer", "finance_manager"}
    assert not person.has_usable_password() and person.invitation_pending
    assert AuditEvent.objects.filter(action="user.invited", target_id=str(person.pk)).count() == 1
    [message] = Email.objects.all()
    assert message.to == person.email and "amira@example.org" in message.body
    link = re.search(r"http://\S+/account/set-password/\S+/", message.body).group(0)
    people = admin_client.get(reverse("administration:people_list")).content.decode()
    assert "Not yet accepted" in people

    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post("/" + path, {"new_password1": "blue-kettle-Orbit-91", "new_password2": "blue-kettle-Orbit-91"})
    person.refresh_from_db()
    assert person.check_password("blue-kettle-Orbit-91") and not person.invitation_pending
    assert AuditEvent.objects.filter(action="user.invitation_accepted", target_id=str(person.pk)).count() == 1
    assert "Not yet accepted" not in admin_client.get(reverse("administration:people_list")).content.decode()
    # The link works once.
    again = client.post("/" + path, {"new_password1": "another-Kettle-Orbit-92", "new_password2": "another-Kettle-Orbit-92"})
    assert "This link does not work" in again.content.decode()


def test_the_add_a_person_page_asks_no_password(admin_client):
    page = admin_client.get(reverse("administration:person_create")).content.decode()
    assert 'type="password"' not in page and 'name="password"' not in page
    assert "choose their own password" in page


def test_a_username_already_taken_is_refused_and_nobody_is_invited(admin_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    page = admin_client.post(reverse("administration:person_create"), {
        "username": lead.username, "first_name": "W", "last_name": "K", "email": "w@example.org",
    }).content.decode()
    assert f"The username {lead.username} is taken" in page and "There is a problem" in page
    assert not User.objects.filter(email="w@example.org").exists() and not Email.objects.exists()


def test_changing_roles_is_recorded(admin_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    admin_client.post(reverse("administration:person_edit", args=[lead.pk]), {
        "first_name": "Lee", "last_name": "Lead", "email": lead.email, "job_title": "", "roles": ["councillor"],
        "is_active": "on",
    })
    assert User.objects.get(pk=lead.pk).roles == {"councillor"}
    event = AuditEvent.objects.filter(action="user.updated").latest("at")
    assert event.before["roles"] == ["lead_officer"] and event.after["roles"] == ["councillor"]


def test_an_administrator_cannot_lock_themselves_out(admin_client, council):
    admin = council.users[Role.ADMINISTRATOR]
    page = admin_client.post(reverse("administration:person_edit", args=[admin.pk]), {
        "first_name": "A", "last_name": "B", "email": admin.email, "roles": ["councillor"], "is_active": "on",
    }).content.decode()
    assert "You cannot remove your own administrator role" in page
    assert User.objects.get(pk=admin.pk).roles == {"administrator"}


def test_a_lost_phone_is_handled_by_resetting_two_factor(admin_client, council):
    officer = council.users[Role.SCRUTINY_OFFICER]
    TOTPDevice.objects.create(user=officer, name="Phone", confirmed=True)
    admin_client.post(reverse("administration:person_reset_two_factor", args=[officer.pk]))
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_settings_turn_on_public_pages_and_switch_the_scale(admin_client, council):
    admin_client.post(reverse("administration:organisation_settings"), {
        "public_pages_enabled": "on", "scale": "brag",
    })
    council.org.refresh_from_db()
    assert council.org.public_pages_enabled and not council.org.open_data_consent
    active = AssessmentScale.objects.get(organisation=council.org, is_active=True)
    assert [level.code for level in active.levels.all()] == ["B", "G", "A", "R"]
    admin_client.post(reverse("administration:organisation_settings"), {"scale": "categories"})
    assert AssessmentScale.objects.get(organisation=council.org, is_active=True).name == "Categories 1 to 4"
    assert AssessmentScale.objects.filter(organisation=council.org).count() == 2
