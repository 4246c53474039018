"""SVG and HTML charts: well-formed, self-contained, repeatable, and labelled with the timeline's dates."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from ofsted_timeline.dates import format_span
from ofsted_timeline.render.chart.as_svg import text_width, wrap

from .conftest import run

SVG = "{http://www.w3.org/2000/svg}"
BARNET = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--authority", "Barnet"]
OUTSIDE = re.compile(r"<script|href=|url\((?!#due-soon\))|@import|<image|<foreignObject")  # url(#…): its own pattern
PRINTED_WIDTH_MM = 297 - 2 * 10  # A4 landscape inside the HTML page's print margins
POINT_MM = 25.4 / 72


def svg_of(*args: str) -> str:
    result = run(*args, "--format", "svg")
    assert result.exit_code == 0, result.output
    return result.stdout


def line_text(element: ET.Element) -> str:
    """A text's words: its own, or its wrapped lines (tspans) joined by spaces."""
    lines = [tspan.text or "" for tspan in element.iter(f"{SVG}tspan")]
    return " ".join(lines) if lines else element.text or ""


def texts(svg: str) -> list[str]:
    return [line_text(element) for element in ET.fromstring(svg).iter(f"{SVG}text")]


def rows(svg: str) -> dict[str, list[ET.Element]]:
    """Each milestone's row: its texts in order (title, date or window, status), by milestone id."""
    groups = ET.fromstring(svg).iter(f"{SVG}g")
    return {group.get("data-milestone", ""): list(group.iter(f"{SVG}text")) for group in groups}


def row_texts(svg: str) -> dict[str, list[str]]:
    return {key: [line_text(element) for element in elements] for key, elements in rows(svg).items()}


def test_svg_is_well_formed_and_self_contained():
    svg = svg_of(*BARNET)
    root = ET.fromstring(svg)  # raises on malformed XML
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == f"0 0 1200 {root.get('height')}"
    assert not OUTSIDE.search(svg)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert root.find(f"{SVG}title").text == "Barnet: Ofsted inspection timeline"
    assert svg == svg_of(*BARNET)  # repeatable


def test_every_milestone_is_drawn_and_labelled_with_its_dates():
    svg = svg_of(*BARNET)
    labels = texts(svg)
    by_id = row_texts(svg)
    milestones = json.loads(run(*BARNET, "--format", "json").stdout)["milestones"]
    assert len(by_id) == len(milestones) == 26
    for milestone in milestones:
        span = format_span(*(dt.date.fromisoformat(milestone[k]) for k in ("earliest", "latest")))
        assert by_id[milestone["id"]] == [milestone["title"], span, milestone["status_text"]], milestone["id"]
    # The verified anchors: the action planning window and the statutory deadline.
    assert by_id["apv-window"][1:] == ["Fri 11 Aug – Fri 25 Aug 2017", "passed (no date given)"]
    assert by_id["wsoa"][1:] == ["Mon 16 Oct 2017", "due in 31 working days"]
    assert "as of Fri 1 Sep 2017" in labels
    assert {"Statutory deadlines", "Ofsted", "DfE", "Milestone", "Date or window", "Status"} <= set(labels)
    # The re-inspection horizon is a bar: from 2 working days after the fourth visit's window
    # opens (Tue 17 Jul 2018, 9 months after mv1's first day) to Wed 16 Oct 2019 (Handbook 49, 50).
    assert by_id["reinspection"][1:] == ["Thu 19 Jul 2018 – Wed 16 Oct 2019", "opens in 222 working days"]


def test_statutory_deadlines_are_diamonds_and_actual_dates_triangles():
    root = ET.fromstring(svg_of(*BARNET, "--wsoa-submitted", "2017-10-13"))
    diamonds = [path for path in root.iter(f"{SVG}path") if path.get("d", "").count("L") == 3]
    assert len(diamonds) == 2 + 1  # publish-report, wsoa, and the key's sample
    triangles = list(root.iter(f"{SVG}polygon"))
    assert len(triangles) == 1 + 1  # the submitted statement, and the key's sample
    # The deadline stays beside the date given (issue 11).
    given = "set for Fri 13 Oct 2017 (in 30 working days), 1 working day early"
    assert row_texts(ET.tostring(root, encoding="unicode"))["wsoa"][1:] == ["Mon 16 Oct 2017", given]


