"""The shipped rule set, and one-line errors for every kind of bad rule file."""

import os
import pathlib
import re
import subprocess
import sys

import pytest

from ofsted_timeline.errors import InputError
from ofsted_timeline.rules import KEYS, available, frameworks, load_rule_set, parse_rule_set

RULE_IDS = [
    "publish-report",
    "apv-window",
    "apv-agenda",
    "wsoa",
    "mv1",
    "mv1-report",
    "mv-quarterly",
    "mv-report",
    "reinspection",
    "dfe-improvement-plan",
    "dfe-review",
    "reinspection-planning",  # included from sif-2017-reinspection
    "reinspection-notice",
    "reinspection-fieldwork",
]


def test_sif_2017_ships_the_rules_of_rules_md(sif):
    assert frameworks() == ["ilacs-2018", "ilacs-2026", "sif-2017"]
    assert set(available()) >= {"barnet-committee", "sif-2017", "sif-2017-reinspection", "sif-2017-visit"}
    assert [rule.id for rule in sif.rules] == RULE_IDS
    assert sif.get("wsoa").kind == "statutory"
    assert sif.get("publish-report").kind == "statutory"
    assert sif.get("mv1").kind == "expected"


def test_every_rule_cites_a_source_named_in_the_set(sif):
    for rule in sif.rules:
        assert any(short in rule.source for short in sif.sources), rule.id


def test_windows_and_offsets_are_data(sif):
    apv = sif.get("apv-window")
    assert (apv.earliest.offset, apv.latest.offset, apv.latest.unit) == (25, 35, "working days")
    assert sif.get("wsoa").latest.offset == 70
    assert sif.get("mv1").latest.point == "computed"


def test_series_ids_resolve(sif):
    rule, number = sif.series_of("mv4")
    assert (rule.id, number) == ("mv-quarterly", 4)
    assert sif.series_of("mv1") is None  # mv1 is its own rule
    assert sif.series_of("dfe-review-2")[1] == 2
    assert sif.series_of("mvx") is None


def test_unknown_framework_lists_the_choices():
    with pytest.raises(InputError, match="unknown framework 'ilacs'.*sif-2017"):
        load_rule_set("ilacs")


VALID_RULE = """
id = "x"
title = "Test"
[[rules]]
id = "a"
title = "A"
short = "a"
kind = "statutory"
by = "authority"
date = { anchor = "receipt", offset = 5, unit = "working days" }
source = "Test 1"
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id = ", "not valid TOML"),
        ('id = "x"\ntitle = "T"\n', "rules is missing"),
        (VALID_RULE.replace('unit = "working days"', 'unit = "fortnights"'), "rule 'a': date.unit is 'fortnights'"),
        (VALID_RULE.replace('kind = "statutory"', 'kind = "urgent"'), "rule 'a': kind is 'urgent'"),
        (VALID_RULE.replace('source = "Test 1"', ""), "rule 'a': source is missing"),
        (VALID_RULE.replace("offset = 5, ", ""), "rule 'a': date.offset is missing"),
        (VALID_RULE.replace("offset = 5", 'offset = "5"'), "date.offset is missing or not a whole number"),
        (VALID_RULE.replace("date = {", "when = {"), "rule 'a': when is not a known key: use id, title"),
        (VALID_RULE.replace('date = { anchor = "receipt", offset = 5, unit = "working days" }', ""), "date is missing"),
        (VALID_RULE.replace('anchor = "receipt"', 'anchor = "nowhere"'), "anchored on 'nowhere'"),
        (VALID_RULE + VALID_RULE.split("\n", 3)[3], "rule 'a' is defined twice"),
        (
            VALID_RULE.replace('anchor = "receipt"', 'anchor = "b"')
            + VALID_RULE.split("\n", 3)[3]
            .replace('id = "a"', 'id = "b"')
            .replace('anchor = "receipt"', 'anchor = "a"'),
            r"anchored in a circle \(a -> b -> a\)",
        ),
        (VALID_RULE.replace('unit = "working days"', 'unit = "working days", time = "4pm"'), "date.time is '4pm'"),
        (VALID_RULE.replace('unit = "working days"', 'unit = "working days", time = "24:00"'), "date.time is '24:00'"),
        (VALID_RULE + 'unless = "first-visit"\n', "unless names 'first-visit', which is not under \\[conditions\\]"),
        (VALID_RULE.replace('title = "Test"', 'title = "Test"\nroot = 3'), "root must be a table"),
        (
            VALID_RULE.replace(
                'title = "Test"', 'title = "Test"\nroot = { id = "d", title = "D", label = "d", field = "d" }'
            ),
            "anchored on 'receipt', which is neither 'd' nor a rule id",
        ),
        (
            VALID_RULE.replace(
                'title = "Test"',
                'title = "Test"\nroot = { id = "receipt", title = "R", label = "r", field = "r", weekday = "Mon" }',
            ),
            "root.weekday is 'Mon'",
        ),
        (
            VALID_RULE.replace('title = "Test"', 'title = "Test"\n[[include]]\nrules = "sif-2017-reinspection"\n'),
            "anchored on 'receipt', which is neither 'fieldwork' nor a rule id",
        ),
        (
            VALID_RULE.replace(
                'title = "Test"',
                'title = "Test"\n[[include]]\nrules = "sif-2017-reinspection"\non = "a"\nonly = ["x"]\n',
            ),
            "include\\[1\\].only names rules that sif-2017-reinspection does not have: x",
        ),
    ],
)
def test_bad_rule_files_fail_with_one_line_naming_the_rule_and_field(text, message):
    with pytest.raises(InputError, match=message) as raised:
        parse_rule_set(text, "my-rules.toml", include=load_rule_set)
    assert "\n" not in str(raised.value)
    assert str(raised.value).startswith("my-rules.toml")


def test_include_re_anchors_the_included_root_on_an_actual_date(sif):
    notice = sif.get("reinspection-notice")
    assert (notice.latest.anchor, notice.latest.point, notice.latest.offset) == ("reinspection", "actual", -2)
    assert "Handbook" in sif.sources


def test_times_conditions_and_roots_are_data():
    visit = load_rule_set("sif-2017-visit")
    assert visit.root.id == "onsite"
    assert visit.get("draft-report").latest.time == "16:00"
    assert visit.get("publication").unless == "first-visit" and "first-visit" in visit.conditions
    assert load_rule_set("sif-2017-reinspection").root.weekday == "Monday"


FORMAT = pathlib.Path(__file__).resolve().parent.parent / "src" / "ofsted_timeline" / "rules" / "FORMAT.md"
SECTIONS = {
    "Rule set": "rule set",
    "Rules file": "rules file",
    "Rule": "rule",
    "Offset": "offset",
    "Repeat": "repeat",
    "After given": "after_given",
    "Include": "include",
    "Root": "root",
    "Period": "period",
    "Persistent failure": "persistent_failure",
}


def test_the_format_page_names_every_key_the_parser_accepts():
    """FORMAT.md is the one description of the rule-file format: it cannot drift from the parser."""
    named: dict[str, list[str]] = {}
    section = None
    for line in FORMAT.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = SECTIONS.get(line[3:])
            named.setdefault(section, [])
        elif section and (key := re.match(r"- `([a-z_]+)`:", line)):
            named[section].append(key.group(1))
    named.pop(None, None)
    assert {kind: tuple(keys) for kind, keys in named.items()} == KEYS


REBUILD = "the shipped rule sets' TOML and rules/as_built.py differ: run python scripts/build_rules.py"


def test_the_compiled_rule_sets_equal_their_toml():
    """A run loads ``as_built.py``, not the TOML: every shipped set and every field of it (types
    too, by repr) as parsing the TOML gives it today, and each framework's period."""
    from ofsted_timeline.rules import RuleSet, as_built
    from ofsted_timeline.rules.catalogue import parse_shipped

    parsed = parse_shipped()
    assert sorted(as_built.RULE_SETS) == list(parsed) == available(), REBUILD
    for name, expected in parsed.items():
        compiled = as_built.RULE_SETS[name]()
        for field in RuleSet.FIELDS:
            want, got = getattr(expected, field), getattr(compiled, field)
            assert (got, repr(got)) == (want, repr(want)), f"{name} {field}: {REBUILD}"
    periods = {name: parsed[name].period for name in frameworks() if parsed[name].period is not None}
    assert periods == as_built.PERIODS, REBUILD
    assert all(load_rule_set(name).period is period for name, period in as_built.PERIODS.items())


