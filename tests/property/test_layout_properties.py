"""The layout written without rich (render/plain.py) is byte for byte what rich writes without
colour, for any text and table oftl's blocks can hold, at any width (hypothesis); where it
declines (None), rich writes it."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from ofsted_timeline.render.as_table import Escaped
from ofsted_timeline.render.layout import Blocks, Grid, Line
from ofsted_timeline.render.plain import NARROW

# Words of letters, digits and the punctuation oftl prints; now and then a character rich
# measures otherwise (wide, zero-width, a tab, a no-break space), which the layout leaves to rich.
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:()[]/'!?*+-§·–—‘’…é"
ODD = "中\u200b\t\xa0\u0301\x1b"
WORD = st.integers(min_value=0, max_value=9).flatmap(  # nine in ten words short and plain
    lambda n: (
        st.text(alphabet=LETTERS + ODD, min_size=1, max_size=30)
        if n == 0
        else st.text(alphabet=LETTERS, min_size=1, max_size=12)
    )
)
LONG_WORD = st.text(alphabet=LETTERS, min_size=1, max_size=40)  # every character one cell wide
GAP = st.sampled_from([" ", " ", " ", "  ", "\n", " \n", "\n\n"])
STYLE = st.sampled_from(["", "bold", "dim", "bold red"])


def lines(word: st.SearchStrategy[str]) -> st.SearchStrategy[Line]:
    """Lines of words drawn from ``word``, spaced and broken as oftl's are, in parts of any style."""
    text = st.builds(
        lambda words, gaps, lead, tail: lead + "".join(w + g for w, g in zip(words, gaps, strict=False)) + tail,
        st.lists(word, max_size=14),
        st.lists(GAP, min_size=14, max_size=14),
        st.sampled_from(["", "", " ", "  "]),
        st.sampled_from(["", "", " ", "\n"]),
    )
    return st.builds(
        lambda parts, style: Line(*parts, style=style), st.lists(st.tuples(text, STYLE), max_size=3), STYLE
    )


LINE = lines(WORD)


@st.composite
def grids(draw: st.DrawFn, folding: bool = False) -> Grid:
    """Any table; ``folding``, one whose columns all wrap and fold, each headed by a word, its
    cells long words each character one cell wide."""
    grid = Grid(
        header_style=draw(st.sampled_from(["", "bold"])), show_lines=draw(st.booleans()), show_edge=draw(st.booleans())
    )
    columns = draw(st.integers(min_value=1, max_value=5 if folding else 6))
    line = lines(LONG_WORD) if folding else LINE
    for _ in range(columns):
        grid.add_column(
            Line(draw(LONG_WORD)) if folding else draw(LINE),
            no_wrap=False if folding else draw(st.booleans()),
            ratio=draw(st.sampled_from([None, 1, 2])),
            justify=draw(st.sampled_from(["left", "right"])),
            overflow="fold" if folding else draw(st.sampled_from(["ellipsis", "fold"])),
        )
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        grid.add_row(*draw(st.lists(line, min_size=columns, max_size=columns)), style=draw(STYLE))
    return grid


def rich_text(blocks: Blocks, width: int) -> str:
    """What oftl's rich path prints (cli.shell.emit_rich) to a file that is not a terminal."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(Escaped(blocks.rich()))
    return console.file.getvalue()  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE | grids(), min_size=1, max_size=4), st.integers(min_value=1, max_value=160))
def test_the_plain_layout_is_what_rich_writes(blocks, width):
    document = Blocks(blocks)
    plain = document.plain(width)
    assert plain is None or plain == rich_text(document, width)


@settings(max_examples=150, deadline=None)
@given(st.lists(grids(), min_size=1, max_size=2), st.integers(min_value=60, max_value=160))
def test_tables_of_narrow_short_words_are_laid_out_without_rich(grids, width):
    """Not a layout that always declines: a table of short words, each character one cell wide,
    every column holding some, that fits."""
    words_fit = all(
        NARROW.issuperset(line.plain.replace("\n", " ")) and max(map(len, line.plain.split()), default=0) <= 12
        for grid in grids
        for line in [column.header for column in grid.columns] + [cell for cells, _ in grid.rows for cell in cells]
    )
    no_wrap = sum(
        max(len(row) for line in _column(grid, i) for row in line.plain.split("\n")) + 3
        for grid in grids
        for i, column in enumerate(grid.columns)
        if column.no_wrap
    )
    columns_hold_text = all(  # a column of blank cells is left to rich
        any(line.plain.strip() for line in _column(grid, i)) for grid in grids for i in range(len(grid.columns))
    )
    document = Blocks(grids)
    if words_fit and columns_hold_text and no_wrap + 40 <= width:
        written = rich_text(document, width)
        if "…" not in written:  # rich cut nothing (a ratio column can be narrower than its longest word)
            assert document.plain(width) == written


@settings(max_examples=150, deadline=None)
@given(st.lists(grids(folding=True), min_size=1, max_size=2), st.integers(min_value=30, max_value=160))
def test_words_wider_than_a_folding_column_are_folded_without_rich(grids, width):
    """A column that folds (``overflow="fold"``) and wraps never cuts a word short: a table of
    such columns (at most five, so each has four cells beside the others') is laid out here,
    however long its words."""
    document = Blocks(grids)
    assert document.plain(width) == rich_text(document, width)


def _column(grid: Grid, index: int) -> list[Line]:
    """A column's header and cells."""
    return [grid.columns[index].header, *(cells[index] for cells, _ in grid.rows)]
