"""`cairn benchmarks show` and `list` (and `cairn extract`) start with only the statistics app installed
(cairn/config/settings_lean.py): the same bytes out as with every app, on the same database, in a third of the time."""

import os
import re
import sqlite3
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection

from cairn.__main__ import lean_app

from .samples import sample_measure

SHOWN = [
    ["benchmarks", "show", "turnover_rate_fte", "--la", "808", "--json"],
    ["benchmarks", "show", "turnover_rate_fte", "--la", "318"],  # a combined row's member, as a table
    ["benchmarks", "show", "Turnover_rate_FTE", "--la", "941", "--json"],  # a reorganised LA, the name in any case
    ["benchmarks", "list", "--json"],
    ["benchmarks", "list"],
    ["benchmarks", "show", "no_such_measure", "--la", "808"],  # the error, on standard error
    ["benchmarks", "show", "turnover_rate_fte", "--la", "999", "--json"],
]


def test_only_commands_that_read_statistics_or_no_database_start_lean(monkeypatch):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE")
    assert lean_app(["cairn", "benchmarks", "show", "ReReferral", "--la", "808", "--json"]) == "cairn.benchmarks"
    assert lean_app(["cairn", "benchmarks", "list"]) == "cairn.benchmarks"
    assert lean_app(["cairn", "extract", "paper.docx"]) == "cairn.imports"
    assert lean_app(["cairn", "benchmarks", "load", "a.csv"]) is None  # writes audit events: every app
    assert lean_app(["cairn", "benchmarks"]) is None
    assert lean_app(["cairn", "migrate"]) is None
    assert lean_app(["cairn"]) is None
    assert lean_app(["cairn", "benchmarks", "show", "x", "--la", "1", "--settings", "mine"]) is None
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "council.settings")  # a deployment's own settings are kept
    assert lean_app(["cairn", "benchmarks", "list"]) is None
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "cairn.config.settings")
    assert lean_app(["cairn", "benchmarks", "list"]) == "cairn.benchmarks"


def database_url(tmp_path) -> str:
    """The test database as another process reaches it (SQLite's, held in memory, copied to a file)."""
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(tmp_path / "copy.sqlite3")
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{tmp_path / 'copy.sqlite3'}"
    s = connection.settings_dict
    login = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgresql://{login}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def cairn(args: list[str], url: str, tmp_path, *, full: bool, python: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env |= {"DATABASE_URL": url, "CAIRN_DATA_DIR": str(tmp_path / "data")}
    # Naming the settings starts every app, as any command does.
    full_start = ["--settings", "cairn.config.settings"] if full else []
    command = [args[0], *full_start, *args[1:]]
    return subprocess.run([sys.executable, *python, "-m", "cairn", *command], capture_output=True, env=env, check=False)


@pytest.mark.django_db(transaction=True)
def test_show_and_list_print_the_same_bytes_lean_as_with_every_app(tmp_path):
    sample_measure()
    url = database_url(tmp_path)
    for args in SHOWN:
        lean, full = cairn(args, url, tmp_path, full=False), cairn(args, url, tmp_path, full=True)
        assert (lean.returncode, lean.stdout, lean.stderr) == (full.returncode, full.stdout, full.stderr), args
        assert lean.stdout or lean.stderr.startswith(b"CommandError: ")
    # 841, 318 and 941 (combined rows) and 344 have numbers: (10 + 20 + 16.2 + 9.5) / 4
    assert b'"neighbours": 13.925, "neighbours_count": 4' in cairn(SHOWN[0], url, tmp_path, full=False).stdout


@pytest.mark.django_db(transaction=True)
def test_the_lean_start_imports_neither_the_web_nor_the_two_factor_libraries(tmp_path):
    sample_measure()
    url = database_url(tmp_path)
    lean = cairn(SHOWN[0], url, tmp_path, full=False, python=("-X", "importtime"))
    full = cairn(SHOWN[0], url, tmp_path, full=True, python=("-X", "importtime"))
    assert lean.returncode == full.returncode == 0
    for library in ("webauthn", "django_otp", "axes", "cairn.reviews", "cairn.api"):
        imported = re.compile(rf"\|\s+{re.escape(library)}(\.\S+)?$".encode(), re.MULTILINE)
        assert imported.search(full.stderr) and not imported.search(lean.stderr), library


def test_extract_prints_the_same_bytes_lean_as_with_every_app(tmp_path):
    paper = tmp_path / "tracker.csv"
    paper.write_text("Rec,Recommendation,Lead,Status\n1,Review the fostering allowances,Ann Lee,On track\n")
    outputs = []
    for args in (["extract", str(paper)], ["extract", str(tmp_path / "missing.docx")]):
        lean = cairn(args, "sqlite:///:memory:", tmp_path, full=False)
        full = cairn(args, "sqlite:///:memory:", tmp_path, full=True)
        assert (lean.returncode, lean.stdout, lean.stderr) == (full.returncode, full.stdout, full.stderr), args
        outputs.append(lean)
    assert outputs[0].returncode == 0 and b"Review the fostering allowances" in outputs[0].stdout
    assert outputs[1].returncode == 1 and b"missing.docx does not exist" in outputs[1].stderr
