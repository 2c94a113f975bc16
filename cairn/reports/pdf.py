"""PDF papers from report data, laid out by Typst (the `typst` package: the Typst compiler, in the process).

A4 landscape, with the document's title, date and "Page x of y" in the footer of every page; table header rows
repeat on each page and rows are not split between pages. The layout is cairn/reports/typst/paper.typ; what it
prints comes from `pdf_content.paper(report)`, written to a JSON file the layout reads, so every word reaches Typst
as data and none as markup. Each paper is compiled in a temporary directory holding only its own files (the
layout, its JSON, the council's logo), which is all Typst may read: no packages, no network, no other files. Only
the Liberation and DejaVu fonts installed on the server are used (not the fonts built into Typst), and the
document's date is the report's, so the same report gives the same bytes. The PDF is tagged (headings, tables, alt
text), titled, and in British English. Renders only.
"""

import functools
import json
import tempfile
from importlib.metadata import version
from pathlib import Path

import typst

from . import pdf_content
from .data import ReportError

CONTENT_TYPE = "application/pdf"
LAYOUT = Path(__file__).parent / "typst" / "paper.typ"
# Debian's fonts-liberation2 and fonts-dejavu-core (the older fonts-liberation where that is what is installed).
FONT_DIRECTORIES = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
)
NEEDED_FAMILIES = ("Liberation Sans", "DejaVu Sans")


class PaperError(ReportError):
    """Typst could not lay the paper out, or the fonts it needs are missing."""


def renderer() -> str:
    """What lays the papers out, with its version: a kept paper made by another is made again."""
    return f"typst-{version('typst')}"


@functools.cache
def _fonts() -> typst.Fonts:
    """The server's Liberation and DejaVu fonts, found once per process."""
    directories = [d for d in FONT_DIRECTORIES if Path(d).is_dir()]
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=directories)
    missing = [family for family in NEEDED_FAMILIES if family not in fonts.families()]
    if missing:  # raised, so not cached: the fonts are looked for again next time
        raise PaperError(
            f"Cairn cannot make PDF papers: {' and '.join(missing)} "
            f"{'are' if len(missing) > 1 else 'is'} not installed (looked in "
            f"{', '.join(FONT_DIRECTORIES)}). Install Debian's fonts-liberation2 and fonts-dejavu-core."
        )
    return fonts


def render(report) -> bytes:
    """The report as a PDF file (tagged, so screen readers can follow headings and tables)."""
    return compile_paper(pdf_content.paper(report), pdf_content.logo_file(report))


def write_folder(folder: Path, paper: dict, logo: tuple[str, bytes] | None = None, layout: Path = LAYOUT) -> None:
    """The files Typst may read for one paper: the layout (paper.typ), its data (paper.json) and the logo."""
    (folder / "paper.typ").write_bytes(layout.read_bytes())
    (folder / "paper.json").write_text(json.dumps(paper, ensure_ascii=False), encoding="utf-8")
    if logo is not None:
        (folder / logo[0]).write_bytes(logo[1])


def compile_paper(paper: dict, logo: tuple[str, bytes] | None = None, layout: Path = LAYOUT) -> bytes:
    """Lay out a paper's data with the layout, in a directory of its own; PaperError, saying why, if Typst cannot."""
    fonts = _fonts()
    with tempfile.TemporaryDirectory(prefix="cairn-paper-") as root:
        write_folder(Path(root), paper, logo, layout)
        try:
            compiler = typst.Compiler(root=root, font_paths=fonts, ignore_system_fonts=True)
            return compiler.compile(input=Path(root) / "paper.typ", format="pdf")
        except typst.TypstError as error:
            raise PaperError(f"Cairn could not lay out the PDF paper “{paper.get('title', '')}”: {error.message}") from None
