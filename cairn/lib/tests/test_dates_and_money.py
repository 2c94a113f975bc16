import datetime as dt
from decimal import Decimal

import pytest

from cairn.lib.dates import FinancialYear, add_months, format_uk, format_with_precision, month_end, months_between
from cairn.lib.money import format_pounds, format_range, to_pounds


def test_dates_show_day_month_year():
    assert format_uk(dt.date(2010, 9, 1)) == "01/09/2010"
    assert format_uk(None) == ""


def test_a_month_only_target_is_the_last_day_of_the_month():
    assert month_end(2010, 2) == dt.date(2010, 2, 28)
    assert month_end(2012, 2) == dt.date(2012, 2, 29)


def test_dates_display_as_precisely_as_given():
    assert format_with_precision(dt.date(2010, 3, 31), "month") == "Mar 2010"
    assert format_with_precision(dt.date(2010, 3, 31), "year") == "2010"
    assert format_with_precision(None, "none", "Ongoing") == "Ongoing"


@pytest.mark.parametrize(
    "day,label", [(dt.date(2011, 4, 1), "2011-12"), (dt.date(2012, 3, 31), "2011-12"), (dt.date(1999, 12, 1), "1999-00")]
)
def test_financial_years_run_april_to_march(day, label):
    assert str(FinancialYear.of(day)) == label
    assert day in FinancialYear.of(day)


def test_financial_years_parse_as_councils_write_them():
    assert FinancialYear.parse("2011-12") == FinancialYear(2011)
    assert FinancialYear.parse("2004/05") == FinancialYear(2004)
    assert FinancialYear.parse("2020/2021") == FinancialYear(2020)
    with pytest.raises(ValueError):
        FinancialYear.parse("2011-14")


def test_month_arithmetic():
    assert add_months(dt.date(2019, 11, 15), 3) == dt.date(2020, 2, 1)
    assert add_months(dt.date(2020, 1, 1), -1) == dt.date(2019, 12, 1)
    assert len(months_between(dt.date(2019, 11, 1), dt.date(2021, 6, 1))) == 20


def test_money_is_pounds_never_floats():
    assert to_pounds("48000") == Decimal("48000.00")
    with pytest.raises(TypeError):
        to_pounds(48000.0)


def test_money_shows_as_councils_write_it():
    assert format_pounds(Decimal("48000")) == "£48,000"
    assert format_pounds(Decimal("3265000.50")) == "£3,265,000.50"
    assert format_pounds(Decimal("-392000")) == "-£392,000"
    assert format_range(Decimal("11000"), Decimal("443000")) == "£11,000 to £443,000"
    assert format_range(None, Decimal("200000")) == "£200,000"


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\t=1"])
def test_formula_looking_text_is_neutralised(text):
    from cairn.lib.cells import safe_cell

    assert safe_cell(text) == "'" + text


def test_ordinary_values_are_left_alone():
    from cairn.lib.cells import safe_cell

    assert safe_cell("Head of Service") == "Head of Service"
    assert safe_cell(-5) == -5
