"""What `cairn verify` checks: every published round against its fingerprint (and the logo its papers print against
the digest frozen with it), every audit event against its seal, and (on PostgreSQL) that the database's own guards are
in place."""

import hashlib
from dataclasses import dataclass, field

from django.db import connection

from cairn.accounts.models import CouncilLogo
from cairn.audit.models import AuditEvent
from cairn.reviews import summaries
from cairn.reviews.fingerprints import matches
from cairn.reviews.models import ReportingRound

# The triggers that make the audit trail append-only, published rounds frozen (audit migrations 0002 and 0004) and
# councils' logos kept as uploaded (accounts migration 0007).
TRIGGERS = {
    "audit_auditevent_append_only": "audit_auditevent",
    "reviews_round_published_frozen": "reviews_reportinground",
    "accounts_councillogo_kept": "accounts_councillogo",
}


@dataclass
class Findings:
    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def verify() -> Findings:
    findings = Findings()
    _rounds(findings)
    _audit_trail(findings)
    _summaries(findings)
    if connection.vendor == "postgresql":
        _triggers(findings)
    return findings


def _rounds(findings: Findings) -> None:
    rounds = (
        ReportingRound.objects.filter(state=ReportingRound.State.PUBLISHED)
        | ReportingRound.objects.filter(published_content__isnull=False)
    ).with_content().select_related("organisation").order_by("organisation__name", "pk")
    count = 0
    for round_ in rounds.iterator(chunk_size=200):
        count += 1
        where = f"round {round_.pk} “{round_.title}” of {round_.organisation.name}"
        if round_.state != ReportingRound.State.PUBLISHED:
            findings.problems.append(f"{where} holds frozen content but is not published.")
        elif not matches(round_):
            findings.problems.append(f"{where}: its frozen content does not match its fingerprint {round_.content_hash[:12] or '(none)'}.")
        elif not _logo_holds(round_.published_content):
            findings.problems.append(f"{where}: the logo it was published with is missing or not as it was.")
    findings.checked.append(
        f"{count} published round{'s' * (count != 1)}: each fingerprint against its frozen content, and its logo"
    )


def _logo_holds(content: dict) -> bool:
    """The logo a round's papers print (named by id and SHA-256 in its content) is there and unchanged."""
    logo = (content.get("council") or {}).get("logo")
    if not logo:
        return True
    image = CouncilLogo.objects.filter(pk=logo["id"]).values_list("image", flat=True).first()
    return image is not None and hashlib.sha256(bytes(image)).hexdigest() == logo["sha256"]


def _audit_trail(findings: Findings) -> None:
    count = unsealed = 0
    broken = []
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=2000):
        count += 1
        if not event.seal:
            unsealed += 1
        elif not event.seal_holds():
            broken.append(event)
    for event in broken[:20]:
        findings.problems.append(
            f"audit event {event.pk} ({event.at:%d/%m/%Y %H:%M} {event.action} {event.target_label}) does not match its seal."
        )
    if len(broken) > 20:
        findings.problems.append(f"... and {len(broken) - 20} more audit events that do not match their seals.")
    note = f" ({unsealed} written before events were sealed)" if unsealed else ""
    findings.checked.append(f"{count} audit event{'s' * (count != 1)}: each against its seal{note}")


def _summaries(findings: Findings) -> None:
    wrong = summaries.out_of_date()
    if wrong:
        shown = ", ".join(str(pk) for pk in wrong[:20]) + (f" and {len(wrong) - 20} more" if len(wrong) > 20 else "")
        findings.problems.append(
            f"the progress summaries of recommendations {shown} differ from their updates: "
            "run `cairn rebuild-summaries` to rebuild them."
        )
    findings.checked.append("each recommendation's progress summary against its updates")


def _triggers(findings: Findings) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.tgname, c.relname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = ANY(%s)", [list(TRIGGERS)],
        )
        found = {name: (table, enabled) for name, table, enabled in cursor.fetchall()}
    for name, table in TRIGGERS.items():
        if name not in found or found[name][0] != table:
            findings.problems.append(f"the trigger {name} on {table} is missing: run `cairn migrate`.")
        elif found[name][1] == "D":
            findings.problems.append(f"the trigger {name} on {table} has been disabled.")
    findings.checked.append(
        "the database's guards: the audit trail is append-only, published rounds are frozen and logos kept"
    )
