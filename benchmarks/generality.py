"""Print how well the reader reads other councils' trackers (cairn/imports/tests/other_councils), file by file.

    .venv/bin/python benchmarks/generality.py [--detail]
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from cairn.imports.tests.generality import HERE, score_all, table  # noqa: E402

if __name__ == "__main__":
    scores = score_all()
    print(table(scores))
    print()
    print("Second collection (other_councils/unseen; its first run, before two changes it showed were needed, is in first_run.md):")
    print(table(score_all(HERE / "unseen")))
    if "--detail" in sys.argv:
        for score in scores:
            for text in score.extra:
                print(f"{score.name}: extra item: {text}")
            for value in score.invented:
                print(f"{score.name}: not in the paper: {value}")
        for score in score_all(HERE / "unseen"):
            for text in score.extra:
                print(f"unseen/{score.name}: extra item: {text}")
