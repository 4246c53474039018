"""ofsted-timeline: the statutory timeline after an Ofsted inspection of children's services.

The library is the pure core; ``oftl`` (``cli.py``) is a thin shell over it.

>>> import datetime as dt
>>> from ofsted_timeline import build_timeline, england_and_wales, load_rule_set
>>> rules, calendar = load_rule_set("sif-2017"), england_and_wales()
>>> timeline = build_timeline(dt.date(2017, 7, 7), rules, calendar, as_of=dt.date(2017, 9, 1))
>>> timeline.milestone("wsoa").latest
datetime.date(2017, 10, 16)
"""

from typing import Any

__version__ = "0.2.0"
__all__ = [
    "InputError",
    "Milestone",
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
