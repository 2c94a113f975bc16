from decimal import Decimal

from cairn.reviews.models import ProgressUpdate
from cairn.reviews.models.recommendations import lead_display
from cairn.reviews.presenters import savings_to_date


class Person:
    display_name = "Ann Smith"


def test_the_lead_shows_the_post_and_the_person():
    assert lead_display("Head of Service", Person()) == "Head of Service (Ann Smith)"
    assert lead_display("Head of Service", None) == "Head of Service"
    assert lead_display("", Person()) == "Ann Smith"


def test_savings_to_date_prefer_the_words_as_written():
    assert savings_to_date(ProgressUpdate(savings_text="None", savings_amount=Decimal(0))) == "None"
    assert savings_to_date(ProgressUpdate(savings_amount=Decimal(13000), savings_basis="estimated")) == "£13,000 (estimated)"
    assert savings_to_date(ProgressUpdate(savings_amount=Decimal(13000))) == "£13,000"
    assert savings_to_date(None) == ""
