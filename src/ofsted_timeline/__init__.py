"""ofsted-timeline: the statutory timeline after an Ofsted inspection of children's services.

The library is the pure core: a ``Request`` (``request.py`` shows one) taken whole by
``build_timeline`` with a working calendar. ``oftl`` (``cli/``) is a thin shell over it.
"""

from typing import Any

__version__ = "0.2.5"
__all__ = [
    "InputError",
    "Milestone",
    "Request",
    "RuleSet",
    "Timeline",
    "WorkingCalendar",
    "__version__",
    "build_timeline",
    "england_and_wales",
    "load_rule_set",
    "parse_date",
]

_LAZY = {
    "InputError": "errors",
    "Milestone": "timeline",
    "Request": "request",
    "RuleSet": "rules",
    "Timeline": "timeline",
    "WorkingCalendar": "calendar",
    "build_timeline": "timeline",
    "england_and_wales": "calendar",
    "load_rule_set": "rules",
    "parse_date": "dates",
}


def __getattr__(name: str) -> Any:
    """Import the public API on first use, so that ``oftl --help`` does not load the core."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
