"""How much a PDF's compressed parts inflate to, counted without keeping what they inflate to.

pdfminer inflates each Flate-compressed stream whole, in memory, and then reads all of it: a 200 KB stream can hold
200 MB of page content. Every stream in the file (content, fonts, object streams) is found in the raw bytes and
inflated here a piece at a time, through as many Flate layers as its filter names, and what comes out is counted
against the bounds. Pictures are left alone: pdfminer does not inflate them to read text.
"""

import re
import zlib
from collections.abc import Iterator

from ..errors import CorruptFile
from ..limits import Budget

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_END = b"endstream"
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)(?![A-Za-z])")
_PICTURE = re.compile(rb"/(?:Subtype\s*/Image|DCTDecode|DCT|JPXDecode|JBIG2Decode|CCITTFaxDecode|CCF)(?![A-Za-z])")
PIECE = 1 << 16
# pdfminer reads a damaged Flate stream again a byte at a time, joining what comes out as it goes (the time grows
# with the square of it): past this much output that takes minutes, so a PDF damaged so late in a stream is refused
# (one damaged sooner is read as pdfminer reads it).
DAMAGED_AFTER = 256 * 1024


def check_streams(data: bytes, budget: Budget) -> None:
    """Count what every compressed stream of a PDF inflates to; `budget` refuses the file past its bound."""
    position = 0
    while (found := _STREAM.search(data, position)) is not None:
        start = position = found.end()
        if data[max(0, found.start() - 3):found.start()] == b"end":
            continue
        end = data.find(_END, start)
        if end < 0:
            end = len(data)
        position = end + len(_END)
        dictionary = data[max(0, found.start() - 2048):found.start()]
        opened = dictionary.rfind(b"obj")
        dictionary = dictionary[opened:] if opened >= 0 else dictionary
        if _PICTURE.search(dictionary):
            continue
        layers = len(_FLATE.findall(dictionary))
        if not layers:
            continue
        counted = inflated = 0
        try:
            for piece in _inflated(data[start:end], layers):
                counted += len(piece)
                inflated += len(piece)
                if counted >= PIECE * 16:
                    budget.unpacked(counted, "a compressed part of the PDF")
                    counted = 0
        except zlib.error:
            if inflated > DAMAGED_AFTER:
                raise CorruptFile(
                    f"{budget.name} is damaged: a compressed part of it breaks off after {inflated // 1024:,} KB. "
                    "Save it again as PDF from the program that made it, and try again."
                ) from None
        budget.unpacked(counted, "a compressed part of the PDF")


def _inflated(raw: bytes, layers: int) -> Iterator[bytes]:
    pieces: Iterator[bytes] = iter((raw,))
    for _ in range(layers):
        pieces = _inflate(pieces)
    return pieces


def _inflate(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """Inflate a stream given in pieces, a piece at a time; a damaged stream raises zlib.error where it breaks."""
    inflater = zlib.decompressobj()
    for piece in pieces:
        while True:
            out = inflater.decompress(piece, PIECE)
            if out:
                yield out
            if inflater.eof:
                return
            left = inflater.unconsumed_tail
            # Once the input is used up, ask again only while output is still coming out of what was held back.
            if not out and (not left or len(left) == len(piece)):
                break
            piece = left
