"""Delete finished background work (and the documents it made) once it is older than the pages show. Run daily."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cairn.jobs.models import KEPT_FOR, Job


class Command(BaseCommand):
    help = f"Delete background jobs finished more than {KEPT_FOR.days} days ago, with their documents and task records."

    def handle(self, *args, **options):
        before = timezone.now() - KEPT_FOR
        old = Job.objects.filter(state__in=[Job.State.DONE, Job.State.FAILED], finished_at__lt=before)
        task_ids = list(old.exclude(task_id="").values_list("task_id", flat=True))
        jobs, _ = old.delete()
        DBTaskResult.objects.filter(id__in=task_ids).delete()
        self.stdout.write(f"{jobs} finished job{'s' * (jobs != 1)} deleted.")
