"""The set-up scripts a new machine runs before any of Cairn's own code."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def fake_python(path: Path, version: tuple[int, int, int]) -> None:
    """An executable that answers the version check as that Python would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = 0 if version >= (3, 12) else 1
    path.write_text(f"#!/bin/sh\nexit {ok}\n")
    path.chmod(0o755)


def test_find_python_prefers_the_newest_installed_python(tmp_path):
    root = tmp_path / "pyenv"
    for version in [(3, 11, 7), (3, 12, 1), (3, 12, 10), (3, 13, 0)]:
        name = f"python{version[0]}.{version[1]}"
        fake_python(root / "versions" / ".".join(map(str, version)) / "bin" / name, version)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "pyenv").write_text(f"#!/bin/sh\n[ \"$1\" = root ] && echo {root}\n")
    (bin_dir / "pyenv").chmod(0o755)
    result = subprocess.run(
        [ROOT / "scripts" / "find-python"], env={**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin"},
        capture_output=True, text=True, check=True,
    )
    assert result.stdout.strip() == str(root / "versions" / "3.13.0" / "bin" / "python3.13")


def test_an_audit_that_cannot_reach_a_vulnerability_database_says_so_and_fails(tmp_path):
    never_run = tmp_path / "pip-audit"
    never_run.write_text("#!/bin/sh\necho audited\nexit 0\n")
    never_run.chmod(0o755)
    result = subprocess.run(
        [ROOT / "scripts" / "audit", never_run, "requirements.txt"], cwd=ROOT,
        env={**os.environ, "CAIRN_AUDIT_PROBE": "pypi=http://127.0.0.1:9/pypi/Django/6.1.3/json"},
        capture_output=True, text=True,
    )
    assert result.returncode == 3
    assert "NOT AUDITED" in result.stderr and "were not checked" in result.stderr
    assert "audited" not in result.stdout
