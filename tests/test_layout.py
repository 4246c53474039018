"""``--details`` and ``oftl history`` printed where rich writes no colour (a pipe, a file, tests)
are laid out without rich (render/layout.py, render/plain.py): the same bytes as rich, the same
width as rich's ``Console()`` takes, and rich is not imported. tests/property/test_layout_properties.py
compares the two on generated tables."""

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from ofsted_timeline.cli.gather import ReceiptOptions, receipt_timeline
from ofsted_timeline.cli.history import _definition
from ofsted_timeline.cli.timelines import EXPLAIN_HINT, needs
from ofsted_timeline.history import authority_view, load, national
from ofsted_timeline.render.as_details import timeline_table
from ofsted_timeline.render.as_table import Escaped
from ofsted_timeline.render.history.history_table import authority_table, national_table
from ofsted_timeline.render.layout import Blocks, Grid, Line, plain_width

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "barnet-plan.toml"
TIMELINES = [  # received, as of, authority, plan: every framework, dates given, alerts, notes, none
    ("2015-03-02", "2015-04-01", "Barnet", None),
    ("2017-07-07", "2017-09-01", "Barnet", None),
    ("2017-07-07", "2026-11-26", None, None),
    (None, "2017-10-20", None, PLAN),
    (None, "2019-06-01", None, PLAN),
    ("2018-10-29", "2026-11-26", "Bradford", None),
    ("2018-10-29", "2019-01-02", "Nowhere at all", None),
    ("2023-05-09", "2023-08-20", "Stockton-on-Tees", None),
    ("2026-05-01", "2026-06-01", "Birmingham", None),
    ("2027-12-24", "2027-12-24", None, None),
]


def rich_text(renderable, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(Escaped(renderable))
    return console.file.getvalue()


@pytest.mark.parametrize(("received", "as_of", "authority", "plan"), TIMELINES)
def test_the_details_table_is_rich_s_bytes_at_any_width(received, as_of, authority, plan):
    timeline = receipt_timeline(ReceiptOptions(received=received, as_of=as_of, plan=plan, authority=authority), None)
    blocks = timeline_table(timeline, needs(), EXPLAIN_HINT)
    for width in (30, 50, 64, 72, 80, 90, 100, 120, 160, 250):
        plain = blocks.plain(width)
        assert plain is None or plain == rich_text(blocks.rich(), width), width
        assert plain is not None or width < 100, width  # narrower, a word may need cutting: rich writes it


@pytest.mark.parametrize("as_of", ["2014-09-01", "2017-07-07", "2019-03-01", "2022-06-30", "2026-11-26"])
def test_the_history_figures_are_rich_s_bytes_at_any_width(as_of):
    """Before any episode closed, with SIF's alone, and with all three frameworks."""
    blocks = national_table(national(load(), dt.date.fromisoformat(as_of), None))
    for width in (40, 50, 60, 70, 80, 90, 100, 120, 200):
        plain = blocks.plain(width)
        assert plain is None or plain == rich_text(blocks.rich(), width), width
        assert plain is not None or width < 80, width  # narrower, a no_wrap column may be cut: rich writes it


@pytest.mark.parametrize(  # an episode, none, persistent failure; a long name
    "authority", ["Barnet", "Barking and Dagenham", "Bradford", "Birmingham", "Bournemouth, Christchurch & Poole"]
)
def test_an_authority_s_record_is_rich_s_bytes_at_any_width(authority):
    """Inspections' words folded in narrow columns (``overflow="fold"``) as rich folds them."""
    blocks = authority_table(authority_view(load(), authority, dt.date(2026, 11, 26), _definition()))
    for width in (40, 45, 50, 55, 60, 70, 80, 100, 120, 200):
        plain = blocks.plain(width)
        assert plain is None or plain == rich_text(blocks.rich(), width), width
        assert plain is not None or width < 70, width  # narrower, an episode's date may be cut short


@pytest.mark.parametrize("show_edge", [True, False])
def test_folded_words_and_cells_justified_right_are_rich_s(show_edge):
    """Boundaries: a word (with its space) as long as two lines, so the next word starts a third;
    one that leads with spaces; a word that fills its line; a cell ending in spaces, kept left and
    dropped right, in a column that may not wrap."""
    grid = Grid(header_style="bold", show_edge=show_edge)
    grid.add_column(Line("folds"), overflow="fold")
    grid.add_column(Line("right"), overflow="fold", justify="right")
    grid.add_column(Line("kept"), no_wrap=True, justify="right")
    grid.add_column(Line("left"), no_wrap=True)
    grid.add_row(Line("abcdefg xy"), Line("  abcdefghij k"), Line("ab  "), Line("ab  "))
    grid.add_row(Line("abcd efgh ijklmnopq r"), Line("x\nabcdefgh"), Line(""), Line("c"))
    blocks = Blocks([grid])
    for width in range(26, 60):
        assert blocks.plain(width) == rich_text(blocks.rich(), width), width


def test_the_width_is_the_one_rich_takes(monkeypatch):
    """COLUMNS when it is a number; else the first of stdin, stdout, stderr that is a terminal, else 80;
    no width (rich writes it, in colour) when FORCE_COLOR or TTY_COMPATIBLE says it is a terminal."""
    file = io.StringIO()
    for environ in (
        {"COLUMNS": "100"},
        {"COLUMNS": "7"},
        {"COLUMNS": "wide"},
        {},
        {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
        {"FORCE_COLOR": ""},
        {"NO_COLOR": "1", "COLUMNS": "120"},
    ):
        for name in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        console = Console(file=file)
        assert not console.is_terminal and console.color_system is None
        assert plain_width(file) == console.width, environ
    for environ in ({"FORCE_COLOR": "1"}, {"TTY_COMPATIBLE": "1"}):
        monkeypatch.setenv(*next(iter(environ.items())))
        assert Console(file=file).is_terminal and plain_width(file) is None
        monkeypatch.delenv(next(iter(environ)))


def test_other_encodings_are_left_to_rich():
    """rich draws the box in ASCII for a file that cannot take Unicode."""
    assert plain_width(io.TextIOWrapper(io.BytesIO(), encoding="latin-1")) is None
    assert plain_width(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")) is not None


@pytest.mark.parametrize(
    "args",
    [
        ["deadlines", "--received", "2017-07-07", "--authority", "Barnet", "--details"],
        ["history"],
        ["history", "--authority", "Barnet"],
    ],
)
def test_tables_to_a_pipe_import_no_rich(tmp_path, args):
    """Start-up: rich's import and layout were some 40 ms of ``--details`` printed to a pipe, and
    some 35 ms of ``oftl history``."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"}
    code = (
        "import sys\n"
        "from ofsted_timeline import cli\n"
        "cli.finish = lambda: print(' '.join(sys.modules), file=sys.stderr)\n"
        "cli.main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    modules = set(result.stderr.split())
    assert {"ofsted_timeline.render.as_details", "ofsted_timeline.render.history.history_table"} & modules
    assert not {name for name in modules if name == "rich" or name.startswith("rich.")}
