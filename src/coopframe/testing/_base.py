"""The shared pieces of the strategies: texts, ids, dates, parties and sources."""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from coopframe.model import (
    MAX_DATE,
    MIN_DATE,
    AgencyKind,
    Basis,
    Counting,
    FigureUnit,
    InstrumentKind,
    Party,
    Pillar,
    Source,
)

_T = TypeVar("_T")

_LETTERS = string.ascii_letters + string.digits + " -.,:;()/'" + "áéíóúüñÁÉÍÓÚÑçÇãõâêôÂÊÔàèÀ–ª°"
_PHRASES = (
    "Perú",
    "Bolivia",
    "Atención y protección",
    "Prevención",
    "Investigación y sanción",
    "Planificación y monitoreo",
    "Equipo binacional de respuesta inmediata",
    "Mecanismo de alerta temprana en frontera",
    "Campaña binacional de prevención",
    "Mesas de trabajo: policía, fiscalía y migración",
    "Ministério da Justiça e Segurança Pública",
    "CEBAF Desaguadero",
)
_PARTY_CODES = ("BOL", "PER", "ECU", "COL", "BRA", "CHL", "ARG")
_PARTY_NAMES = ("Bolivia", "Perú", "Ecuador", "Colombia", "Brasil", "Chile", "Argentina")
_METRICS = ("compliance", "activities", "completed", "in_progress", "commitments")
_MAX_RESPONSIBLE = 3
_MAX_DEPENDENCIES = 3
_MAX_CITATIONS = 2
_MAX_REPORTED = 3

_TEXT = st.one_of(st.sampled_from(_PHRASES), st.text(_LETTERS, min_size=1, max_size=16))
_OPTIONAL_TEXT = st.one_of(st.none(), _TEXT)
_DATE = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)
_OPTIONAL_DATE = st.one_of(st.none(), _DATE)
_PARTY_ID = st.one_of(
    st.sampled_from(_PARTY_CODES), st.text(string.ascii_uppercase, min_size=3, max_size=3)
)
_PARTY = st.builds(Party, id=_PARTY_ID, name=st.one_of(st.sampled_from(_PARTY_NAMES), _TEXT))
_ACRONYM = st.one_of(st.none(), st.text(string.ascii_uppercase, min_size=2, max_size=6))
_URL = st.one_of(st.none(), st.integers(1, 999).map(lambda n: f"https://example.org/doc/{n}"))
# References are drawn as small numbers and resolved against the ids known at that point, so
# that each item is one block of choices and shrinks towards "no reference" or "the first".
_PICK = st.integers(min_value=0, max_value=255)
_CITATIONS = st.lists(_PICK, max_size=_MAX_CITATIONS)
_SHARE = st.one_of(st.sampled_from((0.0, 1.0)), st.floats(0.0, 1.0, allow_subnormal=False))
_PROGRESS = st.one_of(st.none(), _SHARE)
_WEIGHT = st.one_of(st.just(1.0), st.just(0.0), st.floats(0.001, 1000.0, allow_subnormal=False))
_BOOL = st.booleans()
_OPTIONAL_PICK = st.one_of(st.none(), _PICK)
_TWO_PICKS = st.lists(_PICK, min_size=2, max_size=2)
_TWO_DATES = st.lists(_DATE, min_size=2, max_size=2)
_RESPONSIBLE = st.lists(_PICK, max_size=_MAX_RESPONSIBLE)
_DEPENDENCIES = st.lists(_PICK, max_size=_MAX_DEPENDENCIES)
_PLACE = st.integers(0, 15)
_AGENCY_KIND = st.sampled_from(AgencyKind)
_PILLARS = st.lists(st.sampled_from(Pillar), unique=True, max_size=2)
_INSTRUMENT = st.sampled_from(InstrumentKind)
_LENGTH = st.one_of(st.integers(0, 3 * 366), st.integers(0, 300 * 366))
_AS_OF_KIND = st.sampled_from(("none", "inside", "anywhere"))
_METRIC = st.sampled_from(_METRICS)
_UNIT = st.sampled_from(FigureUnit)
_COUNTING = st.one_of(st.none(), st.sampled_from(Counting))
_RATE = _SHARE
_COUNT = st.one_of(st.integers(0, 500).map(float), st.floats(0.0, 1e6, allow_subnormal=False))


