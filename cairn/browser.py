"""Launching Debian's Chromium through Playwright for the browser tests (Playwright's own browsers are not used)."""

from pathlib import Path

from playwright.sync_api import Browser, Playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ChromiumMissing(RuntimeError):
    pass


def launch_chromium(playwright: Playwright, executable: Path = CHROMIUM) -> Browser:
    """Start headless Chromium from the system package, or say plainly why it cannot be started."""
    if not executable.exists():
        raise ChromiumMissing(
            f"The browser tests need Chromium at {executable}, which is missing. "
            "Install Debian's package (apt-get install chromium); do not run `playwright install`."
        )
    return playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
