"""A password alone must never get past the second factor: not to pages, and not to replacing the authenticator."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts import operations
from cairn.accounts.models import Role
from cairn.audit.models import AuditEvent
from cairn.core.testing import PASSWORD


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def victim(council):
    """A scrutiny officer with an authenticator app already linked."""
    user = council.users[Role.SCRUTINY_OFFICER]
    device = TOTPDevice.objects.create(user=user, name="Victim's phone", confirmed=True)
    return user, device


def signed_in_with_password_alone(user) -> Client:
    attacker = Client()
    response = attacker.post(reverse("accounts:sign_in"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    asked = attacker.get(reverse("home:home"))
    assert asked.status_code == 302 and asked["Location"].startswith(reverse("accounts:two_factor_verify"))
    return attacker


def test_a_password_alone_cannot_enrol_a_new_authenticator(victim):
    user, victims_phone = victim
    attacker = signed_in_with_password_alone(user)

    # The attack as reported: open the set-up page, enrol an authenticator of one's own, post its code.
    page = attacker.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:two_factor_verify"))
    # Even had a device of the attacker's been made somehow, posting its code to the set-up page does nothing.
    planted = TOTPDevice.objects.create(user=user, name="Attacker's phone", confirmed=False)
    attempt = attacker.post(reverse("accounts:two_factor_setup"), {"code": code_for(planted)})
    assert attempt.status_code == 302 and attempt["Location"].startswith(reverse("accounts:two_factor_verify"))

    # Not signed in fully: every page still asks for the code.
    for name in ("home:home", "accounts:account", "reviews:review_list"):
        response = attacker.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:two_factor_verify"))
    # The victim's own authenticator still works, and is still the only confirmed one.
    victims_phone.refresh_from_db()
    assert victims_phone.confirmed
    assert list(TOTPDevice.objects.filter(user=user, confirmed=True)) == [victims_phone]
    assert not AuditEvent.objects.filter(action="user.two_factor_on", target_id=str(user.pk)).exists()
    assert mail.outbox == []
    victim_browser = Client()
    victim_browser.post(reverse("accounts:sign_in"), {"username": user.username, "password": PASSWORD})
    victim_browser.post(reverse("accounts:two_factor_verify"), {"code": code_for(victims_phone)})
    assert victim_browser.get(reverse("home:home")).status_code == 200


def test_a_half_signed_in_session_reaches_only_the_code_page_and_sign_out(victim):
    user, _ = victim
    attacker = signed_in_with_password_alone(user)
    assert attacker.get(reverse("accounts:two_factor_verify")).status_code == 200
    refused = attacker.post(reverse("accounts:two_factor_remove"))
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    for name in ("accounts:password_change", "accounts:sign_out_everywhere", "administration:people_list"):
        response = attacker.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert attacker.post(reverse("accounts:sign_out")).status_code == 302
    assert "_auth_user_id" not in attacker.session


def test_a_verified_session_replaces_the_authenticator_and_the_person_is_told(victim, delivered):
    user, old_phone = victim
    owner = Client()
    owner.post(reverse("accounts:sign_in"), {"username": user.username, "password": PASSWORD})
    owner.post(reverse("accounts:two_factor_verify"), {"code": code_for(old_phone)})

    page = owner.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "Use a new authenticator app" in page
    new_phone = TOTPDevice.objects.get(user=user, confirmed=False)
    with delivered():
        owner.post(reverse("accounts:two_factor_setup"), {"code": code_for(new_phone)})

    assert list(TOTPDevice.objects.filter(user=user)) == [new_phone]
    new_phone.refresh_from_db()
    assert new_phone.confirmed
    assert [message.to for message in mail.outbox] == [[user.email]]
    assert "The one you used before no longer works" in mail.outbox[0].body
    event = AuditEvent.objects.get(action="user.two_factor_on", target_id=str(user.pk))
    assert event.after == {"replaced": True, "recovery_codes": 10}


def test_a_first_enrolment_needs_no_earlier_code_and_is_confirmed_by_e_mail(client, council, delivered):
    user = council.users[Role.LEAD_OFFICER]
    client.post(reverse("accounts:sign_in"), {"username": user.username, "password": PASSWORD})
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    with delivered():
        client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert "Two-factor sign-in was turned on" in mail.outbox[0].body


def test_removing_two_factor_tells_the_person(council, delivered):
    user = council.users[Role.LEAD_OFFICER]
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    with delivered():
        operations.remove_two_factor(user, by=council.users[Role.ADMINISTRATOR])
    assert [message.to for message in mail.outbox] == [[user.email]]
    assert "turned off" in mail.outbox[0].body


@pytest.mark.parametrize("kind", ["authenticator", "recovery codes", "security key"])
def test_every_kind_of_confirmed_device_asks_for_the_second_factor_in_one_query(council, kind):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp_webauthn.models import WebAuthnCredential

    user = council.users[Role.LEAD_OFFICER]
    make = {
        "authenticator": lambda confirmed: TOTPDevice.objects.create(user=user, name="Phone", confirmed=confirmed),
        "recovery codes": lambda confirmed: StaticDevice.objects.create(user=user, name="Codes", confirmed=confirmed),
        "security key": lambda confirmed: WebAuthnCredential.objects.create(
            user=user, name="Key", confirmed=confirmed, credential_id=b"key", public_key=b"k", sign_count=0),
    }[kind]
    device = make(False)  # not confirmed: not yet a second factor
    browser = Client()
    browser.post(reverse("accounts:sign_in"), {"username": user.username, "password": PASSWORD})
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(reverse("home:home")).status_code == 200
    device_queries = [q["sql"] for q in queries if "otp_" in q["sql"] or "webauthn" in q["sql"]]
    assert len(device_queries) == 1, device_queries

    device.confirmed = True
    device.save()
    asked = browser.get(reverse("home:home"))
    assert asked.status_code == 302 and asked["Location"].startswith(reverse("accounts:two_factor_verify"))
