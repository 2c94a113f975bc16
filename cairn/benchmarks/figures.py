"""A measure's figures for one LA year by year, as LAIT shows them: the LA, the mean of its statistical
neighbours, England, its region, and its rank and quartile among all LAs.

Rules (docs/benchmarks.md):
* A combined row (`940 / 941`) stands for each LA it names. An LA's own number comes first, then a combined row's
  number, then its own symbol, then a combined row's symbol.
* Neighbours: the mean over the LA's ten neighbours (the model loaded last) of those with a number that year.
* Rank: among every LA with a number that year (a combined row counting once for each LA it names), 1 is best:
  the lowest value where the measure's polarity is Low, else the highest. Ties share the best rank they span
  (1, 2, 2, 4), as R's rank(ties.method = "min") in LAIT. Measures with no polarity rank highest first.
* Quartile: R's quantile() (type 7) of the same values gives the bands, and the LA's value falls in LAIT's band
  (A: up to and including the 25th percentile when Low is good, above the 75th when High is good; and so on).
  Quartile 1 is band A, the best quarter; a measure with no polarity counts from the highest, like High.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .models import Area, Definition, Measure, Neighbour, Value


class NotFound(LookupError):
    """A measure or LA that is not loaded; the message says which and what there is."""


@dataclass
class Cell:
    number: Decimal | None
    symbol: str
    region_id: int | None = None


def find_measure(text: str) -> Measure:
    """The measure named exactly, or the only one whose column and filter values are all named in the text."""
    measure = Measure.objects.select_related("definition", "first_release").filter(name=text).first()
    if measure is not None:
        return measure
    lowered = text.lower()
    matches = []
    for candidate in Measure.objects.select_related("definition", "first_release"):
        parts = [candidate.column, *candidate.filters.values()]
        if candidate.name.lower() == lowered or all(_names(lowered, part.lower()) for part in parts):
            matches.append((len(candidate.column), len(candidate.filters), candidate))
    if not matches:
        # The column alone, where the file's filters split it into several measures.
        matches = [(0, 0, m) for m in Measure.objects.filter(column__iexact=text.strip())]
    if not matches:
        raise NotFound(f"No measure is called {text!r}. `cairn benchmarks list` lists the measures loaded.")
    matches.sort(key=lambda match: (match[0], match[1]), reverse=True)
    best = [m for m in matches if m[:2] == matches[0][:2]]
    if len(best) > 1:
        names = "\n  ".join(m[2].name for m in best[:12])
        raise NotFound(f"{text!r} names more than one measure; give one of:\n  {names}")
    return best[0][2]


def _names(text: str, part: str) -> bool:
    """Whether `part` appears in `text` as a whole (not inside a longer column name such as part_percent)."""
    start = text.find(part)
    while start != -1:
        end = start + len(part)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        start = text.find(part, start + 1)
    return False


def find_la(code: str) -> Area:
    code = code.strip()
    area = Area.objects.filter(kind=Area.Kind.LA, code=code).first()
    if area is None or area.name == area.code:
        # Known only from a combined row (or as a neighbour): the combined row names it.
        for row in Area.objects.filter(kind=Area.Kind.LA, code__contains="/"):
            if code in row.member_codes:
                return Area(pk=area.pk if area else None, kind=Area.Kind.LA, code=code, name=row.name,
                            region_id=area.region_id if area else None)
    if area is None:
        raise NotFound(f"No local authority has the DfE code {code!r} in the files loaded.")
    return area


def series(measure: Measure, la: Area, *, detail: bool = False) -> dict:
    """The figures for `la` (an Area) in every year the measure has, in the shape `benchmarks show --json` prints.

    With `detail`, each year also lists every neighbour's figure (`neighbour_values`: code, number, symbol).
    """
    areas = {a.pk: a for a in Area.objects.all()}
    by_code = {a.code: a for a in areas.values() if a.kind == Area.Kind.LA}
    rows = Value.objects.filter(measure=measure).values_list("area_id", "year", "number", "symbol", "region_id")
    years: dict[str, dict] = defaultdict(lambda: {"own": {}, "combined": {}, "other": {}})
    for area_id, year, number, symbol, region_id in rows:
        area = areas[area_id]
        cell = Cell(number, symbol, region_id)
        if area.kind != Area.Kind.LA:
            years[year]["other"][area_id] = cell
        elif "/" in area.code:
            for code in area.member_codes:
                years[year]["combined"][code] = cell
        else:
            years[year]["own"][area.code] = cell
    neighbours = list(
        Neighbour.objects.filter(la__kind=Area.Kind.LA, la__code=la.code).values_list("neighbour__code", flat=True)
    )
    polarity = measure.polarity
    # The region the LA is in: as the file's latest row for it says, else as the neighbour model says.
    la_cells = {year: _la_cell(data, la.code) for year, data in years.items()}
    latest_region = next((cell.region_id for year, cell in sorted(la_cells.items(), reverse=True)
                          if cell is not None and cell.region_id), None)
    home = by_code.get(la.code)
    region_id = latest_region or (home.region_id if home else None)
    result_years = []
    for year in sorted(years):
        data = years[year]
        cell = la_cells[year]
        everyone = {code: c.number for code in {*data["own"], *data["combined"]}
                    if (c := _la_cell(data, code)) is not None and c.number is not None}
        numbers = [everyone[code] for code in neighbours if code in everyone]
        year_region = (cell.region_id if cell is not None and cell.region_id else None) or region_id
        value = cell.number if cell is not None else None
        rank = quartile = None
        if value is not None:
            rank, quartile = rank_and_quartile(value, list(everyone.values()), polarity)
        result_years.append({
            "year": year,
            "la": _json(value),
            "la_symbol": (cell.symbol or None) if cell is not None and value is None else None,
            "neighbours": _json(sum(numbers) / len(numbers)) if numbers else None,
            "neighbours_count": len(numbers),
            "england": _json(_number(data["other"], _england_id(areas))),
            "region": _json(_number(data["other"], year_region)),
            "rank": rank,
            "of": len(everyone),
            "quartile": quartile,
        })
        if detail:
            result_years[-1]["neighbour_values"] = [
                (code, c.number, c.symbol) if (c := _la_cell(data, code)) is not None else (code, None, "")
                for code in neighbours
            ]
    return {
        "measure": measure.name,
        "la": {"code": la.code, "name": la.name},
        "region": areas[region_id].name if region_id in areas else None,
        "years": result_years,
    }


def _la_cell(data: dict, code: str) -> Cell | None:
    own, combined = data["own"].get(code), data["combined"].get(code)
    for cell in (own, combined):
        if cell is not None and cell.number is not None:
            return cell
    return own or combined


def _england_id(areas: dict) -> int | None:
    return next((pk for pk, a in areas.items() if a.kind == Area.Kind.ENGLAND), None)


def _number(cells: dict, area_id: int | None) -> Decimal | None:
    cell = cells.get(area_id) if area_id is not None else None
    return cell.number if cell is not None else None


def rank_and_quartile(value: Decimal, values: list[Decimal], polarity: str) -> tuple[int, int]:
    """Rank (1 best, ties share the best) and quartile (1 best) of value among values, as LAIT computes them."""
    if polarity == Definition.Polarity.LOW:
        rank = 1 + sum(1 for other in values if other < value)
    else:
        rank = 1 + sum(1 for other in values if other > value)
    return rank, _quartile(value, values, polarity)


def quantiles(values: list[Decimal]) -> list[Decimal]:
    """R's quantile(type = 7) at 0, 25, 50, 75 and 100%."""
    ordered = sorted(values)
    n = len(ordered)
    result = []
    for p in (Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1)):
        h = (n - 1) * p
        low = int(h)
        high = min(low + 1, n - 1)
        result.append(ordered[low] + (h - low) * (ordered[high] - ordered[low]))
    return result


def _quartile(value: Decimal, values: list[Decimal], polarity: str) -> int:
    bands = quantiles(values)
    # LAIT's band A-D counted from the lowest values: <= 25%, <= 50%, <= 75%, above.
    from_lowest = 1 if value <= bands[1] else 2 if value <= bands[2] else 3 if value <= bands[3] else 4
    return from_lowest if polarity == Definition.Polarity.LOW else 5 - from_lowest


def _json(number: Decimal | None) -> int | float | None:
    if number is None:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number)