def test_times_of_day_are_labelled():
    labels = texts(svg_of("visit", "--onsite", "2017-11-14", "--as-of", "2017-11-20"))
    assert "Tue 28 Nov 2017 4pm" in labels
    assert "Mon 4 Dec 2017 9.30am" in labels


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
    assert not re.search(r"(src|href)=|url\((?!#due-soon\))|@import", page)
    assert tags.count("caption") == 1 and tags.count("figcaption") == 1
    header_cells = [attrs for tag, attrs in parser.tags if tag == "th"]
    columns = [attrs for attrs in header_cells if attrs.get("scope") == "col"]
    rows = [attrs for attrs in header_cells if attrs.get("scope") == "row"]  # what is due next
    assert len(columns) == 8 and len(rows) == 3 and len(header_cells) == 11
    milestones = json.loads(run(*BARNET, "--format", "json").stdout)["milestones"]
    assert tags.count("tr") == len(milestones) + 1 + len(rows)
    assert "@page { size: A4 landscape" in page
    assert '<td class="date-or-window">Mon 16 Oct 2017</td>' in page
    assert '<td class="date-or-window">Fri 11 Aug – Fri 25 Aug 2017</td>' in page
    charts = page.count("<svg ")
    assert charts == 2  # printed in parts, each with its own title and description
    for number in range(charts):
        assert f'aria-labelledby="chart-title-{number} chart-desc-{number}"' in page


def test_output_file_extension_picks_the_chart(tmp_path):
    for name, start in (("chart.svg", "<svg "), ("page.html", "<!DOCTYPE html>")):
        assert run(*BARNET, "-o", str(tmp_path / name)).exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)


def test_check_draws_the_plan(tmp_path):
    result = run("check", "examples/barnet-plan.toml", "--as-of", "2017-10-20", "--format", "svg")
    assert result.exit_code == 0
    met = "done Fri 13 Oct 2017, 1 working day early"
    assert row_texts(result.stdout)["wsoa"][1:] == ["Mon 16 Oct 2017", met]


@pytest.mark.parametrize("form", ["svg", "html"])
def test_batch_draws_one_authority_only(tmp_path, form):
    one = tmp_path / "one.csv"
    one.write_text("authority,received\nBarnet,2017-07-07\n", encoding="utf-8")
    assert run("batch", str(one), "-f", form, "--as-of", "2017-09-01").exit_code == 0
    many = run("batch", "examples/authorities.csv", "-f", form)
    assert many.exit_code == 2 and f"--format {form} draws one authority and 4 were computed" in many.output


def test_the_as_of_line_sits_at_its_day():
    # The axis (x = 282..712, 430 wide) runs from 1 Jul 2017 (the month of receipt) to 1 Nov 2019
    # (after the last date, 16 Oct 2019). 1 Aug 2017 to 1 Mar 2018 (the month before the as-of
    # day and six after it, 212 days) takes 60%: 258. The other 40%, 172, is shared by July 2017
    # (31 days) and 1 Mar 2018 to 1 Nov 2019 (610 days): 1 Aug 2017 is at 282 + 172 * 31/641.
    # Fri 1 Sep 2017 is 31 days further: + 258 * 31/212 = 328.0.
    root = ET.fromstring(svg_of(*BARNET))
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert dashed[0].get("x1") == dashed[0].get("x2") == f"{282 + 172 * 31 / 641 + 258 * 31 / 212:.1f}" == "328.0"


def test_a_timeline_spanning_decades_still_draws():
    # An actual visit given decades ahead stretches the axis; labels thin out instead of failing.
    labels = texts(svg_of("deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--visit", "2090-01-02"))
    years = [label for label in labels if re.fullmatch(r"20\d\d", label)]
    assert "2017" in years and "2018" in years and 3 < len(years) < 20


# --- issue 14: a chart for the next months ---------------------------------------------------

LATE = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-10-20", "--wsoa-submitted", "2017-10-17"]
SOON = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-10-09", "--authority", "Barnet"]
LONG_TITLE = (
    'id = "long-one"\ntitle = "A council rule with a title much longer than any in the handbook, so that it '
    'has to wrap over three lines in the chart"\nshort = "the long one"\nkind = "expected"\n'
    'date = { anchor = "wsoa", offset = 5, unit = "working days" }\nsource = "Local"\n'
)


def group(root: ET.Element, milestone: str) -> ET.Element:
    return next(g for g in root.iter(f"{SVG}g") if g.get("data-milestone") == milestone)


def test_the_coming_months_get_more_room():
    svg = svg_of(*BARNET)
    root = ET.fromstring(svg)

    def bar(milestone: str) -> float:
        return float(next(group(root, milestone).iter(f"{SVG}rect")).get("width"))

    # Both windows are four weeks (Handbook 23): mv1 from Tue 17 Oct 2017, a month after the as-of
    # day, and mv5 from Wed 17 Oct 2018, a year later. The near one is drawn over three times longer.
    assert bar("mv1") > 3 * bar("mv5")
    assert "next 6 months, larger scale" in texts(svg)
    # A timeline of a few weeks is drawn to one scale.
    assert not any("larger scale" in label for label in texts(svg_of("visit", "--onsite", "2017-11-14")))


