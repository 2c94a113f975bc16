from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cairn.programmes import operations as programmes
from cairn.programmes.models import BudgetLine, Indicator


def test_an_overspend_gives_the_projected_outturn(council):
    line = programmes.add_budget_line(
        council.org, by=council.officer, name="Independent fostering agency", financial_year=2011,
        budget=Decimal("3265000"), projected_variance=Decimal("392000"), review=council.review,
    )
    assert BudgetLine.objects.get(pk=line.pk).projected_outturn == Decimal("3657000")


def test_a_variance_without_a_budget_is_kept(council):
    line = programmes.add_budget_line(
        council.org, by=council.officer, name="Placements", financial_year=2004, projected_variance=Decimal("-300000")
    )
    assert BudgetLine.objects.get(pk=line.pk).projected_variance == Decimal("-300000")


def test_outturn_and_variance_must_agree(council):
    with pytest.raises(ValidationError):
        programmes.add_budget_line(
            council.org, by=council.officer, name="Staffing", financial_year=2011, budget=Decimal(100),
            projected_outturn=Decimal(150), projected_variance=Decimal(10),
        )


@pytest.mark.parametrize(
    "polarity,value,rag", [("higher", "732", "G"), ("higher", "650", "A"), ("higher", "10", "R"), ("lower", "10", "G")]
)
def test_a_reading_takes_its_rag_from_the_thresholds(council, polarity, value, rag):
    indicator = programmes.create_indicator(
        council.org, by=council.officer, name="Measure", polarity=polarity,
        green_from=Decimal(700) if polarity == "higher" else Decimal(20),
        amber_from=Decimal(600) if polarity == "higher" else Decimal(40),
    )
    reading = programmes.record_reading(indicator, by=council.officer, period_start=council.meeting.held_on.replace(day=1), value=Decimal(value))
    assert reading.rag == rag


def test_a_range_reading_shows_low_to_high(council):
    indicator = programmes.create_indicator(council.org, by=council.officer, name="Referrals", unit="per month")
    reading = programmes.record_reading(
        indicator, by=council.officer, period_start=council.meeting.held_on.replace(day=1),
        value_low=Decimal(155), value_high=Decimal(277),
    )
    assert reading.display_value == "155 to 277"
    assert Indicator.objects.get(pk=indicator.pk).rag_for(None) == ""


def test_a_phase_plan_refuses_letters_outside_the_legend(council):
    import datetime as dt

    with pytest.raises(ValidationError, match="X"):
        programmes.set_phase_plan(council.project, by=council.officer, plan={dt.date(2026, 1, 1): "X"})
    assert council.project.phase_plan.count() == 1
