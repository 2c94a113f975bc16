"""Hostile files: one maker per class of file that has hung, exhausted or crashed the import readers.

Each maker returns (name, bytes). They are small on disk and built in well under a second, so the suite can try every
class; the fuzz harness (`fuzzing.py`, `benchmarks/fuzz_imports.py`) also mutates them.
"""

import functools
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@functools.cache
def _docx_template() -> dict[str, bytes]:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    with zipfile.ZipFile(out) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@functools.cache
def _xlsx_template() -> dict[str, bytes]:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "x"
    out = io.BytesIO()
    workbook.save(out)
    with zipfile.ZipFile(out) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@dataclass(frozen=True)
class Deflated:
    """A zip member given already compressed (raw deflate), with its CRC-32 and size once inflated."""

    raw: bytes
    crc: int
    size: int


def repeated(chunk: bytes, times: int, *, head: bytes = b"", tail: bytes = b"") -> Deflated:
    """`head`, `chunk` repeated `times` times, then `tail`, deflated without building or compressing the whole: the
    chunk is compressed once and flushed in full, so its compressed block can simply be repeated."""
    def block(data: bytes) -> bytes:
        squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
        return squeeze.compress(data) + squeeze.flush(zlib.Z_FULL_FLUSH)

    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = squeeze.compress(tail) + squeeze.flush()
    return Deflated(block(head) + block(chunk) * times + end, zlib.crc32(tail, crc), len(head) + len(chunk) * times + len(tail))


def package(members: dict[str, "bytes | Deflated"]) -> bytes:
    """A zip of the members, each deflated (or given deflated), written as Office writes one."""
    out, directory = bytearray(), bytearray()
    for name, data in members.items():
        if not isinstance(data, Deflated):
            squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
            data = Deflated(squeeze.compress(data) + squeeze.flush(), zlib.crc32(data), len(data))
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, data.crc, len(data.raw), data.size)
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack(
            "<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data.raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


def docx_with_body(body: str | bytes) -> bytes:
    """A Word document whose body is the given WordprocessingML."""
    body = body.encode() if isinstance(body, str) else body
    document = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="' + W_NS.encode()
    document += b'"><w:body>' + body + b"</w:body></w:document>"
    return package(_docx_template() | {"word/document.xml": document})


def _zlib(deflated: Deflated, chunk: bytes, times: int) -> bytes:
    """The same stream in zlib's wrapping, as a PDF holds it: a header, then the Adler-32 of what it inflates to."""
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + deflated.raw + struct.pack(">I", adler)


def xlsx_with_sheet(sheet: str | bytes, *, strings: bytes | None = None) -> bytes:
    """A workbook whose one sheet is the given SpreadsheetML (the whole `<worksheet>` document)."""
    sheet = sheet.encode() if isinstance(sheet, str) else sheet
    members = _xlsx_template() | {"xl/worksheets/sheet1.xml": sheet}
    if strings is not None:
        members["xl/sharedStrings.xml"] = strings
    return package(members)


def _sheet(rows: str, dimension: str = "A1") -> str:
    return (f'<worksheet xmlns="{S_NS}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>')


def _cell(text: str) -> str:
    return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


# -- work out of all proportion to the file's size --------------------------------------------------------------

def far_cell_workbook() -> tuple[str, bytes]:
    """One value in the last column of the last row: openpyxl pads every row before it to 16,384 empty cells."""
    sheet = _sheet('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>', "A1:XFD1048576")
    return "far.xlsx", xlsx_with_sheet(sheet)


def merged_rows_table(rows: int = 600) -> tuple[str, bytes]:
    """A Word table whose first column is one cell merged down every row (python-docx walks up the merge per cell)."""
    first = '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Merged</w:t></w:r></w:p></w:tc>'
    rest = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
    body = "<w:tbl>" + f"<w:tr>{first}{_cell('a')}</w:tr>" + f"<w:tr>{rest}{_cell('b')}</w:tr>" * (rows - 1) + "</w:tbl>"
    return "merged.docx", docx_with_body(body)


def wide_span_table(rows: int = 300) -> tuple[str, bytes]:
    """Table cells spanning a hundred million grid columns each."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc>'
    return "spans.docx", docx_with_body("<w:tbl>" + f"<w:tr>{cell}</w:tr>" * rows + "</w:tbl>")


def pdf(content: bytes, *, filters: str = "/FlateDecode", pages: int = 1, extra: list[bytes] | None = None) -> bytes:
    """A PDF of `pages` pages sharing one content stream (already encoded for `filters`), Helvetica as its font."""
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(content), filters.encode()) + content + b"\nendstream",
    ]
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + pages)
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.extend(extra or [])
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@functools.cache
def flate_bomb_pdf() -> tuple[str, bytes]:
    """A one-page PDF whose small content stream inflates to 200 MB of text to show."""
    chunk = b"BT /F1 12 Tf 72 720 Td " + b"(Progress) Tj " * 74_898 + b"ET\n"
    return "bomb.pdf", pdf(_zlib(repeated(chunk, 200), chunk, 200))  # no head or tail: Adler-32 of the chunks alone


@functools.cache
def inflating_docx() -> tuple[str, bytes]:
    """A small Word document whose body inflates to 300 MB."""
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="' + W_NS.encode()
    chunk = b"<w:p><w:r><w:t>Padding</w:t></w:r></w:p>" * 25_575
    body = repeated(chunk, 300, head=head + b'"><w:body>', tail=b"</w:body></w:document>")
    return "inflates.docx", package(_docx_template() | {"word/document.xml": body})


def many_rows_workbook(rows: int = 30_000) -> tuple[str, bytes]:
    """Rows and rows of text no record takes: each would be a warning on the check page."""
    cells = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Note {n} on a paper nobody placed</t></is></c></row>'
        for n in range(1, rows + 1)
    )
    return "notes.xlsx", xlsx_with_sheet(_sheet(cells, f"A1:A{rows}"))


# -- malformed files ---------------------------------------------------------------------------------------------

def huge_amount_text() -> tuple[str, bytes]:
    """A saving of thirty digits: more than a decimal's precision, which stopped the reading of amounts."""
    text = "No\tRecommendation\tSaving /Cost\tLead\n1\tRecruit carers\tUp to £" + "9" * 30 + " per annum\tHead\n"
    return "amount.txt", text.encode()


def long_csv_field() -> tuple[str, bytes]:
    return "long.csv", b"No,Recommendation\n1," + b"x" * 200_000 + b"\n"


def lone_carriage_return_csv() -> tuple[str, bytes]:
    return "mac.csv", b"No,Recommendation,Lead\r1,Recruit foster\rcarers,Head of Service\r2,Review fees,Finance\r"


def broken_sheet_xml() -> tuple[str, bytes]:
    return "broken.xlsx", xlsx_with_sheet(f'<worksheet xmlns="{S_NS}"><sheetData><row r="1"><c r="A1"')


def entity_sheet_xml() -> tuple[str, bytes]:
    """The "billion laughs": nested entities that expand to gigabytes."""
    laughs = ['<!ENTITY l0 "laugh">'] + [f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)]
    sheet = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{"".join(laughs)}]>'
             + _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>'))
    return "laughs.xlsx", xlsx_with_sheet(sheet)