def test_windows_are_bars_with_end_caps_unlike_one_day_marks():
    root = ET.fromstring(svg_of(*BARNET))
    apv = group(root, "apv-window")  # Fri 11 Aug – Fri 25 Aug 2017 (Handbook 10)
    (bar,) = [rect for rect in apv.iter(f"{SVG}rect")]
    caps = [line for line in apv.iter(f"{SVG}line")]
    assert float(bar.get("height")) == 12 and float(bar.get("width")) >= 10
    assert len(caps) == 2 and all(float(c.get("y2")) - float(c.get("y1")) == 18 for c in caps)
    # A far window is still a bar of at least 10 with its caps, wider than the 8-wide event square.
    report = group(root, "mv-report-8")
    assert float(next(report.iter(f"{SVG}rect")).get("width")) >= 10 and len(list(report.iter(f"{SVG}line"))) == 2
    assert not list(group(root, "wsoa").iter(f"{SVG}rect")) and not list(group(root, "wsoa").iter(f"{SVG}line"))
    assert {"window, first to last day", "event", "statutory deadline", "expected date"} <= set(texts(svg_of(*BARNET)))


def test_overdue_and_due_soon_differ_in_hue_and_pattern():
    # As of Mon 9 Oct 2017 the report's publication (Fri 18 Aug 2017) is overdue and the
    # statement of action (Mon 16 Oct 2017, Cover report 1.19) is due in 5 working days.
    svg = svg_of(*SOON)
    root = ET.fromstring(svg)
    overdue, soon = group(root, "publish-report"), group(root, "wsoa")
    assert next(overdue.iter(f"{SVG}path")).get("fill") == "#D55E00"
    assert next(soon.iter(f"{SVG}path")).get("fill") == "url(#due-soon)"
    pattern = root.find(f".//{SVG}pattern[@id='due-soon']")
    assert [rect.get("fill") for rect in pattern.iter(f"{SVG}rect")] == ["#F0E442", "#1a1a1a"]  # yellow, hatched
    overdue_status, soon_status = list(overdue.iter(f"{SVG}text"))[-1], list(soon.iter(f"{SVG}text"))[-1]
    assert (line_text(overdue_status), overdue_status.get("fill")) == ("overdue by 35 working days", "#D55E00")
    assert (line_text(soon_status), soon_status.get("fill")) == ("due in 5 working days", "#1a1a1a")
    assert {"late, early or overdue", "due within 10 working days"} <= set(texts(svg))
    # Ten working days or more ahead is not due soon.
    later = ET.fromstring(svg_of(*BARNET))
    assert next(group(later, "wsoa").iter(f"{SVG}path")).get("fill") == "#0072B2"


@pytest.mark.parametrize(
    "args",
    [BARNET, ["deadlines", "--received", "2026-11-17", "--authority", "Bradford", "--as-of", "2026-12-01"]],
)
def test_text_is_at_least_8_points_printed_on_a4_landscape(args):
    """Every part of the chart prints full width, never scaled down to fit a page (issue 22)."""
    page = run(*args, "--format", "html").stdout
    assert "@page { size: A4 landscape; margin: 14mm 10mm 10mm;" in page
    assert "max-height: 184mm;" in page[page.index("@media print") :]
    charts = [page[start : page.index("</svg>", start) + 6] for start in _starts(page, "<svg")]
    assert len(charts) > 1
    for chart in charts:
        root = ET.fromstring(chart)
        smallest = min(float(element.get("font-size")) for element in root.iter(f"{SVG}text"))
        # The 1200-wide chart printed 277 mm wide: 12.5 units are 2.89 mm, 8.2 pt.
        assert smallest * PRINTED_WIDTH_MM / 1200 / POINT_MM >= 8
        # Each part fits the 184 mm its print style allows at full width: not scaled down.
        assert float(root.get("height")) * PRINTED_WIDTH_MM / 1200 <= 184


def _starts(text: str, needle: str) -> list[int]:
    return [index for index in range(len(text)) if text.startswith(needle, index)]


