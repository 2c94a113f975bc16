"""Forgotten passwords, lock-outs, recovery codes and ended sessions: each audited, none needing anyone to see a
password."""

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts import operations, throttling
from cairn.accounts.models import Role, User
from cairn.audit.models import AuditEvent
from cairn.core.models import Email
from cairn.core.testing import PASSWORD

NEW = "blue-kettle-Orbit-91"


def outbox() -> list[Email]:
    """The e-mails Cairn has kept to send (the worker delivers them; the mail server is the outside world)."""
    return list(Email.objects.order_by("pk"))


def events(action: str, user) -> int:
    return AuditEvent.objects.filter(action=action, target_id=str(user.pk)).count()


def link_path(body: str) -> str:
    return "/" + re.search(r"https?://[^/\s]+/(account/set-password/\S+/)", body).group(1)


def sign_in(client, user, password):
    return client.post(reverse("accounts:sign_in"), {"username": user.username, "password": password})


def test_a_person_who_forgot_resets_by_e_mail(client, council):
    lead = council.users[Role.LEAD_OFFICER]
    response = client.post(reverse("accounts:password_reset"), {"email": lead.email.upper()})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_sent")
    [message] = outbox()
    assert message.to == lead.email and "Reset your Cairn password" == message.subject
    assert events("user.password_reset_asked", lead) == 1
    path = link_path(message.body)
    assert client.post(path, {"new_password1": NEW, "new_password2": NEW}).status_code == 302
    assert User.objects.get(pk=lead.pk).check_password(NEW) and events("user.password_reset", lead) == 1
    assert sign_in(Client(), lead, NEW).status_code == 302
    assert "This link does not work" in client.get(path).content.decode()  # once only


def test_the_answer_never_says_whether_an_address_is_known(client, council):
    known = client.post(reverse("accounts:password_reset"), {"email": council.users[Role.LEAD_OFFICER].email})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@nowhere.example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    def page(response) -> str:  # each page has its own nonce
        return re.sub(r'nonce="[^"]+"', "", client.get(response["Location"]).content.decode())

    assert page(known) == page(unknown)


def test_asking_again_at_once_sends_no_second_e_mail(client, council):
    lead = council.users[Role.LEAD_OFFICER]
    for _ in range(3):
        client.post(reverse("accounts:password_reset"), {"email": lead.email})
    assert len(outbox()) == 1


def test_a_locked_out_person_is_pointed_to_reset_and_a_reset_ends_the_lock_out(
    client, council
):
    lead = council.users[Role.LEAD_OFFICER]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, lead, "wrong")
    assert response.status_code == 429 and reverse("accounts:password_reset") in response.content.decode()
    assert throttling.is_locked_out(lead)
    client.post(reverse("accounts:password_reset"), {"email": lead.email})
    client.post(link_path(outbox()[0].body), {"new_password1": NEW, "new_password2": NEW})
    assert not throttling.is_locked_out(lead)
    assert sign_in(client, lead, NEW).status_code == 302


def test_an_administrator_unlocks_a_locked_out_person(admin_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, lead, "wrong")
    assert "Unlock their account" in admin_client.get(reverse("administration:person_edit", args=[lead.pk])).content.decode()
    admin_client.post(reverse("administration:person_unlock", args=[lead.pk]))
    assert not throttling.is_locked_out(lead) and events("user.unlocked", lead) == 1
    assert sign_in(attacker, lead, PASSWORD).status_code == 302


def test_an_administrator_sends_a_reset_without_seeing_a_password(admin_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    admin_client.post(reverse("administration:person_send_password_reset", args=[lead.pk]))
    [message] = outbox()
    assert message.to == lead.email and events("user.password_reset_sent", lead) == 1
    assert User.objects.get(pk=lead.pk).check_password(PASSWORD)  # unchanged until they choose a new one


def test_an_administrator_ends_a_persons_sessions(admin_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    theirs = Client()
    theirs.force_login(lead)
    assert theirs.get(reverse("home:home")).status_code == 200
    admin_client.post(reverse("administration:person_end_sessions", args=[lead.pk]))
    assert theirs.get(reverse("home:home")).status_code == 302
    assert events("user.signed_out_everywhere", lead) == 1


def test_a_person_turned_off_is_signed_out_at_once(admin_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    theirs = Client()
    theirs.force_login(lead)
    admin_client.post(reverse("administration:person_edit", args=[lead.pk]), {
        "first_name": lead.first_name, "last_name": lead.last_name, "email": lead.email, "roles": ["lead_officer"],
    })
    assert not User.objects.get(pk=lead.pk).is_active
    response = theirs.get(reverse("home:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign_in"))


def test_an_invitation_not_yet_accepted_can_be_sent_again(admin_client, council):
    person = operations.invite_user(council.org, by=None, username="new", email="new@example.org")
    admin_client.post(reverse("administration:person_resend_invitation", args=[person.pk]))
    assert len(outbox()) == 2 and events("user.invitation_sent", person) == 1


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_recovery_codes_are_shown_once_and_each_signs_in_once(client, council):
    lead = council.users[Role.LEAD_OFFICER]
    client.force_login(lead)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=lead)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    assert response["Location"] == reverse("accounts:recovery_codes")
    page = client.get(reverse("accounts:recovery_codes")).content.decode()
    codes = [code.replace(" ", "") for code in re.findall(r"<code>([a-z2-7]{4} [a-z2-7]{4})</code>", page)]
    assert len(codes) == 10 and StaticToken.objects.filter(device__user=lead).count() == 10
    assert "<code>" not in client.get(reverse("accounts:recovery_codes")).content.decode()  # shown only once

    phone_lost = Client()
    sign_in(phone_lost, lead, PASSWORD)
    assert phone_lost.get(reverse("home:home"))["Location"].startswith(reverse("accounts:two_factor_verify"))
    phone_lost.post(reverse("accounts:two_factor_recovery"), {"code": codes[0]})
    assert phone_lost.get(reverse("home:home")).status_code == 200
    assert events("user.recovery_code_used", lead) == 1
    assert "recovery code was used" in outbox()[-1].subject
    again = Client()
    sign_in(again, lead, PASSWORD)
    refused = again.post(reverse("accounts:two_factor_recovery"), {"code": codes[0]})
    assert "has been used already" in refused.content.decode()
    assert again.get(reverse("home:home")).status_code == 302


def test_a_council_can_require_two_factor_for_any_roles_it_chooses(admin_client, council):
    admin_client.post(reverse("administration:organisation_settings"), {
        "scale": "categories", "two_factor_roles": ["lead_officer", "councillor"],
    })
    council.org.refresh_from_db()
    assert sorted(council.org.two_factor_roles) == ["councillor", "lead_officer"]
    lead = Client()
    lead.force_login(council.users[Role.LEAD_OFFICER])
    assert lead.get(reverse("home:home"))["Location"] == reverse("accounts:two_factor_setup")
    officer = Client()
    officer.force_login(council.users[Role.SCRUTINY_OFFICER])
    assert officer.get(reverse("home:home")).status_code == 200
