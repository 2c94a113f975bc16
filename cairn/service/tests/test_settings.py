"""Settings a deployment must get right: refused plainly when wrong. And the built assets that ship are current."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CAIRN = [sys.executable, "-m", "cairn"]


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CAIRN_", "DATABASE_URL", "DJANGO_"))}
    return subprocess.run([*CAIRN, *args], env=base | env, capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_cairn_refuses_to_start_on_postgresql_without_a_secret_key(tmp_path):
    result = run({"CAIRN_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgresql://cairn@127.0.0.1:1/cairn"}, "check")
    assert result.returncode != 0
    assert "CAIRN_SECRET_KEY is not set" in result.stderr and "shared by every server" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_on_sqlite_a_key_is_still_generated_into_the_data_directory(tmp_path):
    result = run({"CAIRN_DATA_DIR": str(tmp_path)}, "check")
    assert result.returncode == 0, result.stderr
    assert len((tmp_path / "secret_key").read_text()) > 50


def test_the_built_styles_and_scripts_that_ship_were_built_from_the_sources_in_the_repository():
    """`make assets` writes the SHA-256 of every source beside the built files; a source changed since fails here."""
    recorded = {}
    for line in (ROOT / "cairn/core/assets/built-from.sha256").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        recorded[name] = digest
    sources = {str(p.relative_to(ROOT)) for p in (ROOT / "cairn/core/assets").glob("*.scss")} | {"package-lock.json"}
    assert set(recorded) == sources, "run `make assets` and commit the result"
    for name, digest in recorded.items():
        assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest, f"{name} changed: run `make assets`"
    for built in ["cairn/core/static/cairn/app.css", "cairn/core/static/govuk/govuk-frontend.min.js"]:
        assert (ROOT / built).stat().st_size > 10_000
