"""What GET /healthz reports: the database answers, and when the background worker last said it was alive."""

from django.db import DatabaseError, connection
from django.utils import timezone


def check() -> tuple[int, dict]:
    """(HTTP status, body): 200 with "database": "ok", or 503 when the database cannot be reached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        from cairn.jobs.models import WorkerHeartbeat

        beat = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    except DatabaseError:
        return 503, {"status": "unavailable", "database": "unreachable"}
    worker = {"last_heartbeat": None, "seconds_ago": None}
    if beat is not None:
        worker = {"last_heartbeat": beat.isoformat(), "seconds_ago": max(0, round((timezone.now() - beat).total_seconds()))}
    return 200, {"status": "ok", "database": "ok", "worker": worker}
