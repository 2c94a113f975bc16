"""A benchmark page's charts, tables and words from a measure's figures (pure functions, no queries)."""

from decimal import ROUND_HALF_UP, Decimal

from markupsafe import Markup

from cairn.reports.charts import Series, line_chart, ranked_bar_chart, to_svg

from .models import ATTRIBUTION, Definition

QUARTILE_COLOURS = {1: "green", 2: "blue", 3: "yellow", 4: "red"}
LINES = {"la": "#1d70b8", "neighbours": "#d4351c", "england": "#0b0c0c", "region": "#00703c"}


def figure(value) -> str:
    """A published figure or a mean, to two decimal places at most, without trailing zeros; thousands separated."""
    if value is None:
        return ""
    number = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return f"{number:,f}"


def better_words(polarity: str) -> str:
    return {Definition.Polarity.HIGH: "Higher is better", Definition.Polarity.LOW: "Lower is better"}.get(
        polarity, "DfE gives no better direction for this measure: ranks count from the highest"
    )


def is_better(value, than, polarity: str) -> bool | None:
    """Whether value is better than `than` by the measure's polarity; None when either is missing or no polarity."""
    if value is None or than is None or polarity not in (Definition.Polarity.HIGH, Definition.Polarity.LOW):
        return None
    return value < than if polarity == Definition.Polarity.LOW else value > than


def quartile_tag(quartile: int | None, polarity: str) -> tuple[str, str]:
    """(words, GOV.UK tag colour) for a quartile: coloured only where the measure says which way is better."""
    if quartile is None:
        return "", "grey"
    words = {1: "best quarter", 4: "worst quarter"}.get(quartile, "") if polarity in ("High", "Low") else ""
    text = f"Quartile {quartile}" + (f" ({words})" if words else "")
    return text, QUARTILE_COLOURS[quartile] if polarity in ("High", "Low") else "grey"


def line_svg(data: dict, label: str) -> Markup:
    years = [entry["year"] for entry in data["years"]]
    series = [
        Series(data["la"]["name"], tuple(e["la"] for e in data["years"]), LINES["la"], width=3),
        Series("Statistical neighbours (mean)", tuple(e["neighbours"] for e in data["years"]), LINES["neighbours"],
               dashed=True),
        Series("England", tuple(e["england"] for e in data["years"]), LINES["england"]),
    ]
    if data["region"]:
        series.append(Series(data["region"], tuple(e["region"] for e in data["years"]), LINES["region"], dashed=True))
    return Markup(to_svg(line_chart(label, years, series)))


def neighbour_rows(data: dict, names: dict[str, str], polarity: str) -> list[dict]:
    """The latest year's LA and its neighbours, best first (highest first without a polarity)."""
    latest = data["years"][-1]
    rows = [{"code": data["la"]["code"], "name": data["la"]["name"], "number": _decimal(latest["la"]),
             "symbol": latest["la_symbol"] or "", "is_la": True}]
    rows += [{"code": code, "name": names.get(code, code), "number": number, "symbol": symbol, "is_la": False}
             for code, number, symbol in latest.get("neighbour_values", [])]
    with_numbers = sorted((row for row in rows if row["number"] is not None), key=lambda row: row["number"],
                          reverse=polarity != Definition.Polarity.LOW)
    return with_numbers + [row for row in rows if row["number"] is None]


def bar_svg(data: dict, rows: list[dict], polarity: str, label: str) -> Markup:
    latest = data["years"][-1]
    mean = _decimal(latest["neighbours"])
    bars = []
    for row in rows:
        if row["number"] is None:
            continue
        if row["is_la"]:
            better = is_better(row["number"], mean, polarity)
            colour = "blue" if better is None else ("green" if better else "red")
        else:
            colour = "grey"
        bars.append((row["name"], row["number"], colour, row["is_la"]))
    note = f"{latest['year']}, {better_words(polarity).split(':')[0].lower()}, best first"
    return Markup(to_svg(ranked_bar_chart(f"{label}, {latest['year']}", bars, note=note)))


def attribution(measure, releases) -> str:
    files = ", ".join(sorted({release.file_name for release in releases}))
    return f"{ATTRIBUTION} Figures from {files}."


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))
