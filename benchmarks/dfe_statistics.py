"""Time loading the shared DfE files (`cairn benchmarks load`) and answering `cairn benchmarks show`, on PostgreSQL
and on SQLite.

Run with `.venv/bin/python benchmarks/dfe_statistics.py [--repeat 5]`. It makes a throwaway database
(`cairn_dfe_bench`, dropped afterwards) on the PostgreSQL at BENCH_PG (default postgresql://postgres@127.0.0.1:5432)
and a SQLite one in a temporary folder, loads every file in ../shared/data/dfe (and derived/) through the real command,
then times `show --json` (wall time of the whole command, median of --repeat runs) for measures from each kind of
file, as the command runs (with only the statistics app: cairn/config/settings_lean.py) and, beside it, started with
every app (`--settings cairn.config.settings`), which is what every other command pays. As a baseline it times
`cairn help benchmarks` and, inside one process, the figures for every measure for three LAs without the start-up.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
DATABASE = "cairn_dfe_bench"  # the names this machine allows: cairn_<name>...
SHOWN = ["rereferral_percent", "CPP_At31", "children_count (Children looked after on 31 March each year)",
         "ReReferral", "Continue_Assess_Comp"]


def psql(sql: str) -> None:
    subprocess.run(["psql", "-q", f"{PG}/postgres", "-c", sql], check=True, capture_output=True)


def cairn(env: dict, *args: str) -> tuple[float, str]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "cairn", *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"cairn {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return time.monotonic() - started, result.stdout


def measure_commands(env: dict, files: list[Path], repeat: int) -> None:
    cairn(env, "migrate", "--no-input", "-v", "0")
    size = sum(path.stat().st_size for path in files)
    seconds, out = cairn(env, "benchmarks", "load", *map(str, files))
    print(f"load {len(files)} files ({size / 1e6:.1f} MB): {seconds:.1f} s wall; the command says: "
          f"{out.strip().splitlines()[-1]}")
    start_up = [cairn(env, "help", "benchmarks")[0] for _ in range(repeat)]
    print(f"baseline `cairn help benchmarks` (every app's start-up): median {statistics.median(start_up):.2f} s")
    for measure in SHOWN:
        show = ["show", measure, "--la", "808", "--json"]
        runs = [cairn(env, "benchmarks", *show)[0] for _ in range(repeat)]
        full = [cairn(env, "benchmarks", "--settings", "cairn.config.settings", *show)[0] for _ in range(repeat)]
        print(f"show {measure!r} --la 808 --json: median {statistics.median(runs):.2f} s "
              f"(min {min(runs):.2f}, max {max(runs):.2f}); started with every app {statistics.median(full):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = ROOT.parent / "shared" / "data" / "dfe"
    files = sorted(folder.glob("*.csv")) + sorted(folder.glob("*.xlsx")) + sorted(folder.glob("derived/*.csv"))
    if not files:
        sys.exit(f"No DfE files in {folder}.")
    tmp = Path(tempfile.mkdtemp(prefix="cairn-bench-dfe-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAIRN_", "DATABASE_URL", "DJANGO_"))}
    env |= {"CAIRN_DATA_DIR": str(tmp), "CAIRN_SECRET_KEY": "bench-dfe-key-0123456789abcdefghijklmnopqrstu"}
    sqlite_env = env | {"DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}"}
    env |= {"DATABASE_URL": f"{PG}/{DATABASE}"}
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{DATABASE}"')
    try:
        for name, database in [("PostgreSQL", env), ("SQLite", sqlite_env)]:
            print(f"== {name}")
            measure_commands(database, files, args.repeat)
        print("== PostgreSQL, inside one process")
        code = (
            "import time, django; django.setup();"
            "from cairn.benchmarks import figures; from cairn.benchmarks.models import Measure;"
            "ms = list(Measure.objects.all()); t = time.monotonic();"
            "[figures.series(m, figures.find_la(la)) for m in ms for la in ('808', '357', '940')];"
            "print(len(ms), (time.monotonic() - t) / (3 * len(ms)))"
        )
        result = subprocess.run([sys.executable, "-c", code], env=env | {"DJANGO_SETTINGS_MODULE": "cairn.config.settings"},
                                cwd=ROOT, capture_output=True, text=True, check=True)
        count, each = result.stdout.split()
        print(f"figures for every measure ({count}) for 808, 357 and 940 in one process: "
              f"{float(each) * 1000:.0f} ms each on average")
    finally:
        psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


if __name__ == "__main__":
    main()
