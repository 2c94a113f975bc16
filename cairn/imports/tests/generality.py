"""Scoring the reader on other councils' papers against what a person read from them (other_councils/expected.json)."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from cairn.imports.parsers import extract

HERE = Path(__file__).parent / "other_councils"
_PREFIX = 40


def _plain(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class Score:
    name: str
    expected: int
    found: int = 0  # items read, whatever their fields
    text: int = 0
    lead: int = 0
    due: int = 0
    status: int = 0
    complete: int = 0  # text, lead and due all right
    extra: list[str] = field(default_factory=list)  # items read that the paper does not have
    invented: list[str] = field(default_factory=list)  # values read that are not in the paper


def _due(rec: dict) -> str | None:
    return rec["steps"][0]["due"] if rec["steps"] else None


def score_file(name: str, expectation: dict, folder: Path = HERE) -> Score:
    """How many of a paper's items were read, and with which fields right."""
    data = (folder / name).read_bytes()
    document = _plain(data.decode("utf-8"))
    records = extract(data, name).to_json()["recommendations"]
    score = Score(name, len(expectation["items"]))
    matched: set[int] = set()
    for item in expectation["items"]:
        want = _plain(item["text"])
        index = next((i for i, r in enumerate(records) if i not in matched and _plain(r["text"]) == want), None)
        if index is None:
            index = next(
                (i for i, r in enumerate(records) if i not in matched and _plain(r["text"])[:_PREFIX] == want[:_PREFIX]),
                None,
            )
        if index is None:
            continue
        matched.add(index)
        rec = records[index]
        score.found += 1
        text_right = _plain(rec["text"]) == want
        lead_right = _plain(rec["lead"]) == _plain(item["lead"])
        due_right = _due(rec) == item["due"]
        status_right = _plain((rec["progress"] or {}).get("status")) == _plain(item["status"])
        score.text += text_right
        score.lead += lead_right
        score.due += due_right
        score.status += status_right
        score.complete += text_right and lead_right and due_right
    for index, rec in enumerate(records):
        if index not in matched:
            score.extra.append(_plain(rec["text"])[:60])
        values = [rec["text"], rec["lead"], (rec["progress"] or {}).get("status")]
        values += [step["due_text"] for step in rec["steps"]]
        score.invented += [v for v in values if v and _plain(v) not in document]
    return score


def score_all(folder: Path = HERE) -> list[Score]:
    """Every paper of a collection scored: the first (other_councils/) or the one run once (other_councils/unseen/)."""
    expected = json.loads((folder / "expected.json").read_text())
    return [score_file(name, expectation, folder) for name, expectation in expected["files"].items()]


def table(scores: list[Score]) -> str:
    """The per-file table for the closing note."""
    lines = ["| file | items | found | text | lead | due | status | all three | extra | invented |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        lines.append(f"| {s.name} | {s.expected} | {s.found} | {s.text} | {s.lead} | {s.due} | {s.status} | "
                     f"{s.complete} | {len(s.extra)} | {len(s.invented)} |")
    total = sum(s.expected for s in scores)
    complete = sum(s.complete for s in scores)
    lines.append(f"| total | {total} | {sum(s.found for s in scores)} | {sum(s.text for s in scores)} | "
                 f"{sum(s.lead for s in scores)} | {sum(s.due for s in scores)} | {sum(s.status for s in scores)} | "
                 f"{complete} ({100 * complete / total:.0f}%) | {sum(len(s.extra) for s in scores)} | "
                 f"{sum(len(s.invented) for s in scores)} |")
    return "\n".join(lines)
