"""Delete finished background work (and the documents it made) once it is older than the pages show, and the records
kept only to act on a form once. Run daily."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cairn.core.models import Submission
from cairn.jobs.models import KEPT_FOR, Job

# A form is sent twice within seconds (a double click, a refresh); a day is far more than enough to know it again.
SUBMISSIONS_KEPT_FOR = dt.timedelta(days=1)


class Command(BaseCommand):
    help = f"Delete background jobs finished more than {KEPT_FOR.days} days ago, with their documents and task records."

    def handle(self, *args, **options):
        before = timezone.now() - KEPT_FOR
        old = Job.objects.filter(state__in=[Job.State.DONE, Job.State.FAILED], finished_at__lt=before)
        task_ids = list(old.exclude(task_id="").values_list("task_id", flat=True))
        jobs, _ = old.delete()
        DBTaskResult.objects.filter(id__in=task_ids).delete()
        # E-mails' deliveries: the e-mail itself stays, as the log of what was sent.
        DBTaskResult.objects.filter(
            task_path="cairn.core.mail.deliver", status="SUCCESSFUL", finished_at__lt=before
        ).delete()
        Submission.objects.filter(at__lt=timezone.now() - SUBMISSIONS_KEPT_FOR).delete()
        self.stdout.write(f"{jobs} finished job{'s' * (jobs != 1)} deleted.")
