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
from .model import *  # noqa: F403 (the types and constants of rules, as model.__all__ lists them)
from .model import __all__ as MODEL_NAMES

if TYPE_CHECKING:
    from .parser import KEYS, parse_rule_set

__all__ = [
    *MODEL_NAMES,
    "DEFAULT_FRAMEWORK",
    "KEYS",
    "PART_SUFFIXES",
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
