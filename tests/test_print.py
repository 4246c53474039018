"""The HTML page printed by a real browser (headless Chromium) to A4 PDF: page count, what page 1
holds, the running header and the chart's axis on every page the chart reaches (issue 22).

Skipped when Chromium or poppler's pdfinfo/pdftotext are not installed (apt-get install chromium
poppler-utils).
"""

import shutil
import subprocess

import pytest

from .conftest import run

CHROMIUM = next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs chromium and poppler-utils (pdfinfo, pdftotext)",
)
BRADFORD = ["deadlines", "--received", "2026-11-17", "--authority", "Bradford", "--as-of", "2026-12-01"]
BARNET = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--authority", "Barnet"]


def printed(tmp_path, args: list[str], code: int = 0) -> list[str]:
    """The text of each page of ``oftl ARGS -o page.html`` printed to PDF by headless Chromium."""
    page, pdf = tmp_path / "page.html", tmp_path / "page.pdf"
    assert run(*args, "-o", str(page)).exit_code == code
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        *("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"),
        *("--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer"),
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=180, check=False)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info and "841.92 x 594.96" in info  # A4 landscape, in points
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        for n in range(1, count + 1)
    ]


def test_bradford_prints_on_five_a4_pages_with_what_matters_first(tmp_path):
    pages = printed(tmp_path, BRADFORD)
    assert len(pages) <= 5  # was 7, with page 1 holding only the heading
    first = pages[0]
    assert "Bradford: Ofsted inspection timeline" in first
    assert "Next statutory deadline" in first and "Thu 31 Dec 2026" in first  # SI 2007/462 reg. 2: 30 wd
    assert "Next expected date" in first
    assert "Nothing is late, early or overdue on Tue 1 Dec 2026." in first
    assert "Persistent failure (PCF 121, key): 2 inadequate judgements within 5 years" in first
    for number, text in enumerate(pages, start=1):
        assert text.lstrip().startswith("Bradford: Ofsted inspection timeline · status as of Tue 1 Dec 2026")
        assert f"page {number} of {len(pages)}" in text
    charted = [text for text in pages if "Monitoring visit" in text and "Jan" in text and "2028" in text]
    assert len(charted) >= 2  # the chart goes on over pages, its axis (months, years) repeated on each


def test_barnet_page_one_is_not_empty(tmp_path):
    pages = printed(tmp_path, BARNET)
    assert "What is due next" in pages[0] and "OVERDUE" in pages[0]  # published Mon 10 Jul, due Fri 18 Aug 2017
    assert "Statutory deadlines" in pages[0]  # and the chart's first lane


def test_a_failing_checks_first_page_holds_its_failures_and_the_chart_starts_there(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('authority = "Barnet"\nreceived = 2017-07-07\n[dates]\nwsoa = 2017-10-17\n', encoding="utf-8")
    pages = printed(tmp_path, ["check", str(plan), "--as-of", "2017-10-20"], code=1)
    # Cover report 1.19: due Mon 16 Oct 2017; given Tue 17 Oct, one working day late.
    assert "FAIL wsoa: LATE: done Tue 17 Oct 2017, 1 working day late" in " ".join(pages[0].split())
    assert "Statutory deadlines" in pages[0]
