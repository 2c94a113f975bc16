"""Passwords that are easy to guess, or made from the person's or the council's names, are refused."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.core.testing import PASSWORD


@pytest.mark.parametrize(
    "password, message",
    [
        ("aaaaaaaaaaaa", "too easy to guess: repeats like"),
        ("qwertyuiopas", "too easy to guess"),
        ("Exampleton2026!", "made from your name or your council's name"),
        ("exampleton-borough-1", "made from your name or your council's name"),
        ("Lead-Officer-1985", "made from your name or your council's name"),
        ("ExampletonExampleton", "made from your name or your council's name"),
    ],
)
def test_guessable_passwords_are_refused_with_a_reason(council, password, message):
    person = council.users[Role.LEAD_OFFICER]
    with pytest.raises(ValidationError) as refused:
        validate_password(password, person)
    assert message in " ".join(refused.value.messages)


@pytest.mark.parametrize("password", [PASSWORD, "blue-kettle-Orbit-91", "lead-loves-purple-giraffes-42"])
def test_strong_passwords_pass_even_with_a_name_among_other_words(council, password):
    validate_password(password, council.users[Role.LEAD_OFFICER])


def test_changing_to_the_councils_name_with_digits_is_refused_on_the_page(lead_client, council):
    response = lead_client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Exampleton2026!", "new_password2": "Exampleton2026!",
    })
    assert response.status_code == 200
    assert "made from your name or your council" in response.content.decode()
    person = council.users[Role.LEAD_OFFICER]
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
