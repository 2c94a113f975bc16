"""`cairn benchmarks load|show|list`: published statistics (DfE files) shared by every council."""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.benchmarks import figures
from cairn.benchmarks.models import Measure, Value


class Command(BaseCommand):
    # The system checks import every view (and the document renderers with them): time reading figures does not need.
    requires_system_checks = []
    help = (
        "Load DfE statistics files (explore education statistics CSV, LAIT long format, the statistical-neighbour "
        "model, LAIT's data dictionary), show a measure for an LA beside its neighbours, England and its region, or "
        "list the measures loaded."
    )

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="load|show|list")
        load = actions.add_parser("load", help="load files; all or none are loaded")
        load.add_argument("files", nargs="+", type=Path, metavar="FILE")
        show = actions.add_parser("show", help="a measure for one LA, year by year")
        show.add_argument("measure", metavar="MEASURE", help="a measure's name (see `cairn benchmarks list`)")
        show.add_argument("--la", required=True, metavar="CODE", help="the LA's 3-digit DfE code, e.g. 808")
        show.add_argument("--json", action="store_true", help="print JSON")
        listing = actions.add_parser("list", help="the measures loaded")
        listing.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *, action: str, **options) -> None:
        getattr(self, f"_{action}")(**options)

    def _load(self, *, files: list[Path], **options) -> None:
        # Loading records audit events: `show` and `list` start with only this app (cairn/config/settings_lean.py).
        from cairn.benchmarks import operations, parsing

        contents = []
        for path in files:
            try:
                contents.append((path.name, path.read_bytes()))
            except OSError as error:
                raise CommandError(f"{path}: cannot be read ({error.strerror}). Nothing was loaded.")
        started = time.monotonic()
        try:
            loaded = operations.load_files(contents)
        except parsing.FileError as error:
            raise CommandError(f"{error} Nothing was loaded.")
        for result in loaded:
            self.stdout.write(f"{result.file_name}: {result.note}.")
        self.stdout.write(f"Loaded {len(files)} file(s) in {time.monotonic() - started:.1f}s.")

    def _show(self, *, measure: str, la: str, json: bool, **options) -> None:
        try:
            found = figures.find_measure(measure)
            area = figures.find_la(la)
        except figures.NotFound as error:
            raise CommandError(str(error))
        data = figures.series(found, area)
        if json:
            self.stdout.write(_dumps(data))
            return
        self.stdout.write(f"{found.name}: {found.label}")
        self.stdout.write(f"{area.name} ({area.code}), region {data['region'] or 'not known'}; "
                          f"polarity {found.definition.get_polarity_display() if found.definition else 'not known'}")
        header = ["Year", "LA", "Neighbours (n)", "England", "Region", "Rank", "Quartile"]
        rows = [[
            y["year"], _shown(y["la"]) if y["la"] is not None else (y["la_symbol"] or ""),
            f"{_shown(y['neighbours'])} ({y['neighbours_count']})" if y["neighbours"] is not None else "",
            _shown(y["england"]), _shown(y["region"]),
            f"{y['rank']} of {y['of']}" if y["rank"] else "", str(y["quartile"] or ""),
        ] for y in data["years"]]
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write("  ".join(str(cell).rjust(width) for cell, width in zip(row, widths)))

    def _list(self, *, json: bool, **options) -> None:
        measures = list(Measure.objects.select_related("definition", "first_release").order_by("name"))
        years = {}
        for measure_id, year in Value.objects.values_list("measure_id", "year").distinct():
            years.setdefault(measure_id, []).append(year)
        entries = [{
            "measure": m.name, "title": m.label, "polarity": m.polarity, "file": m.first_release.file_name,
            "years": sorted(years.get(m.pk, [])),
        } for m in measures]
        if json:
            self.stdout.write(_dumps(entries))
            return
        for entry in entries:
            span = f"{entry['years'][0]}-{entry['years'][-1]}" if entry["years"] else "no years"
            self.stdout.write(f"{entry['measure']}  [{span}, {entry['file']}]")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def _shown(number) -> str:
    if number is None:
        return ""
    if isinstance(number, float):
        return f"{number:.4g}" if abs(number) < 1000 else f"{number:,.1f}"
    return f"{number:,}"
