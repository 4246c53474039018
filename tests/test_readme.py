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


README_TEXT = (ROOT / "README.md").read_text(encoding="utf-8")


def test_examples_are_rendered_80_columns_wide():
    """What a reader's terminal and a pipe default to (issue 22): the tables and the one-line view
    are laid out for 80 columns (plain lines such as explain's wrap the same at any width)."""
    assert update_readme.ENV["COLUMNS"] == "80"
    laid_out = [
        (args, shown)
        for args, shown in EXAMPLES
        if args.split()[0] in ("deadlines", "meeting", "history") and "--format" not in args
    ]
    assert len(laid_out) >= 4
    assert [line for _, shown in laid_out for line in shown.splitlines() if len(line) > 80] == []


def test_changelog_version_is_the_version():
    import tomllib

    from ofsted_timeline import __version__

    changelog = README_TEXT[README_TEXT.index("## Changelog") :]
    newest = next(line for line in changelog.splitlines() if line.startswith("### "))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert newest == f"### {__version__}" and project == __version__
    assert update_readme.run("--version") == f"oftl {__version__}\n"


def test_the_days_explain_lists_are_counted_right():
    said = int(README_TEXT.split("`oftl explain wsoa --received 2017-07-07` lists all ")[1].split()[0])
    trail = update_readme.run("explain wsoa --received 2017-07-07 --as-of 2017-09-01").splitlines()
    days = [line for line in trail if line[:6].strip() in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")]
    assert said == len(days) == 102  # Fri 7 Jul 2017 (day 0) to Mon 16 Oct 2017 (day 70), both included


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("check", "oftl check [OPTIONS] PLAN"),
        ("batch", "oftl batch [OPTIONS] FILE"),
        ("explain", "oftl explain [OPTIONS] ID"),
    ],
)
def test_usage_lines_name_their_arguments(command, usage):
    assert update_readme.run(f"{command} --help").splitlines()[0] == f"Usage: {usage}"


def test_history_as_of_says_what_it_does_for_the_history():
    text = " ".join(update_readme.run("history --help").split())
    assert (
        "status of each milestone" not in text and "--as-of DATE Count only the reports published by this day" in text
    )


def test_command_table_lists_every_format_deadlines_writes():
    from ofsted_timeline.render.registry import Format

    row = next(line for line in README_TEXT.splitlines() if line.startswith("| `oftl deadlines --received DATE`"))
    assert all(f"`{form.value}`" in row or f"`--format {form.value}`" in row for form in Format)


def test_an_unknown_output_extension_is_said_to_be_an_error(tmp_path):
    assert "Any other extension is an error (exit 2)" in " ".join(README_TEXT.split())
    result = update_readme.CliRunner().invoke(
        update_readme.app, ["deadlines", "--received", "2017-07-07", "-o", str(tmp_path / "x.foo")]
    )
    assert result.exit_code == 2 and not (tmp_path / "x.foo").exists()
