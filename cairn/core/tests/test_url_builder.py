"""Templates' `url()` builds record addresses from a remembered shape: it must give exactly what `reverse` gives, for
every named address that takes whole numbers."""

import random

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cairn.config.jinja2 import url


def named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.pattern


def test_matches_reverse_for_every_address_that_takes_numbers():
    checked = 0
    numbers = random.Random(7)
    for name, pattern in named_patterns():
        converters = getattr(pattern, "converters", {})
        if not converters or not all(type(c).__name__ == "IntConverter" for c in converters.values()):
            continue
        for _ in range(3):
            args = [numbers.choice([0, 1, 7, 42, 918273645, 10**9 + 3]) for _ in converters]
            assert url(name, *args) == reverse(name, args=args), name
        checked += 1
    assert checked > 50  # the record pages of every app


def test_other_arguments_go_through_reverse():
    assert url("home:home") == reverse("home:home")
    assert url("public:round", "exampleton", 4) == reverse("public:round", args=["exampleton", 4])


def test_words_in_addresses_are_remembered_exactly():
    for _ in range(2):
        assert url("reports:download", "progress-update", 6) == reverse("reports:download", args=["progress-update", 6])
        assert url("reports:download", "action-plan", 6) == reverse("reports:download", args=["action-plan", 6])
