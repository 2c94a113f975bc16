"""The fuzz harness with a small budget: every hostile file and a few dozen mutations, read in a bounded child,
and each refused one given to the web upload and to `cairn import --yes` to show that nothing was written.
`benchmarks/fuzz_imports.py` runs the same with a large budget and prints its figures."""

import pytest

from . import fuzzing

BUDGET = 25


# A refused file the upload sends to the background is worked by the real worker, which commits.
@pytest.mark.django_db(transaction=True)
def test_no_file_crashes_the_import_or_writes_anything_when_refused(council):
    report = fuzzing.run(BUDGET, seed=0, **fuzzing.probes(council.org, council.officer))
    print("\n".join(report.lines()))
    assert report.crashes == []
    assert report.tried == len(fuzzing.hostile.CORPUS) + BUDGET
    assert report.checked_nothing_written == report.refused > 20
