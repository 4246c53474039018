"""Lines of text and tables said once, then written by rich or, where rich would write them
without colour, laid out here: the same bytes without rich's import and layout, some 40 ms of
the ~165 ms that ``oftl deadlines --details`` took printed to a pipe or a file, and some 35 ms
of ``oftl history``.

``Line`` is a rich ``Text`` (parts, each with a style) and ``Grid`` a rich ``Table`` with its
default box and padding; ``Blocks`` prints them one under another as a rich ``Group`` does.
``rich()`` makes the rich objects (for a terminal, in colour). ``plain(width)`` lays them out as
rich 15 does without colour (``render/plain.py``), or returns None for whatever it does not
copy (a word wider than a column that does not fold, a cell cut short, a character that is not
one cell wide or not printable): rich writes those. tests/test_layout.py compares the two on
generated tables.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from rich.console import Group
    from rich.text import Text

Part = str | tuple[str, str]  # text alone, or text and its style, as rich's Text.assemble takes them
Justify = Literal["left", "right"]
Overflow = Literal["ellipsis", "fold"]


class Line:
    """A rich ``Text``: its parts (each text, or text and style) and a style for the whole."""

    __slots__ = ("parts", "style")

    def __init__(self, *parts: Part, style: str = "") -> None:
        self.parts = parts
        self.style = style

    @property
    def plain(self) -> str:
        return "".join(part if isinstance(part, str) else part[0] for part in self.parts)

    def rich(self) -> Text:
        from rich.text import Text

        return Text.assemble(*self.parts, style=self.style)


class Column(NamedTuple):
    """A rich table ``Column``, as ``Grid.add_column`` describes it."""

    header: Line
    no_wrap: bool
    ratio: int | None
    justify: Justify
    overflow: Overflow


class Grid:
    """A rich ``Table`` (its header and cells ``Line``s): the default box, heavy under the header,
    with its outer edge or (``show_edge=False``) only the lines between and under the header."""

    def __init__(self, header_style: str = "", show_lines: bool = False, show_edge: bool = True) -> None:
        self.header_style = header_style
        self.show_lines = show_lines
        self.show_edge = show_edge
        self.columns: list[Column] = []
        self.rows: list[tuple[tuple[Line, ...], str]] = []  # each row's cells and style

    def add_column(
        self,
        header: Line,
        *,
        no_wrap: bool = False,
        ratio: int | None = None,
        justify: Justify = "left",
        overflow: Overflow = "ellipsis",
    ) -> None:
        """A column that wraps its cells at spaces unless ``no_wrap``; ``ratio`` is passed on to
        rich, where it changes nothing (a table that does not expand); a word wider than the
        column is cut short with an ellipsis, or with ``overflow="fold"`` folded onto the lines below."""
        self.columns.append(Column(header, no_wrap, ratio, justify, overflow))

    def add_row(self, *cells: Line, style: str = "") -> None:
        self.rows.append((cells, style))

    def rich(self) -> Any:
        from rich.table import Table

        table = Table(header_style=self.header_style, show_lines=self.show_lines, show_edge=self.show_edge)
        for column in self.columns:
            table.add_column(
                column.header.rich(),
                no_wrap=column.no_wrap,
                ratio=column.ratio,
                justify=column.justify,
                overflow=column.overflow,
            )
        for cells, style in self.rows:
            table.add_row(*(cell.rich() for cell in cells), style=style)
        return table


class Blocks:
    """Lines and tables printed one under another."""

    def __init__(self, blocks: list[Line | Grid]) -> None:
        self.blocks = blocks

    def rich(self) -> Group:
        from rich.console import Group

        return Group(*(block.rich() for block in self.blocks))

    def plain(self, width: int) -> str | None:
        """The blocks as rich prints them ``width`` columns wide without colour, or None."""
        from .plain import grid_lines, text_lines

        lines: list[str] = []
        for block in self.blocks:
            laid_out = text_lines(block.plain, width) if isinstance(block, Line) else grid_lines(block, width)
            if laid_out is None:
                return None
            lines.extend(laid_out)
        return "".join(line + "\n" for line in lines)


def plain_width(file: IO[str]) -> int | None:
    """The width rich's ``Console()`` would lay out for ``file`` (stdout), when it would write
    no colour and the box in Unicode; None when it would (a terminal, ``FORCE_COLOR``), on
    Windows, or in Jupyter, where rich decides in ways not copied here."""
    import builtins
    import os
    import sys

    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return None
    if (getattr(file, "encoding", None) or "utf-8").lower() not in ("utf-8", "utf8"):
        return None
    environ = os.environ
    compatible, force = environ.get("TTY_COMPATIBLE", ""), environ.get("FORCE_COLOR")
    if compatible == "1" or (compatible != "0" and (force != "" if force is not None else _isatty(file))):
        return None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    for descriptor in (0, 1, 2):  # as rich asks: the first of stdin, stdout, stderr that is a terminal
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def _isatty(file: IO[str]) -> bool:
    """As rich asks: a file without ``isatty``, or closed, is no terminal."""
    isatty = getattr(file, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:
        return False
