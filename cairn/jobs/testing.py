"""For tests and the demo: run every queued background task now, in this process, as `cairn db_worker` would."""

from django.core.management import call_command


def run_queued_jobs() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
