"""Lines of text and tables said once, then written by rich or, where rich would write them
without colour, laid out here: the same bytes without rich's import and layout, some 40 ms of
the ~165 ms that ``oftl deadlines --details`` took printed to a pipe or a file.

``Line`` is a rich ``Text`` (parts, each with a style) and ``Grid`` a rich ``Table`` with its
default box and padding; ``Blocks`` prints them one under another as a rich ``Group`` does.
``rich()`` makes the rich objects (for a terminal, in colour). ``plain(width)`` lays them out as
rich 15 does without colour (``render/plain.py``), or returns None for whatever it does not
copy (a word wider than its column, a cell cut short, a character that is not one cell wide or
not printable): rich writes those. tests/test_layout.py compares the two on generated tables.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Group
    from rich.text import Text

Part = str | tuple[str, str]  # text alone, or text and its style, as rich's Text.assemble takes them


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


class Grid:
    """A rich ``Table`` (its header and cells ``Line``s): the default box, heavy under the header."""

    def __init__(self, header_style: str = "", show_lines: bool = False) -> None:
        self.header_style = header_style
        self.show_lines = show_lines
        self.columns: list[tuple[Line, bool, int | None]] = []  # each header, no_wrap and ratio
        self.rows: list[tuple[tuple[Line, ...], str]] = []  # each row's cells and style

    def add_column(self, header: Line, *, no_wrap: bool = False, ratio: int | None = None) -> None:
        """A column that wraps its cells at spaces unless ``no_wrap``; ``ratio`` is passed on
        to rich, where it changes nothing (a table that does not expand)."""
        self.columns.append((header, no_wrap, ratio))

    def add_row(self, *cells: Line, style: str = "") -> None:
        self.rows.append((cells, style))

    def rich(self) -> Any:
        from rich.table import Table

        table = Table(header_style=self.header_style, show_lines=self.show_lines)
        for header, no_wrap, ratio in self.columns:
            table.add_column(header.rich(), no_wrap=no_wrap, ratio=ratio)
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
            if isinstance(block, Line):
                laid_out = text_lines(block.plain, width)
            else:
                headers = [(header.plain, no_wrap) for header, no_wrap, _ in block.columns]
                rows = [[cell.plain for cell in cells] for cells, _ in block.rows]
                laid_out = grid_lines(headers, rows, width, block.show_lines)
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
