"""`cairn db_worker`: works the queue of background work, and outlasts a lost database.

django_tasks_db's worker, with three additions: when the database cannot be reached (a restarted or failed-over
PostgreSQL, a killed connection, a SQLite I/O error) it waits and reconnects instead of exiting; it writes a heartbeat
every few seconds that /healthz reports; and it marks failed the jobs that have stopped reporting progress (their
worker died), so the person who asked can try again. A service manager restarts it if it dies all the same
(docs/operations.md).
"""

import datetime as dt
import logging
import threading
import time

from django.db import InterfaceError, OperationalError, connection, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands import db_worker as base

from cairn.jobs.models import Job, WorkerHeartbeat

logger = logging.getLogger("cairn.jobs.worker")

# Errors that mean the database could not be reached or lost the connection (a restart, a fail-over, a killed
# connection, SQLite's "disk I/O error"); anything else (a broken query, a constraint) is a fault to stop on.
LOST = (OperationalError, InterfaceError)
HEARTBEAT_SECONDS = 10
FORGET_AFTER = 24 * 60 * 60  # seconds: heartbeats of workers gone this long are deleted
FIRST_WAIT, LONGEST_WAIT = 0.5, 30.0  # seconds between tries to reach the database, doubling


def _close_all() -> None:
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except LOST:
            pass


class Worker(base.Worker):
    def run(self) -> None:
        wait = FIRST_WAIT
        while self.running:
            try:
                super().run()
                return
            except LOST as error:
                if connection.in_atomic_block:
                    raise  # inside a caller's transaction (a test's): only the caller can start afresh
                logger.warning("The database cannot be reached (%s); trying again in %.1f s.", str(error).strip(), wait)
                _close_all()
                time.sleep(wait)
                wait = min(LONGEST_WAIT, wait * 2)

    def run_task(self, db_task_result) -> None:
        try:
            super().run_task(db_task_result)
        except LOST as error:
            # The task's outcome could not be written. Its job stops reporting progress, so it is marked failed (and
            # can be tried again) once its time limit has passed.
            logger.error("Lost the database while running task %s (%s).", db_task_result.id, str(error).strip())
            _close_all()


class Heartbeat(threading.Thread):
    """Says every few seconds, in the database, that this worker is alive; once a minute fails stalled jobs."""

    def __init__(self, worker_id: str):
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id, self.started_at, self.beats = worker_id, timezone.now(), 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while True:
            self.beat()
            if self.stopping.wait(HEARTBEAT_SECONDS):
                return

    def beat(self) -> None:
        try:
            now = timezone.now()
            WorkerHeartbeat.objects.update_or_create(
                worker_id=self.worker_id, defaults={"beat_at": now},
                create_defaults={"beat_at": now, "started_at": self.started_at},
            )
            if self.beats % 6 == 0:
                WorkerHeartbeat.objects.filter(beat_at__lt=now - dt.timedelta(seconds=FORGET_AFTER)).delete()
                if failed := Job.objects.fail_stalled():
                    logger.warning("%s stalled background job%s marked failed.", failed, "s" * (failed != 1))
            self.beats += 1
        except LOST as error:
            logger.warning("Could not write the worker's heartbeat (%s).", str(error).strip())
        finally:
            try:
                connection.close()  # this thread's own connection, opened afresh for each beat
            except LOST:
                pass


class Command(base.Command):
    help = (
        "Work the queue of background work (large imports, long PDFs) until stopped, reconnecting when the database "
        "is lost. --batch works what is queued, then exits."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, max_tasks, worker_id,
               exclude_queues, **options) -> None:
        self.configure_logging(verbosity)
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_name.split(","):
            raise base.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_name.split(","), interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id or get_random_string(32),
            excluded_queue_names=excluded,
        )
        if not batch:
            Heartbeat(worker.worker_id).start()
        worker.configure_signals()
        worker.run()
