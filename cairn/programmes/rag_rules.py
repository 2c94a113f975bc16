"""Ordered RAG rules for an indicator, written one a line, as councils write them:

    Green if at least 100% of target
    Amber if at least 90% of target
    Green if better than neighbours
    Amber if better than England

The first rule that holds gives the RAG; when none holds, the reading is red. "Of target" compares the value with the
target the way the indicator's polarity says: value / target where higher is better, target / value where lower is.
"Better than neighbours" (or England) compares with the latest published figure of the indicator's benchmark: the
mean of the council's statistical neighbours, or England's. A rule that cannot be judged (no target, no benchmark, or
no polarity) does not hold.
"""

import re
from decimal import Decimal

RAGS = {"green": "G", "amber": "A", "red": "R"}
NAMES = {value: key.capitalize() for key, value in RAGS.items()}
RULE = re.compile(
    r"^\s*(?P<rag>green|amber|red)\s+if\s+(?:"
    r"at\s+least\s+(?P<percent>\d+(?:\.\d+)?)\s*%\s+of\s+(?:the\s+)?target"
    r"|better\s+than\s+(?:the\s+|our\s+)?(?P<against>neighbours|statistical\s+neighbours|england))\s*\.?\s*$",
    re.IGNORECASE,
)


def parse_rules(text: str) -> list[dict]:
    """The rules in `text`, in order; raise ValueError naming the first line that is not a rule."""
    rules = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = RULE.match(line)
        if match is None:
            raise ValueError(
                f'Line {number} ("{line.strip()}") is not a rule: write, for example, "Amber if at least 90% of '
                'target" or "Green if better than neighbours"'
            )
        rag = RAGS[match["rag"].lower()]
        if match["percent"]:
            rules.append({"rag": rag, "test": "target", "percent": match["percent"]})
        else:
            against = "england" if match["against"].lower() == "england" else "neighbours"
            rules.append({"rag": rag, "test": against})
    return rules


def describe_rules(rules: list[dict]) -> str:
    """The rules as they are written, one a line."""
    lines = []
    for rule in rules or []:
        if rule["test"] == "target":
            lines.append(f"{NAMES[rule['rag']]} if at least {rule['percent']}% of target")
        else:
            lines.append(f"{NAMES[rule['rag']]} if better than {'England' if rule['test'] == 'england' else 'neighbours'}")
    return "\n".join(lines)


def rag_by_rules(rules: list[dict], value: Decimal | None, *, higher_is_better: bool | None, target: Decimal | None,
                 neighbours: Decimal | None = None, england: Decimal | None = None) -> str:
    """The RAG of the first rule that holds, red when none does; empty without a value."""
    if value is None:
        return ""
    for rule in rules:
        if _holds(rule, value, higher_is_better, target, {"neighbours": neighbours, "england": england}):
            return rule["rag"]
    return "R"


def _holds(rule: dict, value: Decimal, higher_is_better: bool | None, target, published: dict) -> bool:
    if higher_is_better is None:
        return False
    if rule["test"] == "target":
        if target is None or target == 0 or (not higher_is_better and value == 0):
            return False
        achieved = value / target if higher_is_better else target / value
        return achieved * 100 >= Decimal(rule["percent"])
    other = published.get(rule["test"])
    if other is None:
        return False
    return value > other if higher_is_better else value < other
