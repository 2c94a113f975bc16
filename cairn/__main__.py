"""The `cairn` command line: Django's management commands under one name.

Commands may be written with hyphens (`cairn load-demo`); they map to Django's underscore names.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "cairn"
    # The command name (and the one after `help`) may use hyphens.
    for index in (1, 2) if len(argv) > 2 and argv[1] == "help" else (1,):
        if len(argv) > index and not argv[index].startswith("-"):
            argv[index] = argv[index].replace("-", "_")
    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        # A setting that is missing or wrong: say which, plainly, and refuse to start.
        sys.exit(f"cairn: {error}")


if __name__ == "__main__":
    main()
