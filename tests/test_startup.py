"""Start-up: what a run imports only when it needs it (each import is milliseconds every run pays).

Without a stored feed or a holidays file, a run asks whether a feed is stored and reads no
gov.uk format; a check printing text imports no json; a JSON document read imports no TOML
parser. Each run is a fresh interpreter, so that nothing imported by other tests hides an import.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = str(ROOT / "examples" / "barnet-plan.toml")
RUN = (
    "import sys\n"
    "from ofsted_timeline.cli import build\n"
    "args = sys.argv[1:]\n"
    "try:\n"
    "    build([args[0]])(args, standalone_mode=False)\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(' '.join(sys.modules), file=sys.stderr)\n"
)


def modules_after(tmp_path: Path, code: str, *args: str) -> set[str]:
    """The modules imported by ``code`` run with ``args``, no feed stored (an empty data folder)."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return set(result.stderr.split())


def test_a_json_timeline_reads_no_feed_format_and_no_calendar_module(tmp_path):
    modules = modules_after(
        tmp_path, RUN, "deadlines", "--received", "2017-07-07", "--authority", "Barnet", "-f", "json"
    )
    assert "ofsted_timeline.feed_file" in modules  # asked whether a feed is stored: none is
    assert not {"ofsted_timeline.feed", "ofsted_timeline.govuk", "calendar"} & modules


def test_a_check_printing_text_imports_no_json(tmp_path):
    modules = modules_after(tmp_path, RUN, "check", PLAN, "--as-of", "2017-10-20")
    assert "ofsted_timeline.render.as_check" in modules
    assert not {"json", "ofsted_timeline.render.as_json", "ofsted_timeline.govuk", "calendar"} & modules


def test_each_parser_is_imported_by_the_document_it_reads(tmp_path):
    read = (
        "import sys\n"
        "from ofsted_timeline.reading import parse_document\n"
        "parse_document(sys.argv[2], 'x', sys.argv[1], '')\n"
        "print(' '.join(sys.modules), file=sys.stderr)\n"
    )
    as_json = modules_after(tmp_path, read, "JSON", '{"a": 1}')
    as_toml = modules_after(tmp_path, read, "TOML", "a = 1")
    assert "json" in as_json and "tomllib" not in as_json
    assert "tomllib" in as_toml and "json" not in as_toml


def test_the_console_script_sets_the_collector_before_it_imports_the_cli(tmp_path):
    """``oftl`` and ``python -m`` start in ``__main__.main``, which raises the collector's
    threshold before the CLI (and typer) are imported; importing the module runs nothing."""
    code = (
        "import gc, sys\n"
        "import ofsted_timeline.__main__ as entry\n"
        "assert 'ofsted_timeline.cli' not in sys.modules and gc.get_threshold()[0] == 700\n"
        "sys.argv = ['oftl', 'deadlines', '--received', 'never']  # exit 2, not os._exit\n"
        "try:\n"
        "    entry.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(gc.get_threshold()[0], file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.split()[-1] == "50000"
    scripts = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'oftl = "ofsted_timeline.__main__:main"' in scripts
