"""A council's logo, checked by reading it: PNG or JPEG only (an SVG can carry scripts), not too large in bytes or in
pixels, not absurdly shaped. What is kept is exactly what was uploaded, with its SHA-256."""

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 1024 * 1024  # a logo is a small picture; 1 MB is generous
MIN_SIDE, MAX_SIDE = 16, 4000  # pixels
MAX_PIXELS = 8_000_000
MAX_RATIO = 10  # a wide banner is fine; a hairline is not a logo
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


class LogoRefused(ValueError):
    """The file is not a logo Cairn takes; the message says why, in words for the administrator."""


@dataclass(frozen=True)
class CheckedLogo:
    data: bytes
    content_type: str
    width: int
    height: int
    sha256: str
    file_name: str


def check_logo(data: bytes, file_name: str = "") -> CheckedLogo:
    """Read the file as an image and refuse anything but a sensible PNG or JPEG logo (LogoRefused says why)."""
    name = file_name or "The file"
    if not data:
        raise LogoRefused(f"{name} is empty")
    if len(data) > MAX_BYTES:
        raise LogoRefused(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB: a logo must be {MAX_BYTES // 1024 // 1024} MB or smaller"
        )
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head:
        raise LogoRefused(f"{name} is an SVG drawing, which can carry scripts: save the logo as PNG or JPEG")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            kind, (width, height) = image.format, image.size
            _check_shape(name, kind, width, height)
            if getattr(image, "n_frames", 1) > 1:
                raise LogoRefused(f"{name} is animated: a logo must be a still PNG or JPEG")
            # A cut-off or corrupt file is refused here. Loading alone would not do: any library in the process may tell
            # Pillow to fill in what a truncated file lacks (ImageFile.LOAD_TRUNCATED_IMAGES). So a PNG's chunks are
            # checked (with their CRCs) to its end, and a JPEG must end with its end-of-image marker.
            image.verify()
            if kind == "JPEG" and not data.rstrip(b"\0").endswith(b"\xff\xd9"):
                raise OSError("no end of image")
            Image.open(io.BytesIO(data)).load()  # and every pixel decoded
    except LogoRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise LogoRefused(f"{name} is not a PNG or JPEG image Cairn can read: save the logo as PNG or JPEG") from None
    return CheckedLogo(
        data=data, content_type=FORMATS[kind], width=width, height=height,
        sha256=hashlib.sha256(data).hexdigest(), file_name=file_name[:200],
    )


def _check_shape(name: str, kind: str | None, width: int, height: int) -> None:
    if kind not in FORMATS:
        raise LogoRefused(f"{name} is a {kind or 'file'} image: a logo must be PNG or JPEG")
    if min(width, height) < MIN_SIDE:
        raise LogoRefused(f"{name} is {width} × {height} pixels: each side must be at least {MIN_SIDE} pixels")
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise LogoRefused(
            f"{name} is {width} × {height} pixels: a logo must be at most {MAX_SIDE} pixels on each side"
        )
    if max(width, height) > MAX_RATIO * min(width, height):
        raise LogoRefused(
            f"{name} is {width} × {height} pixels: a logo can be at most {MAX_RATIO} times as wide as it is tall "
            "(or as tall as it is wide)"
        )
