"""A real OpenID Connect provider for the single sign-on tests: django-oidc-provider, in its own process on a free
local port, with its own database; and a council of ours set to sign in through it."""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from cairn.signon import operations

from .provider import CLIENT_ID, CLIENT_SECRET, PASSWORD

SETTINGS = "cairn.signon.tests.provider.settings"


@dataclass
class Provider:
    base: str
    environment: dict

    @property
    def issuer(self) -> str:
        return self.base + "/openid"

    def allow_redirect(self, uri: str) -> None:
        """Register another redirect URI (the browser tests' live server has a port of its own)."""
        _setup(self.environment, [uri])

    def sign_in(self, location: str, username: str, password: str = PASSWORD) -> str:
        """Follow Cairn's redirect to the provider, sign in there as a person would, and return where the provider
        sends them back to (Cairn's callback, with the code and state)."""
        browser = requests.Session()
        response = browser.get(location, allow_redirects=False, timeout=10)
        if response.status_code == 302 and "/login/" in response.headers["Location"]:
            login = urljoin(self.base, response.headers["Location"])
            browser.get(login, timeout=10)
            response = browser.post(login, data={
                "username": username, "password": password, "csrfmiddlewaretoken": browser.cookies["provider_csrf"],
                "next": dict(part.split("=", 1) for part in urlsplit(login).query.split("&"))["next"],
            }, allow_redirects=False, timeout=10)
            response = browser.get(urljoin(self.base, requests.utils.unquote(response.headers["Location"])),
                                   allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text[:500]
        return response.headers["Location"]


def _setup(environment: dict, redirects: list[str]) -> None:
    subprocess.run([sys.executable, "-m", "cairn.signon.tests.provider.setup", *redirects], env=environment,
                   check=True, capture_output=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("provider")
    base = f"http://127.0.0.1:{_free_port()}"
    environment = {**os.environ, "PROVIDER_DB": str(folder / "provider.sqlite3"), "PROVIDER_BASE": base,
                   "DJANGO_SETTINGS_MODULE": SETTINGS}
    _setup(environment, ["http://testserver/account/sign-in/council/exampleton/return/"])
    log = (folder / "provider.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", base.removeprefix("http://"), "--noreload", "--settings", SETTINGS],
        env=environment, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                if requests.get(base + "/openid/.well-known/openid-configuration", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None:
                break
            time.sleep(0.3)
        else:
            pytest.fail(f"The test OpenID Connect provider did not start: {(folder / 'provider.log').read_text()[-2000:]}")
        if process.poll() is not None:
            pytest.fail(f"The test OpenID Connect provider stopped: {(folder / 'provider.log').read_text()[-2000:]}")
        yield Provider(base, environment)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def configure(council, provider: Provider, **options):
    """Our council signs in through the test provider (as `cairn sso set` would set it)."""
    arguments = dict(
        issuer=provider.issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, domains=["exampleton.gov.uk"],
        role_mapping={"cairn-officers": ["scrutiny_officer"], "cairn-admins": ["administrator"]},
    )
    return operations.configure_sign_on(council.org, by=None, **(arguments | options))


@pytest.fixture
def sign_on(council, oidc_provider, settings):
    settings.CAIRN_BASE_URL = "http://testserver"
    return configure(council, oidc_provider)
