"""The Jinja2 environment: Cairn's templates, the GOV.UK Frontend macros and a few filters."""

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from cairn.accounts import permissions
from cairn.benchmarks import presenters as benchmark_presenters
from cairn.core import presenters
from cairn.core.concurrency import edit_token, submission_token
from cairn.programmes.presenters import slippage
from cairn.reports.presenters import indicator_chart_svg
from cairn.reviews.presenters import savings_to_date


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


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
        static=static, url=url, get_messages=get_messages, permissions=permissions,
        submission_token=submission_token, edit_token=edit_token,
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
