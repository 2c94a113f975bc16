"""Files Cairn cannot read get a clear message naming the problem: never a traceback, never half a result."""

import hashlib
import io
import struct
import zipfile

import pytest

from cairn.imports.parsers import (
    MAX_BYTES,
    ColumnMappingError,
    CorruptFile,
    EmptyFile,
    ExtractionError,
    FileTooLarge,
    PasswordProtected,
    UnsupportedFile,
    extract,
    extract_file,
)

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"council") -> bytes:
    """A one-page PDF locked with a user password (the standard security handler, revision 2)."""
    padded = (user_password + PAD)[:32]
    owner = _rc4(hashlib.md5((owner_password + PAD)[:32]).digest()[:5], padded)
    permissions = -4
    file_id = b"0123456789abcdef"
    key = hashlib.md5(padded + owner + struct.pack("<i", permissions) + file_id).digest()[:5]
    user = _rc4(key, PAD)

    def sealed(number: int, data: bytes) -> bytes:
        return _rc4(hashlib.md5(key + struct.pack("<i", number)[:3] + b"\x00\x00").digest()[:10], data)

    content = sealed(4, b"BT /F1 12 Tf 72 720 Td (A locked progress update) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + owner.hex().encode() + b"> /U <" + user.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<" % (len(objects) + 1)
        + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def refused(data: bytes, name: str, error: type[ExtractionError]) -> str:
    with pytest.raises(error) as caught:
        extract(data, name)
    message = caught.value.message
    assert name in message and "Traceback" not in message
    return message


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf\n"])
def test_an_empty_file_is_refused(data):
    assert "empty" in refused(data, "paper.txt", EmptyFile)


def test_binary_data_is_refused():
    data = bytes(range(256)) * 40
    assert "binary" in refused(data, "paper.txt", UnsupportedFile)


def test_a_picture_is_refused_as_unsupported():
    message = refused(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png", UnsupportedFile)
    assert "binary" in message or ".png" in message


@pytest.mark.parametrize(
    "name,hint", [("minutes.doc", ".docx"), ("budget.xls", ".xlsx"), ("slides.pptx", "PDF"), ("report.odt", ".docx")]
)
def test_other_office_formats_are_refused_with_what_to_do(name, hint):
    assert hint in refused(b"Some words that are really a binary format", name, UnsupportedFile)


def test_an_unknown_extension_is_refused():
    assert ".exe" in refused(b"MZ this is not a paper", "setup.exe", UnsupportedFile)


def test_a_corrupt_docx_is_refused():
    assert "damaged" in refused(b"PK\x03\x04" + b"\x00garbage" * 20, "plan.docx", CorruptFile)


def test_a_zip_that_is_not_a_word_document_is_refused():
    refused(zipped({"notes.txt": b"hello"}), "plan.docx", CorruptFile)
    refused(zipped({"notes.txt": b"hello"}), "papers.zip", UnsupportedFile)


def test_a_word_document_with_broken_xml_is_refused():
    data = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><unclosed>"})
    refused(data, "plan.docx", CorruptFile)


def test_a_docx_named_file_that_is_text_is_refused():
    refused(b"Just some text", "plan.docx", CorruptFile)


def test_a_truncated_pdf_is_refused():
    refused(b"%PDF-1.4\n1 0 obj << /Type /Catalog", "update.pdf", CorruptFile)


def test_a_password_protected_pdf_is_refused():
    assert "password" in refused(encrypted_pdf(), "locked.pdf", PasswordProtected)


def test_a_password_protected_word_document_is_refused():
    # Word and Excel keep an encrypted file in an OLE container holding an EncryptedPackage stream.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    refused(data, "locked.docx", PasswordProtected)
    refused(data, "locked.xlsx", PasswordProtected)


def test_a_pdf_without_text_is_refused_as_a_probable_scan(tmp_path):
    from cairn.reports.pdf import compile_paper

    (tmp_path / "scan.typ").write_text("#rect(width: 5cm, height: 5cm, fill: black)")
    data = compile_paper({}, layout=tmp_path / "scan.typ")
    assert "scanned" in refused(data, "scan.pdf", EmptyFile)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.seek(MAX_BYTES)
        handle.write(b"x")
    with pytest.raises(FileTooLarge) as caught:
        extract_file(path)
    assert caught.value.message == "huge.txt is larger than the 20 MB Cairn reads."
    with pytest.raises(FileTooLarge) as caught:
        extract(b"x" * (MAX_BYTES + 1), "huge.txt")
    assert caught.value.message == "huge.txt is larger than the 20 MB Cairn reads."


def test_a_file_just_over_the_limit_is_not_said_to_be_within_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.seek(21_000_000 - 1)  # 20.03 MB: "20.0 MB" would read as within the limit
        handle.write(b"x")
    with pytest.raises(FileTooLarge) as caught:
        extract_file(path)
    assert "20.0 MB" not in caught.value.message and "larger than the 20 MB" in caught.value.message


def test_a_refused_format_names_cairns_own_json_exports_in_plain_words():
    message = refused(b"plain words", "minutes.odt", UnsupportedFile)
    assert message.endswith("Cairn reads .txt, .md, .csv, .docx, .pdf and .xlsx files, and Cairn's own JSON exports (.json).")
    assert "cairn-extract" not in message


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        extract_file(tmp_path / "gone.txt")
    assert "does not exist" in caught.value.message


def test_a_column_mapping_to_an_unknown_field_is_refused():
    with pytest.raises(ColumnMappingError) as caught:
        extract(b"No,Recommendation\n1,Do it\n", "plan.csv", columns={"Recommendation": "wording"})
    assert "wording" in caught.value.message and "text" in caught.value.message


def test_text_that_is_not_a_paper_reads_as_unknown_with_its_words_kept():
    extraction = extract(b"Dear colleague,\nPlease find the minutes attached.\n", "letter.txt").to_json()
    assert extraction["document"]["family"] == "unknown"
    assert "Please find the minutes attached." in " ".join(w["message"] for w in extraction["warnings"])


def test_json_that_is_not_an_extraction_is_refused_naming_the_field():
    assert "document.title is missing" in refused(
        b'{"format": "cairn-extract/1", "document": {"family": "action_plan"}}', "export.json", CorruptFile
    )
    assert "format should be one of" in refused(b'{"format": "other/2"}', "export.json", CorruptFile)
    assert "not valid JSON" in refused(b"{oops", "export.json", CorruptFile)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_document_with_no_text_is_refused(kind):
    out = io.BytesIO()
    if kind == "docx":
        import docx

        docx.Document().save(out)
    else:
        import openpyxl

        openpyxl.Workbook().save(out)
    assert "has no text" in refused(out.getvalue(), f"blank.{kind}", EmptyFile)
