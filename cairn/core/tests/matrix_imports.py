"""Access expectations for the import pages, merged into the matrix in test_tenancy.py."""

from cairn.imports import operations

from .matrix import OFFICERS, SIGN_IN

# A short action plan: staging it is quick, and the same bytes give the same batch back.
PAPER = "No\tRecommendation\tAction\tTarget Date\tLead\n1\tRecruit foster carers\tAdvertise\tMar 2010\tHead of Service\n".encode()


def staged_batch(council) -> list[int]:
    """A staged paper of the council's (staged afresh if a previous visit discarded it)."""
    return [operations.stage_import(council.org, by=None, name="plan.txt", data=PAPER).pk]


IMPORTS_MATRIX: dict = {
    "imports:upload": (None, OFFICERS, 200, SIGN_IN),
    "imports:batch_list": (None, OFFICERS, 200, SIGN_IN),
    "imports:batch_preview": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:batch_drop": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:batch_apply": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:batch_discard": (staged_batch, OFFICERS, 404, SIGN_IN),
}
IMPORTS_POST_ONLY: set = {"imports:batch_drop", "imports:batch_apply", "imports:batch_discard"}
