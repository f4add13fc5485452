"""Hidden and control characters are spelt out before text reaches a reader or a parser."""

from hypothesis import given
from hypothesis import strategies as st

from coopframe._text import HIDDEN, XML_INVALID, visible


@given(st.text())
def test_nothing_hidden_survives(text: str) -> None:
    """After ``visible``, no hidden character is left and nothing XML cannot hold."""
    shown = visible(text)
    assert HIDDEN.search(shown) is None
    assert XML_INVALID.search(shown) is None


@given(st.text())
def test_one_line_leaves_no_line_break_or_tab(text: str) -> None:
    """``one_line=True`` also spells out line feeds and tabs."""
    shown = visible(text, one_line=True)
    assert "\n" not in shown
    assert "\t" not in shown
    assert "\r" not in shown


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs"))))
def test_ordinary_text_is_unchanged(text: str) -> None:
    """Text without controls, format characters or surrogates comes back as it was."""
    if HIDDEN.search(text) is None:
        assert visible(text) == text


def test_escapes_name_the_character() -> None:
    """Each spelt-out character is its code point, so two look-alike ids stay distinguishable."""
    assert visible("\x1b[31mrojo") == "\\x1b[31mrojo"
    assert visible("PREV-1\u200b") == "PREV-1\\u200b"
    assert visible("abc\u202edef") == "abc\\u202edef"
    assert visible("\ud800") == "\\ud800"
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("a\tb\nc", one_line=True) == "a\\x09b\\x0ac"
