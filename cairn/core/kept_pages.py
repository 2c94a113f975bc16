"""Pages whose main content is kept in each web worker's memory, for the person who saw it, until the records change.

A page's main content (its template's `content` block) costs most of its time: the queries behind it and the
rendering of every row. It depends on the records, on who is looking (their roles, and for some pages whether the
records are theirs), on the address with its query, and on the date (what is overdue). So it is kept under exactly
those: the caller's `stamp` names the state of the records (`cairn.audit.stamps`: every change raises it), the person,
the full path and today's date. Nothing kept can then be shown stale; a kept page ages out, or is pushed out by newer
ones, and is never emptied by hand.

The frame around it (header with the person's name, navigation, messages, the sign-out form) is drawn afresh on every
request. Forms inside kept content carry a placeholder for the CSRF token, and inline styles and scripts one for the
Content Security Policy nonce, each replaced by this request's own.
"""

import datetime as dt
import hashlib
import zlib
from collections.abc import Callable

from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.template import loader
from django.utils import timezone
from django.utils.csp import CONTEXT_KEY as CSP_CONTEXT_KEY
from markupsafe import Markup

# Written where a form's CSRF token goes, and replaced before the page leaves: kept content holds no one's token.
TOKEN_PLACEHOLDER = "cairn-csrf-token-placeholder"
NONCE_PLACEHOLDER = "cairn-csp-nonce-placeholder"
MARKS = (Markup("<!--cairn-kept-content-->"), Markup("<!--/cairn-kept-content-->"))
# Kept compressed; content larger than this is not kept (a worker's memory stays bounded: MAX_ENTRIES x this).
LARGEST_KEPT = 256 * 1024


def render_kept(request, template_name: str, *, stamp: str, context: Callable[[], dict], frame: dict,
                today: dt.date | None = None) -> HttpResponse:
    """Render `template_name`, its content block from memory when this person saw this page with the records in this
    state today. `context()` builds what the content needs (called only when it must be drawn); `frame` is what the
    rest of the template needs (the title, the breadcrumbs)."""
    today = today or timezone.localdate()
    key = _key(request, template_name, stamp, today)
    cache = caches["pages"]
    kept = cache.get(key)
    if kept is not None:
        content = Markup(zlib.decompress(kept).decode())
        html = _render(request, "kept.html", {**frame, "kept_template": template_name, "kept_content": content})
    else:
        html = _render(request, template_name, {**frame, **context(), "kept_marks": MARKS})
        start, end = html.index(MARKS[0]), html.index(MARKS[1])
        content = html[start + len(MARKS[0]) : end]
        compressed = zlib.compress(content.encode(), 1)
        if len(compressed) <= LARGEST_KEPT:
            cache.set(key, compressed)
        html = html[:start] + content + html[end + len(MARKS[1]) :]
    if TOKEN_PLACEHOLDER in html:
        html = html.replace(TOKEN_PLACEHOLDER, get_token(request))
    if NONCE_PLACEHOLDER in html:
        html = html.replace(NONCE_PLACEHOLDER, str(get_nonce(request)))
    return HttpResponse(html)


def _key(request, template_name: str, stamp: str, today: dt.date) -> str:
    user = request.user
    who = f"{user.pk}:{','.join(sorted(user.roles))}" if user.is_authenticated else "-"
    parts = "\n".join([template_name, request.get_full_path(), who, stamp, today.isoformat()])
    return "page:" + hashlib.sha256(parts.encode()).hexdigest()


def _render(request, template_name: str, context: dict) -> str:
    """As Django's Jinja2 backend renders with a request, but with placeholders for the CSRF token and CSP nonce."""
    template = loader.get_template(template_name)
    context = {
        **context, "request": request, "csrf_token": TOKEN_PLACEHOLDER,
        "csrf_input": Markup(f'<input type="hidden" name="csrfmiddlewaretoken" value="{TOKEN_PLACEHOLDER}">'),
    }
    for processor in template.backend.template_context_processors:
        context.update(processor(request))
    if context.get(CSP_CONTEXT_KEY) is not None:
        context[CSP_CONTEXT_KEY] = NONCE_PLACEHOLDER
    return template.template.render(context)
