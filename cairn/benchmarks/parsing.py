"""Reading published statistics files (bytes -> plain data; no Django). The format is told by the columns.

* EES CSV (explore education statistics): `time_period`, `geographic_level` and the geography columns; every other
  column is a filter (text) or a value column (numbers and symbols). Each value column is a measure named by the
  column; where the file's filter columns take several values, the name adds the row's values of those filters in
  brackets, in the file's column order: `children_count (Children looked after on 31 March each year)`.
* LAIT long format: `Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region`; a measure per
  `Short Desc`. England is LA number 970, regions 980-990.
* The statistical-neighbour model (wide): `old_la_code, la_name, region_name, SN_1, SN_1P, ... SN_10, SN_10P`.
* The LAIT data dictionary: `Measure_short, Measure, Polarity, dps, ...` (titles and polarity).
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

SYMBOLS = {"c", "x", "z", "u", "low", "k", "-"}
NATIONAL, REGIONAL, LOCAL = "National", "Regional", "Local authority"
ENGLAND_CODE = "England"
# Identifier and geography columns EES files may carry: never filters or values.
EES_IDENTIFIERS = {
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code", "region_name",
    "old_la_code", "new_la_code", "la_code", "la_name", "lad_code", "lad_name", "pcon_code", "pcon_name", "ward_code",
    "ward_name", "rsc_region_lead_name", "english_devolved_area_code", "english_devolved_area_name",
    "local_enterprise_partnership_code", "local_enterprise_partnership_name", "opportunity_area_code",
    "opportunity_area_name", "lsip_code", "lsip_name", "school_urn", "school_laestab", "school_name", "trust_id",
    "trust_name", "sponsor_id", "sponsor_name", "provider_ukprn", "provider_name", "institution_id",
    "institution_name", "planning_area_code", "planning_area_name", "police_force_code", "police_force_name",
}
LAIT_COLUMNS = {"Short Desc", "Years", "LA and Regions", "Values", "LA Number"}
DICTIONARY_COLUMNS = {"Measure_short", "Polarity"}
MAX_SIGNIFICANT = 15  # LAIT writes floats with 17 digits (96.300000000000011): 15 give back the published figure.


class FileError(ValueError):
    """A file that cannot be loaded, with a message that says why and where."""


@dataclass(frozen=True)
class AreaRow:
    kind: str  # england, region or la
    code: str
    name: str
    ons_code: str = ""


@dataclass
class Statistics:
    """A file of figures: its measures, the areas it names and one value per measure, area and year."""

    format: str
    rows: int = 0
    measures: dict[str, dict] = field(default_factory=dict)  # name -> {"column", "filters", "title"}
    areas: dict[tuple[str, str], AreaRow] = field(default_factory=dict)
    # (measure, (kind, code), year) -> (number, symbol, region key or None)
    values: dict[tuple[str, tuple[str, str], str], tuple[Decimal | None, str, tuple[str, str] | None]] = field(
        default_factory=dict
    )


@dataclass
class NeighbourModel:
    format: str = "neighbours"
    rows: int = 0
    las: list[AreaRow] = field(default_factory=list)
    regions: dict[str, str] = field(default_factory=dict)  # LA code -> region name
    neighbours: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # LA code -> [(code, closeness)]


@dataclass
class Skipped:
    """A file recognised but not loaded, with the reason."""

    note: str
    format: str = "skipped"
    rows: int = 0


TOOL_LAYOUT = (
    "not loaded: this is the statistical-neighbour tool's own layout (SN1, SNP, ...); Cairn takes neighbours from "
    "the model in the wide layout (old_la_code, SN_1, SN_1P, ... SN_10, SN_10P), such as sn_model_2025_wide.csv"
)


@dataclass
class Dictionary:
    format: str = "dictionary"
    rows: int = 0
    definitions: dict[str, dict] = field(default_factory=dict)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_file(name: str, data: bytes) -> Statistics | NeighbourModel | Dictionary | Skipped:
    """Read one file, recognising its format from its columns; raise FileError saying what is wrong."""
    if data[:4] == b"PK\x03\x04":
        if _is_tool_workbook(data):
            return Skipped(TOOL_LAYOUT)
        raise FileError(f"{name}: this is a spreadsheet (.xlsx), not a CSV file. Save the sheet as CSV to load it.")
    text = _decode(name, data)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise FileError(f"{name}: the file is empty.")
    header = [cell.strip() for cell in header]
    columns = set(header)
    if {"time_period", "geographic_level"} <= columns:
        return _parse_ees(name, header, reader)
    if LAIT_COLUMNS <= columns:
        return _parse_lait(name, header, reader)
    if "old_la_code" in columns and {f"SN_{k}" for k in range(1, 11)} <= columns:
        return _parse_neighbours(name, header, reader)
    if DICTIONARY_COLUMNS <= columns:
        return _parse_dictionary(name, header, reader)
    if {"SN1", "SNP"} <= columns:
        return Skipped(TOOL_LAYOUT)
    shown = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
    raise FileError(
        f"{name}: the columns ({shown}) are not those of a file Cairn reads. It reads explore education statistics "
        "CSV files (time_period, geographic_level, ...), LAIT's long format (Short Desc, Years, LA and Regions, "
        "Values, LA Number), the statistical-neighbour model (old_la_code, SN_1 ... SN_10) and LAIT's data "
        "dictionary (Measure_short, Polarity)."
    )


def _is_tool_workbook(data: bytes) -> bool:
    """Whether a workbook is the statistical-neighbour tool's (a sheet whose header has SN1 and SNP)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is simply not the tool's
        return False
    for sheet in book.worksheets:
        for row in sheet.iter_rows(max_row=5, values_only=True):
            cells = {str(cell).strip() for cell in row if cell is not None}
            if {"SN1", "SNP"} <= cells:
                return True
    return False


