"""The `cairn` command line: Django's management commands under one name.

Commands may be written with hyphens (`cairn load-demo`); they map to Django's underscore names.
"""

import os
import sys

DEFAULT_SETTINGS = "cairn.config.settings"
# Commands that read only the published statistics or no database: (app, subcommands or None for all). They start
# with only the statistics app installed (cairn/config/settings_lean.py), in a third of the time.
LEAN = {"benchmarks": ("cairn.benchmarks", {"show", "list"}), "extract": ("cairn.imports", None)}


def lean_app(argv: list[str]) -> str | None:
    """The app whose command `argv` runs, where it may run with the lean settings; else None."""
    if os.environ.get("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS) != DEFAULT_SETTINGS:
        return None  # settings of a deployment's own are used as they are
    if any(arg.startswith(("--settings", "--pythonpath")) for arg in argv):
        return None
    if len(argv) < 2 or argv[1] not in LEAN:
        return None
    app, actions = LEAN[argv[1]]
    if actions is not None and (len(argv) < 3 or argv[2] not in actions):
        return None
    return app


def main() -> None:
    argv = list(sys.argv)
    argv[0] = "cairn"
    # The command name (and the one after `help`) may use hyphens.
    for index in (1, 2) if len(argv) > 2 and argv[1] == "help" else (1,):
        if len(argv) > index and not argv[index].startswith("-"):
            argv[index] = argv[index].replace("-", "_")
    app = lean_app(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cairn.config.settings_lean" if app else os.environ.get(
        "DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line, load_command_class

    try:
        if app:
            django.setup()
            load_command_class(app, argv[1]).run_from_argv(argv)
        else:
            execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        # A setting that is missing or wrong: say which, plainly, and refuse to start.
        sys.exit(f"cairn: {error}")


if __name__ == "__main__":
    main()
