"""The access matrix, built from the URL configuration itself: every URL x every role x own and other council."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cairn.accounts import operations
from cairn.accounts.models import Role
from cairn.accounts.tests.images import give_logo
from cairn.benchmarks.tests.samples import sample_measure

from .matrix import ALL_ROLES, AUDITORS, OFFICERS, SIGN_IN
from .matrix_api import API_MATRIX, NO_ROLE_ALLOWED, OWN_COUNCIL_LISTS
from .matrix_editing import EDITING_MATRIX
from .matrix_imports import IMPORTS_MATRIX, IMPORTS_POST_ONLY
from .matrix_jobs import JOBS_MATRIX, JOBS_POST_ONLY, PERSONAL
from .matrix_reports import REPORTS_MATRIX
from .matrix_rounds import ROUNDS_MATRIX, ROUNDS_POST_ONLY


# name: (the URL's arguments, from a council; roles that get 200 (others 403); another council's users; the signed-out)
MATRIX = {
    "home:home": (None, ALL_ROLES, 200, SIGN_IN),
    # Their own council's records only: what another council's people find is tested in cairn/search.
    "search:results": (None, ALL_ROLES, 200, SIGN_IN),
    "reviews:review_list": (None, ALL_ROLES, 200, SIGN_IN),
    "reviews:recommendation_tracker": (None, ALL_ROLES, 200, SIGN_IN),
    "reviews:review_detail": (lambda c: [c.review.pk], ALL_ROLES, 404, SIGN_IN),
    "reviews:recommendation_detail": (lambda c: [c.recommendation.pk], ALL_ROLES, 404, SIGN_IN),
    "reviews:review_papers": (lambda c: [c.review.pk], ALL_ROLES, 404, SIGN_IN),
    "programmes:programme_papers": (lambda c: [c.programme.pk], ALL_ROLES, 404, SIGN_IN),
    "programmes:programme_list": (None, ALL_ROLES, 200, SIGN_IN),
    "programmes:programme_detail": (lambda c: [c.programme.pk], ALL_ROLES, 404, SIGN_IN),
    "programmes:project_detail": (lambda c: [c.project.pk], ALL_ROLES, 404, SIGN_IN),
    # Published statistics are shared by every council (decision 15): another council's people read them too.
    "benchmarks:measure_list": (None, ALL_ROLES, 200, SIGN_IN),
    "benchmarks:measure_detail": (lambda c: [sample_measure().pk], ALL_ROLES, 200, SIGN_IN),
    "audit:history": (lambda c: ["recommendation", c.recommendation.pk], AUDITORS, 404, SIGN_IN),
    "audit:export": (None, {Role.ADMINISTRATOR}, 200, SIGN_IN),  # their own council's trail
    "public:rounds": (lambda c: [c.org.slug], ALL_ROLES, 200, 200),
    "public:round": (lambda c: [c.org.slug, c.published_round.pk], ALL_ROLES, 200, 200),
    "public:rounds_csv": (lambda c: [c.org.slug], ALL_ROLES, 200, 200),  # also needs open data consent
    "public:round_paper": (
        lambda c: [c.org.slug, c.published_round.pk, "progress-update", c.review.pk], ALL_ROLES, 200, 200
    ),
    "public:logo": (lambda c: [c.org.slug, give_logo(c)], ALL_ROLES, 200, 200),  # the council's current logo
    # The logo on a council's own pages: its people's (another council's is a 404).
    "accounts:council_logo": (lambda c: [give_logo(c)], ALL_ROLES, 404, SIGN_IN),
    # A one-time link to set a password: open to anyone holding it; a link that does not work says so (200).
    "accounts:set_password": (lambda c: ["MQ", "not-a-token"], ALL_ROLES, 200, 200),
    **EDITING_MATRIX,
    **ROUNDS_MATRIX,
    "administration:people_list": (None, {Role.ADMINISTRATOR}, 200, SIGN_IN),
    "administration:person_create": (None, {Role.ADMINISTRATOR}, 200, SIGN_IN),
    "administration:person_edit": (lambda c: [c.officer.pk], {Role.ADMINISTRATOR}, 404, SIGN_IN),
    "administration:person_reset_two_factor": (lambda c: [c.officer.pk], {Role.ADMINISTRATOR}, 404, SIGN_IN),
    "administration:organisation_settings": (None, {Role.ADMINISTRATOR}, 200, SIGN_IN),
    # Their own council's name, logo and contact on papers (never ours: checked by the matrix's page check).
    "administration:council_branding": (None, {Role.ADMINISTRATOR}, 200, SIGN_IN),
    "administration:person_resend_invitation": (lambda c: [c.officer.pk], {Role.ADMINISTRATOR}, 404, SIGN_IN),
    "administration:person_send_password_reset": (lambda c: [c.officer.pk], {Role.ADMINISTRATOR}, 404, SIGN_IN),
    "administration:person_unlock": (lambda c: [c.officer.pk], {Role.ADMINISTRATOR}, 404, SIGN_IN),
    # On the administrator themself (refused, with a pointer to "sign out everywhere"), so no one's sessions end here.
    "administration:person_end_sessions": (
        lambda c: [c.users[Role.ADMINISTRATOR].pk], {Role.ADMINISTRATOR}, 404, SIGN_IN
    ),
    "signon:settings": (None, {Role.ADMINISTRATOR}, 200, SIGN_IN),  # their own council's single sign-on
    "signon:remove": (None, {Role.ADMINISTRATOR}, 302, SIGN_IN),
    **IMPORTS_MATRIX,
    "imports:batch_list_csv": (None, OFFICERS, 200, SIGN_IN),
    **REPORTS_MATRIX,
    **JOBS_MATRIX,
    # Managing API tokens and webhooks (the API itself is in API_MATRIX, below).
    "api_pages:council_tokens": (None, {Role.ADMINISTRATOR}, 200, SIGN_IN),  # their own council's tokens
    "api_pages:token_revoke": (lambda c: [_administrators_token(c)], {Role.ADMINISTRATOR}, 404, SIGN_IN),
    "api_pages:webhook_list": (None, {Role.ADMINISTRATOR}, 200, SIGN_IN),
    "api_pages:webhook_remove": (lambda c: [_webhook(c)], {Role.ADMINISTRATOR}, 404, SIGN_IN),
}
# Pages for anyone, signed in or not, whatever their roles.
OPEN_TO_ANYONE = {"accounts:set_password"}
POST_ONLY = ROUNDS_POST_ONLY | IMPORTS_POST_ONLY | JOBS_POST_ONLY | {
    "administration:person_reset_two_factor", "administration:person_resend_invitation",
    "administration:person_send_password_reset", "administration:person_unlock", "administration:person_end_sessions",
    "signon:remove", "api_pages:token_revoke", "api_pages:webhook_remove",
}
# Pages about the signed-in person themselves, or sign-in itself: the same for every role.
ACCOUNT_PAGES = {
    "accounts:sign_in": 302,  # a signed-in user is sent on
    "accounts:sign_out": 405,  # POST only
    "accounts:account": 200,
    "accounts:password_change": 200,
    "accounts:sign_out_everywhere": 405,  # POST only
    "accounts:two_factor_setup": 200,
    "accounts:two_factor_verify": 302,  # nothing to verify without an authenticator
    "accounts:two_factor_remove": 405,  # POST only
    "accounts:two_factor_recovery": 302,  # nothing to recover without recovery codes
    "accounts:recovery_codes": 200,
    "accounts:security_keys": 200,
    "api_pages:token_list": 200,
}
# Pages that answer everyone alike, whoever they are (signed in, any role or none, any council), and the signed out:
# (the URL's arguments, the status for anyone signed in, the status for the signed out).
SAME_FOR_EVERYONE = {
    "accounts:password_reset": (None, 200, 200),
    "accounts:password_reset_sent": (None, 200, 200),
    "signon:start": (None, 302, 200),  # a signed-in person is sent home
    # The provider's return: a signed-in person is sent home; no council has single sign-on here, so 404.
    "signon:callback": (lambda c: [c.org.slug], 302, 404),
    # Removing one's own security key: POST only; whose key it is, is tested with the keys (test_security_keys.py).
    "accounts:remove_security_key": (lambda c: [0], 405, 302),
    # The security key script's endpoints (POST only, JSON) and its messages; sign-in first.
    "otp_webauthn:credential-registration-begin": (None, 405, 302),
    "otp_webauthn:credential-registration-complete": (None, 405, 302),
    "otp_webauthn:credential-authentication-begin": (None, 405, 302),
    "otp_webauthn:credential-authentication-complete": (None, 405, 302),
    "otp_webauthn:js-i18n-catalog": (None, 200, 302),
    # The API's description and docs describe it, not a council's records.
    "api_openapi_json": (None, 200, 200),
    "api_docs": (None, 200, 200),
    # The accessibility statement and privacy notice: Cairn's, and each council's, published for anyone.
    "statements:accessibility": (None, 200, 200),
    "statements:privacy": (None, 200, 200),
    "statements:council_accessibility": (lambda c: [c.org.slug], 200, 200),
    "statements:council_privacy": (lambda c: [c.org.slug], 200, 200),
}


def _administrators_token(council) -> int:
    """A token of the council's administrator (revoked by the matrix's first allowed visit, refused after that)."""
    from cairn.api.operations import create_api_token

    return create_api_token(council.users[Role.ADMINISTRATOR], by=None, name="Matrix")[0].pk


def _webhook(council) -> int:
    from cairn.api.operations import register_webhook

    return register_webhook(council.org, by=None, url="https://example.org/hook", events=["round.published"])[0].pk


def all_url_names() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def visit(client, name: str, council):
    """GET the page, or POST to it when it only answers POST (an allowed POST redirects back)."""
    url = url_for(name, council)
    return client.post(url) if name in POST_ONLY else client.get(url)


def allowed_status(name: str) -> int:
    return 302 if name in POST_ONLY else 200


def url_for(name: str, council) -> str:
    arguments = MATRIX[name][0]
    return reverse(name, args=arguments(council) if arguments else [])


@pytest.fixture
def public_council(council):
    operations.update_organisation(council.org, by=None, public_pages_enabled=True, open_data_consent=True)
    return council


def test_every_url_is_in_the_matrix():
    assert all_url_names() == set(MATRIX) | set(ACCOUNT_PAGES) | set(SAME_FOR_EVERYONE) | set(API_MATRIX)


@pytest.mark.parametrize("name", sorted(SAME_FOR_EVERYONE))
def test_pages_the_same_for_everyone(name, council, other_council):
    arguments, signed_in, signed_out = SAME_FOR_EVERYONE[name]
    url = reverse(name, args=arguments(council) if arguments else [])
    nobody = operations.create_user(council.org, by=None, username="no-role", password="x" * 20)
    people = [*council.users.values(), other_council.users[Role.ADMINISTRATOR], nobody]
    outcomes = set()
    for user in people:
        client = Client()
        client.force_login(user)
        outcomes.add(client.get(url).status_code)
    assert outcomes == {signed_in}
    assert Client().get(url).status_code == signed_out


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access_matrix(name, public_council, other_council):
    """One URL: every role of its own council, another council's administrator, a user with no role, the signed out.

    The councils are built once per URL (that is the slow part) and every outcome is checked against the table.
    """
    roles, other_outcome, signed_out_outcome = MATRIX[name][1:]
    nobody = operations.create_user(public_council.org, by=None, username="no-role", password="x" * 20)
    people = {role: public_council.users[role] for role in sorted(ALL_ROLES)}
    people |= {"another council's administrator": other_council.users[Role.ADMINISTRATOR], "no role": nobody}
    refused = 404 if name in PERSONAL else 403
    expected = {role: allowed_status(name) if role in roles else refused for role in ALL_ROLES}
    open_to_all = name.startswith("public:") or name in OPEN_TO_ANYONE
    expected |= {"another council's administrator": other_outcome, "no role": 200 if open_to_all else 403}
    wrong = []
    for who, user in people.items():
        client = Client()
        client.force_login(user)
        response = visit(client, name, public_council)
        outcome = response.status_code
        if outcome != expected[who]:
            wrong.append(f"{who}: {outcome}, expected {expected[who]}")
        elif who == "another council's administrator" and outcome == 200 and not name.startswith("public:"):
            page = body(response)
            if public_council.org.name in page or public_council.review.title in page:
                wrong.append(f"{who}: saw our council's records")
    response = visit(Client(), name, public_council)
    if signed_out_outcome == SIGN_IN:
        if response.status_code != 302 or not response["Location"].startswith(reverse("accounts:sign_in")):
            wrong.append(f"signed out: {response.status_code}, expected a redirect to sign in")
    elif response.status_code != signed_out_outcome:
        wrong.append(f"signed out: {response.status_code}, expected {signed_out_outcome}")
    assert not wrong, f"{name}: " + "; ".join(wrong)


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.mark.parametrize(
    "name", ["public:rounds", "public:round", "public:rounds_csv", "public:round_paper", "public:logo"]
)
def test_public_pages_are_off_unless_the_council_turns_them_on(name, client, council):
    assert client.get(url_for(name, council)).status_code == 404


def test_the_public_never_sees_a_round_that_is_not_published(client, public_council):
    url = reverse("public:round", args=[public_council.org.slug, public_council.collecting_round.pk])
    assert client.get(url).status_code == 404
    listing = client.get(reverse("public:rounds", args=[public_council.org.slug])).content.decode()
    assert public_council.published_round.title in listing
    assert public_council.collecting_round.title not in listing


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_account_pages_are_the_same_for_every_role(role, council):
    client = Client()
    client.force_login(council.users[role])
    outcomes = {name: client.get(reverse(name)).status_code for name in sorted(ACCOUNT_PAGES)}
    assert outcomes == ACCOUNT_PAGES


def test_list_pages_show_only_own_councils_records(other_council_client, council, other_council):
    reviews = other_council_client.get(reverse("reviews:review_list")).content.decode()
    assert other_council.review.title in reviews
    assert council.review.title not in reviews
    programmes = other_council_client.get(reverse("programmes:programme_list")).content.decode()
    assert reverse("programmes:programme_detail", args=[other_council.programme.pk]) in programmes
    assert reverse("programmes:programme_detail", args=[council.programme.pk]) not in programmes


@pytest.mark.parametrize("name", sorted(API_MATRIX))
def test_api_access_matrix(name, council, other_council):
    """One API endpoint, with a token of: every role of its own council, another council's administrator, a person
    with no role; and with no token. Outcomes as the browser's pages give them, as problem details."""
    from cairn.api.tests.conftest import bearer

    arguments, method, payload, roles, allowed = API_MATRIX[name]
    nobody = operations.create_user(council.org, by=None, username="no-role", password="x" * 20)
    people = {role: council.users[role] for role in sorted(ALL_ROLES)}
    people |= {"another council's administrator": other_council.users[Role.ADMINISTRATOR], "no role": nobody}
    expected = {role: allowed if role in roles else 403 for role in ALL_ROLES}
    expected |= {
        "another council's administrator": 200 if name in OWN_COUNCIL_LISTS else 404,
        "no role": 200 if name in NO_ROLE_ALLOWED else 403,
    }
    url = reverse(name, args=arguments(council) if arguments else [])

    def call(headers):
        if method == "get":
            return Client().get(url, **headers)
        return getattr(Client(), method)(url, payload(council), content_type="application/json", **headers)

    wrong = []
    for who, user in people.items():
        response = call(bearer(user))
        if response.status_code != expected[who]:
            wrong.append(f"{who}: {response.status_code}, expected {expected[who]}")
        elif response.status_code >= 400 and response["Content-Type"] != "application/problem+json":
            wrong.append(f"{who}: {response.status_code} is not a problem document")
        elif who == "another council's administrator" and response.status_code == 200:
            page = response.content.decode()
            if council.org.name in page or council.review.title in page:
                wrong.append(f"{who}: saw our council's records")
    response = call({})
    if response.status_code != 401:
        wrong.append(f"no token: {response.status_code}, expected 401")
    assert not wrong, f"{name}: " + "; ".join(wrong)
