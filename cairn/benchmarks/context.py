"""The latest published figures beside a council's own indicators: the LA, its neighbours' mean and England, for
many indicators in a constant number of queries (lists and reports show several at once)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from .models import Area, Definition, Neighbour, Value


@dataclass(frozen=True)
class Benchmark:
    measure_id: int
    la_code: str
    year: str
    la: Decimal | None
    la_symbol: str
    neighbours: Decimal | None
    neighbours_count: int
    england: Decimal | None
    polarity: str

    @property
    def better_than_neighbours(self) -> bool | None:
        if self.la is None or self.neighbours is None or self.polarity not in ("High", "Low"):
            return None
        return self.la < self.neighbours if self.polarity == Definition.Polarity.LOW else self.la > self.neighbours


def latest_benchmarks(indicators) -> dict[int, Benchmark]:
    """{indicator id: its benchmark's latest year} for indicators linked to a measure and an LA code."""
    links = {i.pk: (i.benchmark_id, i.benchmark_la) for i in indicators if i.benchmark_id and i.benchmark_la}
    if not links:
        return {}
    measure_ids = {measure for measure, _ in links.values()}
    codes = {code for _, code in links.values()}
    neighbours = defaultdict(list)
    for la, neighbour in Neighbour.objects.filter(la__kind=Area.Kind.LA, la__code__in=codes).values_list(
        "la__code", "neighbour__code"
    ):
        neighbours[la].append(neighbour)
    wanted = codes | {code for group in neighbours.values() for code in group}
    combined = {a.pk: a.member_codes for a in Area.objects.filter(kind=Area.Kind.LA, code__contains="/")
                if set(a.member_codes) & wanted}
    areas = {a.pk: a for a in Area.objects.filter(kind=Area.Kind.ENGLAND) | Area.objects.filter(
        kind=Area.Kind.LA, code__in=wanted)}
    latest = dict(Value.objects.filter(measure_id__in=measure_ids).values("measure_id").annotate(
        year=Max("year")).values_list("measure_id", "year"))
    cells: dict[tuple[int, str], dict[str, tuple]] = defaultdict(dict)
    polarity = {}
    rows = Value.objects.filter(measure_id__in=measure_ids, year__in=set(latest.values()),
                                area_id__in=[*areas, *combined]).values_list(
        "measure_id", "year", "area_id", "number", "symbol", "measure__definition__polarity")
    for measure_id, year, area_id, number, symbol, sense in rows:
        polarity[measure_id] = sense or "-"
        if year != latest[measure_id]:
            continue
        if area_id in combined:
            for code in combined[area_id]:
                cells[(measure_id, code)].setdefault("combined", (number, symbol))
        else:
            area = areas[area_id]
            key = "england" if area.kind == Area.Kind.ENGLAND else area.code
            cells[(measure_id, key)]["own"] = (number, symbol)
    result = {}
    for indicator_id, (measure_id, code) in links.items():
        if measure_id not in latest:
            continue
        own = _cell(cells.get((measure_id, code), {}))
        numbers = [n for n in (_cell(cells.get((measure_id, c), {}))[0] for c in neighbours.get(code, [])) if n is not None]
        result[indicator_id] = Benchmark(
            measure_id=measure_id, la_code=code, year=latest[measure_id], la=own[0], la_symbol=own[1],
            neighbours=sum(numbers) / len(numbers) if numbers else None, neighbours_count=len(numbers),
            england=_cell(cells.get((measure_id, "england"), {}))[0], polarity=polarity.get(measure_id, "-"),
        )
    return result


def _cell(found: dict) -> tuple[Decimal | None, str]:
    for key in ("own", "combined"):
        if key in found and found[key][0] is not None:
            return found[key]
    return found.get("own") or found.get("combined") or (None, "")
