"""The fuzz harness: hostile files (`hostile.py`) and Hypothesis's mutations of them and of sound papers, each read
as an upload is read, and, where Cairn refuses one, also given to `cairn import --yes` and to the web upload, to show
that nothing was written.

It counts what was tried, what crashed (a reader raising anything but an ExtractionError, a child process dying, a
web page answering 500, a traceback on the command line, anything written for a refused file), the time and peak
memory of each reading, and the size of each check page. The suite runs it with a small budget
(`test_fuzz_imports.py`); `benchmarks/fuzz_imports.py` runs it with a large one.
"""

import io
import json
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cairn.imports.parsers import isolated

from . import hostile

SECONDS = 25  # CAIRN_IMPORT_SECONDS's default
MEMORY = 1024 * 1024 * 1024  # CAIRN_IMPORT_MEMORY_MB's default
TARGET_SECONDS, TARGET_BYTES = 30, 2 * 1024 * 1024 * 1024

PLAN = (
    "Action Plan – EIT Review of Child Placements\n"
    "No\tRecommendation\tProposed Actions\tSaving /Cost\tLead Responsibility\tCompletion Date\n"
    "1\tRecruit more foster carers\tAdvertise in the local press\t£48,000\tHead of Service\tMar 2010\n"
    "2\tReview the fees paid to carers\tBenchmark against neighbours\tNone\tFinance Manager\tJune 2010\n"
)

# Pieces that have broken readers before, for mutations to splice into a file's text.
TOKENS = [
    '<w:gridSpan w:val="99999999"/>', '<w:gridSpan w:val="x"/>', "<w:vMerge/>", '<w:vMerge w:val="restart"/>',
    '<w:tcPr><w:gridSpan w:val="4000"/></w:tcPr>', "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
    '<!DOCTYPE x [<!ENTITY a "aaaa">]>', "&a;", "&#0;", "\x00", "\ud800", "\r", '"', "\t" * 600,
    '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>', '<row r="99999999999">', '<c r="A1" t="s"><v>99</v></c>',
    "Infinity", "NaN", "1e400", "9" * 400, "[" * 3000, "{", "}", "\\ud800", "\\u0000", "-0", "null",
    "BT /F1 12 Tf 72 720 Td (x) Tj ET", "/FlateDecode", "stream\n", "endstream", "obj", "999999 0 R",
]


@dataclass
class Report:
    tried: int = 0
    refused: int = 0
    read: int = 0
    crashes: list[tuple[str, str]] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    slowest: tuple[float, str] = (0.0, "")
    peak_bytes: int = 0
    peak_of: str = ""
    largest_page: tuple[int, str] = (0, "")
    checked_nothing_written: int = 0
    read_in_background: int = 0

    def crash(self, label: str, detail: str) -> None:
        self.crashes.append((label, detail[:2000]))

    def lines(self) -> list[str]:
        mib = 1024 * 1024
        out = [
            f"inputs tried: {self.tried} ({self.read} read, {self.refused} refused)",
            f"crashes: {len(self.crashes)}",
            f"time: {self.seconds:.1f} s reading in all; slowest file {self.slowest[0]:.2f} s ({self.slowest[1]})",
            f"peak memory of one reading: {self.peak_bytes / mib:.0f} MiB ({self.peak_of})",
            f"largest check page: {self.largest_page[0] / 1024:.0f} KiB ({self.largest_page[1]})",
            f"refused files given to cairn import --yes and the web upload, nothing written: "
            f"{self.checked_nothing_written}",
            f"refused here for time, read in time by the background worker (same bound, a less busy moment): "
            f"{self.read_in_background}",
            "refusals by kind: " + ", ".join(f"{kind} {n}" for kind, n in sorted(self.kinds.items())),
        ]
        out += [f"CRASH {label}: {detail}" for label, detail in self.crashes]
        return out


