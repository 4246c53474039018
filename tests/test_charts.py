"""SVG and HTML charts: well-formed, self-contained, repeatable, and labelled with the timeline's dates."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from ofsted_timeline.dates import format_span

from .conftest import run

SVG = "{http://www.w3.org/2000/svg}"
BARNET = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--authority", "Barnet"]


def svg_of(*args: str) -> str:
    result = run(*args, "--format", "svg")
    assert result.exit_code == 0, result.output
    return result.stdout


def texts(svg: str) -> list[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter(f"{SVG}text")]


def test_svg_is_well_formed_and_self_contained():
    svg = svg_of(*BARNET)
    root = ET.fromstring(svg)  # raises on malformed XML
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == f"0 0 1200 {root.get('height')}"
    assert not re.search(r"<script|href=|url\(|@import|<image|<foreignObject", svg)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert root.find(f"{SVG}title").text == "Barnet: Ofsted inspection timeline"
    assert svg == svg_of(*BARNET)  # repeatable


def test_every_milestone_is_drawn_and_labelled_with_its_dates():
    svg = svg_of(*BARNET)
    labels = texts(svg)
    milestones = json.loads(run(*BARNET, "--format", "json").stdout)["milestones"]
    for milestone in milestones:
        span = format_span(*(dt.date.fromisoformat(milestone[k]) for k in ("earliest", "latest")))
        assert f"{span} · {milestone['status_text']}" in labels, milestone["id"]
    # The verified anchors: the action planning window and the statutory deadline.
    assert "Fri 11 Aug – Fri 25 Aug 2017 · passed (no date given)" in labels
    assert "Mon 16 Oct 2017 · due in 31 working days" in labels
    assert "as of Fri 1 Sep 2017" in labels
    assert {"Statutory deadlines", "Ofsted", "DfE"} <= set(labels)
    # The re-inspection horizon is a bar: from 2 working days after the fourth visit's window
    # opens (Tue 17 Jul 2018, 9 months after mv1's first day) to Wed 16 Oct 2019 (Handbook 49, 50).
    assert "Thu 19 Jul 2018 – Wed 16 Oct 2019 · opens in 222 working days" in labels


def test_statutory_deadlines_are_diamonds_and_actual_dates_triangles():
    root = ET.fromstring(svg_of(*BARNET, "--wsoa-submitted", "2017-10-13"))
    diamonds = [path for path in root.iter(f"{SVG}path") if path.get("d", "").count("L") == 3]
    assert len(diamonds) == 2 + 1  # publish-report, wsoa, and the key's sample
    triangles = list(root.iter(f"{SVG}polygon"))
    assert len(triangles) == 1 + 1  # the submitted statement, and the key's sample
    # The deadline stays beside the date given (issue 11).
    given = "set for Fri 13 Oct 2017 (in 30 working days), 1 working day early"
    assert f"Mon 16 Oct 2017 · {given}" in texts(ET.tostring(root, encoding="unicode"))


def test_times_of_day_are_labelled():
    labels = texts(svg_of("visit", "--onsite", "2017-11-14", "--as-of", "2017-11-20"))
    assert any(label.startswith("Tue 28 Nov 2017 4pm · ") for label in labels)
    assert any(label.startswith("Mon 4 Dec 2017 9.30am · ") for label in labels)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_page_is_accessible_and_self_contained():
    result = run(*BARNET, "--format", "html")
    page = result.stdout
    parser = _Page()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    assert ("html", {"lang": "en-GB"}) in parser.tags
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not re.search(r"(src|href)=|url\(|@import", page)
    assert tags.count("caption") == 1 and tags.count("figcaption") == 1
    header_cells = [attrs for tag, attrs in parser.tags if tag == "th"]
    assert len(header_cells) == 7 and all(attrs.get("scope") == "col" for attrs in header_cells)
    milestones = json.loads(run(*BARNET, "--format", "json").stdout)["milestones"]
    assert tags.count("tr") == len(milestones) + 1
    assert "@page { size: A4 landscape" in page
    assert "<td>Mon 16 Oct 2017</td>" in page and "<td>Fri 11 Aug – Fri 25 Aug 2017</td>" in page
    assert 'aria-labelledby="chart-title chart-desc"' in page


def test_output_file_extension_picks_the_chart(tmp_path):
    for name, start in (("chart.svg", "<svg "), ("page.html", "<!DOCTYPE html>")):
        assert run(*BARNET, "-o", str(tmp_path / name)).exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)


def test_check_draws_the_plan(tmp_path):
    result = run("check", "examples/barnet-plan.toml", "--as-of", "2017-10-20", "--format", "svg")
    assert result.exit_code == 0
    met = "done Fri 13 Oct 2017, 1 working day early"
    assert f"Mon 16 Oct 2017 · {met}" in texts(result.stdout)


@pytest.mark.parametrize("form", ["svg", "html"])
def test_batch_draws_one_authority_only(tmp_path, form):
    one = tmp_path / "one.csv"
    one.write_text("authority,received\nBarnet,2017-07-07\n", encoding="utf-8")
    assert run("batch", str(one), "-f", form, "--as-of", "2017-09-01").exit_code == 0
    many = run("batch", "examples/authorities.csv", "-f", form)
    assert many.exit_code == 2 and f"--format {form} draws one authority and 4 were computed" in many.output


def test_the_as_of_line_sits_at_its_day():
    # The axis runs from 1 Jul 2017 (the month of receipt) to 1 Nov 2019 (after the last date,
    # 16 Oct 2019), 853 days over x = 345..820; Fri 1 Sep 2017 is 62 days in: 345 + 62/853 * 475.
    root = ET.fromstring(svg_of(*BARNET))
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert dashed[0].get("x1") == dashed[0].get("x2") == "379.5"


def test_a_timeline_spanning_decades_still_draws():
    # An actual visit given decades ahead stretches the axis; labels thin out instead of failing.
    labels = texts(svg_of("deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--visit", "2090-01-02"))
    years = [label for label in labels if label.startswith("Jul ")]
    assert years and len(years) < 20
