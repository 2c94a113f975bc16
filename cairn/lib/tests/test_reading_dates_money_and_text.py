import datetime as dt
from decimal import Decimal

import pytest

from cairn.lib.dates import Precision, find_dates, parse_date, unreadable_dates
from cairn.lib.money import find_amounts, parse_amount, parse_estimate, parse_variance
from cairn.lib.text import clean, fold_lookalikes, key


@pytest.mark.parametrize(
    "text,on,precision",
    [
        ("Mar 2010", dt.date(2010, 3, 31), "month"),
        ("April 2010", dt.date(2010, 4, 30), "month"),
        ("June 10", dt.date(2010, 6, 30), "month"),
        ("Sept 20", dt.date(2020, 9, 30), "month"),
        ("Feb 20", dt.date(2020, 2, 29), "month"),
        ("Mid Feb 20", dt.date(2020, 2, 29), "month"),
        ("03/09/12", dt.date(2012, 9, 3), "day"),
        ("4/12/2020", dt.date(2020, 12, 4), "day"),
        ("01.06.20", dt.date(2020, 6, 1), "day"),
        ("1 st July 2020", dt.date(2020, 7, 1), "day"),
        ("6 th Jan 20", dt.date(2020, 1, 6), "day"),
        ("26 October 2011", dt.date(2011, 10, 26), "day"),
        ("2001", dt.date(2001, 12, 31), "year"),
        ("Ongoing", None, "none"),
        ("On going", None, "none"),
        ("Immediately", None, "none"),
        ("To be agreed", None, "none"),
        ("To be a agreed", None, "none"),
        ("April/May", None, "none"),
    ],
)
def test_dates_read_as_councils_write_them(text, on, precision):
    parsed = parse_date(text)
    assert (parsed.on, parsed.precision, parsed.text) == (on, Precision(precision), text)


def test_a_span_of_months_starts_on_the_first_and_ends_on_the_last_day():
    parsed = parse_date("March – July 2020")
    assert (parsed.starts_on, parsed.on) == (dt.date(2020, 3, 1), dt.date(2020, 7, 31))
    assert parse_date("May/ Jun 20").starts_on == dt.date(2020, 5, 1)


def test_a_date_without_a_year_takes_the_year_given():
    assert parse_date("8 March", year=2012).on == dt.date(2012, 3, 8)
    assert parse_date("8 March").on is None


def test_words_and_impossible_days_are_not_dates():
    assert parse_date("Head of Service") is None
    assert parse_date("31/02/2010") is None
    assert parse_date("") is None


@pytest.mark.parametrize(
    "text,unreadable",
    [
        ("31/02/2013", ["31/02/2013"]),
        ("13/13/12", ["13/13/12"]),
        ("31 February 2013", ["31 February 2013"]),
        ("31-03-2010", ["31-03-2010"]),  # written like a date, in a way Cairn does not read
        ("By 30/09/2011, then 31/09/2012", ["31/09/2012"]),
        ("31/03/2010", []),
        ("30.09.2011", []),
        ("Mar 2010", []),
        ("End of March 2012 following consultation", []),
        ("2012/13", []),
        ("Ongoing", []),
        ("sometime next year", []),
    ],
)
def test_dates_that_cannot_be_real_are_told_apart_from_words(text, unreadable):
    assert unreadable_dates(text) == unreadable


def test_every_date_in_a_cell_is_found_in_order():
    found = find_dates("Mar 2010 April 2010 May 2010 July 2011")
    assert [d.text for _, _, d in found] == ["Mar 2010", "April 2010", "May 2010", "July 2011"]
    assert [d.on for _, _, d in find_dates("April 2001 Head of Service On going")] == [dt.date(2001, 4, 30), None]


@pytest.mark.parametrize(
    "text,low,high,period,cashable",
    [
        ("£48,000", 48000, 48000, None, None),
        ("c£250k", 250000, 250000, None, None),
        ("£11,000 - £443,000 per annum", 11000, 443000, "annual", None),
        ("Up to £200,000 per annum from Dedicated School Grant", None, 200000, "annual", None),
        ("£2 million", 2000000, 2000000, None, None),
        ("£3.265m", 3265000, 3265000, None, None),
        ("£19.5m", 19500000, 19500000, None, None),
        ("£ - £ 560K", None, 560000, None, None),
        ("£250.000", 250000, 250000, None, None),
        ("a non cashable efficiency saving of c£250k", 250000, 250000, None, False),
        ("a one-off cashable saving of £5,000", 5000, 5000, "one_off", True),
        ("To be confirmed", None, None, None, None),
    ],
)
def test_money_read_as_councils_write_it(text, low, high, period, cashable):
    estimate = parse_estimate(text)
    assert (estimate.low, estimate.high, estimate.period, estimate.cashable) == (
        None if low is None else Decimal(low), None if high is None else Decimal(high), period, cashable
    )


@pytest.mark.parametrize("text", ["NONE", "None", "Nil", "N/A", "-", ""])
def test_none_means_no_estimate(text):
    assert parse_estimate(text) is None


def test_amounts_are_decimals_never_floats():
    assert parse_amount("800,000") == Decimal("800000")
    assert parse_amount("30.3") == Decimal("30.3")
    assert parse_amount("N/A no budget required") is None
    assert [amount for _, _, amount in find_amounts("£3.265m - currently projecting £392k overspend")] == [
        Decimal("3265000"), Decimal("392000")
    ]


def test_overspends_are_positive_and_underspends_negative():
    assert parse_variance("£3.265m - currently projecting £392k overspend") == Decimal("3657000") - Decimal("3265000")
    assert parse_variance("There is a projected underspend of £300K in the Placements budget") == Decimal("-300000")
    assert parse_variance("£800,000") is None


def test_lookalike_letters_read_as_latin():
    assert fold_lookalikes("Р") == "P"  # Cyrillic Er, alone in a grid cell
    assert fold_lookalikes("Α") == "A"  # Greek Alpha in a RAG column
    assert fold_lookalikes("Рlan") == "Plan"
    assert fold_lookalikes("Москва") == "Москва"  # a real Cyrillic word is left alone


def test_clean_keeps_the_words_and_line_breaks():
    assert clean("  ﬁnal\u00a0report \u200b ") == "final report"
    assert clean("a\n\n\n\nb") == "a\n\nb"
    assert clean("$\\pounds - \\pounds 0$ (costs)") == "£ - £ 0 (costs)"


def test_keys_ignore_case_quotes_dashes_and_ampersands():
    assert key("Risks – issues & barriers") == key("Risks - issues and barriers") == "risks issues and barriers"
    assert key("Children’s") == key("Children's")


def test_a_run_of_digits_too_long_for_any_sum_of_money_is_not_read_as_an_amount():
    # Found by the import fuzz harness: thirty digits after "£" stopped the reader (decimal.InvalidOperation).
    huge = "£" + "9" * 30
    estimate = parse_estimate(f"Up to {huge} per annum")
    assert (estimate.low, estimate.high, estimate.period) == (None, None, "annual")
    assert find_amounts(f"{huge} or £48,000") == [(len(huge) + 4, len(huge) + 11, Decimal(48000))]
    assert parse_amount(huge) is None


def test_text_keeps_no_nul_characters_or_halves_of_utf16_pairs():
    # Neither can be stored (PostgreSQL refuses NUL; no encoding holds a lone surrogate).
    assert clean("Recruit\x00 foster \ud800carers") == "Recruit foster \ufffdcarers"
    clean("Recruit \ud800carers").encode("utf-8")
