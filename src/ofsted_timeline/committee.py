"""The committee rules ``oftl meeting`` ships, and what they are to another council (pure).

They are one council's standing orders (Barnet's, from its agenda front page and constitution),
shipped as an example. For another authority they are said to be Barnet's in every format: the
rule set's title, the reason it applies, each rule's source and note, and each rule is marked
unverified, since no source of that authority's proves it. Nothing of Barnet's is cited as theirs.

>>> from ofsted_timeline.rules import load_rule_set
>>> example, reason = as_example(load_rule_set(RULES), "Bradford")
>>> example.get("public-questions").unverified, example.title
(True, "Barnet's committee rule, an example, not Bradford's: public questions and comments to a committee")
"""

from __future__ import annotations

from .rules import RuleSet

__all__ = ["OWNER", "RULES", "as_example", "owner_reason"]

RULES = "barnet-committee"
OWNER = "Barnet"  # whose standing orders the shipped committee rules are
WHAT = "public questions and comments to a committee"


def owner_reason() -> str:
    """Why the shipped rules apply when no other authority is named."""
    return f"Rules {RULES}: {OWNER}'s; another council may set other terms (add yours with --rules)."


def as_example(rule_set: RuleSet, authority: str) -> tuple[RuleSet, str]:
    """The shipped rules as shown to ``authority``: an example, said to be Barnet's, each rule
    unverified for it; and the reason, which says so."""
    told = f"{OWNER}'s standing orders; {authority}'s may set other terms: give them with --rules."
    rules = tuple(
        rule._replace(
            source=f"none of {authority}'s: {OWNER}'s rule ({rule.source}), shown as an example",
            note=" ".join(filter(None, (rule.note, told))),
            unverified=True,
        )
        for rule in rule_set.rules
    )
    reason = (
        f"Rules {RULES}: {OWNER}'s standing orders, an example, not {authority}'s: "
        f"{authority}'s own may set other terms (give them with --rules)."
    )
    title = f"{OWNER}'s committee rule, an example, not {authority}'s: {WHAT}"
    return rule_set.replace(rules=rules, title=title), reason