def external_entity_sheet_xml() -> tuple[str, bytes]:
    """An external entity that would copy a file from the server into the paper."""
    sheet = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
             + _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row>'))
    return "external.xlsx", xlsx_with_sheet(sheet)


def entity_shared_strings() -> tuple[str, bytes]:
    laughs = ['<!ENTITY l0 "laugh">'] + [f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)]
    strings = (f'<?xml version="1.0"?><!DOCTYPE sst [{"".join(laughs)}]><sst xmlns="{S_NS}" count="1" '
               'uniqueCount="1"><si><t>&l9;</t></si></sst>').encode()
    sheet = _sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    return "strings.xlsx", xlsx_with_sheet(sheet, strings=strings)


def entity_docx() -> tuple[str, bytes]:
    laughs = ['<!ENTITY l0 "laugh">'] + [f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)]
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [{"".join(laughs)}]><w:document xmlns:w="{W_NS}">'
                "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>").encode()
    return "laughs.docx", package(_docx_template() | {"word/document.xml": document})


def _corrupt_member(data: bytes, member: str) -> bytes:
    """The zip with one member's compressed bytes scrambled, its sizes and checksum left as they were."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 2, start + min(info.compress_size, 40)):
        raw[offset] ^= 0x5A
    return bytes(raw)


def corrupt_deflate_workbook() -> tuple[str, bytes]:
    data = xlsx_with_sheet(_sheet("".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Row {n}</t></is></c></row>' for n in range(1, 50)
    )))
    return "corrupt.xlsx", _corrupt_member(data, "xl/worksheets/sheet1.xml")


def corrupt_deflate_docx() -> tuple[str, bytes]:
    data = docx_with_body("".join(f"<w:p><w:r><w:t>Paragraph {n}</w:t></w:r></w:p>" for n in range(200)))
    return "corrupt.docx", _corrupt_member(data, "word/document.xml")


def lying_sizes_docx() -> tuple[str, bytes]:
    """A member that says it holds 1,000 bytes but inflates to 8 MB."""
    data = bytearray(docx_with_body(b"<w:p><w:r><w:t>Padding</w:t></w:r></w:p>" * 200_000))
    member = b"word/document.xml"
    # The uncompressed size is at offset 22 of the local header and 24 of the central directory's entry.
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if at == 22 else 46)
            if data[name_at:name_at + len(member)] == member:
                data[start + at:start + at + 4] = (1000).to_bytes(4, "little")
            start += 4
    return "lying.docx", bytes(data)


def text_gridspan() -> tuple[str, bytes]:
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="two"/></w:tcPr><w:p><w:r><w:t>Recommendation</w:t></w:r></w:p></w:tc>'
    return "gridspan.docx", docx_with_body(f"<w:tbl><w:tr>{_cell('No')}{cell}</w:tr></w:tbl>")


def merge_continued_in_first_row() -> tuple[str, bytes]:
    cell = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
    return "vmerge.docx", docx_with_body(f"<w:tbl><w:tr>{cell}{_cell('Lead')}</w:tr><w:tr>{_cell('1')}{_cell('x')}</w:tr></w:tbl>")


def _export(recommendation: dict | None = None, **document) -> dict:
    export = {
        "format": "cairn-extract/1",
        "document": {"family": "action_plan", "title": "Action plan", "organisation": None, "committee": None,
                     "meeting_date": None, "as_at": None},
        "recommendations": [], "projects": [], "figures": [], "budget_lines": [], "warnings": [],
    }
    if recommendation is not None:
        export["recommendations"].append({
            "text": "Recruit foster carers", "number": "1", "objective": None, "steps": [], "lead": None,
            "finance_manager": None, "saving": None, "progress": None,
        } | recommendation)
    export.update(document)
    return export


def nested_json() -> tuple[str, bytes]:
    return "nested.json", b'{"format": "cairn-extract/1", "document": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def huge_integer_json() -> tuple[str, bytes]:
    figure = '{"name": "Placements", "low": ' + "9" * 5000 + ', "high": null, "unit": null}'
    return "huge.json", json.dumps(_export()).replace('"figures": []', f'"figures": [{figure}]').encode()


def large_integer_json() -> tuple[str, bytes]:
    """A number within Python's limits but far beyond any amount a database column holds."""
    saving = {"text": "A lot", "min": 10**20, "max": None, "period": None, "cashable": None}
    return "large.json", json.dumps(_export({"saving": saving})).encode()


