"""A council's administrator sets the name, logo and contact its papers and pages carry, and the date its accessibility
statement was last reviewed; the logo is checked by reading it, and shown only to those who may see the page."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cairn.accounts import operations
from cairn.accounts.logos import MAX_BYTES
from cairn.accounts.models import CouncilLogo, Organisation, Role
from cairn.audit.models import AuditEvent

from .images import give_logo, image_bytes

PAGE = "administration:council_branding"


def _post(client, **fields):
    data = {"paper_name": "", "contact_name": "", "contact_post": "", "contact_phone": "", "contact_email": "",
            "statement_reviewed_on": ""} | fields
    return client.post(reverse(PAGE), data)


def _upload(data: bytes, name: str = "crest.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_the_administrator_sets_the_name_logo_and_contact_in_one_audited_change(admin_client, council):
    png = image_bytes(300, 100)
    response = _post(
        admin_client, paper_name="Exampleton Council", logo=_upload(png), contact_name="Joanne Dobson",
        contact_post="Scrutiny Support Officer", contact_phone="01642 526811",
        contact_email="joanne.dobson@exampleton.gov.uk", statement_reviewed_on="1/12/2026",
    )
    assert response.status_code == 302
    org = Organisation.objects.get(pk=council.org.pk)
    assert org.shown_name == "Exampleton Council" and org.name == "Exampleton Borough Council"
    assert (org.contact_name, org.contact_post, org.contact_phone, org.contact_email) == (
        "Joanne Dobson", "Scrutiny Support Officer", "01642 526811", "joanne.dobson@exampleton.gov.uk")
    assert org.statement_reviewed_on == dt.date(2026, 12, 1)
    logo = org.logo
    assert bytes(logo.image) == png and logo.sha256 == hashlib.sha256(png).hexdigest()
    assert (logo.content_type, logo.width, logo.height, logo.file_name) == ("image/png", 300, 100, "crest.png")
    [event] = AuditEvent.objects.filter(action="organisation.branding_changed")
    assert event.after["logo_id"] == logo.pk and event.after["paper_name"] == "Exampleton Council"

    history = admin_client.get(reverse("audit:history", args=["council", org.pk])).content.decode()
    assert "Council: name, logo or contact on papers changed" in history
    assert "Name on papers and pages" in history and "Exampleton Council" in history
    assert "crest.png (PNG, 300 × 100 pixels)" in history and "logo_id" not in history
    assert "Accessibility statement last reviewed" in history and "01/12/2026" in history


def test_the_header_of_the_councils_pages_shows_its_name_and_logo(admin_client, councillor_client, council):
    logo_id = give_logo(council)
    operations.update_council_branding(council.org, by=None, paper_name="Exampleton Council")
    page = councillor_client.get(reverse("reviews:review_list")).content.decode()
    logo_url = reverse("accounts:council_logo", args=[logo_id])
    assert f'<img class="cairn-header__logo" src="{logo_url}" alt="Exampleton Council logo">' in page
    assert "Exampleton Council</span>" in page
    served = councillor_client.get(logo_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served.content == bytes(CouncilLogo.objects.get(pk=logo_id).image)
    assert served["X-Content-Type-Options"] == "nosniff"


def test_public_pages_show_the_logo_only_where_the_council_publishes_them(client, council):
    logo_id = give_logo(council)
    public_logo = reverse("public:logo", args=[council.org.slug, logo_id])
    statement = client.get(reverse("statements:council_accessibility", args=[council.org.slug])).content.decode()
    assert "cairn-header__logo" not in statement  # public pages are off: the statement names the council alone
    assert client.get(public_logo).status_code == 404
    assert client.get(reverse("accounts:council_logo", args=[logo_id])).status_code == 302  # sign in first

    operations.update_organisation(council.org, by=None, public_pages_enabled=True)
    page = client.get(reverse("public:rounds", args=[council.org.slug])).content.decode()
    assert f'src="{public_logo}" alt="Exampleton Borough Council logo"' in page
    assert client.get(public_logo).status_code == 200
    # Only its current logo: one replaced is not served to the public.
    operations.update_council_branding(council.org, by=None, logo=_checked(image_bytes(colour="#d4351c")))
    assert client.get(public_logo).status_code == 404


def _checked(data: bytes):
    from cairn.accounts.logos import check_logo

    return check_logo(data, "new.png")


@pytest.mark.parametrize("upload, message", [
    (lambda: _upload(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                     "crest.svg", "image/svg+xml"), "crest.svg is an SVG drawing, which can carry scripts"),
    (lambda: _upload(b"%PDF-1.7 not a picture", "crest.png"), "crest.png is not a PNG or JPEG image Cairn can read"),
    (lambda: _upload(image_bytes(format="GIF"), "crest.gif", "image/gif"), "crest.gif is a GIF image: a logo must be PNG or JPEG"),
    (lambda: _upload(image_bytes()[:200], "cut.png"), "cut.png is not a PNG or JPEG image Cairn can read"),
    (lambda: _upload(image_bytes(4100, 400), "huge.png"), "huge.png is 4100 × 400 pixels: a logo must be at most 4000 pixels"),
    (lambda: _upload(image_bytes(8, 8), "tiny.png"), "tiny.png is 8 × 8 pixels: each side must be at least 16 pixels"),
    (lambda: _upload(image_bytes(1100, 100), "strip.png"), "strip.png is 1100 × 100 pixels: a logo can be at most 10 times"),
    (lambda: _upload(b"\x89PNG" + b"\0" * (MAX_BYTES + 1), "big.png"), "big.png is 1.0 MB: a logo must be 1 MB or smaller"),
])
def test_a_file_that_is_not_a_sensible_png_or_jpeg_is_refused_and_nothing_changes(admin_client, council, upload, message):
    response = _post(admin_client, paper_name="Renamed", logo=upload())
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert message in page
    org = Organisation.objects.get(pk=council.org.pk)
    assert org.paper_name == "" and org.logo_id is None
    assert not CouncilLogo.objects.exists() and not AuditEvent.objects.filter(action="organisation.branding_changed").exists()


def test_a_jpeg_is_taken_and_the_logo_can_be_removed_while_the_old_one_is_kept(admin_client, council):
    jpeg = image_bytes(200, 200, format="JPEG")
    assert _post(admin_client, logo=_upload(jpeg, "crest.jpg", "image/jpeg")).status_code == 302
    org = Organisation.objects.get(pk=council.org.pk)
    assert org.logo.content_type == "image/jpeg"
    first = org.logo_id
    page = admin_client.get(reverse(PAGE)).content.decode()
    assert "Remove the logo from papers and pages" in page and "crest.jpg (JPEG, 200 × 200 pixels)" in page
    both = _post(admin_client, logo=_upload(image_bytes(), "new.png"), remove_logo="on").content.decode()
    assert "Either upload a new logo or remove the logo, not both" in both
    assert _post(admin_client, remove_logo="on").status_code == 302
    org.refresh_from_db()
    assert org.logo_id is None and CouncilLogo.objects.filter(pk=first).exists()  # published papers may name it
    assert "cairn-header__logo" not in admin_client.get(reverse("reviews:review_list")).content.decode()


def test_another_councils_administrator_neither_sees_nor_changes_our_settings_or_logo(
    other_council_client, council, other_council
):
    logo_id = give_logo(council)
    operations.update_council_branding(council.org, by=None, paper_name="Exampleton Council", contact_name="Joanne")
    page = other_council_client.get(reverse(PAGE)).content.decode()
    assert "Otherton District Council" in page and "Exampleton" not in page and "Joanne" not in page
    assert other_council_client.get(reverse("accounts:council_logo", args=[logo_id])).status_code == 404
    assert other_council_client.get(reverse("audit:history", args=["council", council.org.pk])).status_code == 404
    # Their own change reaches their own council only.
    assert _post(other_council_client, paper_name="Otherton Council").status_code == 302
    assert Organisation.objects.get(pk=council.org.pk).paper_name == "Exampleton Council"
    assert Organisation.objects.get(pk=other_council.org.pk).paper_name == "Otherton Council"


def test_only_the_administrator_may_change_them(officer_client, council):
    assert officer_client.get(reverse(PAGE)).status_code == 403
    assert _post(officer_client, paper_name="Mine now").status_code == 403
    assert Organisation.objects.get(pk=council.org.pk).paper_name == ""


def test_a_new_cover_report_starts_with_the_councils_contact_and_the_officer_where_it_has_none(officer_client, council):
    officer = council.users[Role.SCRUTINY_OFFICER]
    url = reverse("reviews:paper_create", args=[council.review.pk])
    page = officer_client.get(url).content.decode()
    assert f'value="{officer.display_name}"' in page and f'value="{officer.email}"' in page
    operations.update_council_branding(
        council.org, by=None, contact_post="Scrutiny Support Officer", contact_phone="01642 526811",
        contact_email="scrutiny@exampleton.gov.uk",
    )
    page = officer_client.get(url).content.decode()
    assert f'value="{officer.display_name}"' in page  # no name set: the officer's own
    assert 'value="Scrutiny Support Officer"' in page and 'value="01642 526811"' in page
    assert 'value="scrutiny@exampleton.gov.uk"' in page and f'value="{officer.email}"' not in page


def test_the_accessibility_statement_says_when_it_was_prepared_and_last_reviewed(client, council):
    url = reverse("statements:council_accessibility", args=[council.org.slug])
    page = client.get(url).content.decode()
    assert "This statement was prepared on" in page and "It was last reviewed" not in page
    operations.update_council_branding(council.org, by=None, statement_reviewed_on=dt.date(2027, 1, 15))
    page = client.get(url).content.decode()
    assert "It was last reviewed on 15/01/2027." in page


def test_a_signed_out_visitor_is_sent_to_sign_in_for_the_settings_page():
    response = Client().get(reverse(PAGE))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign_in"))