def sound_papers() -> list[tuple[str, bytes]]:
    """A short action plan as each format Cairn reads, for mutations to start from."""
    from .formats import to_docx, to_pdf, to_xlsx

    export = hostile._export({"text": "Recruit more foster carers", "number": "1"})
    return [
        ("plan.txt", PLAN.encode()), ("plan.csv", PLAN.replace("\t", ",").encode()),
        ("plan.docx", to_docx(PLAN)), ("plan.xlsx", to_xlsx(PLAN)), ("plan.pdf", to_pdf(PLAN)),
        ("plan.json", json.dumps(export).encode()),
    ]


def _zip_members(data: bytes) -> dict[str, bytes] | None:
    """A zip's members, to mutate one and zip them again; None for a zip too large to unpack here (a bomb is mutated
    as bytes instead)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > 16 * 1024 * 1024:
                return None
            return {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:
        return None


def mutate(name: str, data: bytes, choices: list) -> bytes:
    """A mutation of a file, steered by Hypothesis's choices: tokens spliced into its text (inside a zip, into its
    main part, then zipped again), bytes flipped, or the file cut short."""
    members = _zip_members(data) if data.startswith(b"PK") else None
    for kind, where, token, amount in choices:
        if members is not None and kind in ("splice", "replace"):
            part = next((m for m in ("word/document.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml")
                         if m in members), None)
            if part is not None:
                members[part] = _edit(members[part], kind, where, token, amount)
                continue
        if kind in ("splice", "replace"):
            data = _edit(data, kind, where, token, amount)
        elif kind == "flip" and data:
            at = where % len(data)
            data = data[:at] + bytes([data[at] ^ (1 + amount % 255)]) + data[at + 1:]
        elif kind == "cut" and data:
            data = data[: where % len(data)]
    if members is not None:
        data = hostile.package(members)
    return data


def _edit(data: bytes, kind: str, where: int, token: str, amount: int) -> bytes:
    piece = token.encode("utf-8", "surrogatepass") * (1 + amount % 3)
    at = where % (len(data) + 1)
    end = at + (amount % 64 if kind == "replace" else 0)
    return data[:at] + piece + data[end:]


mutation = st.tuples(
    st.sampled_from(["splice", "replace", "flip", "cut"]), st.integers(0, 2**24), st.sampled_from(TOKENS),
    st.integers(0, 255),
)


def run(
    budget: int, *, upload=None, import_command=None, written=None, settle=None, seed: int | None = None
) -> Report:
    """Try every hostile file, then `budget` mutations chosen by Hypothesis.

    `upload(name, data) -> (status, html)` and `import_command(path) -> (code, output)` give a refused file to the web
    upload and to `cairn import --yes`; `written()` says what the database holds, to compare before and after;
    `settle()` works any reading the upload sent to the background and says which of that work did not fail, as it
    must for a refused file (its Job stays, failed, as the person's record of why). Without them only the reading is
    tried.
    """
    report = Report()

    def attempt(label: str, name: str, data: bytes) -> None:
        report.tried += 1
        outcome = isolated.run(data, name, seconds=SECONDS, memory=MEMORY)
        report.seconds += outcome.seconds
        if outcome.seconds > report.slowest[0]:
            report.slowest = (outcome.seconds, label)
        if outcome.peak_bytes and outcome.peak_bytes > report.peak_bytes:
            report.peak_bytes, report.peak_of = outcome.peak_bytes, label
        if outcome.crashed:
            report.crash(label, outcome.error.message if outcome.error else "no answer")
        if outcome.seconds > TARGET_SECONDS or (outcome.peak_bytes or 0) > TARGET_BYTES:
            report.crash(label, f"took {outcome.seconds:.1f} s and {outcome.peak_bytes} bytes")
        if outcome.error is None:
            report.read += 1
            if upload is not None:
                status, html = upload(name, data)
                if status >= 500:
                    report.crash(label, f"the web upload answered {status}")
                if len(html) > report.largest_page[0]:
                    report.largest_page = (len(html), label)
            return
        report.refused += 1
        report.kinds[type(outcome.error).__name__] += 1
        if upload is None:
            return
        before = written()
        status, html = upload(name, data)
        if status >= 500:
            report.crash(label, f"the web upload answered {status}")
        problems = settle()
        if problems and "took longer than" in outcome.error.message:
            # The upload sent a slow file to the worker, which has the same time bound; on a busy machine one reading
            # can finish just inside it where another did not. What the worker staged waits for the officer's check:
            # nothing was applied.
            report.read_in_background += 1
            before = written()
        else:
            for problem in problems:
                report.crash(label, f"{problem} (refused here: {outcome.error.message[:200]})")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            code, output = import_command(path)
        if code == 0 or "Traceback" in output:
            report.crash(label, f"cairn import --yes exited {code}: {output[-500:]}")
        after = written()
        if after != before:
            changed = {key: (before[key], after[key]) for key in after if after[key] != before.get(key)}
            report.crash(label, f"something was written for a refused file: {changed}")
        else:
            report.checked_nothing_written += 1

    for label, case in hostile.CORPUS.items():
        attempt(label, *case.make())
    papers = sound_papers()
    if budget <= 0:
        return report

    @settings(max_examples=budget, database=None, deadline=None, phases=[Phase.generate], derandomize=seed is not None,
              suppress_health_check=list(HealthCheck))
    @given(st.integers(0, len(papers) + len(hostile.CORPUS) - 1), st.lists(mutation, min_size=1, max_size=4))
    def mutated(index: int, choices: list) -> None:
        if index < len(papers):
            name, data = papers[index]
        else:
            name, data = list(hostile.CORPUS.values())[index - len(papers)].make()
        attempt(f"{name} mutated {choices!r}"[:300], name, mutate(name, data, choices))

    mutated()
    return report


def probes(council_org, officer) -> dict:
    """The web upload, `cairn import --yes` and a count of what the database holds, for `run()`, as the officer of
    a council (a real signed-in client and the real command; only the staged files of read ones are cleared after,
    so that the hourly upload limit does not stop the run)."""
    from django.core.management import CommandError, call_command
    from django.test import Client
    from django.urls import reverse

    from cairn.audit.models import AuditEvent
    from cairn.imports.models import ImportBatch
    from cairn.jobs.models import Job
    from cairn.programmes.models import Programme, Project
    from cairn.reviews.models import Action, Recommendation, Review

    client = Client()
    client.force_login(officer)

    def upload(name: str, data: bytes) -> tuple[int, bytes]:
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(reverse("imports:upload"), {"files": [SimpleUploadedFile(name, data)]}, follow=True)
        ImportBatch.objects.filter(organisation=council_org, staged_by=officer).delete()
        return response.status_code, response.content

    def import_command(path) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import", str(path), "--organisation", council_org.slug, "--yes", stdout=out, stderr=err)
        except CommandError as error:
            return 1, err.getvalue() + out.getvalue() + str(error)
        except Exception:
            import traceback

            return 2, traceback.format_exc()
        return 0, out.getvalue()

    def written() -> dict:
        counts = {
            model.__name__: model.objects.count()
            for model in (ImportBatch, Review, Recommendation, Action, Programme, Project, AuditEvent)
        }
        return counts | {"jobs not failed": Job.objects.exclude(state=Job.State.FAILED).count()}

    def settle() -> list[str]:
        from cairn.jobs.testing import run_queued_jobs

        if not Job.objects.exclude(state=Job.State.FAILED).exists():
            return []
        run_queued_jobs()
        problems = [
            f"background reading ended {job.state}, not failed: {job.message or job.result}"
            for job in Job.objects.exclude(state=Job.State.FAILED)
        ] + [f"a failed job kept its file: {job.pk}" for job in Job.objects.filter(input__isnull=False)]
        # Each is reported once: the next file starts from no work that did not fail.
        Job.objects.exclude(state=Job.State.FAILED).delete()
        ImportBatch.objects.all().delete()
        return problems

    return {"upload": upload, "import_command": import_command, "written": written, "settle": settle}
