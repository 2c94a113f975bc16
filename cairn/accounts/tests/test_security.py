"""Sign-in throttling, two-factor sign-in, ending sessions, and the headers every response carries."""

import os
import re
import subprocess
import sys

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts import operations
from cairn.accounts.models import Role
from cairn.core.testing import PASSWORD
from cairn.reviews import operations as reviews


def sign_in(client, user, password=PASSWORD):
    return client.post(reverse("accounts:sign_in"), {"username": user.username, "password": password})


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_repeated_failures_lock_the_account_out_with_a_clear_message(client, council):
    user = council.users[Role.LEAD_OFFICER]
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, user, "wrong").status_code == 200
    response = sign_in(client, user, "wrong")
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    # Even the right password is refused until the wait is over.
    assert sign_in(client, user).status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_out_everywhere_ends_every_session(council):
    user = council.users[Role.COUNCILLOR]
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    assert phone.get(reverse("home:home")).status_code == 200
    laptop.post(reverse("accounts:sign_out_everywhere"))
    assert phone.get(reverse("home:home")).status_code == 302


def test_two_factor_setup_then_every_sign_in_asks_for_a_code(client, council):
    user = council.users[Role.SCRUTINY_OFFICER]
    client.force_login(user)
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "<svg" in page and "Key:" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "That code is not right" in wrong.content.decode()
    too_soon = client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    assert "Too many wrong codes" in too_soon.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # as if the wait had passed
    client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed

    fresh = Client()
    sign_in(fresh, user)
    response = fresh.get(reverse("reviews:review_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:two_factor_verify"))
    device.refresh_from_db()
    device.last_t = -1  # the code above was used once already; a new time step gives a new code
    device.save()
    fresh.post(reverse("accounts:two_factor_verify") + "?next=/reviews/", {"code": code_for(device)})
    assert fresh.get(reverse("reviews:review_list")).status_code == 200


def test_a_council_can_require_two_factor_for_administrators(client, council):
    operations.update_organisation(council.org, by=None, two_factor_roles=["administrator"])
    client.force_login(council.users[Role.ADMINISTRATOR])
    response = client.get(reverse("home:home"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:two_factor_setup")
    other = Client()
    other.force_login(council.users[Role.LEAD_OFFICER])
    assert other.get(reverse("home:home")).status_code == 200


def test_every_page_carries_a_content_security_policy_with_a_nonce(officer_client, council):
    response = officer_client.get(reverse("programmes:programme_detail", args=[council.programme.pk]))
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    page = response.content.decode()
    assert f'nonce="{nonce}"' in page
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_use_no_inline_style_attributes(officer_client, council):
    for url in [
        reverse("home:home"),
        reverse("reviews:review_detail", args=[council.review.pk]),
        reverse("programmes:programme_detail", args=[council.programme.pk]),
        reverse("programmes:project_detail", args=[council.project.pk]),
        reverse("accounts:two_factor_setup"),
    ]:
        assert " style=" not in officer_client.get(url).content.decode(), url


def test_hostile_text_is_shown_as_text_never_run(officer_client, council):
    reviews.create_recommendation(
        council.review, by=council.officer, number="99", text='<script>alert("x")</script><img src=x onerror=alert(1)>'
    )
    page = officer_client.get(reverse("reviews:review_detail", args=[council.review.pk])).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


def test_the_deployment_check_passes_with_production_settings(tmp_path):
    environment = {
        **os.environ,
        "CAIRN_DATA_DIR": str(tmp_path),
        "CAIRN_SECRET_KEY": "a-long-random-production-secret-key-with-plenty-of-characters-0123456789",
        "CAIRN_HTTPS": "1",
        "CAIRN_ALLOWED_HOSTS": "cairn.example.gov.uk",
        "CAIRN_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "CAIRN_EMAIL_HOST": "smtp.example.gov.uk",
        "DJANGO_SETTINGS_MODULE": "cairn.config.settings",
    }
    for development_only in ("CAIRN_DEBUG", "CAIRN_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"):
        environment.pop(development_only, None)
    result = subprocess.run(
        [sys.executable, "-m", "cairn", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
