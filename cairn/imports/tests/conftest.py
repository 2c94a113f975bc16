"""Seeds, hand-written expectations and a field-by-field comparison shared by the import tests."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis keeps caches on disk; keep them with the test data, not in the working tree.
set_hypothesis_home_dir(settings.DATA_DIR / "hypothesis")

EXPECTED_DIR = Path(__file__).parent / "expected"
COMPARED = ("document", "cover", "recommendations", "projects", "figures", "budget_lines", "questions", "next_steps",
            "sections")


def missing_seed(name: str) -> None:
    """Without ../shared/seeds the seed tests cannot run: a failure in CI (which always has them), a skip elsewhere."""
    message = f"seed {name} is not available: the seed documents are read from ../shared/seeds"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def seeds_dir() -> Path:
    return settings.BASE_DIR.parent / "shared" / "seeds"


def expectations() -> list[Path]:
    return sorted(EXPECTED_DIR.glob("*.json"))


def load_expected(path: Path) -> dict:
    return json.loads(path.read_text())


def seed_bytes(expected: dict) -> bytes:
    path = seeds_dir() / expected["seed"]
    if not path.exists():
        missing_seed(str(path))
    return path.read_bytes()


def differences(actual, expected, path: str = "") -> list[str]:
    """Every place two JSON values differ, named by its path (recommendations[1].steps[2].due)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        found = []
        for name in sorted(set(expected) | set(actual)):
            if name not in actual:
                found.append(f"{path}.{name}: missing")
            elif name not in expected:
                found.append(f"{path}.{name}: not expected ({actual[name]!r})")
            else:
                found += differences(actual[name], expected[name], f"{path}.{name}")
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list, got {actual!r}"]
        found = [] if len(actual) == len(expected) else [f"{path}: {len(actual)} items, expected {len(expected)}"]
        for index, (a, e) in enumerate(zip(actual, expected)):
            found += differences(a, e, f"{path}[{index}]")
        return found
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        return [] if actual == expected and type(actual) is type(expected) else [f"{path}: {actual!r} != {expected!r}"]
    if isinstance(expected, (int, float)):
        ok = isinstance(actual, (int, float)) and not isinstance(actual, bool) and abs(actual - expected) < 1e-9
        return [] if ok else [f"{path}: {actual!r} != {expected!r}"]
    return [] if actual == expected else [f"{path}: {actual!r} != {expected!r}"]


def compared_part(extraction: dict) -> dict:
    return {name: extraction[name] for name in COMPARED}


def all_text(value) -> str:
    """Every string and number in a JSON value, run together, for "is this word still there?" checks."""
    if isinstance(value, dict):
        return " ".join(all_text(v) for v in value.values()) + " " + " ".join(value)
    if isinstance(value, list):
        return " ".join(all_text(v) for v in value)
    return "" if value is None else str(value)


@pytest.fixture
def organisation(db):
    from cairn.accounts import operations as accounts

    return accounts.create_organisation(by=None, name="Stockton-on-Tees Borough Council", slug="stockton")


@pytest.fixture
def officer(organisation):
    from cairn.accounts import operations as accounts

    return accounts.create_user(organisation, by=None, username="scrutiny", roles=["scrutiny_officer"], first_name="Peter")


def seed(name_start: str) -> tuple[str, bytes]:
    """A seed paper by the start of its file name: ("000_....txt", its bytes)."""
    path = next(seeds_dir().glob(f"{name_start}*"), None)
    if path is None:
        missing_seed(name_start)
    return path.name, path.read_bytes()
