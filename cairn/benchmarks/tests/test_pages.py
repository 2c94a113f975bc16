"""The benchmark pages: a measure for the council's LA against its neighbours, England and region, with the figures
as worked out by hand in test_loading_rules.py, tables beside the charts, and the source on the page and in CSV."""

import csv
import io

import pytest
from django.urls import reverse

from cairn.programmes.operations import update_indicator

from .samples import sample_measure


@pytest.fixture
def measure(db):
    return sample_measure()


def test_the_page_shows_the_la_against_its_neighbours_england_and_region(officer_client, measure):
    response = officer_client.get(reverse("benchmarks:measure_detail", args=[measure.pk]), {"la": "808"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stockton-on-Tees (808)" in page
    assert "13.925 (4 of 10 with a figure)" in page  # the neighbours' mean worked out by hand
    assert "3 of 7 local authorities" in page  # lowest is best (the dictionary's polarity)
    assert "Quartile 2" in page and "govuk-tag--blue" in page
    assert "Lower is better" in page
    # Better than the neighbours' mean (13.9 < 13.925): said in words, and the LA's bar is green.
    assert "is <strong>better</strong> than its statistical neighbours" in page
    assert page.count("<svg") == 2 and page.count('<table class="govuk-table') == 2
    assert 'fill="#00703c"' in page.split("Statistical neighbours in 2025")[1]
    # Every neighbour, best first, those without a figure with their symbol or none.
    table = page.split("and its statistical neighbours, 2025")[1]
    assert table.index("Wirral") < table.index("Darlington") < table.index("Stockton-on-Tees") < table.index(
        "West Northamptonshire") < table.index("Richmond upon Thames")
    assert "Open Government Licence v3.0" in page and "csww.csv" in page


def test_the_csv_carries_the_figures_and_the_attribution(officer_client, measure):
    response = officer_client.get(reverse("benchmarks:measure_detail", args=[measure.pk]), {"la": "808", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Year", "Stockton-on-Tees", "Symbol", "Statistical neighbours (mean)"]
    assert rows[2][:4] == ["2025", "13.9", "", "13.925"]
    assert any("Open Government Licence v3.0" in row[0] for row in rows if row)


def test_the_councils_linked_indicator_chooses_the_la(officer_client, council, measure):
    update_indicator(council.indicator, by=None, benchmark=measure, benchmark_la="808")
    page = officer_client.get(reverse("benchmarks:measure_detail", args=[measure.pk])).content.decode()
    assert "Stockton-on-Tees (808)" in page and council.indicator.name in page


def test_an_unknown_la_code_is_said_plainly(officer_client, measure):
    page = officer_client.get(reverse("benchmarks:measure_detail", args=[measure.pk]), {"la": "999"}).content.decode()
    assert "No local authority has the DfE code &#39;999&#39; in the files loaded" in page


def test_another_council_sees_the_statistics_but_not_our_indicator(other_council_client, council, measure):
    update_indicator(council.indicator, by=None, benchmark=measure, benchmark_la="808")
    page = other_council_client.get(reverse("benchmarks:measure_list")).content.decode()
    assert "turnover_rate_fte" in page and council.indicator.name not in page
    detail = other_council_client.get(reverse("benchmarks:measure_detail", args=[measure.pk])).content.decode()
    assert council.indicator.name not in detail


def test_an_indicator_links_only_to_an_la_the_statistics_know(council, measure):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="No local authority has the DfE code 123"):
        update_indicator(council.indicator, by=None, benchmark=measure, benchmark_la="123")
    with pytest.raises(ValidationError, match="Enter the council's DfE LA code"):
        update_indicator(council.indicator, by=None, benchmark=measure)


def test_linked_indicators_show_their_benchmark_beside_the_readings(officer_client, council, measure):
    update_indicator(council.indicator, by=None, benchmark=measure, benchmark_la="808")
    for name, pk in (("programmes:project_detail", council.project.pk), ("programmes:programme_detail", council.programme.pk)):
        page = officer_client.get(reverse(name, args=[pk])).content.decode()
        assert "Published benchmark (DfE)" in page
        # 13.9 against the neighbours' 13.925 (shown to two places) and England's 11.8; lower is better.
        assert "2025: <strong>13.9</strong> (LA 808)" in page
        assert "neighbours 13.93; England 11.8" in page
        assert "Better than neighbours" in page
        assert f"{reverse('benchmarks:measure_detail', args=[measure.pk])}?la=808" in page


def test_pages_without_linked_indicators_have_no_benchmark_column(officer_client, council, measure):
    page = officer_client.get(reverse("programmes:project_detail", args=[council.project.pk])).content.decode()
    assert "Published benchmark (DfE)" not in page
