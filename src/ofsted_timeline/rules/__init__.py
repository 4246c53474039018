"""Rule sets as data: typed rules with their sources (``model``), read from TOML (``parser``,
format in ``FORMAT.md``), the shipped ones compiled from theirs (``catalogue``, ``as_built``)."""

from typing import TYPE_CHECKING, Any

from .catalogue import (
    DEFAULT_FRAMEWORK,
    PART_SUFFIXES,
    available,
    choose,
    framework_for,
    frameworks,
    load_rule_set,
    period_text,
    trigger_sentence,
)
from .model import (
    MAX_SERIES_NUMBER,
    PLACEHOLDER,
    RECEIPT,
    RECEIPT_ROOT,
    GivenWindow,
    Kind,
    Offset,
    Owner,
    Pattern,
    Period,
    PersistentFailure,
    Point,
    Repeat,
    Roll,
    Root,
    Rule,
    RuleSet,
    Unit,
    any_number,
)

if TYPE_CHECKING:
    from .parser import KEYS, parse_rule_set

__all__ = [
    "DEFAULT_FRAMEWORK",
    "KEYS",
    "MAX_SERIES_NUMBER",
    "PART_SUFFIXES",
    "PLACEHOLDER",
    "RECEIPT",
    "RECEIPT_ROOT",
    "GivenWindow",
    "Kind",
    "Offset",
    "Owner",
    "Pattern",
    "Period",
    "PersistentFailure",
    "Point",
    "Repeat",
    "Roll",
    "Root",
    "Rule",
    "RuleSet",
    "Unit",
    "any_number",
    "available",
    "choose",
    "framework_for",
    "frameworks",
    "load_rule_set",
    "parse_rule_set",
    "period_text",
    "trigger_sentence",
]


def __getattr__(name: str) -> Any:
    """The parser on first use: only a user's own rules file needs it (and tomllib), not a run
    on the shipped sets."""
    if name in ("KEYS", "parse_rule_set"):
        from . import parser

        return getattr(parser, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
