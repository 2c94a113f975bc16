"""The `cairn` command line: Django's management commands under one name.

Commands may be written with hyphens (`cairn load-demo`); they map to Django's underscore names.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "cairn"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
