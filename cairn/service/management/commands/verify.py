"""`cairn verify`: re-check every published round's fingerprint and the audit trail; non-zero, naming what failed."""

from django.core.management.base import BaseCommand, CommandError

from cairn.service.integrity import verify


class Command(BaseCommand):
    help = (
        "Check every published round's fingerprint against its frozen content and every audit event against its "
        "seal (and, on PostgreSQL, the triggers that guard them). Exits non-zero, naming what does not match."
    )

    def handle(self, *args, **options) -> None:
        findings = verify()
        for line in findings.checked:
            self.stdout.write(f"Checked {line}.")
        if findings.problems:
            for problem in findings.problems:
                self.stderr.write(f"Does not match: {problem}")
            raise CommandError(f"{len(findings.problems)} problem{'s' * (len(findings.problems) != 1)} found.")
        self.stdout.write("Everything matches.")
