"""Access expectations for background work, merged into the matrix in test_tenancy.py.

A job belongs to the person who asked for it (it may hold a document made with what they alone may see): here the
council's administrator asked, so everyone else in the council is told it does not exist (404), not refused (403).
"""

from cairn.accounts.models import Role
from cairn.jobs.models import Job

from .matrix import ALL_ROLES, SIGN_IN


def administrators_job(council) -> int:
    job, _ = Job.objects.get_or_create(
        organisation=council.org, requested_by=council.users[Role.ADMINISTRATOR], kind=Job.Kind.DOCUMENT,
        defaults={"title": "Making a paper", "state": Job.State.DONE, "output": b"%PDF-1.7 made",
                  "output_name": "paper.pdf", "output_type": "application/pdf"},
    )
    return job.pk


ADMINISTRATOR = {Role.ADMINISTRATOR}
JOBS_MATRIX: dict = {
    "jobs:job_list": (None, ALL_ROLES, 200, SIGN_IN),  # each person's own list
    "jobs:job_detail": (lambda c: [administrators_job(c)], ADMINISTRATOR, 404, SIGN_IN),
    "jobs:job_status": (lambda c: [administrators_job(c)], ADMINISTRATOR, 404, SIGN_IN),
    "jobs:job_download": (lambda c: [administrators_job(c)], ADMINISTRATOR, 404, SIGN_IN),
    # POST only: a job that cannot be tried again sends its owner back to its page.
    "jobs:job_retry": (lambda c: [administrators_job(c)], ADMINISTRATOR, 404, SIGN_IN),
}
JOBS_POST_ONLY = {"jobs:job_retry"}
# Everyone else in the council gets 404 for another person's job (people with no role at all still get 403).
PERSONAL = {"jobs:job_detail", "jobs:job_status", "jobs:job_download", "jobs:job_retry"}
