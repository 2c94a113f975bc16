"""Ordered RAG rules against the target and against a benchmark's latest published figures."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cairn.benchmarks.tests.samples import sample_measure
from cairn.programmes.models import Reading
from cairn.programmes.operations import record_reading, update_indicator
from cairn.programmes.rag_rules import describe_rules, parse_rules, rag_by_rules

TARGET_RULES = "Green if at least 100% of target\nAmber if at least 90% of target"


def test_rules_are_read_in_order_and_written_back_the_same():
    rules = parse_rules(TARGET_RULES + "\nGreen if better than neighbours\n\namber if better than England.")
    assert [rule["rag"] for rule in rules] == ["G", "A", "G", "A"]
    assert describe_rules(rules) == TARGET_RULES + "\nGreen if better than neighbours\nAmber if better than England"


def test_a_line_that_is_not_a_rule_is_named():
    with pytest.raises(ValueError, match='Line 2 \\("Amber when close"\\) is not a rule'):
        parse_rules("Green if at least 100% of target\nAmber when close")


@pytest.mark.parametrize("value,higher,rag", [
    # Target 200. Higher is better: 200/200 = 100% green; 180/200 = 90% amber; 179 red.
    (200, True, "G"), (180, True, "A"), (179, True, "R"),
    # Lower is better: target / value; 200/222 = 90.09% amber, 200/223 = 89.7% red, 190 green.
    (190, False, "G"), (222, False, "A"), (223, False, "R"),
])
def test_target_rules(value, higher, rag):
    assert rag_by_rules(parse_rules(TARGET_RULES), Decimal(value), higher_is_better=higher, target=Decimal(200)) == rag


def test_benchmark_rules_compare_with_the_neighbours_then_england():
    rules = parse_rules("Green if better than neighbours\nAmber if better than England")
    # Lower is better; neighbours 13.925, England 11.8 (the sample files).
    judged = {value: rag_by_rules(rules, Decimal(value), higher_is_better=False, target=None,
                                  neighbours=Decimal("13.925"), england=Decimal("11.8")) for value in ("11", "13.9", "14")}
    assert judged == {"11": "G", "13.9": "G", "14": "R"}
    assert rag_by_rules(rules, Decimal("10"), higher_is_better=True, target=None, neighbours=Decimal(12),
                        england=Decimal(9)) == "A"
    # Nothing to judge against: no rule holds.
    assert rag_by_rules(rules, Decimal("1"), higher_is_better=False, target=None) == "R"


def test_a_reading_takes_its_rag_from_the_rules_and_the_linked_benchmark(officer_client, council):
    measure = sample_measure()  # turnover_rate_fte, 808: neighbours 13.925, England 11.8
    indicator = council.indicator
    url = reverse("programmes:indicator_edit", args=[indicator.pk])
    form = {"name": indicator.name, "polarity": "lower", "frequency": "monthly", "benchmark": measure.pk,
            "benchmark_la": "808", "rag_rules": "Green if better than England\nAmber if better than neighbours"}
    response = officer_client.post(url, form)
    assert response.status_code == 302, response.content.decode()
    indicator.refresh_from_db()
    assert indicator.rag_rules == [{"rag": "G", "test": "england"}, {"rag": "A", "test": "neighbours"}]
    import datetime as dt

    for month, value in ((1, "11"), (2, "13"), (3, "15")):
        record_reading(indicator, by=None, period_start=dt.date(2027, month, 1), value=Decimal(value))
    rags = dict(Reading.objects.filter(indicator=indicator, period_start__year=2027).values_list("value", "rag"))
    assert rags == {Decimal(11): "G", Decimal(13): "A", Decimal(15): "R"}


def test_rules_that_need_a_benchmark_or_target_say_so(officer_client, council):
    indicator = council.indicator
    update_indicator(indicator, by=None, target=None)
    url = reverse("programmes:indicator_edit", args=[indicator.pk])
    base = {"name": indicator.name, "polarity": "lower", "frequency": "monthly"}
    page = officer_client.post(url, base | {"rag_rules": "Green if better than neighbours"}).content.decode()
    assert "Choose a benchmark for the rules that compare with neighbours or England" in page
    page = officer_client.post(url, base | {"rag_rules": "Amber if at least 90% of target"}).content.decode()
    assert "Enter a target for the rules that compare with it" in page
    page = officer_client.post(url, base | {"rag_rules": "Purple if lucky"}).content.decode()
    assert "is not a rule" in page
    indicator.refresh_from_db()
    assert indicator.rag_rules == []
