"""schemathesis, a third-party fuzzer, holds the running server to its own OpenAPI description: no server error, no
response that breaks its schema, no status the description does not list. A small budget here, a larger one in
`../shared/checks/09-api` against the demo."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cairn.accounts.models import Role
from cairn.api.operations import create_api_token
from cairn.core.testing import build_council


@pytest.fixture
def two_councils(transactional_db):
    """A small demo the live server's thread can see: two councils with one of everything each."""
    return build_council("exampleton", "Exampleton Borough Council"), build_council("otherton", "Otherton District Council")


def test_the_api_keeps_to_its_description_under_fuzzing(two_councils, live_server, client, tmp_path):
    council, _ = two_councils
    _, key = create_api_token(council.users[Role.ADMINISTRATOR], by=None, name="Fuzzing")
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(client.get("/api/openapi.json").json()))
    schemathesis = Path(sys.executable).with_name("schemathesis")
    run = subprocess.run(
        [str(schemathesis), "run", str(spec), "--url", live_server.url, "-H", f"Authorization: Bearer {key}",
         "--checks", "not_a_server_error,response_schema_conformance,status_code_conformance",
         "--phases", "fuzzing", "--max-examples", "4", "--seed", "1", "--generation-database", "none",
         "--warnings", "off", "--no-color"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
