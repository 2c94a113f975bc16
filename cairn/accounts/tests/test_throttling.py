"""Sign-in throttling that counts per account and address, believes a proxy's header only when told to, and never
lets an attacker lock a person out of the browser they use."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.accounts.throttling import DEVICE_COOKIE
from cairn.audit.models import AuditEvent
from cairn.core.testing import PASSWORD


def attempt(client, user, password=PASSWORD, **meta):
    return client.post(reverse("accounts:sign_in"), {"username": user.username, "password": password}, **meta)


def fail_enough(user, **meta):
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(attacker, user, "wrong-password", **meta)
    assert attempt(attacker, user, "wrong-password", **meta).status_code == 429


def test_failures_from_another_address_do_not_lock_the_person_out(council):
    victim = council.users[Role.LEAD_OFFICER]
    fail_enough(victim, REMOTE_ADDR="203.0.113.9")
    assert attempt(Client(), victim, REMOTE_ADDR="198.51.100.4").status_code == 302


def test_a_forwarded_for_header_is_believed_only_when_a_proxy_is_configured(council, settings):
    victim = council.users[Role.LEAD_OFFICER]
    # Not configured: rotating a forged header does not dodge the lock-out of the connecting address.
    attacker = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(attacker, victim, "wrong-password", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert attempt(attacker, victim, "wrong-password", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429

    # Behind a configured proxy everyone connects from the proxy's address; the header tells people apart.
    settings.CAIRN_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    other = council.users[Role.FINANCE_MANAGER]
    fail_enough(other, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert attempt(Client(), other, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 302
    # A client cannot slip its own value in front: the proxy appends what it saw, and that is what counts.
    assert attempt(
        Client(), other, "wrong-password", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9"
    ).status_code == 429


def test_the_persons_own_browser_still_signs_in_from_the_attackers_address(council):
    victim = council.users[Role.LEAD_OFFICER]
    own_browser = Client()
    assert attempt(own_browser, victim, REMOTE_ADDR="192.0.2.10").status_code == 302
    assert DEVICE_COOKIE in own_browser.cookies
    own_browser.post(reverse("accounts:sign_out"))

    fail_enough(victim, REMOTE_ADDR="192.0.2.10")  # the same office address
    assert attempt(Client(), victim, REMOTE_ADDR="192.0.2.10").status_code == 429  # a new browser must wait
    assert attempt(own_browser, victim, REMOTE_ADDR="192.0.2.10").status_code == 302


def test_failures_from_a_known_browser_lock_that_browser_alone(council):
    person = council.users[Role.LEAD_OFFICER]
    laptop = Client()
    attempt(laptop, person, REMOTE_ADDR="192.0.2.10")
    laptop.post(reverse("accounts:sign_out"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(laptop, person, "wrong-password", REMOTE_ADDR="192.0.2.10")
    # Once the browser is locked, it is counted like any other and must wait.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(laptop, person, "wrong-password", REMOTE_ADDR="192.0.2.10")
    assert attempt(laptop, person, REMOTE_ADDR="192.0.2.10").status_code == 429
    assert attempt(Client(), person, REMOTE_ADDR="198.51.100.4").status_code == 302


def test_many_failures_to_many_accounts_from_one_address_throttle_that_address(council, settings):
    settings.CAIRN_SIGN_IN_ADDRESS_ATTEMPTS = 6
    people = [council.users[role] for role in (Role.LEAD_OFFICER, Role.FINANCE_MANAGER, Role.COUNCILLOR)]
    regular = council.users[Role.SCRUTINY_OFFICER]
    own_browser = Client()
    attempt(own_browser, regular, REMOTE_ADDR="192.0.2.10")
    own_browser.post(reverse("accounts:sign_out"))

    sprayer = Client()
    for person in people:
        for _ in range(2):
            attempt(sprayer, person, "Winter2026!", REMOTE_ADDR="192.0.2.10")
    refused = attempt(Client(), council.users[Role.ADMINISTRATOR], REMOTE_ADDR="192.0.2.10")
    assert refused.status_code == 429 and "from your network" in refused.content.decode()
    assert attempt(own_browser, regular, REMOTE_ADDR="192.0.2.10").status_code == 302
    assert attempt(Client(), council.users[Role.ADMINISTRATOR], REMOTE_ADDR="198.51.100.4").status_code == 302


def test_sign_ins_failures_and_lock_outs_are_in_the_audit_trail(council):
    person = council.users[Role.LEAD_OFFICER]
    fail_enough(person, REMOTE_ADDR="203.0.113.9")
    attempt(Client(), person, REMOTE_ADDR="198.51.100.4")
    actions = list(AuditEvent.objects.for_object(person).order_by("pk").values_list("action", "after"))
    failures = [after for action, after in actions if action == "user.sign_in_failed"]
    assert len(failures) == settings.AXES_FAILURE_LIMIT + 1  # the last one while locked out
    assert failures[0] == {"address": "203.0.113.9"}
    assert ("user.locked_out", {"address": "203.0.113.9"}) in actions
    assert actions[-1] == ("user.signed_in", {"address": "198.51.100.4"})
    assert AuditEvent.objects.filter(action="user.signed_in", organisation=council.org).exists()
