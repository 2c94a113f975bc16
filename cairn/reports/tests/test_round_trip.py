"""A document's JSON goes back in through the importer's reader and comes out the same: nothing is lost."""

import json

from cairn.imports.parsers import extract as read_paper
from cairn.reports import data, extract


def _round_trip(report, name: str) -> tuple[dict, dict]:
    written = extract.render(report, source_name=name)
    read = read_paper(written, name).to_json()
    exported = json.loads(written)
    return exported, read


def test_every_kind_of_json_export_reads_back_to_the_same_data(papers):
    reports = {
        "progress.json": data.progress_update(papers.review, papers.round),
        "plan.json": data.action_plan(papers.review),
        "highlight.json": data.highlight(papers.council.programme, papers.programme_round),
    }
    for name, report in reports.items():
        exported, read = _round_trip(report, name)
        for key in ("document", "recommendations", "projects", "figures", "budget_lines", "warnings"):
            assert read[key] == exported[key], f"{name}: {key} changed on the way back in"
