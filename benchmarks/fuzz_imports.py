"""Fuzz the import readers: every hostile file, then N mutations chosen by Hypothesis, each read as an upload is (in
a child process bounded to 25 s and 1 GiB), and each refused one also given to `cairn import --yes` and to the web
upload to show that nothing was written. Prints inputs tried, crashes, time and peak memory.

Run with `.venv/bin/python benchmarks/fuzz_imports.py [--examples 2000] [--seed N]`. It uses a throwaway SQLite
database under a temporary CAIRN_DATA_DIR (or PostgreSQL: set DATABASE_URL to a database it may create and drop).
The suite runs the same harness with 25 mutations (`cairn/imports/tests/test_fuzz_imports.py`).
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="mutations to try after the hostile files")
    parser.add_argument("--seed", type=int, default=None, help="make the mutations repeatable")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cairn-fuzz-") as data_dir:
        os.environ["CAIRN_DATA_DIR"] = data_dir
        # The test settings serve static files without a manifest; the limits on reading are put back to the defaults.
        os.environ["DJANGO_SETTINGS_MODULE"] = "cairn.config.settings_test"
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test.utils import setup_test_environment

        settings.ALLOWED_HOSTS = ["testserver"]
        settings.CAIRN_IMPORT_SECONDS, settings.CAIRN_IMPORT_REQUEST_SECONDS = 25, 4
        setup_test_environment()
        call_command("migrate", verbosity=0)
        from cairn.core.testing import build_council
        from cairn.imports.tests import fuzzing

        council = build_council("fuzz", "Fuzz Borough Council")
        started = time.monotonic()
        report = fuzzing.run(options.examples, seed=options.seed, **fuzzing.probes(council.org, council.officer))
        took = time.monotonic() - started
        print("\n".join(report.lines()))
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"wall time: {took:.0f} s for {report.tried} inputs ({took / max(report.tried, 1):.2f} s each, reading "
              f"plus the command and the upload for refused ones); this process's own peak: {own:.0f} MiB")
        sys.exit(1 if report.crashes else 0)


if __name__ == "__main__":
    main()
