"""Load Cairn's key pages at 20 concurrent users under `cairn serve` on PostgreSQL, beside a hello-world floor.

Run with `.venv/bin/python benchmarks/pages.py [--seconds 10] [--port 8120]` against the database DATABASE_URL names,
loaded beforehand (`cairn load-demo --scale county`, or the plain demo for a comparison). It starts `cairn serve` with
CAIRN_BENCHMARK_FLOOR=1 (a hello-world view at /benchmark/floor/ behind every middleware), signs in as each demo role
(password "demo"), finds the pages to load in the database (the largest review, a round being checked, the programme
with most projects...), times each page alone (its first request, drawn afresh, and the median of the next five, one
at a time, which a page kept in memory answers: decision 20), then loads it with `hey` at
20 concurrent users for a fixed time. It prints p50, p95 and throughput per page, and each page's throughput as a
share of the floor's, which is loaded first and last in the same run. Last it prints each web worker's memory and
whether the targets (p95 under 300 ms, no errors, workers under 300 MB) are met.
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROLES = ["officer", "admin", "lead", "finance", "pm", "councillor"]
P95_TARGET_MS = 300
MEMORY_TARGET_MB = 300


def targets(organisation_slug: str) -> list[tuple[str, str, str]]:
    """(name, path, role) of the pages to load, found in the database as the demo's council has them."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.config.settings")
    import django

    django.setup()
    from django.db.models import Count, Q

    from cairn.accounts.models import Organisation
    from cairn.programmes.models import Programme
    from cairn.reviews.models import ProgressUpdate, ReportingRound, Review

    org = Organisation.objects.get(slug=organisation_slug)
    pages = [(f"home ({role})", "/", role) for role in ROLES]
    pages += [("review list", "/reviews/", "officer"), ("rounds list", "/rounds/", "officer")]
    largest = Review.objects.filter(organisation=org).annotate(n=Count("recommendations")).order_by("-n").first()
    typical = (
        Review.objects.filter(organisation=org).annotate(n=Count("recommendations")).filter(n__gte=10, n__lte=14)
        .order_by("pk").first()
    )
    for name, review in [("largest review", largest), ("typical review", typical)]:
        if review is not None:
            pages.append((f"{name} ({review.n} recommendations)", f"/reviews/{review.pk}/", "officer"))
    if largest is not None:
        rec = largest.recommendations.order_by("order").first()
        pages.append(("recommendation", f"/reviews/recommendations/{rec.pk}/", "officer"))
    pages += [
        ("tracker, default", "/reviews/recommendations/", "officer"),
        ("tracker, filtered", "/reviews/recommendations/?state=either&overdue=on", "officer"),
    ]
    published = ReportingRound.objects.filter(organisation=org, state="published", kind="review").order_by("-as_at_on")
    collecting = ReportingRound.objects.filter(organisation=org, state="collecting", kind="review").order_by("-as_at_on")
    if first := published.first():
        pages.append(("round, published", f"/rounds/{first.pk}/", "officer"))
        if org.public_pages_enabled:
            pages.append(("public round", f"/public/{org.slug}/rounds/{first.pk}/", None))
    if current := collecting.first():
        pages.append(("round, collecting", f"/rounds/{current.pk}/", "officer"))
    submitted = ProgressUpdate.objects.filter(organisation=org, state="submitted").order_by("-round__as_at_on").first()
    if submitted is not None:
        pages.append(("check page", f"/rounds/updates/{submitted.pk}/check/", "officer"))
    programme = (
        Programme.objects.filter(organisation=org).annotate(n=Count("projects", filter=Q(projects__isnull=False)))
        .order_by("-n", "pk").first()
    )
    if programme is not None:
        pages.append(("programme dashboard", f"/programmes/{programme.pk}/", "pm"))
        project = programme.projects.order_by("order").first()
        if project is not None:
            pages.append(("project", f"/programmes/projects/{project.pk}/", "pm"))
    from django.db import connections

    connections.close_all()
    return pages


def sign_in(base: str, username: str, password: str) -> str:
    """A signed-in session's cookie header, signing in through the sign-in form as a person does."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    response = opener.open(base + "/", timeout=120)
    page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password}).encode()
    request = urllib.request.Request(response.geturl(), data=data, headers={"Referer": response.geturl()})
    if "sign" in opener.open(request, timeout=120).geturl().split("?")[0].rstrip("/").rsplit("/", 1)[-1]:
        sys.exit(f"Could not sign in as {username}: load the demo with CAIRN_DEMO=1 so its password is {password!r}.")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def alone(url: str, cookie: str | None, times: int = 6) -> tuple[float, float, int]:
    """Seconds for the first request (drawn afresh: every person signed in, a change, after the server started, so
    no worker keeps the page yet), the median of the next ones with nothing else running, and the response's size."""
    seconds, size = [], 0
    for _ in range(times):
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            size = len(response.read())
            if response.geturl() != url:
                sys.exit(f"{url} was redirected to {response.geturl()}: not signed in?")
        seconds.append(time.perf_counter() - started)
    return seconds[0], statistics.median(seconds[1:]), size


