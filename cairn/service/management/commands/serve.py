"""`cairn serve --bind HOST:PORT`: the production web server (gunicorn), never Django's development server."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, connections
from django.db.migrations.executor import MigrationExecutor


def default_workers() -> int:
    """Two processes a core and one more (gunicorn's advice), at most eight: each holds its threads' connections."""
    return min(8, 2 * (os.cpu_count() or 1) + 1)


def _int_env(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


class Command(BaseCommand):
    help = (
        "Serve Cairn with gunicorn: several worker processes with a few threads each, static files by hashed name, "
        "and Cairn's own request log. Run `cairn db_worker` beside it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bind", default=os.environ.get("CAIRN_BIND", "127.0.0.1:8000"),
                            help="HOST:PORT to listen on (default: CAIRN_BIND, or 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int, default=_int_env("CAIRN_WEB_WORKERS", default_workers()),
                            help="worker processes (default: CAIRN_WEB_WORKERS, or 2 per core + 1, at most 8)")
        parser.add_argument("--threads", type=int, default=_int_env("CAIRN_WEB_THREADS", 4),
                            help="threads per worker (default: CAIRN_WEB_THREADS, or 4)")
        parser.add_argument("--timeout", type=int, default=_int_env("CAIRN_WEB_TIMEOUT", 60),
                            help="seconds before a silent worker is restarted (default: CAIRN_WEB_TIMEOUT, or 60)")

    def handle(self, *, bind: str, workers: int, threads: int, timeout: int, **options) -> None:
        if settings.DEBUG:
            raise CommandError("CAIRN_DEBUG is on: Cairn's debug pages must never be served. Unset CAIRN_DEBUG.")
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        self._check_database(workers * threads)
        # Static files under content-hashed names, compressed, into the data directory (a few seconds at most).
        call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()
        environment = {
            **os.environ,
            "CAIRN_SERVE_BIND": bind, "CAIRN_SERVE_WORKERS": str(workers), "CAIRN_SERVE_THREADS": str(threads),
            "CAIRN_SERVE_TIMEOUT": str(timeout),
        }
        environment.setdefault("CAIRN_ACCESS_LOG", "1")
        environment.setdefault("CAIRN_DB_STATEMENT_TIMEOUT", "30")
        environment.setdefault("DJANGO_SETTINGS_MODULE", "cairn.config.settings")
        self.stderr.write(f"Cairn: serving on http://{bind}/ with {workers} workers of {threads} threads.")
        sys.stderr.flush()
        # gunicorn takes this process's place, so a service manager's signals (TERM to stop, HUP to reload) reach it.
        os.execve(sys.executable, [
            sys.executable, "-m", "gunicorn", "--config", "python:cairn.service.gunicorn_conf",
            "cairn.config.wsgi:application",
        ], environment)

    def _check_database(self, connections_wanted: int) -> None:
        try:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            raise CommandError(f"The database cannot be reached: {error}".strip()) from None
        if pending:
            self.stderr.write(
                f"Cairn: {len(pending)} database migrations have not been applied: run `cairn migrate` first."
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int"
                )
                allowed = cursor.fetchone()[0]
            if connections_wanted + 2 > allowed:
                self.stderr.write(
                    f"Cairn: {connections_wanted} threads may each hold a database connection, but PostgreSQL allows "
                    f"{allowed}: lower --workers or --threads, or raise max_connections."
                )