def read_cell(text: str) -> tuple[Decimal | None, str] | None:
    """A cell as (number, "") or (None, symbol); None for an empty cell; raise ValueError for anything else."""
    text = text.strip()
    if not text:
        return None
    if text.lower() in SYMBOLS:
        return None, text.lower()
    try:
        number = Decimal(text.replace(",", "") if _is_grouped(text) else text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    if len(number.as_tuple().digits) > MAX_SIGNIFICANT:
        number = Decimal(format(number, f".{MAX_SIGNIFICANT}g"))
    return number.normalize() if number == number.to_integral() else number, ""


def _is_grouped(text: str) -> bool:
    return "," in text and all(part.isdigit() for part in text.lstrip("-").replace(".", ",").split(","))


def _decode(name: str, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise FileError(f"{name}: this is not a text file (it holds binary data).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(name: str, header: list[str], reader):
    """Each row as a dict, with its line number; a row with more cells than the header is refused."""
    width = len(header)
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise FileError(f"{name}, line {reader.line_num}: {len(row)} cells where the header has {width}.")
        yield reader.line_num, dict(zip(header, row + [""] * (width - len(row))))


def _parse_ees(name: str, header: list[str], reader) -> Statistics:
    rows = list(_rows(name, header, reader))
    if not rows:
        raise FileError(f"{name}: the file has a header but no rows.")
    others = [column for column in header if column and column not in EES_IDENTIFIERS]
    value_columns, filter_columns = _classify(name, others, rows)
    if not value_columns:
        raise FileError(f"{name}: no column holds numbers, so there is nothing to load.")
    varying = [column for column in filter_columns if len({row[column].strip() for _, row in rows}) > 1]
    statistics = Statistics(format="ees", rows=len(rows))
    seen: dict[tuple, int] = {}
    for line, row in rows:
        area, region = _ees_area(name, line, row)
        if area is None:
            continue
        statistics.areas.setdefault((area.kind, area.code), area)
        if region is not None:
            statistics.areas.setdefault((region.kind, region.code), region)
        year = row["time_period"].strip()
        if not year:
            raise FileError(f"{name}, line {line}: time_period is empty.")
        filters = {column: row[column].strip() for column in varying}
        suffix = f" ({', '.join(filters.values())})" if filters else ""
        for column in value_columns:
            cell = read_cell(row[column])
            if cell is None:
                continue
            measure = column + suffix
            if measure not in statistics.measures:
                statistics.measures[measure] = {"column": column, "filters": filters, "title": ""}
            key = (measure, (area.kind, area.code), year)
            entry = (cell[0], cell[1], (region.kind, region.code) if region and area.kind == "la" else None)
            _keep(name, statistics, seen, key, entry, line, area)
    return statistics


def _classify(name: str, columns: list[str], rows: list) -> tuple[list[str], list[str]]:
    """Value columns hold only numbers and symbols; filter columns hold text. A column of mostly numbers with a
    stray word in it is an error, not a filter."""
    values, filters = [], []
    for column in columns:
        readable, unreadable, first_bad = 0, 0, None
        for line, row in rows:
            try:
                cell = read_cell(row[column])
            except ValueError:
                unreadable += 1
                first_bad = first_bad or (line, row[column].strip())
                continue
            if cell is not None:
                readable += 1
        if unreadable == 0:
            values.append(column)
        elif readable > unreadable:
            line, text = first_bad
            raise FileError(
                f"{name}, line {line}: column {column!r} holds numbers but has {text!r} here, which is neither a "
                f"number nor a symbol DfE uses ({', '.join(sorted(SYMBOLS))})."
            )
        else:
            filters.append(column)
    return values, filters


def _ees_area(name: str, line: int, row: dict) -> tuple[AreaRow | None, AreaRow | None]:
    level = row["geographic_level"].strip()
    region_name = row.get("region_name", "").strip()
    region = AreaRow("region", region_name, region_name, row.get("region_code", "").strip()) if region_name else None
    if level == NATIONAL:
        return AreaRow("england", ENGLAND_CODE, "England", row.get("country_code", "").strip()), None
    if level == REGIONAL:
        if region is None:
            raise FileError(f"{name}, line {line}: a Regional row with no region_name.")
        return region, None
    if level == LOCAL:
        code = row.get("old_la_code", "").strip()
        if not code:
            raise FileError(f"{name}, line {line}: a Local authority row with no old_la_code.")
        code = " / ".join(part.strip() for part in code.split("/"))
        return AreaRow("la", code, row.get("la_name", "").strip() or code, row.get("new_la_code", "").strip()), region
    return None, None  # other geographies (districts, constituencies...) are not benchmarked


def _keep(name, statistics, seen, key, entry, line, area) -> None:
    earlier = statistics.values.get(key)
    if earlier is not None and earlier[:2] != entry[:2]:
        raise FileError(
            f"{name}, line {line}: {key[0]} for {area.name} in {key[2]} is given twice with different values "
            f"(line {seen[key]} has another)."
        )
    if earlier is None:
        statistics.values[key] = entry
        seen[key] = line


def _parse_lait(name: str, header: list[str], reader) -> Statistics:
    statistics = Statistics(format="lait")
    seen: dict[tuple, int] = {}
    for line, row in _rows(name, header, reader):
        statistics.rows += 1
        measure = row["Short Desc"].strip()
        year = row["Years"].strip()
        place = row["LA and Regions"].strip()
        if not measure or not year or not place:
            raise FileError(f"{name}, line {line}: Short Desc, Years and LA and Regions must all be given.")
        try:
            number = int(Decimal(row["LA Number"].strip()))
        except (InvalidOperation, ValueError):
            raise FileError(f"{name}, line {line}: LA Number {row['LA Number']!r} is not a number.") from None
        region = None
        if number == 970:
            area = AreaRow("england", ENGLAND_CODE, "England")
        elif number >= 980:
            area = AreaRow("region", place, place)
        else:
            area = AreaRow("la", str(number), place)
            region_name = row.get("Region", "").strip()
            if region_name and region_name != "NA":
                region = AreaRow("region", region_name, region_name)
                statistics.areas.setdefault(("region", region_name), region)
        statistics.areas.setdefault((area.kind, area.code), area)
        try:
            cell = read_cell(row["Values"])
        except ValueError:
            raise FileError(
                f"{name}, line {line}: Values {row['Values'].strip()!r} is neither a number nor a symbol."
            ) from None
        if cell is None:
            continue
        if measure not in statistics.measures:
            statistics.measures[measure] = {"column": measure, "filters": {}, "title": row.get("Data item", "").strip()}
        elif not statistics.measures[measure]["title"]:
            statistics.measures[measure]["title"] = row.get("Data item", "").strip()
        key = (measure, (area.kind, area.code), year)
        _keep(name, statistics, seen, key, (cell[0], cell[1], ("region", region.code) if region else None), line, area)
    if not statistics.rows:
        raise FileError(f"{name}: the file has a header but no rows.")
    return statistics


def _parse_neighbours(name: str, header: list[str], reader) -> NeighbourModel:
    model = NeighbourModel()
    for line, row in _rows(name, header, reader):
        model.rows += 1
        code = row["old_la_code"].strip()
        if not code.isdigit():
            raise FileError(f"{name}, line {line}: old_la_code {code!r} is not a DfE LA number.")
        if code in model.neighbours:
            raise FileError(f"{name}, line {line}: LA {code} has a second row.")
        model.las.append(AreaRow("la", code, row.get("la_name", "").strip() or code))
        model.regions[code] = row.get("region_name", "").strip()
        neighbours = []
        for k in range(1, 11):
            neighbour = row[f"SN_{k}"].strip()
            if not neighbour.isdigit():
                raise FileError(f"{name}, line {line}: SN_{k} {neighbour!r} is not a DfE LA number.")
            neighbours.append((neighbour, row.get(f"SN_{k}P", "").strip()))
        model.neighbours[code] = neighbours
    if not model.rows:
        raise FileError(f"{name}: the file has a header but no rows.")
    return model


def _parse_dictionary(name: str, header: list[str], reader) -> Dictionary:
    dictionary = Dictionary()
    for line, row in _rows(name, header, reader):
        dictionary.rows += 1
        code = row["Measure_short"].strip()
        if not code or code in dictionary.definitions:
            continue  # a measure listed under two topics keeps its first row
        polarity = row["Polarity"].strip()
        places = row.get("dps", "").strip()
        dictionary.definitions[code] = {
            "title": (row.get("Chart_title", "") or row.get("Measure", "")).strip()[:500] or code,
            "topic": row.get("Topic", "").strip()[:200],
            "polarity": polarity if polarity in ("High", "Low") else "-",
            "unit": row.get("y_axis_name", "").strip()[:200],
            "description": row.get("Description", "").strip(),
            "decimal_places": int(places) if places.isdigit() else None,
        }
    if not dictionary.definitions:
        raise FileError(f"{name}: the dictionary lists no measures.")
    return dictionary
