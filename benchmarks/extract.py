"""Time reading council papers: each seed paper (aim: well under 0.1 s), and pages per second on a long PDF.

Run with `.venv/bin/python benchmarks/extract.py [--repeat 20] [--pages 50] [--seeds DIR]`. The parsers need no
Django and no database. The seeds are read from ../shared/seeds beside the repository unless --seeds says otherwise;
the long PDF is generated here with WeasyPrint (an action plan table, a section per page) and its rendering is not
counted.
"""

import argparse
import html
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
CSS = """@page { size: A4 landscape; margin: 12mm; } body { font: 8pt sans-serif; }
table { border-collapse: collapse; } td { border: 0.6pt solid #000; padding: 1pt 2pt; vertical-align: top; }
tr { break-inside: avoid; } h2 { break-before: page; font-size: 10pt; }"""


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
    import weasyprint

    parts = [f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>"]
    number = 0
    for section in range(pages):
        parts.append(f"<h2>Action Plan – part {section + 1}</h2><table>")
        parts.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in HEADER) + "</tr>")
        for _ in range(8):
            number += 1
            parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in [str(number), *ROW]) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return weasyprint.HTML(string="".join(parts)).write_pdf()


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
