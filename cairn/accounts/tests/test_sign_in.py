from django.urls import reverse

from cairn.accounts.models import Role
from cairn.core.testing import PASSWORD


def test_a_user_signs_in_and_sees_their_council(client, council):
    user = council.users[Role.SCRUTINY_OFFICER]
    response = client.post(reverse("accounts:sign_in"), {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home:home")
    assert council.org.name in response.content.decode()


def test_a_wrong_password_is_refused_with_an_error_summary(client, council):
    user = council.users[Role.SCRUTINY_OFFICER]
    response = client.post(reverse("accounts:sign_in"), {"username": user.username, "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Please enter a correct username and password" in page
    assert "_auth_user_id" not in client.session


def test_sign_out_ends_the_session(client, council):
    client.force_login(council.users[Role.COUNCILLOR])
    response = client.post(reverse("accounts:sign_out"))
    assert response.status_code == 302
    assert client.get(reverse("home:home")).status_code == 302


def test_the_home_page_shows_a_lead_what_is_asked_of_them(lead_client, council):
    page = lead_client.get(reverse("home:home")).content.decode()
    assert "Updates asked of you" in page
    assert council.collecting_round.title in page


def test_the_home_page_counts_assessments_and_overdue_steps(officer_client, council):
    page = officer_client.get(reverse("home:home")).content.decode()
    assert "Open recommendations by latest assessment" in page
    assert "Slipped" in page
    assert "1 step of open recommendations is past its target date" in page


def test_the_home_page_shows_slipped_and_drifting_recommendations(officer_client, council):
    import datetime as dt

    from cairn.reviews import operations as reviews

    page = officer_client.get(reverse("home:home")).content.decode()
    assert "Slipped at the last update" in page and "recommendation 1" in page
    assert "Slipped more than once" in page
    reviews.revise_action_target(council.action, by=council.officer, target_on=dt.date(2027, 1, 31), reason="Late advert")
    reviews.revise_action_target(council.action, by=council.officer, target_on=dt.date(2027, 3, 31), reason="No applicants")
    page = officer_client.get(reverse("home:home")).content.decode()
    revised = council.recommendation.actions.filter(revisions__isnull=False).values("revisions").count()
    assert revised >= 2 and f"{revised} revised dates" in page
