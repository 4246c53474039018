r"""Hostile text in input: control characters shown escaped wherever input is echoed, and
text that a spreadsheet would run as a formula written as text (``as_text``).

A CSV cell, an argument or a file name holding ESC, OSC, BEL, CR or a line break would
retitle or clear the terminal it is printed to, or forge a second ``oftl:`` line in a CI
log. ``visible`` shows each such character as an escape, as Python writes it, and leaves
every other character (accents, dashes) alone. Text read from rule and holidays files is
refused when it holds one (``first_control``), so no document carries them.

>>> visible("Barnet\x1b]0;pwned\x07\nline two")
'Barnet\\x1b]0;pwned\\x07\\nline two'
>>> visible("Brent – Ealing")
'Brent – Ealing'
"""

import re
from typing import Any

# C0 and C1 controls and DEL; line and paragraph separators; the bidirectional marks,
# overrides and isolates, which reorder what a terminal shows; lone surrogates, which no
# UTF-8 file or terminal can take; and the noncharacters (U+FFFE, U+FFFF, ...), which XML
# forbids. A pattern, compiled (and kept) by ``re`` when first used: half a millisecond that a
# run echoing nothing and reading no file need not pay at start-up. Every character it matches
# is one ``str.isprintable`` refuses (tests/test_hostile.py), so printable text, nearly all
# text, is passed without compiling or searching.
CONTROL = (
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000))
    + "]"
)
SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What a spreadsheet takes for the start of a formula (OWASP's CSV injection list): a cell of text
# starting so is written behind a quote mark.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def visible(text: str) -> str:
    """``text`` with each control character written as an escape (``\\x1b``, ``\\n``)."""
    if text.isprintable():
        return text
    return re.sub(CONTROL, lambda match: _escape(match.group()), text)


def first_control(text: str) -> str | None:
    """The first control character in ``text``, escaped, or None when there is none."""
    if text.isprintable():
        return None
    match = re.search(CONTROL, text)
    return _escape(match.group()) if match else None


def _escape(character: str) -> str:
    code = ord(character)
    if character in SHORT:
        return SHORT[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def as_text(value: Any) -> Any:
    """A text cell a spreadsheet shows as text, never runs as a formula; other values as they are.

    >>> as_text("=SUM(A1)"), as_text("-2+3"), as_text("2017-07-07"), as_text(-2)
    ("'=SUM(A1)", "'-2+3", '2017-07-07', -2)
    """
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
