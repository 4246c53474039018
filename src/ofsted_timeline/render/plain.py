"""Rich 15's layout of text and of a table with its default box, copied for what oftl prints
where rich writes no colour: each function gives the lines rich would print, or None where
the text is not one it copies (see ``layout``). Followed from rich's ``Text.wrap``,
``_wrap.divide_line``, ``Table._calculate_column_widths``, ``Table._collapse_widths``,
``Measurement``, ``_ratio.ratio_reduce``, ``Lines.justify`` and ``Box.get_row``; tests/test_layout.py
holds them to rich."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .layout import Column, Grid

# Printable characters that rich counts one cell wide: most of its own one-cell ranges
# (rich.cells) and the general punctuation oftl prints (dashes, quotes, bullets, ellipsis). The
# one space among them is " " (no-break and other spaces are left to rich).
NARROW = frozenset(
    character
    for first, last in ((0x20, 0x7E), (0xA1, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027), (0x2030, 0x205E))
    for character in map(chr, range(first, last + 1))
    if character.isprintable()
)
WORD = re.compile(r"\s*\S+\s*")  # a word and the spaces after it (rich's _wrap.re_word)
PADDING = 2  # a cell's space each side
HEAVY_HEAD = ("┏━┳┓", "┃┃┃", "┡━╇┩", "│││", "├─┼┤", "└─┴┘")  # top, header, under it, row, between rows, bottom


def narrow(text: str) -> bool:
    """Whether every character of ``text`` is printed one cell wide, as itself (or a line break)."""
    return NARROW.issuperset(text.replace("\n", " "))


def text_lines(text: str, width: int) -> list[str] | None:
    """A ``Text`` printed ``width`` wide: wrapped at spaces; a wrapped line keeps the spaces it
    ended with (rich's ``default`` justify does not strip them)."""
    if width < 1 or not narrow(text):
        return None
    lines: list[str] = []
    for line in text.split("\n"):
        pieces = _divide(line, width)
        if pieces is None:
            return None
        lines.extend(piece[:width] for piece in pieces)
    return lines


def _divide(line: str, width: int, fold: bool = False) -> list[str] | None:
    """``line`` broken before each word that does not fit after the words before it; a word
    wider than ``width`` folded across lines ``width`` wide with ``fold``, else None (rich cuts it)."""
    breaks: list[int] = []
    offset = 0
    for match in WORD.finditer(line):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # folded: broken every ``width`` characters, its spaces and all
            if not fold:
                return None
            breaks += [position for position in range(start, start + len(word), width) if position]
            offset = (len(word) - 1) % width + 1
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    edges = [0, *breaks, len(line)]
    return [line[start:end] for start, end in zip(edges, edges[1:], strict=False)]


def _measure(text: str, width: int) -> tuple[int, int]:
    """A padded cell's narrowest and widest (its longest word, its longest line) within ``width``."""
    lines = text.splitlines()
    widest = max(map(len, lines)) if lines else 0
    words = text.split()
    narrowest = min(max(map(len, words)) if words else widest, widest)
    widest = max(narrowest, widest)
    if width - PADDING < 1:
        return width, width
    return min(min(narrowest, width) + PADDING, width), min(min(widest, width) + PADDING, width)


def _column(cells: list[str], width: int) -> tuple[int, int]:
    """A column's narrowest and widest within ``width``: the widest of its cells' each."""
    measured = [_measure(cell, width) for cell in cells]
    return min(max(low for low, _ in measured), width), min(max(high for _, high in measured), width)


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """``values`` less ``total`` shared by ``ratios``, none by more than its maximum (ratio_reduce)."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result: list[int] = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            share = min(most, round(ratio * remaining / total_ratio))
            result.append(value - share)
            remaining -= share
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrappable: list[bool], most: int) -> list[int]:
    """The widest wrappable columns narrowed, in turn, until the table fits ``most`` (or cannot)."""
    excess = sum(widths) - most
    if not any(wrappable):
        return widths
    while sum(widths) and excess > 0:
        widest = max(width for width, wrap in zip(widths, wrappable, strict=True) if wrap)
        second = max(width if wrap and width != widest else 0 for width, wrap in zip(widths, wrappable, strict=True))
        ratios = [1 if width == widest and wrap else 0 for width, wrap in zip(widths, wrappable, strict=True)]
        if not any(ratios) or not widest - second:
            break
        widths = _reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        excess = sum(widths) - most
    return widths


def column_widths(columns: list[list[str]], no_wrap: list[bool], most: int) -> list[int] | None:
    """Each column's width with its padding, the table's cells within ``most`` columns; None
    when rich would have to narrow a column that may not wrap."""
    if most < len(columns):
        return None
    widths = [_column(cells, most)[1] or 1 for cells in columns]
    if sum(widths) > most:
        widths = _collapse(widths, [not keep for keep in no_wrap], most)
        if sum(widths) > most:
            return None
        widths = [_column(cells, width)[1] for cells, width in zip(columns, widths, strict=True)]
    return widths


def _cell(text: str, width: int, column: Column) -> list[str] | None:
    """A cell's lines, padded to its ``width``; None when one would be cut short. Justified
    right, a line loses the spaces it ends with; left, a wrapped line's are cut to the width."""
    inner = width - PADDING
    if inner < 0 or (inner < 1 and text):  # a column of empty cells is two spaces wide
        return None
    right = column.justify == "right"
    lines: list[str] = []
    for line in text.split("\n"):
        pieces = [line] if column.no_wrap else _divide(line, inner, column.overflow == "fold")
        if pieces is None:
            return None
        for piece in pieces:
            kept = piece.rstrip() if right or not column.no_wrap else piece
            if len(kept) > inner:  # rich cuts it short with an ellipsis
                return None
            lines.append(f" {kept:>{inner}} " if right else f" {piece[:inner]:<{inner}} ")
    return lines


def grid_lines(grid: Grid, width: int) -> list[str] | None:
    """A table printed ``width`` wide: its headers bottom-aligned, its rows of cells top-aligned,
    a line between rows with ``show_lines``, the box's outer edge with ``show_edge``."""
    texts = [column.header.plain for column in grid.columns]
    rows = [[cell.plain for cell in cells] for cells, _ in grid.rows]
    if not narrow("".join(texts + [cell for row in rows for cell in row])):
        return None
    columns = [[header, *(row[index] for row in rows)] for index, header in enumerate(texts)]
    no_wrap = [column.no_wrap for column in grid.columns]
    bars = len(columns) - 1 + (2 if grid.show_edge else 0)
    widths = column_widths(columns, no_wrap, width - bars)
    if widths is None:
        return None
    top, head, under, body, between, bottom = HEAVY_HEAD
    edge = grid.show_edge
    lines = [_rule(top, widths, edge)] if edge else []
    for index, row in enumerate([texts, *rows]):
        cells = [_cell(text, w, column) for text, w, column in zip(row, widths, grid.columns, strict=True)]
        if any(cell is None for cell in cells):
            return None
        height = max(len(cell) for cell in cells if cell is not None)
        shaped = [_shape(cell or [], w, height, not index) for cell, w in zip(cells, widths, strict=True)]
        box = head if not index else body
        lines.extend(_join(box[0], box[1], box[2], parts, edge) for parts in zip(*shaped, strict=True))
        if not index:
            lines.append(_rule(under, widths, edge))
        elif grid.show_lines and index < len(rows):
            lines.append(_rule(between, widths, edge))
    if edge:
        lines.append(_rule(bottom, widths, edge))
    return lines


def _rule(box: str, widths: list[int], edge: bool) -> str:
    """A line of the box: left corner, the rule across each column, the crossings, right corner
    (the corners only with its ``edge``)."""
    return _join(box[0], box[2], box[3], [box[1] * width for width in widths], edge)


def _join(left: str, middle: str, right: str, parts: Iterable[str], edge: bool) -> str:
    """``parts`` joined by ``middle``, between ``left`` and ``right`` when the box has its edge."""
    return left + middle.join(parts) + right if edge else middle.join(parts)


def _shape(lines: list[str], width: int, height: int, bottom_aligned: bool) -> list[str]:
    blank = [" " * width] * (height - len(lines))
    return blank + lines if bottom_aligned else lines + blank
