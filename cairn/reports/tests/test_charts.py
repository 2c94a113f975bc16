"""Charts drawn once: the SVG and the PNG come from the same shapes, and each says in words what it shows."""

import io
import xml.etree.ElementTree as ET
from decimal import Decimal

from PIL import Image

from cairn.reports import charts
from cairn.reports.data import IndicatorRow, Level, Reading, Tally

SVG = "{http://www.w3.org/2000/svg}"


def _tallies():
    return [Tally(Level("1", "Fully achieved", "complete", "blue"), 2), Tally(Level("3", "Slipped", "slipped", "yellow"), 5),
            Tally(None, 1)]


def test_assessment_chart_as_svg_has_a_title_a_description_and_a_bar_per_assessment():
    chart = charts.assessment_chart(_tallies())
    svg = ET.fromstring(charts.to_svg(chart, width_mm=120))
    assert svg.get("role") == "img" and svg.get("width") == "120.0mm"
    assert svg.find(f"{SVG}title").text == "Assessments of progress"
    assert svg.find(f"{SVG}desc").text == (
        "Bar chart of the assessments of progress for 8 updates. 1 Fully achieved: 2; 3 Slipped: 5; Not yet assessed: 1."
    )
    assert len(svg.findall(f"{SVG}rect")) == 3
    assert [t.text for t in svg.findall(f"{SVG}text")][:2] == ["1 Fully achieved", "2"]


def test_the_png_is_the_same_drawing_at_three_times_the_size():
    chart = charts.assessment_chart(_tallies())
    image = Image.open(io.BytesIO(charts.to_png(chart)))
    assert image.size == (chart.width * 3, chart.height * 3)
    # The slipped bar's yellow is in the picture, where the shapes put it.
    bar = next(s for s in chart.shapes if isinstance(s, charts.Rect) and s.fill == "#ffdd00")
    assert image.getpixel((int((bar.x + 5) * 3), int((bar.y + 5) * 3))) == (255, 221, 0)


def test_indicator_chart_draws_readings_against_the_target():
    indicator = IndicatorRow(
        name="Early help episodes open", description="", unit="families", value="732", value_number=Decimal(732),
        rag="G", rag_label="Green", period="Jul 20", target=Decimal(700), target_label="Green from",
        readings=[Reading("May 20", Decimal(640)), Reading("Jun 20", Decimal(690)), Reading("Jul 20", Decimal(732))],
    )
    chart = charts.indicator_chart(indicator)
    assert chart.description == (
        "Column chart of Early help episodes open (families), month by month: May 20 640, Jun 20 690, Jul 20 732. "
        "Green from 700."
    )
    dashed = [s for s in chart.shapes if isinstance(s, charts.Line) and s.dashed]
    assert len(dashed) == 1
    assert "stroke-dasharray" in charts.to_svg(chart)
    assert Image.open(io.BytesIO(charts.to_png(chart))).size == (chart.width * 3, chart.height * 3)
