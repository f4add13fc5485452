"""Characters that must not reach a reader or another program as they are.

Text from input files ends up on terminals (error messages), in reports people read, and in
files other programs parse (GraphML, GEXF, DOT). Some characters do harm there without being
seen: terminal escape sequences (``ESC [ 2 J`` clears the screen), bidirectional overrides that
reorder what a reader sees (U+202E), zero-width characters that make two different ids look the
same, and characters XML 1.0 cannot hold at all. :func:`visible` spells each of them out as a
``\\u202e``-style escape, so the text keeps every character's identity and shows all of it.
"""

from __future__ import annotations

import re

__all__ = ["HIDDEN", "XML_INVALID", "json_escaped", "visible"]

HIDDEN = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and line feed) and C1 controls, DEL
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"  # bidi marks, zero width
    "\ufeff\ufff9-\ufffb\ufffe\uffff"  # BOM, interlinear annotation, noncharacters
    "\ud800-\udfff"  # lone surrogates
    "]"
)
"""Characters :func:`visible` spells out: controls, bidi and zero-width marks, noncharacters."""

XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters that XML 1.0 cannot hold, not even as character references."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ONE_LINE = re.compile("[\n\t" + HIDDEN.pattern[1:])


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with every hidden or control character spelt out as an escape.

    Parameters
    ----------
    text
        Any text, typically a name or message taken from an input file.
    one_line
        Spell out line feeds and tabs too (they are kept by default).

    Returns
    -------
    str
        The text unchanged where it holds nothing hidden (the common case, checked first).

    Examples
    --------
    >>> visible("Mesa\\x1b[2J binacional\\u202e")
    'Mesa\\\\x1b[2J binacional\\\\u202e'
    >>> visible("línea 1\\nlínea 2")
    'línea 1\\nlínea 2'
    >>> visible("a\\nb", one_line=True)
    'a\\\\x0ab'
    """
    pattern = _ONE_LINE if one_line else HIDDEN
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)


def json_escaped(text: str) -> str:
    """JSON text with every :data:`HIDDEN` character written as a ``\\u`` escape.

    The JSON means the same (a parser reads back every character), but no control, bidi or
    zero-width character stands raw in it, so it is safe to print and to read.

    Examples
    --------
    >>> json_escaped('{"title": "Mesa\u202e"}')
    '{"title": "Mesa\\\\u202e"}'
    """
    return HIDDEN.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
