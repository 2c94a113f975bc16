"""Loading published statistics: one named operation, one transaction for all the files, one audit event per file."""

from dataclasses import dataclass

from django.db import connection, transaction

from cairn.audit.events import record_event

from . import parsing
from .models import Area, Definition, Measure, Neighbour, Release, Revision, Value

# EES value columns that are the same measure as a LAIT code (README section 3), so they take its polarity.
EES_DEFINITIONS = {
    "rereferral_percent": "ReReferral",
    "referral_count": "CPP_Total_NumRef",
    "CPP_subsequent_percent": "PrevRegCPR",
    "CPP_At31": "CPP_Num",
    "turnover_rate_fte": "Work_Force_TO_Rate",
    "vacancy_rate_fte": "Work_Force_Vac_Rate",
    "agency_rate_fte": "Work_Force_Agecy_Rate",
    "caseload_fte": "Work_Force_AvgNumCase_SW",
    "rate_per_10000 (Children looked after on 31 March each year)": "LAC",
    "children_count (Children looked after on 31 March each year)": "LACnum",
    "percentage (CLA on 31 March, 3 or more social workers during the year)": "Stability_SocialWorker",
    "percentage (3 or more social workers during the year)": "Stability_SocialWorker",
    "children_percent (CLA on 31 March, With 3 or more placements during the year)": "LACStable_2016on",
}
BATCH = 5000


@dataclass
class Loaded:
    release: Release | None
    file_name: str
    note: str


@transaction.atomic
def load_files(files: list[tuple[str, bytes]], *, by=None) -> list[Loaded]:
    """Load statistics files (EES, LAIT, neighbour model, dictionary) into the shared tables, all or none."""
    digests = [parsing.sha256(data) for _, data in files]
    earlier = {release.sha256: release for release in Release.objects.filter(sha256__in=digests)}
    # Every new file is read before anything is written, so a bad one changes nothing.
    parsed = [None if digest in earlier else parsing.parse_file(name, data)
              for (name, data), digest in zip(files, digests)]
    results = []
    for (name, _), digest, content in zip(files, digests, parsed):
        if content is None or digest in earlier:
            release = earlier[digest]
            results.append(Loaded(None, name, f"already loaded on {release.loaded_at:%d %b %Y} as {release.file_name}"))
            continue
        if isinstance(content, parsing.Skipped):
            results.append(Loaded(None, name, content.note))
            continue
        release = Release.objects.create(file_name=name[:300], sha256=digest, format=content.format, rows=content.rows)
        earlier[digest] = release
        if isinstance(content, parsing.Statistics):
            note = _load_statistics(release, content)
        elif isinstance(content, parsing.NeighbourModel):
            note = _load_neighbours(release, content)
        else:
            note = _load_dictionary(release, content)
        record_event(
            release, "benchmarks.release_loaded", by=by,
            after={"file": name, "format": content.format, "rows": content.rows, "added": release.values_added,
                   "revised": release.values_revised, "sha256": digest},
        )
        results.append(Loaded(release, name, note))
    return results


def _areas(rows) -> dict[tuple[str, str], int]:
    """Ids of the areas named, creating those not yet known; names follow the latest file."""
    wanted = {}
    for row in rows:
        # A code met only as someone's neighbour carries no name: it never replaces a real one.
        if (row.kind, row.code) not in wanted or row.name != row.code:
            wanted[(row.kind, row.code)] = row
    known = {(a.kind, a.code): a for a in Area.objects.filter(code__in={code for _, code in wanted})}
    missing = [Area(kind=row.kind, code=row.code, name=row.name[:200], ons_code=row.ons_code[:20])
               for key, row in wanted.items() if key not in known]
    Area.objects.bulk_create(missing)
    renamed = []
    for key, area in known.items():
        row = wanted[key]
        if row.name and row.name != row.code and (area.name != row.name or (row.ons_code and area.ons_code != row.ons_code)):
            area.name, area.ons_code = row.name[:200], row.ons_code[:20] or area.ons_code
            renamed.append(area)
    Area.objects.bulk_update(renamed, ["name", "ons_code"])
    return {(a.kind, a.code): a.pk for a in Area.objects.filter(code__in={code for _, code in wanted})
            if (a.kind, a.code) in wanted}


