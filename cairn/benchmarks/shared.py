"""Where the DfE files shared with the project live (../shared/data/dfe beside the checkout), and which load."""

from pathlib import Path

from django.conf import settings


def dfe_dir() -> Path:
    return settings.BASE_DIR.parent / "shared" / "data" / "dfe"


def dfe_files(folder: Path | None = None) -> list[Path]:
    """The statistics files in the folder (and its derived/ folder): CSV files and workbooks, by name."""
    folder = folder or dfe_dir()
    found = [*folder.glob("*.csv"), *folder.glob("*.xlsx"), *folder.glob("derived/*.csv")]
    return sorted(found, key=lambda path: (path.parent != folder, path.name))
