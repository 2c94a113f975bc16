"""Office files (.docx, .xlsx) are zip packages: write them with fixed timestamps, so equal content is equal bytes."""

import datetime as dt
import io
import zipfile


def fixed_zip(data: bytes, day: dt.date) -> bytes:
    """The same package, every member stamped with `day` and stored in its original order."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return buffer.getvalue()