def _load_statistics(release: Release, content: parsing.Statistics) -> str:
    area_ids = _areas(content.areas.values())
    measures = {m.name: m for m in Measure.objects.filter(name__in=list(content.measures))}
    definitions = dict(Definition.objects.values_list("code", "pk"))
    new = [
        Measure(name=name[:500], column=info["column"][:200], filters=info["filters"], title=info["title"][:500],
                definition_id=definitions.get(EES_DEFINITIONS.get(name, name)), first_release=release)
        for name, info in content.measures.items() if name not in measures
    ]
    Measure.objects.bulk_create(new)
    measures.update({m.name: m for m in new})
    for m in measures.values():
        if not m.title and content.measures[m.name]["title"]:
            m.title = content.measures[m.name]["title"][:500]
            m.save(update_fields=["title"])
    measure_ids = {name: m.pk for name, m in measures.items()}
    existing = {
        (measure_id, area_id, year): (pk, number, symbol, region_id, release_id)
        for pk, measure_id, area_id, year, number, symbol, region_id, release_id in Value.objects.filter(
            measure_id__in=measure_ids.values()
        ).values_list("id", "measure_id", "area_id", "year", "number", "symbol", "region_id", "release_id")
    }
    added, revised, revisions = [], [], []
    for (measure, area, year), (number, symbol, region) in content.values.items():
        key = (measure_ids[measure], area_ids[area], year)
        region_id = area_ids[region] if region else None
        before = existing.get(key)
        if before is None:
            added.append((key[0], key[1], year, number, symbol, region_id, release.pk))
        elif before[1] != number or before[2] != symbol:
            revisions.append(Revision(value_id=before[0], number=before[1], symbol=before[2], release_id=before[4],
                                      replaced_by=release))
            revised.append(Value(pk=before[0], number=number, symbol=symbol, region_id=region_id or before[3],
                                 release=release))
        elif region_id and before[3] != region_id:
            revised.append(Value(pk=before[0], number=number, symbol=symbol, region_id=region_id,
                                 release_id=before[4]))
    _insert_values(added)
    Value.objects.bulk_update(revised, ["number", "symbol", "region", "release"], batch_size=1000)
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    release.values_added, release.values_revised = len(added), len(revisions)
    release.save(update_fields=["values_added", "values_revised"])
    return f"{len(content.measures)} measures, {len(added)} values added, {len(revisions)} revised"


def _insert_values(rows: list[tuple]) -> None:
    """Insert new values in batches of plain rows: tens of thousands of model instances would take most of a load."""
    table = connection.ops.quote_name(Value._meta.db_table)
    sql = (f"INSERT INTO {table} (measure_id, area_id, year, number, symbol, region_id, release_id) "
           "VALUES (%s, %s, %s, %s, %s, %s, %s)")
    field = Value._meta.get_field("number")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, [
                (m, a, y, connection.ops.adapt_decimalfield_value(n, field.max_digits, field.decimal_places), s, r, rel)
                for m, a, y, n, s, r, rel in rows[start:start + BATCH]
            ])


def _load_neighbours(release: Release, model: parsing.NeighbourModel) -> str:
    regions = {name for name in model.regions.values() if name}
    area_ids = _areas(
        [*model.las, *(parsing.AreaRow("region", name, name) for name in regions),
         *(parsing.AreaRow("la", code, code) for row in model.neighbours.values() for code, _ in row)]
    )
    for la in model.las:
        region = model.regions[la.code]
        Area.objects.filter(pk=area_ids[("la", la.code)]).update(
            region_id=area_ids[("region", region)] if region else None
        )
    Neighbour.objects.all().delete()  # the model loaded last is the model in use
    Neighbour.objects.bulk_create(
        Neighbour(la_id=area_ids[("la", code)], neighbour_id=area_ids[("la", neighbour)], position=position,
                  closeness=closeness[:50], release=release)
        for code, row in model.neighbours.items() for position, (neighbour, closeness) in enumerate(row, start=1)
    )
    release.values_added = sum(len(row) for row in model.neighbours.values())
    release.save(update_fields=["values_added"])
    return f"statistical neighbours for {len(model.las)} LAs"


def _load_dictionary(release: Release, dictionary: parsing.Dictionary) -> str:
    known = {d.code: d for d in Definition.objects.filter(code__in=list(dictionary.definitions))}
    fields = ["title", "topic", "polarity", "unit", "description", "decimal_places"]
    Definition.objects.bulk_create(
        Definition(code=code[:100], **info) for code, info in dictionary.definitions.items() if code not in known
    )
    for code, definition in known.items():
        for name in fields:
            setattr(definition, name, dictionary.definitions[code][name])
    Definition.objects.bulk_update(list(known.values()), fields)
    ids = dict(Definition.objects.values_list("code", "pk"))
    linked = []
    for measure in Measure.objects.filter(definition__isnull=True):
        code = EES_DEFINITIONS.get(measure.name, measure.name)
        if code in ids:
            measure.definition_id = ids[code]
            linked.append(measure)
    Measure.objects.bulk_update(linked, ["definition"])
    release.values_added = len(dictionary.definitions)
    release.save(update_fields=["values_added"])
    return f"{len(dictionary.definitions)} measure definitions"
