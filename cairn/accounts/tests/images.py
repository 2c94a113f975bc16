"""Small real images for the logo tests, made with Pillow."""

import io

from PIL import Image, ImageDraw


def image_bytes(width: int = 240, height: int = 80, *, format: str = "PNG", colour: str = "#1d70b8") -> bytes:
    """A picture of the given size: a coloured block with a white bar, so two colours give two different files."""
    image = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(image).rectangle([width // 8, height // 3, width - width // 8, height // 2], fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format=format)
    return buffer.getvalue()


def give_logo(council, *, colour: str = "#1d70b8", by=None):
    """Give a test council a logo through the operation, once; its id."""
    from cairn.accounts import operations
    from cairn.accounts.logos import check_logo

    if getattr(council, "logo_id", None) is None:
        operations.update_council_branding(council.org, by=by, logo=check_logo(image_bytes(colour=colour), "crest.png"))
        council.logo_id = council.org.logo_id
    return council.logo_id
