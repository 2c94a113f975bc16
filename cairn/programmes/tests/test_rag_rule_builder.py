"""RAG rules chosen a row at a time write the same rules as typed ones (rag_rules.py)."""

from decimal import Decimal

from django.urls import reverse

from cairn.audit.models import AuditEvent
from cairn.benchmarks.tests.samples import sample_measure
from cairn.programmes.operations import update_indicator
from cairn.programmes.rag_rules import describe_rules, parse_rules

TYPED = ("Green if at least 100% of target\nAmber if at least 92.5% of target\nGreen if better than neighbours\n"
         "Amber if better than England")


def rows(*rules: tuple[str, str, str]) -> dict:
    """Form data: (test, percent, rag) for each row from the first; the rest left as "No rule"."""
    data = {}
    for number in range(1, 7):
        test, percent, rag = rules[number - 1] if number <= len(rules) else ("", "", "G")
        data |= {f"rule_{number}_test": test, f"rule_{number}_percent": percent, f"rule_{number}_rag": rag}
    return data


def test_rules_chosen_row_by_row_are_the_typed_rules(officer_client, council):
    indicator = council.indicator
    update_indicator(indicator, by=None, target=Decimal(800), benchmark=sample_measure(), benchmark_la="808")
    url = reverse("programmes:indicator_rules", args=[indicator.pk])
    assert officer_client.get(url).status_code == 200
    # A row left blank between rules is skipped: the order of the others is kept.
    response = officer_client.post(url, rows(("target", "100", "G"), ("target", "92.50", "A"), ("", "", "R"),
                                             ("neighbours", "", "G"), ("england", "", "A")))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.rag_rules == parse_rules(TYPED)
    assert describe_rules(indicator.rag_rules) == TYPED
    assert AuditEvent.objects.filter(action="indicator.updated", target_id=str(indicator.pk)).count() == 2
    # Shown again, the rows hold the rules, in order.
    page = officer_client.get(url).content.decode()
    assert '<option value="neighbours" selected>' in page and 'name="rule_2_percent" type="text" value="92.5"' in page


def test_rules_the_indicator_cannot_judge_or_half_filled_rows_are_refused_and_nothing_changes(officer_client, council):
    indicator = council.indicator  # no target, no benchmark
    url = reverse("programmes:indicator_rules", args=[indicator.pk])
    page = officer_client.post(url, rows(("target", "", "G"))).content.decode()
    assert "Rule 1: enter the % of the target, like 90" in page
    page = officer_client.post(url, rows(("target", "90", "A"), ("neighbours", "", "G"))).content.decode()
    assert "Rule 1: the indicator has no target" in page and "Rule 2: the indicator has no benchmark" in page
    page = officer_client.post(url, rows(("", "90", "A"))).content.decode()
    assert "Rule 1: choose when it holds, or clear the %" in page
    indicator.refresh_from_db()
    assert indicator.rag_rules in ([], None)
    assert not AuditEvent.objects.filter(action="indicator.updated").exists()


def test_clearing_every_row_removes_the_rules(officer_client, council):
    indicator = council.indicator
    update_indicator(indicator, by=None, target=Decimal(800), rag_rules=parse_rules("Green if at least 100% of target"))
    response = officer_client.post(reverse("programmes:indicator_rules", args=[indicator.pk]), rows())
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.rag_rules == []
