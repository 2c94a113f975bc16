"""The council's name and logo at the top of every page of its papers: as they are now for a draft or an action plan,
as they were at publication for a published round (its frozen content names the logo by id and SHA-256, and the
logo's bytes are checked against that digest before they are printed)."""

import base64
import hashlib
from dataclasses import dataclass

from cairn.accounts.models import CouncilLogo, Organisation

LOGO_HEIGHT_MM, LOGO_WIDEST_MM = 12, 70  # a logo is printed 12 mm tall, a wide one no wider than 70 mm


class MastheadError(Exception):
    """The logo a published round names is missing or is not the one it was published with."""


@dataclass(frozen=True)
class Logo:
    data: bytes
    content_type: str
    width: int  # pixels
    height: int

    @property
    def printed_mm(self) -> tuple[float, float]:
        """The printed size (width, height): its own shape, 12 mm tall, or less tall where that would be too wide."""
        width = LOGO_HEIGHT_MM * self.width / self.height
        if width <= LOGO_WIDEST_MM:
            return round(width, 2), LOGO_HEIGHT_MM
        return LOGO_WIDEST_MM, round(LOGO_WIDEST_MM * self.height / self.width, 2)

    @property
    def data_uri(self) -> str:
        return f"data:{self.content_type};base64,{base64.b64encode(self.data).decode()}"


@dataclass(frozen=True)
class Masthead:
    name: str
    logo: Logo | None

    @property
    def alt(self) -> str:
        return f"{self.name} logo"


def live_masthead(organisation: Organisation) -> Masthead:
    """The council's name and logo as its administrator has them now."""
    logo = CouncilLogo.objects.filter(pk=organisation.logo_id).first() if organisation.logo_id else None
    return Masthead(
        name=organisation.shown_name,
        logo=Logo(bytes(logo.image), logo.content_type, logo.width, logo.height) if logo else None,
    )


def masthead_from_content(content: dict) -> Masthead | None:
    """The name and logo a round's content holds (None for rounds frozen before they were kept: their papers are made
    as they always were)."""
    council = content.get("council")
    if council is None:
        return None
    frozen = council.get("logo")
    if not frozen:
        return Masthead(name=council.get("name", ""), logo=None)
    logo = CouncilLogo.objects.filter(pk=frozen["id"]).first()
    data = bytes(logo.image) if logo else b""
    if logo is None or hashlib.sha256(data).hexdigest() != frozen["sha256"]:
        raise MastheadError(
            f"The logo this round was published with (logo {frozen['id']}) is missing or has been changed since, "
            "so Cairn will not make its paper. Tell your administrator, who can check the rounds with `cairn verify`."
        )
    return Masthead(
        name=council.get("name", ""),
        logo=Logo(data, frozen["content_type"], frozen["width"], frozen["height"]),
    )
