"""The Jinja2 environment: Cairn's templates, the GOV.UK Frontend macros and a few filters."""

import functools

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import Markup, escape

from cairn.accounts import permissions
from cairn.accounts.presenters import council_logo_url
from cairn.benchmarks import presenters as benchmark_presenters
from cairn.core import presenters
from cairn.core.concurrency import edit_token, submission_token
from cairn.programmes.presenters import slippage
from cairn.reports.presenters import indicator_chart_svg
from cairn.reviews.presenters import savings_to_date


# A page of rows links each row several times, and `reverse` resolves the pattern every time: for whole-number
# arguments (record ids) the address is built once with stand-ins and then filled in.
_STAND_IN = 918273645
_shapes: dict[tuple, list[str] | None] = {}


def url(name: str, *args, **kwargs) -> str:
    if kwargs:
        return reverse(name, kwargs=kwargs)
    if not args or any(type(arg) is not int or arg < 0 for arg in args):
        if all(type(arg) in (int, str) for arg in args):
            return _remembered(name, args, get_script_prefix(), get_urlconf())
        return reverse(name, args=args)
    key = (name, len(args), get_script_prefix(), get_urlconf())
    if key not in _shapes:
        _shapes[key] = _shape(name, len(args))
    parts = _shapes[key]
    if parts is None:
        return reverse(name, args=args)
    built = [parts[0]]
    for arg, part in zip(args, parts[1:], strict=True):
        built += [str(arg), part]
    return "".join(built)


@functools.lru_cache(maxsize=2048)
def _remembered(name: str, args: tuple, prefix: str, urlconf) -> str:
    """Addresses without arguments or with words in them (a paper's kind, a council's slug): the same few are linked
    many times on a page (a review's papers, once per round)."""
    return reverse(name, args=args or None)


def _shape(name: str, count: int) -> list[str] | None:
    """The address of `name` cut where each of its `count` arguments goes, or None where that cannot be done safely
    (a pattern that takes only some numbers, or an argument that appears other than once)."""
    stand_ins = [str(_STAND_IN + index) for index in range(count)]
    try:
        address = reverse(name, args=[int(s) for s in stand_ins])
    except NoReverseMatch:
        return None
    parts, rest = [], address
    for stand_in in stand_ins:
        if rest.count(stand_in) != 1:
            return None
        before, rest = rest.split(stand_in)
        parts.append(before)
    return [*parts, rest]


def govuk_tag(params: dict) -> Markup:
    """GOV.UK's tag component (text or html, and classes), written out: lists show one on every row, and the
    component's macro costs more than the rest of the row."""
    if params.get("attributes"):
        raise ValueError("govukTag here takes text or html and classes only")
    classes = f" {params['classes']}" if params.get("classes") else ""
    body = Markup(params["html"]).strip() if params.get("html") else escape(params.get("text", ""))
    return Markup(f'<strong class="govuk-tag{classes}">{body}</strong>')


def environment(**options) -> Environment:
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = Environment(**options)
    env.globals.update(
        static=static, url=url, govukTag=govuk_tag, get_messages=get_messages, permissions=permissions,
        submission_token=submission_token, edit_token=edit_token, council_logo_url=council_logo_url,
    )
    env.filters.update(
        uk_date=presenters.uk_date,
        lines=presenters.lines,
        uk_datetime=presenters.uk_datetime,
        money=presenters.money,
        due=presenters.due,
        month_label=presenters.month_label,
        phase_colour=presenters.phase_colour,
        indicator_chart=indicator_chart_svg,
        savings_to_date=savings_to_date,
        slippage=slippage,
        figure=benchmark_presenters.figure,
    )
    return env
