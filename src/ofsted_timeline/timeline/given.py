"""Dates a user gives (done or planned), checked against the rule set: what cannot be true is refused.

Nothing given is dropped or computed with silently. A given date is an input error when
its id names no milestone of the rule set; when it falls before a date it must follow (the
day counted from, or a given date its rule counts forward from: a statement before the
report it answers, visit 2 before visit 1, a visit's report before the visit); or, once
the timeline is built, when the timeline has no such milestone (the fifth of four DfE
reviews), cannot date it, or leaves it out.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping, Sequence

from ..dates import format_day
from ..errors import InputError
from ..rules import PLACEHOLDER, Rule, RuleSet


def check_given(rule_set: RuleSet, start: dt.date, actuals: Mapping[str, dt.date]) -> None:
    """Refuse unknown ids and dates before what they follow, before any date is computed."""
    for key in actuals:
        _owner(rule_set, key)
    for key, day in actuals.items():
        for anchor, earlier in _follows(rule_set, key, start, actuals):
            if day < earlier:
                what = (
                    f"the day counted from ({rule_set.root.title} {format_day(start)})"
                    if anchor is None
                    else f"{anchor} (given as {format_day(earlier)})"
                )
                raise InputError(
                    f"{key} is given as {format_day(day)}, before {what}, which it follows: check the dates"
                )


def check_dated(
    rule_set: RuleSet,
    actuals: Mapping[str, dt.date],
    dated: Sequence[str],
    undated: Mapping[str, str],
    left_out: Mapping[str, str],
) -> None:
    """Refuse a given date that the built timeline has no milestone for.

    ``dated`` are the milestone ids; ``undated`` maps a rule id to the anchor it still
    needs; ``left_out`` maps a rule id to why it does not apply.
    """
    ids = set(dated)
    for key in actuals:
        if key in ids:
            continue
        rule, _ = rule_set.rule_of(key)
        if rule.id in undated:
            raise InputError(f"{key} is given, but it has no date until {undated[rule.id]} is given: give that too")
        if rule.id in left_out:
            raise InputError(f"{key} is given, but it does not apply: {left_out[rule.id]}")
        siblings = [milestone for milestone in dated if rule_set.rule_of(milestone)[0] is rule]
        raise InputError(f"no {key} in this timeline: the dates of '{rule.id}' are {', '.join(siblings)}")


def _owner(rule_set: RuleSet, key: str) -> tuple[Rule, int | None]:
    try:
        return rule_set.rule_of(key)
    except KeyError:
        ids = [rule.id for rule in rule_set.rules] + [pattern.text for pattern in rule_set.patterns]
        close = difflib.get_close_matches(key, ids, n=3)
        hint = f"did you mean {' or '.join(close)}?" if close else f"the ids are {', '.join(ids)}"
        raise InputError(f"no milestone '{key}' in {rule_set.id}: {hint}") from None


def _follows(
    rule_set: RuleSet, key: str, start: dt.date, actuals: Mapping[str, dt.date]
) -> Iterator[tuple[str | None, dt.date]]:
    """The given dates (and the day counted from, as None) that ``key`` counts forward from,
    nearest first, with their ids: worded only when one is refused.

    Walks back through the rules its bounds count forward from (offset >= 0), stopping at
    each given date; a rule that counts backwards (an agenda before its visit) sets no
    lower bound. Iterative: a series of hundreds of occurrences walks one step each.
    """
    root = rule_set.root
    pending, seen = [rule_set.rule_of(key)], set()
    while pending:
        rule, number = pending.pop()
        for offset in dict.fromkeys((rule.earliest, rule.latest)):
            if offset.offset < 0:
                continue
            anchor = _anchor_of(rule_set, rule, number, offset.anchor)
            if anchor == root.id:
                yield None, start
            elif anchor in actuals and offset.point != "computed":
                yield anchor, actuals[anchor]
            elif anchor not in seen:
                seen.add(anchor)
                pending.append(rule_set.rule_of(anchor))


def _anchor_of(rule_set: RuleSet, rule: Rule, number: int | None, anchor: str) -> str:
    """The milestone an occurrence counts from: the occurrence before it in its own series
    (``mv3`` follows ``mv2``), or the same occurrence of the series it is anchored on
    (``mv-report-3`` follows ``mv3``)."""
    if number is None or anchor == rule_set.root.id:
        return anchor
    repeat = rule.repeat
    if repeat is not None:
        return repeat.id.replace(PLACEHOLDER, str(number - 1)) if number > repeat.first else anchor
    anchored, occurrence = rule_set.rule_of(anchor)
    series = anchored.repeat
    return series.id.replace(PLACEHOLDER, str(number)) if series is not None and occurrence is None else anchor
