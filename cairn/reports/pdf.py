"""PDF papers from report data: HTML templates (cairn/reports/jinja2/reports/) laid out by WeasyPrint.

A4 landscape, with the document's title, date and "Page x of y" in the footer of every page; table header rows
repeat on each page. Only DejaVu and Liberation fonts are assumed to be installed. Renders only.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from django.template.loader import render_to_string
from markupsafe import Markup
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from . import charts, presenters
from .data import ActionPlanReport, HighlightReport, ProgressUpdateReport

CONTENT_TYPE = "application/pdf"
TEMPLATES = {
    ProgressUpdateReport: "reports/progress_update.html",
    ActionPlanReport: "reports/action_plan.html",
    HighlightReport: "reports/highlight.html",
}


def html(report) -> str:
    """The report as a printable HTML page (what WeasyPrint lays out)."""
    info = report.info
    footer = f"{info.title} · {presenters.uk_date(info.date)}"
    return render_to_string(
        TEMPLATES[type(report)],
        {
            "report": report,
            "info": info,
            "p": presenters,
            "charts": charts,
            "svg": lambda chart, width_mm=None: Markup(charts.to_svg(chart, width_mm=width_mm)),
            "footer": Markup(_css_string(footer)),
        },
    )


def render(report) -> bytes:
    """The report as a PDF file (tagged, so screen readers can follow headings and tables)."""
    # Everything a paper needs is in its HTML; nothing is fetched from files or the network.
    fetcher = URLFetcher(allowed_protocols=["data"])
    document = HTML(string=html(report), url_fetcher=fetcher)
    with _cycle_collection_paused():
        return document.write_pdf(pdf_tags=True)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while WeasyPrint lays out and draws, then collect once.

    Layout keeps some 300,000 objects alive, linked both ways, until the PDF is written; the collector walked them
    (and the rest of the process) again and again, a fifth of the time of a 35-page paper. Nothing is promoted while
    it is paused, so collecting the youngest generation afterwards frees them all in one pass: memory is as before.
    The pause is process-wide: for those seconds other threads' cycles wait too, and a second paper made at the same
    time only loses the saving.
    """
    if not gc.isenabled():  # someone else has paused it: leave it to them
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def _css_string(text: str) -> str:
    """Text as a quoted CSS string, safe inside a <style> element."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;–·()&'/-" else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'
