"""The README's examples are what the CLI prints today (regenerate: scripts/update_readme.py)."""

import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import update_readme  # noqa: E402

EXAMPLES = update_readme.examples((ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_has_examples():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize(("args", "shown"), EXAMPLES, ids=[args for args, _ in EXAMPLES])
def test_readme_example_is_current(args, shown):
    assert update_readme.run(args) == shown, "README example is stale: run python scripts/update_readme.py"


def test_readme_has_exactly_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv")]
    assert len(commands) == 2
    assert "oftl deadlines --received 2017-07-07" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
