"""Time reading council papers: each seed paper (aim: well under 0.1 s), and pages per second on a long PDF.

Run with `.venv/bin/python benchmarks/extract.py [--repeat 20] [--pages 50] [--seeds DIR]`. The parsers need no
Django and no database. The seeds are read from ../shared/seeds beside the repository unless --seeds says otherwise;
the long PDF is generated here with Typst (an action plan table, a section per page) and its making is not counted.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cairn.imports.parsers import extract  # noqa: E402
from cairn.lib.dates import parse_date  # noqa: E402
from cairn.lib.text import key  # noqa: E402

DEFAULT_SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
HEADER = ["No.", "Recommendation", "Proposed Actions", "Success Measures", "Savings/Cost", "Lead Responsibility",
          "Finance Manager", "Completion Date"]
ROW = [
    "That the existing separation between specialist and targeted social work teams is removed and six fieldwork "
    "teams are created",
    "Implement proposed structure. Consult with staff and unions. Review the structure after six months",
    "Proposed structure implemented within timescale Consultation completed Review completed",
    "Up to £200,000 per annum from the placements budget",
    "Head of Children and Young People's Operational Services",
    "Graham Waller",
    "Mar 2012 June 12 03/09/12",
]
LAYOUT = """#let paper = json(bytes(sys.inputs.paper))
#set page(paper: "a4", flipped: true, margin: 12mm)
#set text(font: "DejaVu Sans", size: 8pt)
#set table.cell(breakable: false)
#for (index, rows) in paper.sections.enumerate() {
  pagebreak(weak: true)
  heading(level: 2, text(size: 10pt, "Action Plan – part " + str(index + 1)))
  table(columns: (12mm, 52mm, 46mm, 42mm, 30mm, 40mm, 22mm, 29mm), stroke: 0.6pt + black, inset: (x: 2pt, y: 1pt), ..rows.flatten())
}
"""


def median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        # Each run starts cold: no words or dates remembered from the run before.
        key.cache_clear()
        parse_date.cache_clear()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def long_pdf(pages: int) -> bytes:
    """An action plan of `pages` sections, each a page with a header row and eight recommendations."""
    import json

    import typst

    sections, number = [], 0
    for _ in range(pages):
        rows = [HEADER]
        for _ in range(8):
            number += 1
            rows.append([str(number), *ROW])
        sections.append(rows)
    return typst.compile(LAYOUT.encode(), sys_inputs={"paper": json.dumps({"sections": sections})})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs per seed (the median is shown)")
    parser.add_argument("--pages", type=int, default=50, help="pages in the generated PDF")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of seed papers")
    options = parser.parse_args()

    seeds = sorted(options.seeds.glob("*.txt"))
    if not seeds:
        print(f"No seed papers in {options.seeds}; skipping the per-seed timings.")
    for path in seeds:
        data = path.read_bytes()
        extract(data, path.name)  # warm up: imports and compiled patterns
        seconds = median_seconds(lambda: extract(data, path.name), options.repeat)
        family = extract(data, path.name).document.family
        print(f"{path.name:32} {family:17} {seconds * 1000:7.1f} ms (median of {options.repeat})")

    data = long_pdf(options.pages)
    extraction = None

    def read() -> None:
        nonlocal extraction
        extraction = extract(data, "long.pdf")

    seconds = median_seconds(read, 3)
    rows = len(extraction.recommendations)
    print(f"long.pdf: {extraction.pages} pages, {rows} recommendations, {len(data) / 1024:.0f} KB: "
          f"{seconds:.2f} s (median of 3), {extraction.pages / seconds:.1f} pages per second")


if __name__ == "__main__":
    main()
