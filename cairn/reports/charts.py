"""Charts drawn once as shapes, then written out as SVG (PDF and pages) or as PNG with Pillow (Word).

A chart is a list of rectangles, lines and labels in pixels; `to_svg` and `to_png` only translate them, so the
two pictures always agree. Every chart carries a description that says what a reader would see, for alt text.
"""

import functools
import io
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .colours import BARS, SECONDARY_TEXT, TEXT
from .data import IndicatorRow, Tally

FONT_FAMILY = "'Liberation Sans', Arial, 'DejaVu Sans', sans-serif"
FONT_FILES = {
    False: ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    True: ("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
           "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
           "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    stroke: str | None = None


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 1
    dashed: bool = False


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # the baseline
    text: str
    size: float = 12
    anchor: str = "start"  # start, middle or end
    bold: bool = False
    fill: str = TEXT


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    title: str
    description: str
    shapes: tuple


def assessment_chart(tallies: list[Tally], *, width: int = 520) -> Chart:
    """Horizontal bars: how many updates were given each assessment."""
    rows = [
        (f"{t.level.code} {t.level.label}" if t.level else "Not yet assessed", t.count, t.level.colour if t.level else "grey")
        for t in tallies
    ]
    bar_height, gap, top, label_width = 22, 10, 8, 190
    height = top + len(rows) * (bar_height + gap) + 4
    most = max([count for _, count, _ in rows] + [1])
    room = width - label_width - 50
    shapes: list = []
    for index, (label, count, colour) in enumerate(rows):
        y = top + index * (bar_height + gap)
        shapes.append(Label(label_width - 8, y + bar_height - 6, _shorten(label, 30), size=12, anchor="end"))
        length = room * count / most
        if count:
            shapes.append(Rect(label_width, y, length, bar_height, BARS.get(colour, BARS["grey"]), stroke=TEXT))
        shapes.append(Label(label_width + length + 6, y + bar_height - 6, str(count), size=12, bold=True))
    shapes.append(Line(label_width, top - 4, label_width, height - 2, TEXT))
    total = sum(count for _, count, _ in rows)
    described = "; ".join(f"{label}: {count}" for label, count, _ in rows)
    return Chart(
        width=width,
        height=height,
        title="Assessments of progress",
        description=f"Bar chart of the assessments of progress for {total} updates. {described}.",
        shapes=tuple(shapes),
    )


def indicator_chart(indicator: IndicatorRow, *, width: int = 340, height: int = 180) -> Chart:
    """Columns for an indicator's readings, with its target (or green threshold) as a dashed line."""
    readings = indicator.readings
    left, right, top, bottom = 44, 10, 30, 24
    plot_width, plot_height = width - left - right, height - top - bottom
    values = [reading.value for reading in readings]
    highest = max(values + ([indicator.target] if indicator.target is not None else []) + [Decimal(1)])
    scale = plot_height / float(highest)
    baseline = top + plot_height
    unit = f" ({indicator.unit})" if indicator.unit and indicator.unit not in indicator.name else ""
    shapes: list = [
        Label(0, 13, _shorten(indicator.name + unit, 58), size=11, bold=True),
        Line(left, baseline, width - right, baseline, TEXT),
        Line(left, top, left, baseline, TEXT),
        Label(left - 4, baseline + 4, "0", size=10, anchor="end", fill=SECONDARY_TEXT),
        Label(left - 4, top + 8, _number(highest), size=10, anchor="end", fill=SECONDARY_TEXT),
    ]
    slot = plot_width / max(len(readings), 1)
    latest_colour = BARS.get({"R": "red", "A": "yellow", "G": "green"}.get(indicator.rag, "blue"), BARS["blue"])
    # Label the latest reading and every few before it, so labels never run into each other.
    labelled = set(range(len(readings) - 1, -1, -max(1, round(len(readings) / 5))))
    for index, reading in enumerate(readings):
        x = left + index * slot + slot * 0.15
        bar = float(reading.value) * scale
        last = index == len(readings) - 1
        shapes.append(Rect(x, baseline - bar, slot * 0.7, bar, latest_colour if last else BARS["blue"], stroke=TEXT))
        if index in labelled:
            shapes.append(Label(x + slot * 0.35, baseline + 15, reading.label, size=10, anchor="middle", fill=SECONDARY_TEXT))
    if indicator.target is not None:
        y = baseline - float(indicator.target) * scale
        shapes.append(Line(left, y, width - right, y, TEXT, width=2, dashed=True))
        shapes.append(Label(width - right, top - 4, f"- - {indicator.target_label} {_number(indicator.target)}", size=10, anchor="end"))
    described = ", ".join(f"{reading.label} {_number(reading.value)}" for reading in readings)
    against = f" {indicator.target_label} {_number(indicator.target)}." if indicator.target is not None else ""
    return Chart(
        width=width,
        height=height,
        title=indicator.name,
        description=f"Column chart of {indicator.name}{unit}, month by month: {described}.{against}",
        shapes=tuple(shapes),
    )


def to_svg(chart: Chart, *, width_mm: float | None = None) -> str:
    """The chart as an accessible SVG element (role img, with title and description), `width_mm` wide if given."""
    width, height = str(chart.width), str(chart.height)
    if width_mm:
        width, height = f"{width_mm:.1f}mm", f"{width_mm * chart.height / chart.width:.1f}mm"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {chart.width} {chart.height}" role="img" aria-label="{escape(chart.description)}">',
        f"<title>{escape(chart.title)}</title><desc>{escape(chart.description)}</desc>",
    ]
    for shape in chart.shapes:
        if isinstance(shape, Rect):
            stroke = f' stroke="{shape.stroke}" stroke-width="1"' if shape.stroke else ""
            parts.append(
                f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.width:.1f}" height="{shape.height:.1f}" '
                f'fill="{shape.fill}"{stroke}/>'
            )
        elif isinstance(shape, Line):
            dash = ' stroke-dasharray="6 4"' if shape.dashed else ""
            parts.append(
                f'<line x1="{shape.x1:.1f}" y1="{shape.y1:.1f}" x2="{shape.x2:.1f}" y2="{shape.y2:.1f}" '
                f'stroke="{shape.stroke}" stroke-width="{shape.width}"{dash}/>'
            )
        else:
            weight = ' font-weight="bold"' if shape.bold else ""
            parts.append(
                f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-family="{escape(FONT_FAMILY)}" '
                f'font-size="{shape.size}" text-anchor="{shape.anchor}" fill="{shape.fill}"{weight}>'
                f"{escape(shape.text)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def to_png(chart: Chart, *, scale: int = 3) -> bytes:
    """The chart as a PNG, drawn from the same shapes at `scale` times the size for sharp printing."""
    image = Image.new("RGB", (chart.width * scale, chart.height * scale), "white")
    draw = ImageDraw.Draw(image)
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for shape in chart.shapes:
        if isinstance(shape, Rect):
            box = [shape.x * scale, shape.y * scale, (shape.x + shape.width) * scale, (shape.y + shape.height) * scale]
            draw.rectangle(box, fill=shape.fill, outline=shape.stroke, width=scale if shape.stroke else 0)
        elif isinstance(shape, Line):
            _line(draw, shape, scale)
        else:
            font = _font(shape.bold, shape.size * scale)
            draw.text((shape.x * scale, shape.y * scale), shape.text, font=font, fill=shape.fill, anchor=anchors[shape.anchor])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _line(draw: ImageDraw.ImageDraw, shape: Line, scale: int) -> None:
    x1, y1, x2, y2 = (value * scale for value in (shape.x1, shape.y1, shape.x2, shape.y2))
    width = max(1, round(shape.width * scale))
    if not shape.dashed:
        draw.line([x1, y1, x2, y2], fill=shape.stroke, width=width)
        return
    # Pillow has no dashed lines; charts only dash horizontal ones.
    on, off, x = 6 * scale, 4 * scale, x1
    while x < x2:
        draw.line([x, y1, min(x + on, x2), y2], fill=shape.stroke, width=width)
        x += on + off


@functools.cache
def _font(bold: bool, size: float) -> ImageFont.FreeTypeFont:
    for path in FONT_FILES[bold]:
        if Path(path).exists():
            return ImageFont.truetype(path, round(size))
    return ImageFont.load_default(round(size))


def _number(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def savings_chart(rows: list[tuple[str, Decimal, Decimal]], *, width: int = 520, height: int = 200) -> Chart:
    """Pairs of columns by financial year: the savings estimated for the year against those reported as achieved."""
    left, right, top, bottom = 70, 10, 34, 24
    plot_width, plot_height = width - left - right, height - top - bottom
    highest = max([max(estimated, actual) for _, estimated, actual in rows] + [Decimal(1)])
    scale, baseline = plot_height / float(highest), top + plot_height
    shapes: list = [
        Rect(left, 6, 12, 12, BARS["blue"], stroke=TEXT), Label(left + 16, 16, "Estimated for the year", size=11),
        Rect(left + 180, 6, 12, 12, BARS["green"], stroke=TEXT), Label(left + 196, 16, "Reported as achieved", size=11),
        Line(left, baseline, width - right, baseline, TEXT), Line(left, top, left, baseline, TEXT),
        Label(left - 4, baseline + 4, "£0", size=10, anchor="end", fill=SECONDARY_TEXT),
        Label(left - 4, top + 8, f"£{_number(highest)}", size=10, anchor="end", fill=SECONDARY_TEXT),
    ]
    slot = plot_width / max(len(rows), 1)
    for index, (label, estimated, actual) in enumerate(rows):
        x = left + index * slot + slot * 0.1
        for offset, value, colour in ((0, estimated, BARS["blue"]), (slot * 0.4, actual, BARS["green"])):
            bar = float(value) * scale
            shapes.append(Rect(x + offset, baseline - bar, slot * 0.38, bar, colour, stroke=TEXT))
        shapes.append(Label(x + slot * 0.39, baseline + 15, label, size=10, anchor="middle", fill=SECONDARY_TEXT))
    described = "; ".join(f"{label}: estimated £{_number(e)}, achieved £{_number(a)}" for label, e, a in rows)
    return Chart(
        width=width, height=height, title="Savings estimated against achieved",
        description=f"Column chart of savings by financial year. {described}.", shapes=tuple(shapes),
    )


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a value (or None) for each of the chart's years."""

    label: str
    values: tuple
    colour: str
    dashed: bool = False
    width: float = 2


def line_chart(title: str, years: list[str], series: list[Series], *, width: int = 560, height: int = 240,
               unit: str = "") -> Chart:
    """Lines over years (a benchmark against its neighbours, England and the region), with a legend above."""
    left, right, top, bottom = 56, 12, 26 + 18 * ((len(series) + 1) // 2), 24
    plot_width, plot_height = width - left - right, height - top - bottom
    numbers = [float(v) for s in series for v in s.values if v is not None]
    highest = max(numbers + [1.0]) * 1.05
    lowest = min(numbers + [0.0])
    lowest = 0.0 if lowest >= 0 else lowest * 1.05
    span = highest - lowest or 1.0
    baseline = top + plot_height

    def y_of(value) -> float:
        return baseline - (float(value) - lowest) / span * plot_height

    slot = plot_width / max(len(years) - 1, 1)
    shapes: list = [
        Line(left, baseline, width - right, baseline, TEXT), Line(left, top, left, baseline, TEXT),
        Label(left - 4, baseline + 4, _number(Decimal(str(round(lowest, 1)))), size=10, anchor="end", fill=SECONDARY_TEXT),
        Label(left - 4, top + 8, _number(Decimal(str(round(highest, 1)))), size=10, anchor="end", fill=SECONDARY_TEXT),
    ]
    for index, s in enumerate(series):
        x, y = 4 + (index % 2) * (width // 2), 14 + (index // 2) * 18
        shapes.append(Line(x, y - 4, x + 28, y - 4, s.colour, width=s.width + 1, dashed=s.dashed))
        shapes.append(Label(x + 34, y, _shorten(s.label, 40), size=11))
    step = max(1, round(len(years) / 8))
    for index, year in enumerate(years):
        if index % step == 0 or index == len(years) - 1:
            shapes.append(Label(left + index * slot, baseline + 15, year, size=10, anchor="middle", fill=SECONDARY_TEXT))
    for s in series:
        points = [(left + i * slot, y_of(v)) for i, v in enumerate(s.values) if v is not None]
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            shapes.append(Line(x1, y1, x2, y2, s.colour, width=s.width, dashed=s.dashed))
        for x, y in points:
            shapes.append(Rect(x - 2.5, y - 2.5, 5, 5, s.colour))
    described = "; ".join(
        f"{s.label}: " + ", ".join(f"{year} {_number(Decimal(str(v)))}" for year, v in zip(years, s.values) if v is not None)
        for s in series
    )
    return Chart(width=width, height=height, title=title,
                 description=f"Line chart of {title}{f' ({unit})' if unit else ''} by year. {described}.",
                 shapes=tuple(shapes))


def ranked_bar_chart(title: str, rows: list[tuple[str, Decimal, str, bool]], *, width: int = 560, note: str = "") -> Chart:
    """Horizontal bars, one per area in the order given (best first), each in its own colour; highlighted in bold."""
    bar_height, gap, top, label_width = 18, 6, 8, 210
    height = top + len(rows) * (bar_height + gap) + 4
    numbers = [float(value) for _, value, _, _ in rows]
    most = max(numbers + [1.0])
    room = width - label_width - 70
    shapes: list = []
    for index, (label, value, colour, highlighted) in enumerate(rows):
        y = top + index * (bar_height + gap)
        shapes.append(Label(label_width - 8, y + bar_height - 5, _shorten(label, 32), size=11, anchor="end",
                            bold=highlighted))
        length = room * max(float(value), 0) / most
        shapes.append(Rect(label_width, y, length, bar_height, BARS.get(colour, BARS["grey"]), stroke=TEXT))
        shapes.append(Label(label_width + length + 6, y + bar_height - 5, _number(value), size=11, bold=highlighted))
    shapes.append(Line(label_width, top - 4, label_width, height - 2, TEXT))
    described = "; ".join(f"{label}: {_number(value)}" for label, value, _, _ in rows)
    return Chart(width=width, height=height, title=title,
                 description=f"Bar chart of {title}{f', {note}' if note else ''}. {described}.", shapes=tuple(shapes))
