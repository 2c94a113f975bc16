"""The shared DfE files (a skip without them, a failure in CI) and small EES files written for a rule."""

import os
from pathlib import Path

import pytest

from cairn.benchmarks.shared import dfe_dir

HEADER = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code"


def dfe_file(name: str) -> Path:
    path = dfe_dir() / name
    if not path.exists():
        message = f"{name} is not available: the DfE files are read from ../shared/data/dfe"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def ees(columns: str, *rows: str) -> bytes:
    """An EES file: the identifier columns, then `columns`; each row is `year,level,region,code,name,values...`."""
    lines = [f"{HEADER},{columns}"]
    for row in rows:
        year, level, region, code, name, rest = row.split(",", 5)
        country = "E92000001,England"
        region_code = {"North East": "E12000001", "London": "E12000007", "East Midlands": "E12000004"}.get(region, "")
        lines.append(f"{year},Reporting year,{level},{country},{region_code},{region},{code},{name},,{rest}")
    return ("\n".join(lines) + "\n").encode()


def neighbour_model(groups: dict[str, tuple[str, str, list[str]]]) -> bytes:
    """The wide statistical-neighbour layout: each LA (name, region) with its ten neighbours, all "Very close"."""
    header = "old_la_code,la_name,region_ind,region_name," + ",".join(f"SN_{k},SN_{k}P" for k in range(1, 11))
    lines = [header]
    for code, (name, region, neighbours) in groups.items():
        cells = ",".join(f"{n},Very close " for n in neighbours)
        lines.append(f"{code},{name},1,{region},{cells}")
    return ("\ufeff" + "\n".join(lines) + "\n").encode()
