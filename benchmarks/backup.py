"""Time `cairn backup`, `cairn restore` and `cairn verify` on PostgreSQL (and a SQLite leg), on the demo data set.

Run with `.venv/bin/python benchmarks/backup.py [--scale county] [--repeat 3]`. It makes throwaway databases
(`cairn_bench_backup*`, dropped afterwards) on the PostgreSQL at BENCH_PG (default postgresql://postgres@127.0.0.1:5432),
loads the demo data set (or a larger one where `cairn load-demo --scale` is known), and prints the median time of
each step through the real commands, with the number of records and the backup's size. As a baseline in the same
run it times `cairn check` (a command's start-up, paid by every step) and `cairn migrate` into an empty database
(which every restore does first).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")


def psql(sql: str) -> None:
    subprocess.run(["psql", "-q", f"{PG}/postgres", "-c", sql], check=True, capture_output=True)


INSIDE: dict[str, list[float]] = {}  # what `backup` and `restore` say they took, without the command's start-up


def cairn(env: dict, *args: str) -> float:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "cairn", *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"cairn {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    if said := re.search(r" in (\d+\.\d+) s\.", result.stdout):
        INSIDE.setdefault(f"{args[0]} into {'SQLite' if 'sqlite' in env['DATABASE_URL'] else 'PostgreSQL'}"
                          if args[0] == "restore" else args[0], []).append(float(said.group(1)))
    return time.monotonic() - started


def fresh(name: str) -> str:
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", help="passed to `cairn load-demo --scale` (e.g. county), where it exists")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cairn-bench-backup-"))
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CAIRN_", "DATABASE_URL", "DJANGO_"))}
    base |= {"CAIRN_DATA_DIR": str(tmp / "data"), "CAIRN_SECRET_KEY": "bench-backup-key-0123456789abcdefghijklmnop"}
    source = base | {"DATABASE_URL": fresh("cairn_bench_backup"), "CAIRN_DEMO": "1"}
    try:
        cairn(source, "migrate", "--no-input", "-v", "0")
        loaded = cairn(source, "load-demo", *(["--scale", args.scale] if args.scale else []))
        startup = statistics.median(cairn(source, "check") for _ in range(args.repeat))
        file = tmp / "cairn.backup"
        times: dict[str, list[float]] = {"backup": [], "migrate (empty)": [], "restore": [], "verify": [],
                                         "restore into SQLite": []}
        for i in range(args.repeat):
            times["backup"].append(cairn(source, "backup", str(file)))
            times["migrate (empty)"].append(cairn(base | {"DATABASE_URL": fresh("cairn_bench_backup_m")}, "migrate", "-v", "0"))
            target = base | {"DATABASE_URL": fresh("cairn_bench_backup_r")}
            times["restore"].append(cairn(target, "restore", str(file)))
            times["verify"].append(cairn(target, "verify"))
            sqlite = base | {"DATABASE_URL": f"sqlite:///{tmp / f'restored-{i}.sqlite3'}"}
            times["restore into SQLite"].append(cairn(sqlite, "restore", str(file)))
        with zipfile.ZipFile(file) as archive:
            counts = json.loads(archive.read("manifest.json"))["counts"]
        print(f"data set: {'demo' if not args.scale else args.scale} ({sum(counts.values()):,} records, "
              f"{counts.get('audit.auditevent', 0):,} audit events, {counts.get('reviews.reportinground', 0)} rounds; "
              f"loaded in {loaded:.1f} s); backup file {file.stat().st_size / 1e6:.2f} MB")
        print(f"baseline: a cairn command's start-up {startup:.2f} s (median of {args.repeat})")
        print("whole commands, start-up included:")
        for step, values in times.items():
            print(f"{step:>22}: median {statistics.median(values):6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})")
        print("as the commands report it, start-up excluded:")
        for step, values in INSIDE.items():
            print(f"{step:>22}: median {statistics.median(values):6.2f} s  (runs: {', '.join(f'{v:.1f}' for v in values)})")
    finally:
        for name in ("cairn_bench_backup", "cairn_bench_backup_m", "cairn_bench_backup_r"):
            psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
