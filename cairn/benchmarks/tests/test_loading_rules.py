"""Loading and showing statistics by the contract's rules, on small files whose figures are worked out by hand."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cairn.audit.models import AuditEvent
from cairn.benchmarks import figures
from cairn.benchmarks.models import Area, Definition, Measure, Neighbour, Release, Revision, Value
from cairn.benchmarks.operations import load_files
from cairn.benchmarks.parsing import FileError

from .conftest import ees
from .samples import DICTIONARY, MODEL, WORKFORCE

def show(measure: str, la: str) -> dict:
    out = StringIO()
    call_command("benchmarks", "show", measure, "--la", la, "--json", stdout=out)
    return json.loads(out.getvalue())


def year(data: dict, wanted: str) -> dict:
    return next(entry for entry in data["years"] if entry["year"] == wanted)


def counts() -> dict:
    return {model.__name__: model.objects.count()
            for model in (Area, Definition, Measure, Neighbour, Release, Revision, Value, AuditEvent)}


@pytest.mark.django_db
class TestFiguresWorkedByHand:
    @pytest.fixture(autouse=True)
    def loaded(self):
        load_files([("csww.csv", WORKFORCE), ("sn.csv", MODEL)])

    def test_each_value_column_is_a_measure_named_by_the_column(self):
        assert set(Measure.objects.values_list("name", flat=True)) == {"turnover_rate_fte", "agency_rate_fte"}

    def test_the_json_has_exactly_the_contract_shape(self):
        data = show("turnover_rate_fte", "808")
        assert list(data) == ["measure", "la", "region", "years"]
        assert data["measure"] == "turnover_rate_fte"
        assert data["la"] == {"code": "808", "name": "Stockton-on-Tees"}
        assert data["region"] == "North East"
        assert [entry["year"] for entry in data["years"]] == ["2021", "2025"]
        assert list(data["years"][0]) == ["year", "la", "la_symbol", "neighbours", "neighbours_count", "england",
                                          "region", "rank", "of", "quartile"]

    def test_neighbours_mean_counts_only_neighbours_with_a_number_and_combined_rows_for_each_la(self):
        entry = year(show("turnover_rate_fte", "808"), "2025")
        # Neighbours 841 (10), 318 (20, from "314 / 318"), 941 (16.2, from "940 / 941"), 344 (9.5); 390 and 201
        # are suppressed and 352-355 have no row: (10 + 20 + 16.2 + 9.5) / 4 = 13.925.
        assert entry["neighbours"] == 13.925
        assert entry["neighbours_count"] == 4
        assert (entry["la"], entry["la_symbol"], entry["england"], entry["region"]) == (13.9, None, 11.8, 12.5)

    def test_rank_without_polarity_counts_from_the_highest_with_combined_rows_once_for_each_la(self):
        entry = year(show("turnover_rate_fte", "808"), "2025")
        # Numbers: 808 13.9, 841 10, 314 20, 318 20, 940 16.2, 941 16.2, 344 9.5: seven LAs. Higher: 20, 20, 16.2,
        # 16.2. Quartiles (R type 7) of 9.5 10 13.9 16.2 16.2 20 20: 11.95, 16.2, 18.1; 13.9 is in the second band
        # from the lowest, so the third counting from the highest.
        assert (entry["rank"], entry["of"], entry["quartile"]) == (5, 7, 3)

    def test_polarity_from_the_dictionary_ranks_the_lowest_first_and_ties_share_the_best_rank(self):
        load_files([("lait_data_dictionary.csv", DICTIONARY)])
        # rank among the lowest: 9.5 and 10 are lower than 13.9, so 3; 940 and 941 (16.2) are both 4.
        entry = year(show("turnover_rate_fte", "808"), "2025")
        assert (entry["rank"], entry["of"], entry["quartile"]) == (3, 7, 2)
        assert year(show("turnover_rate_fte", "940"), "2025")["rank"] == 4
        assert year(show("turnover_rate_fte", "941"), "2025")["rank"] == 4
        assert year(show("turnover_rate_fte", "318"), "2025")["rank"] == 6

    def test_a_combined_row_stands_for_each_la_it_names(self):
        data = show("turnover_rate_fte", "318")
        entry = year(data, "2025")
        assert data["la"]["code"] == "318" and "Richmond" in data["la"]["name"]
        assert data["region"] == "London"
        assert (entry["la"], entry["region"]) == (20, 15)
        # Its neighbours: 314 (20), 808 (13.9), 841 (10), 344 (9.5) -> 53.4 / 4.
        assert (entry["neighbours"], entry["neighbours_count"]) == (13.35, 4)

    def test_a_suppressed_value_is_null_with_its_symbol_and_no_rank(self):
        entry = year(show("turnover_rate_fte", "390"), "2025")
        assert (entry["la"], entry["la_symbol"], entry["rank"], entry["quartile"]) == (None, "c", None, None)
        assert year(show("agency_rate_fte", "841"), "2025")["la_symbol"] == "low"
        assert year(show("agency_rate_fte", "940"), "2025")["la_symbol"] == "k"

    def test_reorganised_las_show_z_where_they_did_not_exist(self):
        assert year(show("turnover_rate_fte", "928"), "2025")["la_symbol"] == "z"
        assert year(show("turnover_rate_fte", "928"), "2021")["la"] == 17.9
        old = year(show("turnover_rate_fte", "940"), "2021")
        assert (old["la"], old["la_symbol"]) == (None, "z")
        assert year(show("turnover_rate_fte", "940"), "2025")["la"] == 16.2

    def test_an_la_outside_the_neighbour_model_has_no_neighbour_mean(self):
        entry = year(show("turnover_rate_fte", "928"), "2021")
        assert (entry["neighbours"], entry["neighbours_count"]) == (None, 0)
        # 2021 has no regional rows: the region's figure is null, England's is there.
        assert (entry["england"], entry["region"]) == (14, None)

    def test_readable_table_without_json(self):
        out = StringIO()
        call_command("benchmarks", "show", "turnover_rate_fte", "--la", "808", stdout=out)
        assert "Stockton-on-Tees (808), region North East" in out.getvalue()
        assert "13.9" in out.getvalue() and "5 of 7" in out.getvalue()

    def test_unknown_measure_or_la_is_a_clear_error(self):
        with pytest.raises(CommandError, match="No measure is called 'turnover'"):
            show("turnover", "808")
        with pytest.raises(CommandError, match="No local authority has the DfE code '999'"):
            show("turnover_rate_fte", "999")


FILTERED = ees(
    "population_type,population_estimate,children_count",
    "2025,National,,,,Children looked after on 31 March each year,12183016,81770",
    "2025,National,,,,Children starting to be looked after each year,12183016,34000",
    "2025,Local authority,North East,808,Stockton-on-Tees,Children looked after on 31 March each year,x,564",
    "2025,Local authority,North East,808,Stockton-on-Tees,Children starting to be looked after each year,x,200",
)


@pytest.mark.django_db
def test_filter_columns_with_several_values_name_the_measure():
    load_files([("cla.csv", FILTERED)])
    assert set(Measure.objects.values_list("name", flat=True)) == {
        "population_estimate (Children looked after on 31 March each year)",
        "population_estimate (Children starting to be looked after each year)",
        "children_count (Children looked after on 31 March each year)",
        "children_count (Children starting to be looked after each year)",
    }
    assert year(show("children_count (Children looked after on 31 March each year)", "808"), "2025")["la"] == 564
    # The column and the filter's value, however they are joined, find it; the column alone is ambiguous.
    assert show("children_count: Children starting to be looked after each year", "808")["measure"] == (
        "children_count (Children starting to be looked after each year)"
    )
    with pytest.raises(CommandError, match="names more than one measure"):
        show("children_count", "808")


@pytest.mark.django_db
def test_a_filter_with_one_value_leaves_the_column_name_alone():
    data = ees("age_group,population_estimate", "2024,Local authority,North East,808,Stockton-on-Tees,Children aged 0 to 17 years,45079")
    load_files([("ons.csv", data)])
    assert list(Measure.objects.values_list("name", flat=True)) == ["population_estimate"]


@pytest.mark.django_db
def test_a_new_release_replaces_what_it_revises_and_keeps_which_release_each_value_came_from():
    first = ees("number", "2023,Local authority,North East,808,Stockton-on-Tees,20",
                "2024,Local authority,North East,808,Stockton-on-Tees,16", "2024,National,,,,2980")
    second = ees("number", "2024,Local authority,North East,808,Stockton-on-Tees,17", "2024,National,,,,3020",
                 "2025,Local authority,North East,808,Stockton-on-Tees,12")
    load_files([("adoptions_2024.csv", first)])
    load_files([("adoptions_2025.csv", second)])
    values = {(v.area.code, v.year): (v.number, v.release.file_name) for v in Value.objects.select_related("area", "release")}
    assert values[("808", "2023")][1] == "adoptions_2024.csv"  # not in the new release: kept as it was
    assert values[("808", "2024")] == (17, "adoptions_2025.csv")
    assert values[("England", "2024")] == (3020, "adoptions_2025.csv")
    assert values[("808", "2025")] == (12, "adoptions_2025.csv")
    revisions = {(r.value.area.code, r.number, r.release.file_name, r.replaced_by.file_name) for r in Revision.objects.all()}
    assert revisions == {("808", 16, "adoptions_2024.csv", "adoptions_2025.csv"),
                         ("England", 2980, "adoptions_2024.csv", "adoptions_2025.csv")}
    release = Release.objects.get(file_name="adoptions_2025.csv")
    assert (release.values_added, release.values_revised) == (1, 2)
    assert AuditEvent.objects.filter(action="benchmarks.release_loaded").count() == 2


@pytest.mark.django_db
def test_the_same_file_loaded_again_changes_nothing():
    load_files([("csww.csv", WORKFORCE)])
    before = counts()
    results = load_files([("copy.csv", WORKFORCE)])
    assert "already loaded" in results[0].note
    assert counts() == before


BAD_FILES = {
    "a word in a column of numbers": (
        ees("rate", "2025,National,,,,5", "2025,Local authority,North East,808,Stockton-on-Tees,n/a",
            "2025,Local authority,North East,841,Darlington,7"),
        "line 3: column 'rate' holds numbers but has 'n/a' here",
    ),
    "unknown columns": (b"name,score\nStockton,5\n", "are not those of a file Cairn reads"),
    "an empty file": (b"", "the file is empty"),
    "a header and no rows": (b"time_period,geographic_level,old_la_code,rate\n", "no rows"),
    "the same figure twice with different values": (
        ees("rate", "2025,Local authority,North East,808,Stockton-on-Tees,5",
            "2025,Local authority,North East,808,Stockton-on-Tees,6"),
        "rate for Stockton-on-Tees in 2025 is given twice with different values",
    ),
    "an LA row without its code": (ees("rate", "2025,Local authority,North East,,Stockton-on-Tees,5"), "no old_la_code"),
    "a neighbour that is not an LA code": (MODEL.replace(b"841", b"Darlington", 1), "SN_1 'Darlington' is not a DfE LA number"),
    "LAIT values that are not numbers": (
        b"Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region\nLAC,,2025,Stockton-on-Tees,lots,808,North East\n",
        "Values 'lots' is neither a number nor a symbol",
    ),
    "a workbook that is not the neighbour tool": (b"PK\x03\x04 not really a workbook", "this is a spreadsheet (.xlsx)"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_gets_a_clear_message_and_changes_nothing_even_beside_good_files(case, tmp_path):
    data, message = BAD_FILES[case]
    load_files([("first.csv", FILTERED)])
    before = counts()
    with pytest.raises(FileError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        load_files([("csww.csv", WORKFORCE), ("bad.csv", data)])
    assert counts() == before
    (tmp_path / "good.csv").write_bytes(WORKFORCE)
    (tmp_path / "bad.csv").write_bytes(data)
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("benchmarks", "load", str(tmp_path / "good.csv"), str(tmp_path / "bad.csv"))
    assert counts() == before


@pytest.mark.django_db
def test_the_neighbour_tools_own_layout_is_recognised_and_left_out(tmp_path):
    tool = b"\xef\xbb\xbfLA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP\n808,Stockton,808,1,North East,841,Very Close,390,Close\n"
    results = load_files([("New_Statistical_Neighbour_Groupings_April_2021.csv", tool), ("sn.csv", MODEL)])
    assert "not loaded" in results[0].note
    assert Neighbour.objects.filter(la__code="808").count() == 10


def test_quantiles_are_rs_type_7():
    from decimal import Decimal

    assert figures.quantiles([Decimal(v) for v in (1, 2, 3, 4)]) == [1, Decimal("1.75"), Decimal("2.5"), Decimal("3.25"), 4]
