"""The `cairn` command as the README and docs/cli.md describe it."""

import subprocess
import sys


def run(*args: str, tmp_path) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "CAIRN_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "cairn", *args], capture_output=True, text=True, env=env)


def test_commands_may_be_written_with_hyphens(tmp_path):
    result = run("help", "load-demo", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: cairn load_demo")
    result = run("help", "send-reminders", tmp_path=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("usage: cairn send_reminders")
    assert "--days-before" in result.stdout


def test_an_unknown_command_says_so(tmp_path):
    result = run("no-such-command", tmp_path=tmp_path)
    assert result.returncode != 0 and "Unknown command" in result.stderr
