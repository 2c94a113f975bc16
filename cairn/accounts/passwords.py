"""Password strength: a password must be hard to guess (zxcvbn's estimate) and not be made from the person's or the
council's names with a few digits or signs around them."""

import re

from django.core.exceptions import ValidationError
from zxcvbn import zxcvbn

# Words in most councils' names, too common to count as part of a name.
GENERIC = {"council", "borough", "district", "county", "city", "metropolitan", "royal", "and", "the", "of", "london"}
ENOUGH = 3  # zxcvbn's 0-4 score: 3 is "safely unguessable: moderate protection from an offline attack"


def names_of(user) -> list[str]:
    """The words someone guessing would try first: the person's names, username and e-mail, the council's name."""
    words = [user.username, user.first_name, user.last_name, user.email.split("@")[0] if user.email else ""]
    organisation = getattr(user, "organisation", None)
    if organisation is not None:
        words += [organisation.name, organisation.slug]
    tokens = set()
    for word in words:
        for token in re.split(r"[^a-z0-9]+", (word or "").lower()):
            if len(token) >= 3 and token not in GENERIC and not token.isdigit():
                tokens.add(token)
    return sorted(tokens, key=len, reverse=True)


class StrengthValidator:
    """Refuse guessable passwords (`aaaaaaaaaaaa`, `qwertyuiopas`) and passwords built from names (`Exampleton2026!`)."""

    def validate(self, password: str, user=None) -> None:
        names = names_of(user) if user is not None else []
        rest = password
        for name in names:
            rest = re.sub(re.escape(name), "", rest, flags=re.IGNORECASE)
        if rest != password:
            # Built on a name: the common words of a council's name ("Borough", "Council") add nothing either.
            for word in GENERIC:
                rest = re.sub(re.escape(word), "", rest, flags=re.IGNORECASE)
        if rest != password and (not rest or zxcvbn(rest[:100])["score"] < ENOUGH):
            raise ValidationError(
                "Your password is made from your name or your council's name: choose one that is not, for example "
                "three or four random words", code="password_from_names",
            )
        result = zxcvbn(password[:100], user_inputs=names)  # zxcvbn's time grows with length: 100 is plenty
        if result["score"] < ENOUGH:
            warning = result["feedback"]["warning"]
            raise ValidationError(
                f"Your password is too easy to guess{': ' + warning.rstrip('.').lower() if warning else ''}. "
                "Choose a longer one, for example three or four random words", code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return "Your password must be hard to guess and not made from your name or your council's name."