def infinity_json() -> tuple[str, bytes]:
    saving = {"text": "Endless", "min": 1, "max": None, "period": None, "cashable": None}
    text = json.dumps(_export({"saving": saving})).replace('"min": 1', '"min": Infinity')
    return "infinity.json", text.encode()


def nul_json() -> tuple[str, bytes]:
    return "nul.json", json.dumps(_export({"text": "Recruit\u0000 foster carers"})).encode()


def surrogate_json() -> tuple[str, bytes]:
    return "surrogate.json", json.dumps(_export({"text": "Recruit \ud800 foster carers"})).encode()


@dataclass(frozen=True)
class Hostile:
    """A class of hostile file, and what Cairn must say about it: a refusal naming the problem, or a reading."""

    make: Callable[[], tuple[str, bytes]]
    says: str | None  # words the refusal must contain; None where the file is read


CORPUS: dict[str, Hostile] = {
    "far-cell workbook": Hostile(far_cell_workbook, "column"),
    "vertically merged table": Hostile(merged_rows_table, None),
    "huge gridSpan": Hostile(wide_span_table, "columns"),
    "PDF Flate bomb": Hostile(flate_bomb_pdf, "MB"),
    "PDF Flate bomb damaged part way": Hostile(lambda: damaged_bomb_pdf(), "breaks off"),
    "inflating .docx": Hostile(inflating_docx, "MB"),
    "workbook of many rows": Hostile(many_rows_workbook, "rows"),
    "amount of thirty digits in a paper": Hostile(huge_amount_text, None),
    "CSV field over the csv limit": Hostile(long_csv_field, "characters"),
    "CSV lone carriage return": Hostile(lone_carriage_return_csv, None),
    "broken sheet XML": Hostile(broken_sheet_xml, "damaged"),
    "billion laughs in a sheet": Hostile(entity_sheet_xml, "entit"),
    "external entity in a sheet": Hostile(external_entity_sheet_xml, "entit"),
    "billion laughs in shared strings": Hostile(entity_shared_strings, "entit"),
    "billion laughs in a .docx": Hostile(entity_docx, "entit"),
    "corrupt deflate in a workbook": Hostile(corrupt_deflate_workbook, "damaged"),
    "corrupt deflate in a .docx": Hostile(corrupt_deflate_docx, "damaged"),
    "zip member larger than declared": Hostile(lying_sizes_docx, "damaged"),
    "non-numeric gridSpan": Hostile(text_gridspan, "gridSpan"),
    "vMerge continue in a first row": Hostile(merge_continued_in_first_row, "merged"),
    "deeply nested JSON": Hostile(nested_json, "nested"),
    "huge-integer JSON": Hostile(huge_integer_json, "digits"),
    "amount beyond any column": Hostile(large_integer_json, "amount"),
    "Infinity as an amount": Hostile(infinity_json, "Infinity"),
    "NUL in JSON text": Hostile(nul_json, "NUL"),
    "lone surrogate in JSON text": Hostile(surrogate_json, "surrogate"),
}


def damaged_bomb_pdf() -> tuple[str, bytes]:
    """The Flate bomb with its stream damaged a little way in: too little inflates for the size bound, and pdfminer
    reads what does a byte at a time (found by the fuzz harness: 25 seconds)."""
    name, data = flate_bomb_pdf()
    at = data.index(b"stream\n") + 7 + 3_000
    return "damaged-bomb.pdf", data[:at] + "\ud800".encode("utf-8", "surrogatepass") + data[at:]
