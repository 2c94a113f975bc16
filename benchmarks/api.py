"""Time the API's lists (a page of 100 and of 500) beside the browser's pages for the same records, in one run.

Run with `.venv/bin/python benchmarks/api.py [--repeat 7]` against the database DATABASE_URL names (PostgreSQL),
loaded beforehand (`cairn load-demo`, or `--scale county`). Requests go through Django's test client in this process
(every middleware, no network), as the demo council's scrutiny officer: the API with a token made for the run, the
pages with a signed-in session. It prints each request's median time and its number of database queries, the pages
first as the baseline.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--user", default="officer")
    args = parser.parse_args()
    # The test settings link static files by their plain names, so pages render without `collectstatic`.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.config.settings_test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cairn.accounts.models import User
    from cairn.api.operations import create_api_token, revoke_api_token

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.CAIRN_API_RATE_LIMIT = 10**9
    import logging

    logging.getLogger("django.request").setLevel(logging.ERROR)
    user = User.objects.get(username=args.user)
    # The council's trail is for its administrators: read it with one of theirs.
    administrator = User.objects.filter(organisation=user.organisation, role_assignments__role="administrator").first()
    token, key = create_api_token(user, by=None, name="Benchmark")
    trail_token, trail_key = create_api_token(administrator, by=None, name="Benchmark")
    browser = Client()
    browser.force_login(user)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    trail = Client(HTTP_AUTHORIZATION=f"Bearer {trail_key}")
    requests = [
        ("page: reviews", browser, "/reviews/"),
        ("page: recommendation tracker", browser, "/reviews/recommendations/"),
        ("page: programmes", browser, "/programmes/"),
        ("api: reviews", api, "/api/v1/reviews"),
        ("api: recommendations (100)", api, "/api/v1/recommendations?limit=100"),
        ("api: recommendations (500)", api, "/api/v1/recommendations?limit=500"),
        ("api: rounds", api, "/api/v1/rounds"),
        ("api: projects (500)", api, "/api/v1/projects?limit=500"),
        ("api: readings (500)", api, "/api/v1/readings?limit=500"),
        ("api: audit events (500), admin", trail, "/api/v1/audit-events?limit=500"),
    ]
    print(f"{connection.vendor}, as {user.username} ({', '.join(sorted(user.roles))}), median of {args.repeat}")
    print(f"{'request':34} {'status':>6} {'rows':>6} {'median ms':>10} {'queries':>8}")
    try:
        for name, client, path in requests:
            client.get(path)  # warm
            times = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(path)
                    times.append((time.perf_counter() - start) * 1000)
            rows = len(response.json()["items"]) if path.startswith("/api/") and response.status_code == 200 else ""
            print(f"{name:34} {response.status_code:>6} {rows!s:>6} {statistics.median(times):>10.1f} {len(queries):>8}")
    finally:
        revoke_api_token(token, by=None)
        revoke_api_token(trail_token, by=None)


if __name__ == "__main__":
    main()
