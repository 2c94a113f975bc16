"""The production path as a council's IT team runs it, through the real commands and the real web server, on
PostgreSQL: migrate, create a council, `cairn serve` (gunicorn), the administrator sets a password through the
printed link and signs in, an officer makes a paper, `cairn backup`, `cairn restore` into a second, empty database,
`cairn verify`; then the same backup into SQLite, and SQLite's backup back into PostgreSQL (how a council grows from
the embedded default to production). It runs in the PostgreSQL pass of `make test` (so in CI): a minute or two of
real processes, too long to run twice."""

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
KEY = "production-path-test-key-0123456789abcdefghijklmnopqrstuvwxyz"
PASSWORD = "granite-heather-moorland-41"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="runs in the PostgreSQL pass of make test"),
]


def free_port() -> int:
    for port in range(8150, 8200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8150-8199")


class Databases:
    """Fresh databases of the kind the suite runs on, dropped afterwards."""

    def __init__(self, tmp_path: Path):
        self.tmp_path, self.made = tmp_path, []

    def url(self, name: str, vendor: str | None = None) -> str:
        if (vendor or connection.vendor) == "sqlite":
            return f"sqlite:///{self.tmp_path / (name + '.sqlite3')}"
        import psycopg

        s = connection.settings_dict
        database = f"{s['NAME']}_{name}"[:63]
        with psycopg.connect(dbname="postgres", user=s["USER"], password=s["PASSWORD"] or None, host=s["HOST"],
                             port=s["PORT"] or 5432, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
            admin.execute(f'CREATE DATABASE "{database}"')
        self.made.append(database)
        auth = f"{s['USER']}:{s['PASSWORD']}@" if s["PASSWORD"] else f"{s['USER']}@"
        return f"postgresql://{auth}{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{database}"

    def drop(self) -> None:
        if not self.made:
            return
        import psycopg

        s = connection.settings_dict
        with psycopg.connect(dbname="postgres", user=s["USER"], password=s["PASSWORD"] or None, host=s["HOST"],
                             port=s["PORT"] or 5432, autocommit=True) as admin:
            for database in self.made:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture
def databases(tmp_path):
    made = Databases(tmp_path)
    yield made
    made.drop()


def environment(tmp_path: Path, database_url: str, **more) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAIRN_", "DATABASE_URL", "DJANGO_"))}
    return env | {
        "CAIRN_DATA_DIR": str(tmp_path / "data"), "CAIRN_SECRET_KEY": KEY, "DATABASE_URL": database_url,
        "CAIRN_ALLOWED_HOSTS": "127.0.0.1",
    } | more


def cairn(env: dict, *args: str, timeout: int = 300) -> str:
    result = subprocess.run([sys.executable, "-m", "cairn", *args], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"cairn {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


class Browser:
    """A person at a browser: cookies kept, CSRF tokens sent, redirects not followed (so each can be checked)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect())

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        if data is not None:
            token = next(c.value for c in self.jar if c.name == settings.CSRF_COOKIE_NAME)
            data = urllib.parse.urlencode(data | {"csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        return response.status, dict(response.headers), response.read()


def serve(env: dict, port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "cairn", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"],
        env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
        assert server.poll() is None, log.read_text()
    raise AssertionError(f"cairn serve did not answer:\n{log.read_text()}")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=60)


def published_rounds(verify_output: str) -> int:
    return int(re.search(r"Checked (\d+) published round", verify_output).group(1))


def test_from_a_new_council_to_a_verified_restore_through_the_production_server(tmp_path, databases):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = environment(tmp_path, databases.url("serve"), CAIRN_BASE_URL=base)
    cairn(env, "migrate", "--no-input", "-v", "0")
    created = cairn(env, "create-council", "--slug", "northmoor", "--name", "Northmoor Borough Council",
                    "--admin", "nadmin", "--admin-email", "nadmin@example.org")
    link = re.search(re.escape(base) + r"(/\S+)", created).group(1)
    cairn(env | {"CAIRN_DEMO": "1"}, "load-demo")

    server = serve(env, port, tmp_path / "serve.log")
    try:
        browser = Browser(base)
        status, headers, body = browser.request("/healthz")
        assert status == 200 and json.loads(body)["database"] == "ok" and headers["Cache-Control"] == "no-store"
        assert b"runserver" not in subprocess.run(["ps", "-ww", "-o", "args=", "-g", str(server.pid)], capture_output=True).stdout

        # Static files under content-hashed names, compressed, kept for a year.
        status, _, page = browser.request("/account/sign-in/")
        stylesheet = re.search(rb'href="(/static/cairn/app\.[0-9a-f]{12}\.css)"', page).group(1).decode()
        status, headers, _ = browser.request(stylesheet, headers={"Accept-Encoding": "gzip, br"})
        assert status == 200 and headers["Content-Encoding"] in {"gzip", "br"}
        assert headers["Cache-Control"] == "max-age=31536000, public, immutable"
        status, _, page = browser.request("/no-such-page/")
        assert status == 404 and b"Traceback" not in page and b"DEBUG" not in page

        # The new council's administrator sets a password through the printed link, once, and signs in.
        status, _, page = browser.request(link)
        assert status == 200 and b"Set your password" in page
        status, headers, _ = browser.request(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
        assert status == 302 and headers["Location"] == "/account/sign-in/"
        status, headers, _ = browser.request("/account/sign-in/", {"username": "nadmin", "password": PASSWORD})
        assert status == 302
        status, _, page = browser.request("/")
        assert status == 200 and b"Northmoor Borough Council" in page
        assert b"This link does not work" in browser.request(link)[2]

        # An officer makes a committee paper, through the server, from what was published.
        officer = Browser(base)
        officer.request("/account/sign-in/")
        assert officer.request("/account/sign-in/", {"username": "officer", "password": "demo"})[0] == 302
        review = re.search(rb'href="/reviews/(\d+)/"', officer.request("/reviews/")[2]).group(1).decode()
        status, headers, paper = officer.request(f"/documents/progress-update/{review}/?format=docx")
        assert status == 200 and headers["Content-Type"].startswith("application/vnd.openxmlformats")
        assert len(docx.Document(BytesIO(paper)).tables) >= 1
    finally:
        stop(server)

    before = cairn(env, "verify")
    backup = tmp_path / "cairn.backup"
    started = time.monotonic()
    cairn(env, "backup", str(backup))
    backed_up = time.monotonic() - started
    restored_env = environment(tmp_path, databases.url("restored"))
    started = time.monotonic()
    cairn(restored_env, "restore", str(backup))
    restoring = time.monotonic() - started
    after = cairn(restored_env, "verify")
    assert published_rounds(after) == published_rounds(before) > 0
    assert "Everything matches." in after
    print(f"backup {backed_up:.1f} s, restore {restoring:.1f} s ({connection.vendor})")
    # The restored database is Cairn, whole: a restore on top of it is refused.
    result = subprocess.run([sys.executable, "-m", "cairn", "restore", str(backup)], env=restored_env, cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "restores only into an empty database" in result.stderr
    with zipfile.ZipFile(backup) as archive:
        counts = json.loads(archive.read("manifest.json"))["counts"]
    assert counts["accounts.organisation"] == 3 and counts["audit.auditevent"] > 100

    # PostgreSQL's backup restores into SQLite, and SQLite's into PostgreSQL, every round still matching.
    embedded = environment(tmp_path, databases.url("embedded", vendor="sqlite"))
    cairn(embedded, "restore", str(backup))
    assert published_rounds(cairn(embedded, "verify")) == published_rounds(before)
    cairn(embedded, "backup", str(tmp_path / "from-sqlite.backup"))
    grown = environment(tmp_path, databases.url("grown"))
    cairn(grown, "restore", str(tmp_path / "from-sqlite.backup"))
    assert published_rounds(cairn(grown, "verify")) == published_rounds(before)
