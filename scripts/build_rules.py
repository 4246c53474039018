"""Compile the shipped rule sets into ``src/ofsted_timeline/rules/as_built.py``.

    python scripts/build_rules.py

The TOML files beside it are the source of truth (their format is in ``FORMAT.md``). A run of
``oftl`` takes each set from the compiled module, already read and validated, so that it neither
imports a TOML parser nor parses the same files again. Run this after editing a rule file:
``tests/test_rules.py`` fails until the module equals what parsing the TOML gives.
"""

import argparse
import enum
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from python_source import is_named_tuple, literal  # noqa: E402

from ofsted_timeline.rules.catalogue import HERE, PART_SUFFIXES, parse_shipped  # noqa: E402
from ofsted_timeline.rules.model import RuleSet  # noqa: E402

TARGET = HERE / "as_built.py"
COMMAND = "python scripts/build_rules.py"
BLANK = RuleSet("", "", {}, ())  # a rule set's defaults: only what differs is written


def source() -> str:
    """The text of ``as_built.py`` for the rule sets the TOML files give today."""
    classes = {"RuleSet"}

    def special(item: object) -> str | None:
        """Enum members by name; a named tuple (Rule, Offset, ...) in place, only what differs from its defaults."""
        if isinstance(item, enum.Enum):
            classes.add(type(item).__name__)
            return f"{type(item).__name__}.{item.name}"
        if is_named_tuple(item):
            classes.add(type(item).__name__)
            defaults = type(item)._field_defaults
            given = [value(getattr(item, name)) for name in item._fields if name not in defaults]
            given += [
                f"{name}={value(getattr(item, name))}"
                for name in item._fields
                if name in defaults and getattr(item, name) != defaults[name]
            ]
            return f"{type(item).__name__}({', '.join(given)})"
        return None

    def value(item: object) -> str:
        return literal(item, special, (str, int, bool))

    shipped = parse_shipped()
    counts = Counter(rule for rule_set in shipped.values() for rule in rule_set.rules)
    shared = {rule: f"_{index}" for index, rule in enumerate(rule for rule, n in counts.items() if n > 1)}
    periods = {
        name: value(rule_set.period)
        for name, rule_set in shipped.items()
        if not name.endswith(PART_SUFFIXES) and rule_set.period is not None
    }
    builders: list[str] = []
    for name, rule_set in shipped.items():
        renamed = next(other for other in shipped.values() if same_but_name(other, rule_set))  # itself at the latest
        if renamed is not rule_set:  # written once, under the first name
            builders.append(
                f"def {function(name)}() -> RuleSet:  # {renamed.id}, whole, under another name\n"
                f"    return {function(renamed.id)}().replace(id={rule_set.id!r}, title={rule_set.title!r})\n"
            )
            continue
        rules = [f"            {shared.get(rule) or value(rule)},\n" for rule in rule_set.rules]
        settings = [
            f"        {field}={value(getattr(rule_set, field))},\n"
            for field in RuleSet.FIELDS[4:]
            if getattr(rule_set, field) != getattr(BLANK, field) and field != "period"
        ]
        if name in periods:
            settings.append(f"        period=PERIODS[{name!r}],\n")
        elif rule_set.period is not None:
            settings.append(f"        period={value(rule_set.period)},\n")
        builders.append(
            f"def {function(name)}() -> RuleSet:\n"
            "    return RuleSet(\n"
            f"        {rule_set.id!r},\n        {rule_set.title!r},\n        {value(rule_set.sources)},\n"
            f"        (\n{''.join(rules)}        ),\n{''.join(settings)}    )\n"
        )
    lines = [
        '"""The shipped rule sets, read and validated from the TOML files beside this module: written by',
        f"{COMMAND}, do not edit (edit the TOML and run it again). A test checks that each",
        'set equals what parsing its TOML gives; ``catalogue`` makes each from here, once, when asked."""',
        "",
        "# ruff: noqa: E501, I001",
        "# fmt: off",
        "from collections.abc import Callable",
        "from datetime import date",
        "",
        f"from .model import {', '.join(sorted(classes))}",
        "",
        "# Each framework's period, by the day the report is received: choosing one builds no other.",
        "PERIODS = {",
        *(f"    {name!r}: {text}," for name, text in periods.items()),
        "}",
        "",
        "# Rules that more than one set has (carried over unchanged), made once.",
        *(f"{name} = {value(rule)}" for rule, name in shared.items()),
        "",
        "",
        *"\n\n".join(builders).splitlines(),
        "",
        "",
        "RULE_SETS: dict[str, Callable[[], RuleSet]] = {",
        *(f"    {name!r}: {function(name)}," for name in shipped),
        "}",
        "",
    ]
    return "\n".join(lines)


def same_but_name(one: RuleSet, other: RuleSet) -> bool:
    """Every field but the id and title alike, to the type (ilacs-2026-visit carries ilacs-2018-visit over)."""
    return all(repr(getattr(one, field)) == repr(getattr(other, field)) for field in RuleSet.FIELDS[2:])


def function(name: str) -> str:
    """``sif-2017-visit`` -> ``_sif_2017_visit``: the function that makes that set."""
    return "_" + name.replace("-", "_")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    args.output.write_text(source(), encoding="utf-8")
    print(f"{args.output} written from the rule sets in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
