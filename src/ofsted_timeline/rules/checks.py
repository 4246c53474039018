"""A rule set's rules hold together: every anchor and condition exists, ids are unique and no
two rules name the same milestone, and no rule depends on itself."""

from ..errors import InputError
from .model import RuleSet

# Ids the calendar export derives from a milestone's for its other events (the date given; a
# long window's opening and closing days): no rule's id may end so, or two events share a UID.
GIVEN_SUFFIX, OPENS_SUFFIX, CLOSES_SUFFIX = "-given", "-opens", "-closes"


def check_references(rule_set: RuleSet, source: str) -> None:
    """Every anchor and condition exists, ids are unique, and no rule depends on itself."""
    root = rule_set.root.id
    seen: set[str] = set()
    for rule in rule_set.rules:
        if rule.id in seen or rule.id == root:
            raise InputError(f"{source}: rule '{rule.id}' is defined twice: give each rule its own id")
        seen.add(rule.id)
        for rule_id in (rule.id, rule.repeat.id if rule.repeat else ""):
            suffix = next((end for end in (GIVEN_SUFFIX, OPENS_SUFFIX, CLOSES_SUFFIX) if rule_id.endswith(end)), None)
            if suffix is not None:
                raise InputError(
                    f"{source}: rule '{rule.id}': id {rule_id} ends with '{suffix}', which calendars use for "
                    "another event of a milestone: choose another id"
                )
    _check_occurrence_ids(rule_set, source)
    for rule in rule_set.rules:
        until = [rule.repeat.until] if rule.repeat and rule.repeat.until else []
        for anchor in [*rule.anchors, *until]:
            try:
                occurrence = rule_set.series_of(anchor)
            except InputError as error:
                raise InputError(f"{source}: rule '{rule.id}' is anchored on {error}") from None
            if anchor != root and anchor not in seen and occurrence is None:
                raise InputError(
                    f"{source}: rule '{rule.id}' is anchored on '{anchor}', which is neither "
                    f"'{root}' nor a rule id: use one of {', '.join(sorted(seen))}"
                )
        if rule.unless and rule.unless not in rule_set.conditions:
            raise InputError(
                f"{source}: rule '{rule.id}': unless names '{rule.unless}', which is not under [conditions]"
            )
    for rule in rule_set.rules:
        _walk(rule_set, rule.id, (), source)


def _check_occurrence_ids(rule_set: RuleSet, source: str) -> None:
    """No two rules may name the same milestone: a rule id that is also an occurrence of a
    series (a local ``mv5``), or two series whose numbered ids meet (a local ``mv{n}``)."""
    patterns = rule_set.patterns
    for pattern in patterns:
        for rule in rule_set.rules:
            if rule is not pattern.rule and pattern.number(rule.id) is not None:
                raise InputError(
                    f"{source}: rule '{rule.id}' has the id of an occurrence of rule '{pattern.rule.id}' "
                    f"({pattern.text}): give it another id"
                )
        for other in patterns:
            samples = (f"{other.prefix}{n}{other.suffix}" for n in range(other.first, other.first + 100))
            if other.rule is not pattern.rule and any(pattern.number(sample) is not None for sample in samples):
                raise InputError(
                    f"{source}: rule '{other.rule.id}' numbers its dates {other.text}, which rule "
                    f"'{pattern.rule.id}' ({pattern.text}) uses too: give it other ids"
                )


def _walk(rule_set: RuleSet, rule_id: str, path: tuple[str, ...], source: str) -> None:
    if rule_id in path:
        cycle = " -> ".join((*path[path.index(rule_id) :], rule_id))
        raise InputError(f"{source}: rules are anchored in a circle ({cycle}): anchor one of them elsewhere")
    for anchor in rule_set.get(rule_id).anchors:
        if anchor == rule_set.root.id:
            continue
        series = rule_set.series_of(anchor)
        _walk(rule_set, series[0].id if series else anchor, (*path, rule_id), source)
