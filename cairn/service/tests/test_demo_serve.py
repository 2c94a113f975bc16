"""`make demo`'s way of serving (scripts/serve): `cairn serve` with the worker beside it, started again if it dies,
and CAIRN_BASE_URL following the port. Run on SQLite, as the demo is."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection  # noqa: F401 (the skip condition reads it)

from .test_production_path import free_port

pytestmark = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="the demo runs on SQLite")
ROOT = Path(settings.BASE_DIR)


def health(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return json.loads(response.read())
    except OSError:
        return None


def worker_pids(group: int) -> set[int]:
    # -ww: without a terminal ps cuts each line at 80 columns, and a deep checkout's paths push the command's name
    # past that.
    ps = subprocess.run(["ps", "-ww", "-o", "pid=,args=", "-g", str(group)], capture_output=True, text=True).stdout
    return {int(line.split()[0]) for line in ps.splitlines() if "db_worker" in line and "cairn" in line}


def test_scripts_serve_runs_the_production_server_and_restarts_a_dead_worker(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAIRN_", "DATABASE_URL", "DJANGO_"))}
    env |= {"CAIRN_DATA_DIR": str(tmp_path), "VENV": str(Path(sys.executable).parent.parent), "CAIRN_WEB_WORKERS": "1"}
    subprocess.run([sys.executable, "-m", "cairn", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True, timeout=300)
    log = tmp_path / "serve.log"
    served = subprocess.Popen(["scripts/serve", str(port)], env=env, cwd=ROOT, stdout=log.open("w"),
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not ((h := health(port)) and h["worker"]["last_heartbeat"]):
            time.sleep(0.5)
        assert h and h["database"] == "ok" and h["worker"]["last_heartbeat"], log.read_text()
        ps = subprocess.run(["ps", "-ww", "-o", "args=", "-g", str(served.pid)], capture_output=True, text=True).stdout
        assert "gunicorn" in ps and "runserver" not in ps
        # The heartbeat outlives a worker by a moment: wait for the worker that is running now.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (first := worker_pids(served.pid)):
            time.sleep(0.5)
        assert len(first) == 1, (ps, log.read_text())
        os.kill(next(iter(first)), signal.SIGKILL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not worker_pids(served.pid) - first:
            time.sleep(0.5)
        assert worker_pids(served.pid), log.read_text()
        assert "starting it again" in log.read_text()
        # The demo's links point at the port it serves.
        env_of_server = subprocess.run(["ps", "eww", "-o", "args=", "-g", str(served.pid)], capture_output=True,
                                       text=True).stdout
        assert f"CAIRN_BASE_URL=http://127.0.0.1:{port}" in env_of_server
    finally:
        os.killpg(served.pid, signal.SIGTERM)
        served.wait(timeout=60)
