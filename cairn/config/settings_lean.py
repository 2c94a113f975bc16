"""Settings for the commands that read only the published statistics, or no database at all (`cairn benchmarks show`
and `list`, `cairn extract`): the same settings with only the statistics app installed. Starting every app imports
the web, API and two-factor libraries, most of such a command's time; `cairn/__main__.py` chooses these settings for
them, and their output is the same either way (tested)."""

from .settings import *  # noqa: F403

INSTALLED_APPS = ["cairn.benchmarks"]
