"""The access matrix, built from the URL configuration itself: every URL x every role x own and other council."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cairn.accounts import operations
from cairn.accounts.models import Role

from .matrix import ALL_ROLES, AUDITORS, SIGN_IN
from .matrix_editing import EDITING_MATRIX
from .matrix_rounds import ROUNDS_MATRIX


# name: (the URL's arguments, from a council; roles that get 200 (others 403); another council's users; the signed-out)
MATRIX = {
    "core:home": (None, ALL_ROLES, 200, SIGN_IN),
    "reviews:review_list": (None, ALL_ROLES, 200, SIGN_IN),
    "reviews:review_detail": (lambda c: [c.review.pk], ALL_ROLES, 404, SIGN_IN),
    "reviews:recommendation_detail": (lambda c: [c.recommendation.pk], ALL_ROLES, 404, SIGN_IN),
    "programmes:programme_list": (None, ALL_ROLES, 200, SIGN_IN),
    "programmes:programme_detail": (lambda c: [c.programme.pk], ALL_ROLES, 404, SIGN_IN),
    "programmes:project_detail": (lambda c: [c.project.pk], ALL_ROLES, 404, SIGN_IN),
    "audit:history": (lambda c: ["recommendation", c.recommendation.pk], AUDITORS, 404, SIGN_IN),
    "audit:export": (None, {Role.ADMINISTRATOR}, 200, SIGN_IN),  # their own council's trail
    "public:rounds": (lambda c: [c.org.slug], ALL_ROLES, 200, 200),
    "public:round": (lambda c: [c.org.slug, c.published_round.pk], ALL_ROLES, 200, 200),
    **EDITING_MATRIX,
    **ROUNDS_MATRIX,
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
}


def all_url_names() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def url_for(name: str, council) -> str:
    arguments = MATRIX[name][0]
    return reverse(name, args=arguments(council) if arguments else [])


def assert_outcome(response, expected) -> None:
    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign_in"))
    else:
        assert response.status_code == expected


@pytest.fixture
def public_council(council):
    operations.update_organisation(council.org, by=None, public_pages_enabled=True)
    return council


def test_every_url_is_in_the_matrix():
    assert all_url_names() == set(MATRIX) | set(ACCOUNT_PAGES)


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_what_it_may_see_of_its_own_council(name, role, client, public_council):
    client.force_login(public_council.users[role])
    assert_outcome(client.get(url_for(name, public_council)), 200 if role in MATRIX[name][1] else 403)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_another_councils_users_never_see_our_records(name, public_council, other_council, client):
    client.force_login(other_council.users[Role.ADMINISTRATOR])
    response = client.get(url_for(name, public_council))
    assert_outcome(response, MATRIX[name][2])
    if response.status_code == 200 and not name.startswith("public:"):
        page = body(response)
        assert public_council.org.name not in page
        assert public_council.review.title not in page


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_signed_out_public(name, client, public_council):
    assert_outcome(client.get(url_for(name, public_council)), MATRIX[name][3])


@pytest.mark.parametrize("name", ["public:rounds", "public:round"])
def test_public_pages_are_off_unless_the_council_turns_them_on(name, client, council):
    assert client.get(url_for(name, council)).status_code == 404


def test_the_public_never_sees_a_round_that_is_not_published(client, public_council):
    url = reverse("public:round", args=[public_council.org.slug, public_council.collecting_round.pk])
    assert client.get(url).status_code == 404
    listing = client.get(reverse("public:rounds", args=[public_council.org.slug])).content.decode()
    assert public_council.published_round.title in listing
    assert public_council.collecting_round.title not in listing


@pytest.mark.parametrize("name", sorted(ACCOUNT_PAGES))
@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_account_pages_are_the_same_for_every_role(name, role, client, council):
    client.force_login(council.users[role])
    assert client.get(reverse(name)).status_code == ACCOUNT_PAGES[name]


@pytest.mark.parametrize("name", sorted(n for n in MATRIX if not n.startswith("public:")))
def test_a_user_without_a_role_is_refused(name, client, council):
    nobody = operations.create_user(council.org, by=None, username="no-role", password="x" * 20)
    client.force_login(nobody)
    response = client.get(url_for(name, council))
    assert response.status_code == 403


def test_list_pages_show_only_own_councils_records(other_council_client, council, other_council):
    reviews = other_council_client.get(reverse("reviews:review_list")).content.decode()
    assert other_council.review.title in reviews
    assert council.review.title not in reviews
    programmes = other_council_client.get(reverse("programmes:programme_list")).content.decode()
    assert reverse("programmes:programme_detail", args=[other_council.programme.pk]) in programmes
    assert reverse("programmes:programme_detail", args=[council.programme.pk]) not in programmes
