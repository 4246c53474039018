"""The tests exercise the source tree they sit beside, not a copy installed into site-packages."""

import subprocess
import sys
from pathlib import Path

import ofsted_timeline

SOURCE = Path(__file__).resolve().parents[1] / "src" / "ofsted_timeline"


def test_this_process_imports_the_source_tree():
    assert Path(ofsted_timeline.__file__).resolve().parent == SOURCE


def test_a_subprocess_imports_the_source_tree():
    code = "import ofsted_timeline; print(ofsted_timeline.__file__)"
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert Path(printed.strip()).resolve().parent == SOURCE