def load(url: str, cookie: str | None, seconds: int, users: int) -> dict:
    """`hey` at `users` concurrent users for `seconds`: p50, p95 (seconds), requests a second, status codes."""
    command = ["hey", "-z", f"{seconds}s", "-c", str(users), "-t", "10"]
    command += ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60).stdout

    def figure(pattern: str) -> float | None:
        found = re.search(pattern, out)
        return float(found.group(1)) if found else None

    errors = re.search(r"Error distribution:\n((?:\s+\[\d+\].*\n?)+)", out)
    return {
        "p50": figure(r"\s50%+ in ([\d.]+) secs"), "p95": figure(r"\s95%+ in ([\d.]+) secs"),
        "rps": figure(r"Requests/sec:\s+([\d.]+)") or 0.0,
        "codes": dict(re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)),
        "errors": sum(int(n) for n in re.findall(r"\[(\d+)\]", errors.group(1))) if errors else 0,
    }


def worker_memory_mb(master: int) -> list[float]:
    """Resident memory of each of the gunicorn master's workers."""
    children = subprocess.run(["ps", "--ppid", str(master), "-o", "rss="], capture_output=True, text=True).stdout
    return [int(kb) / 1024 for kb in children.split()]


def wait_for(base: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            sys.exit("cairn serve stopped: see its output above.")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    sys.exit("cairn serve did not answer /healthz within a minute.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="time each page is loaded for (default 10)")
    parser.add_argument("--users", type=int, default=20, help="concurrent users (default 20)")
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument("--council", default="exampleton", help="the council whose people sign in")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--workers", type=int, help="passed to cairn serve (default: its own)")
    parser.add_argument("--threads", type=int, help="passed to cairn serve (default: its own)")
    args = parser.parse_args()
    if "postgresql" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Set DATABASE_URL to the PostgreSQL database to measure (loaded with `cairn load-demo`).")
    if shutil.which("hey") is None:
        sys.exit("hey is needed to load the pages: apt-get install hey.")
    base = f"http://127.0.0.1:{args.port}"
    pages = targets(args.council)
    log = tempfile.NamedTemporaryFile(prefix="cairn-bench-pages-", suffix=".log", delete=False)
    env = os.environ | {"CAIRN_BENCHMARK_FLOOR": "1", "CAIRN_ALLOWED_HOSTS": "127.0.0.1", "CAIRN_BASE_URL": base}
    command = [sys.executable, "-m", "cairn", "serve", "--bind", f"127.0.0.1:{args.port}"]
    command += [f"--workers={args.workers}"] if args.workers else []
    command += [f"--threads={args.threads}"] if args.threads else []
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True)
    try:
        wait_for(base, server)
        cookies = {role: sign_in(base, role, args.password) for role in ROLES}
        rows = []
        floor = ("floor (hello world)", "/benchmark/floor/", "officer")
        print(f"{len(pages)} pages at {args.users} concurrent users, {args.seconds} s each; server log: {log.name}")
        print("first: the page's first request, drawn afresh; again: the median of the next five, one at a time (a page")
        print("seen again with nothing changed is kept: decision 20); then the load, which is mostly pages seen again")
        print(f"{'page':38} {'first':>8} {'again':>8} {'size':>8} {'p50':>8} {'p95':>8} {'req/s':>8} {'of floor':>8}  codes")
        for name, path, role in [floor, *pages, (floor[0] + ", again", *floor[1:])]:
            cookie = cookies[role] if role else None
            first, single, size = alone(base + path, cookie)
            result = load(base + path, cookie, args.seconds, args.users)
            rows.append((name, result))
            floor_rps = max(r["rps"] for n, r in rows if n.startswith("floor"))
            ms = lambda s: f"{s * 1000:.0f} ms" if s is not None else "-"  # noqa: E731
            print(
                f"{name:38} {ms(first):>8} {ms(single):>8} {size / 1024:6.0f} KB {ms(result['p50']):>8} {ms(result['p95']):>8} "
                f"{result['rps']:8.1f} {result['rps'] / floor_rps:8.1%}  {result['codes']}"
                + (f" errors={result['errors']}" if result["errors"] else ""),
                flush=True,
            )
        memory = worker_memory_mb(server.pid)
        short = [
            name for name, r in rows if not name.startswith("floor")
            and (r["p95"] is None or r["p95"] * 1000 >= P95_TARGET_MS or r["errors"] or set(r["codes"]) - {"200"})
        ]
        print(f"web workers' memory after the run: {', '.join(f'{mb:.0f} MB' for mb in memory)}")
        print(f"floor: {max(r['rps'] for n, r in rows if n.startswith('floor')):.0f} req/s")
        heavy = [f"{mb:.0f} MB" for mb in memory if mb >= MEMORY_TARGET_MB]
        if short or heavy:
            print(f"targets not met: p95 under {P95_TARGET_MS} ms without errors for {', '.join(short) or 'all'}"
                  + (f"; workers over {MEMORY_TARGET_MB} MB: {', '.join(heavy)}" if heavy else ""))
        else:
            print(f"every target met: every page's p95 under {P95_TARGET_MS} ms without errors, workers under "
                  f"{MEMORY_TARGET_MB} MB")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
