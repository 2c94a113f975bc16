"""A highlight report carries the latest published figures of its linked indicators, with their source, frozen
with the round (a real Word file read back)."""

import datetime as dt
import io

import openpyxl

from cairn.programmes import operations as programmes
from cairn.reports import data, docx, spreadsheets
from cairn.reports.tests.reading import docx_cells
from cairn.reviews import operations as reviews

from .samples import sample_measure

# turnover_rate_fte for 808 in the sample files: 13.9 against the neighbours' 13.925 and England's 11.8, lower is
# better.
LINE = ("Published 2025 (LA 808): 13.9; neighbours 13.93; England 11.8; better than neighbours. "
        "Source: DfE, Open Government Licence v3.0")


def publish_highlight_round(council):
    today = dt.date.today()
    round_ = programmes.open_programme_round(council.programme, by=council.officer, title="Highlight report",
                                             as_at_on=today, deadline_on=today)
    update = programmes.save_project_update(round_.project_updates.get(), by=council.officer, rag="G")
    programmes.accept_project_update(programmes.submit_project_update(update, by=council.officer), by=council.officer)
    reviews.publish_round(round_, by=council.officer)
    round_.refresh_from_db()
    return round_


def test_the_highlight_report_shows_a_linked_indicators_benchmark_and_its_source(council):
    programmes.update_indicator(council.indicator, by=None, benchmark=sample_measure(), benchmark_la="808")
    report = data.highlight(council.programme, publish_highlight_round(council))
    [indicator] = report.projects[0].indicators
    assert indicator.benchmark == LINE
    assert any(LINE in cell for cell in docx_cells(docx.render(report)))


def indicator_sheet(report) -> list[dict]:
    book = openpyxl.load_workbook(io.BytesIO(spreadsheets.render_xlsx(report)), read_only=True)
    header, *rows = book["Indicators"].iter_rows(values_only=True)
    return [dict(zip(header, row)) for row in rows]


def test_the_highlight_reports_excel_export_carries_the_benchmark_line(council):
    programmes.update_indicator(council.indicator, by=None, benchmark=sample_measure(), benchmark_la="808")
    [row] = indicator_sheet(data.highlight(council.programme, publish_highlight_round(council)))
    assert (row["Metric"], row["Now"], row["Benchmark"]) == (council.indicator.name, 732, LINE)


def test_an_indicator_without_a_benchmark_reports_as_before(council):
    report = data.highlight(council.programme, publish_highlight_round(council))
    [indicator] = report.projects[0].indicators
    assert indicator.benchmark == ""
    assert not any("Published 20" in cell for cell in docx_cells(docx.render(report)))
    assert [row["Benchmark"] for row in indicator_sheet(report)] == [None]
