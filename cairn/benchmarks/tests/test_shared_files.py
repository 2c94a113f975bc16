"""The real DfE files: figures for Stockton-on-Tees (808), Tameside (357) and reorganised LAs, checked against the
files read here by hand (csv module, no Cairn code) and against README section 5's spot values."""

import csv
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from cairn.benchmarks.models import Measure, Value
from cairn.benchmarks.operations import load_files

from .conftest import dfe_file

FILES = [
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "cla_number_and_rate_per_10k_children.csv",
    "sn_model_2025_wide.csv",
    "lait_data_dictionary.csv",
    "derived/lait_bds_long_0_csc_kpis.csv",
]
STOCKTON_NEIGHBOURS = ["841", "332", "888", "390", "384", "351", "840", "372", "894", "344"]
LAC = "children_count (Children looked after on 31 March each year)"


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    paths = [dfe_file(name) for name in FILES]
    with django_db_blocker.unblock(), transaction.atomic():
        load_files([(path.name, path.read_bytes()) for path in paths])
        yield paths
        transaction.set_rollback(True)


def show(measure: str, la: str) -> dict:
    out = StringIO()
    call_command("benchmarks", "show", measure, "--la", la, "--json", stdout=out)
    return json.loads(out.getvalue())


def year(data: dict, wanted: str) -> dict:
    return next(entry for entry in data["years"] if entry["year"] == wanted)


def read_ees(path, column: str, **filters) -> dict[tuple[str, str], str]:
    """{(year, old_la_code or level): cell} for rows with the given filter values."""
    cells = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if any(row[name] != value for name, value in filters.items()):
                continue
            place = row["old_la_code"] if row["geographic_level"] == "Local authority" else (
                row["region_name"] or "England")
            cells[(row["time_period"], place)] = row[column]
    return cells


def numeric(cell: str) -> bool:
    return cell.replace(".", "", 1).isdigit()


@pytest.mark.django_db
@pytest.mark.usefixtures("shared")
class TestSharedFiles:
    def test_stockton_rereferrals_2025_as_worked_by_hand(self):
        entry = year(show("rereferral_percent", "808"), "2025")
        # c1, 2025: 841 13, 332 22.5, 888 16.3, 390 13.9, 384 18.5, 351 26, 840 18.7, 372 19.6, 894 15.8, 344 22.2
        assert entry["neighbours"] == pytest.approx((13 + 22.5 + 16.3 + 13.9 + 18.5 + 26 + 18.7 + 19.6 + 15.8 + 22.2) / 10)
        assert entry["neighbours_count"] == 10
        assert (entry["la"], entry["england"], entry["region"]) == (28.8, 22.6, 20.7)

    def test_rank_and_count_match_the_file_for_every_year(self, shared):
        cells = read_ees(shared[0], "rereferral_percent")
        for la in ("808", "357"):
            for entry in show("rereferral_percent", la)["years"]:
                numbers = [Decimal(cell) for (time, place), cell in cells.items()
                           if time == entry["year"] and place.isdigit() and numeric(cell)]
                mine = Decimal(cells[(entry["year"], la)])
                # Re-referrals: lower is better (LAIT's ReReferral polarity), ties share the best rank.
                assert entry["of"] == len(numbers)
                assert entry["rank"] == 1 + sum(1 for n in numbers if n < mine)

    def test_suppressed_and_low_reliability_values_keep_their_symbol(self):
        assert year(show("rereferral_percent", "201"), "2024")["la_symbol"] == "c"
        assert year(show("rereferral_percent", "884"), "2024")["la_symbol"] == "u"
        assert year(show("rereferral_percent", "204"), "2022")["la_symbol"] == "x"
        # LAIT collapses c, x and z into "-".
        assert year(show("ReReferral", "201"), "2024")["la_symbol"] == "-"

    def test_reorganised_las(self):
        # cla_number...: Northamptonshire (928) to 2021, North (940) and West (941) Northamptonshire from 2022.
        assert year(show(LAC, "928"), "2021")["la"] == 1144
        assert year(show(LAC, "928"), "2025")["la_symbol"] == "z"
        assert year(show(LAC, "940"), "2021")["la_symbol"] == "z"
        assert year(show(LAC, "940"), "2025")["la"] == 568
        # Cumbria (909) to 2023, Cumberland (942) from 2024.
        assert year(show(LAC, "942"), "2023")["la_symbol"] == "z"
        assert year(show(LAC, "942"), "2024")["la"] == 482
        # 928 is not in the 2025 neighbour model.
        assert year(show(LAC, "928"), "2021")["neighbours_count"] == 0

    def test_spot_values_from_the_readme(self):
        assert year(show(LAC, "808"), "2025")["la"] == 564
        assert year(show(LAC, "357"), "2025")["la"] == 652
        assert year(show(LAC, "357"), "2025")["england"] == 81770
        assert year(show("Continue_Assess_Comp", "357"), "2025")["la"] == 81.9  # stored as 81.900000000000006
        assert year(show("Continue_Assess_Comp", "808"), "2025")["england"] == 85.7
        assert year(show("LAC", "808"), "2025")["la"] == 125

    def test_lac_neighbour_mean_matches_the_file(self, shared):
        cells = read_ees(shared[1], "children_count", population_type="Children looked after on 31 March each year")
        entry = year(show(LAC, "808"), "2025")
        numbers = [Decimal(cells[("2025", code)]) for code in STOCKTON_NEIGHBOURS]
        assert entry["neighbours"] == float(sum(numbers) / 10)

    def test_every_measure_shows_for_any_la_with_one_entry_per_year_in_the_file(self):
        for measure in Measure.objects.all():
            years = sorted(set(Value.objects.filter(measure=measure).values_list("year", flat=True)))
            for la in ("808", "357", "940"):
                data = show(measure.name, la)
                assert [entry["year"] for entry in data["years"]] == years
                assert data["la"]["code"] == la