@pytest.mark.parametrize(
    "args",
    [
        BARNET,
        LATE,
        SOON,
        ["visit", "--onsite", "2017-11-14", "--first", "--as-of", "2017-11-20"],
        ["check", "examples/barnet-plan.toml", "--as-of", "2017-10-20"],
        [*BARNET[:-1], "The Royal Borough of Kensington and Chelsea with the London Borough of Hammersmith and Fulham"],
        ["rules-file"],
    ],
)
def test_no_text_is_cut(tmp_path, args):
    """Every line, measured no narrower than Arial or DejaVu Sans draw it, stays inside the chart,
    and each row's texts inside their columns; nothing is shortened with an ellipsis."""
    from ofsted_timeline.render.chart import as_svg

    if args == ["rules-file"]:
        rules = tmp_path / "long.toml"
        rules.write_text(f'[sources]\nLocal = "A local rule"\n\n[[rules]]\n{LONG_TITLE}', encoding="utf-8")
        args = [*BARNET, "--rules", str(rules)]
    svg = svg_of(*args)
    assert "…" not in svg
    root = ET.fromstring(svg)
    for element in root.iter(f"{SVG}text"):
        size, bold = float(element.get("font-size")), element.get("font-weight") == "bold"
        for line in list(element.iter(f"{SVG}tspan")) or [element]:
            x, width = float(line.get("x")), text_width(line.text or "", size, bold)
            left = {"end": x - width, "middle": x - width / 2}.get(element.get("text-anchor", ""), x)
            assert left >= 0 and left + width <= as_svg.WIDTH, line.text
    columns = (
        (as_svg.LABEL_LEFT, as_svg.LABEL_RIGHT),
        (as_svg.DATE_LEFT, as_svg.DATE_RIGHT),
        (as_svg.STATUS_LEFT, as_svg.STATUS_RIGHT),
    )
    for milestone, elements in rows(svg).items():
        for element, (first, last) in zip(elements, columns, strict=True):
            size, bold = float(element.get("font-size")), element.get("font-weight") == "bold"
            for line in list(element.iter(f"{SVG}tspan")) or [element]:
                width = text_width(line.text or "", size, bold)
                x = float(line.get("x"))
                left, right = (x - width, x) if element.get("text-anchor") == "end" else (x, x + width)
                assert first <= left and right <= last, (milestone, line.text)
    if "--rules" in args:
        assert len(list(rows(svg)["long-one"][0].iter(f"{SVG}tspan"))) >= 3


def test_wrap_keeps_every_word_and_balances_lines():
    title = "Written statement of action to the Secretary of State and HMCI"
    lines = wrap(title, 244, 12.5, bold=True)
    assert lines == ["Written statement of action to", "the Secretary of State and HMCI"]
    assert " ".join(lines) == title and all(text_width(line, 12.5, True) <= 244 for line in lines)
    assert wrap("Re-inspection", 244, 12.5) == ["Re-inspection"]
    word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    assert "".join(wrap(word, 100, 12.5)) == word  # a word wider than the line is broken, not cut
    assert text_width("Ynys Môn", 12.5) == text_width("Ynys Mon", 12.5)  # accents count as their letter


def test_running_header_cannot_break_out_of_its_css_string():
    """The authority is echoed in the print style's running header: every character but letters,
    digits and spaces is a CSS escape, so no quote or </style> ends the string or the style."""
    hostile = '"; } body { display: none } </style><script>x</script>'
    page = run("deadlines", "--received", "2017-07-07", "--authority", hostile, "--format", "html").stdout
    style = page[page.index("<style>") + len("<style>") : page.index("</style>")]
    content = style[style.index("@top-left { content: ") :].split(";")[0]
    assert content.count('"') == 2 and "<" not in style and "display: none" not in style
    assert "<script>" not in page


def test_printed_chart_parts_never_hold_one_row_of_a_lane_alone():
    page = run(
        "deadlines", "--received", "2026-11-17", "--authority", "Bradford", "--as-of", "2026-12-01", "-f", "html"
    )
    charts = [page.stdout[start : page.stdout.index("</svg>", start) + 6] for start in _starts(page.stdout, "<svg")]
    rows = [len(ET.fromstring(chart).findall(f".//{SVG}g[@data-milestone]")) for chart in charts]
    assert len(rows) == 3 and min(rows) >= 2 and sum(rows) == 40  # every milestone drawn once


def test_each_printed_part_describes_the_rows_it_draws():
    page = run(
        "deadlines", "--received", "2026-11-17", "--authority", "Bradford", "--as-of", "2026-12-01", "-f", "html"
    )
    charts = [page.stdout[start : page.stdout.index("</svg>", start) + 6] for start in _starts(page.stdout, "<svg")]
    described = 0
    for chart in charts:
        root = ET.fromstring(chart)
        rows = len(root.findall(f".//{SVG}g[@data-milestone]"))
        desc = root.find(f"{SVG}desc").text
        sentences = sum(desc.count(f"({kind}): ") for kind in ("statutory", "expected", "event"))
        assert sentences == rows  # one sentence a milestone drawn, "Title (kind): date; status."
        described += rows
    assert described == 40
