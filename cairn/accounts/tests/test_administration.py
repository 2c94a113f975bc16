"""An administrator manages the council's people, their roles and the council's settings."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.models import Role, User
from cairn.audit.models import AuditEvent
from cairn.reviews.models import AssessmentScale


def test_an_administrator_adds_a_person_with_roles(admin_client, council):
    response = admin_client.post(reverse("administration:person_create"), {
        "username": "new-lead", "password": "a long and unusual passphrase", "first_name": "Amira",
        "last_name": "Shah", "email": "amira@example.org", "job_title": "Head of Fostering",
        "roles": ["lead_officer", "finance_manager"], "is_active": "on",
    })
    assert response.status_code == 302
    person = User.objects.get(username="new-lead")
    assert person.organisation == council.org and person.roles == {"lead_officer", "finance_manager"}
    assert person.check_password("a long and unusual passphrase")


def test_a_weak_first_password_is_refused_and_nobody_is_added(admin_client, council):
    page = admin_client.post(reverse("administration:person_create"), {
        "username": "weak", "password": "password", "first_name": "W", "last_name": "K", "email": "w@example.org",
    }).content.decode()
    assert "This password is too short" in page and "There is a problem" in page
    assert not User.objects.filter(username="weak").exists()


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
