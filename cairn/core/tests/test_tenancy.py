"""Every URL, built from the URL configuration itself, for every role and for another council's users."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cairn.accounts.models import Role

# URL names that take a record's pk, and which of the council's records they show.
DETAIL_URLS = {
    "reviews:review_detail": "review",
    "reviews:recommendation_detail": "recommendation",
    "programmes:programme_detail": "programme",
    "programmes:project_detail": "project",
}
LIST_URLS = {"core:home", "reviews:review_list", "programmes:programme_list"}
PUBLIC_URLS = {"accounts:sign_in", "accounts:sign_out"}


def all_url_names() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def test_every_url_is_covered_by_these_tests():
    assert all_url_names() == set(DETAIL_URLS) | LIST_URLS | PUBLIC_URLS


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DETAIL_URLS))
def test_another_councils_records_are_not_found(name, other_council_client, council):
    record = getattr(council, DETAIL_URLS[name])
    response = other_council_client.get(reverse(name, args=[record.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DETAIL_URLS))
@pytest.mark.parametrize("role", Role.values)
def test_every_role_can_read_its_own_councils_records(name, role, client, council):
    client.force_login(council.users[role])
    record = getattr(council, DETAIL_URLS[name])
    assert client.get(reverse(name, args=[record.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(LIST_URLS))
@pytest.mark.parametrize("role", Role.values)
def test_every_role_can_open_list_pages(name, role, client, council):
    client.force_login(council.users[role])
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DETAIL_URLS) + sorted(LIST_URLS))
def test_signed_out_visitors_are_sent_to_sign_in(name, client, council):
    args = [getattr(council, DETAIL_URLS[name]).pk] if name in DETAIL_URLS else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.django_db
def test_list_pages_show_only_own_councils_records(other_council_client, council, other_council):
    reviews = other_council_client.get(reverse("reviews:review_list")).content.decode()
    assert other_council.review.title in reviews
    assert council.review.title not in reviews
    programmes = other_council_client.get(reverse("programmes:programme_list")).content.decode()
    assert reverse("programmes:programme_detail", args=[other_council.programme.pk]) in programmes
    assert reverse("programmes:programme_detail", args=[council.programme.pk]) not in programmes


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DETAIL_URLS) + sorted(LIST_URLS - {"core:home"}))
def test_a_user_without_a_role_is_refused(name, client, council):
    from cairn.accounts import operations

    nobody = operations.create_user(council.org, by=None, username="no-role", password="x" * 20)
    client.force_login(nobody)
    args = [getattr(council, DETAIL_URLS[name]).pk] if name in DETAIL_URLS else []
    assert client.get(reverse(name, args=args)).status_code == 403