def _ids(prefix: str, max_size: int) -> SearchStrategy[str]:
    """Ids ``prefix + number``; numbers shrink towards 1, 2, 3."""
    return st.integers(min_value=1, max_value=max(99, 4 * max_size)).map(lambda n: f"{prefix}{n}")


_ROADMAP_ID = _ids("R", 1)
_AGREEMENT_ID = _ids("T", 1)


def texts() -> SearchStrategy[str]:
    """Short non-empty human text, often with non-ASCII letters (``"Perú"``, ``"Atención"``).

    Returns
    -------
    SearchStrategy of str
        Realistic phrases mixed with random text over Latin letters with Spanish and Portuguese
        accents, digits, spaces and punctuation.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(texts(), lambda s: not s.isascii())
    'Perú'
    """
    return _TEXT


def party_ids() -> SearchStrategy[str]:
    """Party ids: three capital letters, such as ``"BOL"``, ``"PER"`` or ``"AAA"``.

    Returns
    -------
    SearchStrategy of str
        Three capital ASCII letters, not necessarily an assigned ISO 3166-1 alpha-3 code.
    """
    return _PARTY_ID


def _check_sizes(name: str, low: int, high: int, floor: int = 0) -> None:
    if not floor <= low <= high:
        raise ValueError(
            f"The sizes of {name} must satisfy {floor} <= min_size <= max_size. "
            f"Got {low} and {high} instead."
        )


def _pick(items: Sequence[_T], pick: int) -> _T:
    return items[pick % len(items)]


def _picks(items: Sequence[_T], picks: Sequence[int]) -> tuple[_T, ...]:
    """The distinct items the picks point at, in the order of the picks."""
    if not items:
        return ()
    return tuple(dict.fromkeys(items[pick % len(items)] for pick in picks))


def _tuples(
    items: SearchStrategy[_T], key: Callable[[_T], object], min_size: int, max_size: int
) -> SearchStrategy[tuple[_T, ...]]:
    return st.lists(items, min_size=min_size, max_size=max_size, unique_by=key).map(tuple)


def parties(*, min_size: int = 2, max_size: int = 3) -> SearchStrategy[tuple[Party, ...]]:
    """The parties of a roadmap or agreement: distinct ids, names such as ``"Perú"``.

    Parameters
    ----------
    min_size, max_size
        How many parties; a valid roadmap needs two, three make a trinational one
        (Colombia–Brazil–Peru).

    Returns
    -------
    SearchStrategy of tuple of Party
        Parties with unique three-letter ids.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(parties(max_size=4))
    ... def test_party_ids(drawn):
    ...     assert 2 <= len({party.id for party in drawn}) == len(drawn) <= 4
    >>> test_party_ids()
    """
    _check_sizes("parties", min_size, max_size)
    return _tuples(_PARTY, lambda party: party.id, min_size, max_size)


def sources(*, min_size: int = 0, max_size: int = 3) -> SearchStrategy[tuple[Source, ...]]:
    """The sources a document cites: unique ids ``S1``, ``S2``, every basis, optional fields.

    Parameters
    ----------
    min_size, max_size
        How many sources.

    Returns
    -------
    SearchStrategy of tuple of Source
        Sources whose url, date, publisher and note are each sometimes absent.
    """
    _check_sizes("sources", min_size, max_size)
    source = st.builds(
        Source,
        id=_ids("S", max_size),
        title=_TEXT,
        url=_URL,
        date=_OPTIONAL_DATE,
        basis=st.sampled_from(Basis),
        publisher=_OPTIONAL_TEXT,
        note=_OPTIONAL_TEXT,
    )
    return _tuples(source, lambda item: item.id, min_size, max_size)
