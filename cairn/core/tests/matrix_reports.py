"""Access expectations for document downloads and open data, merged into the matrix in test_tenancy.py."""

from .matrix import ALL_ROLES, SIGN_IN

REPORTS_MATRIX: dict = {
    "reports:download": (lambda c: ["action-plan", c.review.pk], ALL_ROLES, 404, SIGN_IN),
    # Open data needs the council's consent; the matrix's council has given it (see test_tenancy's public_council).
    "public:round_csv": (lambda c: [c.org.slug, c.published_round.pk], ALL_ROLES, 200, 200),
    "public:round_json": (lambda c: [c.org.slug, c.published_round.pk], ALL_ROLES, 200, 200),
    "public:round_changes_csv": (lambda c: [c.org.slug, c.published_round.pk], ALL_ROLES, 200, 200),
    "public:recommendations_csv": (lambda c: [c.org.slug], ALL_ROLES, 200, 200),
    "public:catalogue": (lambda c: [c.org.slug], ALL_ROLES, 200, 200),
}