def test_the_compiled_rule_sets_are_what_the_script_writes():
    """Not edited by hand, and the script's own output unchanged since it last ran."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "scripts"))
    import build_rules

    assert build_rules.TARGET.read_text(encoding="utf-8") == build_rules.source(), REBUILD


def test_a_timeline_on_the_shipped_rules_imports_no_toml_parser():
    """The compiled sets are the point: ``deadlines --format json`` (and choosing any shipped set)
    imports neither tomllib nor the rule-file parser, which a user's own rules file still uses."""
    command = ["deadlines", "--received", "2017-07-07", "--authority", "Barnet", "--format", "json"]
    source_tree = {**os.environ, "PYTHONPATH": str(pathlib.Path(__file__).resolve().parent.parent / "src")}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ofsted_timeline", *command],
        capture_output=True, text=True, check=True, env=source_tree,
    )  # fmt: skip
    imported = {line.rpartition("|")[2].strip() for line in result.stderr.splitlines()}
    assert "ofsted_timeline.rules.as_built" in imported
    unwanted = imported & {"tomllib", "ofsted_timeline.rules.parser", "ofsted_timeline.rules.checks"}
    assert not unwanted, f"a json run on the shipped rules imports {', '.join(sorted(unwanted))}"


def test_a_rule_set_is_frozen_compared_by_identity_and_replaced_whole(sif):
    """Timelines memoise plans per rule set, keyed by the set itself: two equal sets are two keys,
    and a set never changes under its memo; ``replace`` builds a copy's lookups anew."""
    import inspect

    from ofsted_timeline.rules import RuleSet

    copy = sif.replace()
    assert copy is not sif and copy != sif and {sif: 1, copy: 2}[sif] == 1
    assert all(getattr(copy, field) == getattr(sif, field) for field in RuleSet.FIELDS)
    with pytest.raises(AttributeError, match="not changed once made"):
        sif.title = "changed"
    with pytest.raises(AttributeError, match="not changed once made"):
        del sif.plans
    with pytest.raises(TypeError, match="no field titel"):
        sif.replace(titel="changed")
    one = sif.replace(rules=sif.rules[:1])
    assert list(one.by_id) == ["publish-report"] and one.patterns == () and one.title == sif.title
    assert tuple(inspect.signature(RuleSet).parameters) == RuleSet.FIELDS  # __init__ fills the slots in this order
