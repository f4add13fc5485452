"""Hypothesis strategies for coopframe's model, for coopframe's own tests and for yours.

Every strategy here produces *valid* objects: a drawn :class:`~coopframe.Roadmap` has two or more
parties, unique ids of each kind, references that all resolve, acyclic dependencies and dates
within :data:`~coopframe.model.MIN_DATE` and :data:`~coopframe.model.MAX_DATE`. Every
optional field is sometimes present and sometimes absent, and dates sometimes fall outside the
roadmap's period (a soft finding, not an error).

Generated ids are short and carry a prefix per kind, so that failing examples read well:
activities ``A1``, ``A2``; agencies ``G1``; axes ``X1``; sources ``S1``; roadmaps ``R1``. Party
ids are three capital letters. Items are drawn whole, one after the other, so a failing example
shrinks by dropping items and references.

The pair strategies (:func:`shuffled_pairs`, :func:`renamed_pairs`, :func:`party_swapped_pairs`)
and the plain functions behind them (:func:`shuffled`, :func:`renamed`, :func:`swap_parties`)
serve invariance tests: a score must not change when the same roadmap is written in another
order, under other ids, or with its parties swapped.

Examples
--------
A property test of your own, over roadmaps of up to 20 activities:

>>> from hypothesis import given, settings
>>> from coopframe.testing import roadmaps
>>> @settings(max_examples=20)
... @given(roadmaps(max_activities=20))
... def test_dependencies_are_activities(road):
...     for activity in road.activities:
...         assert all(road.activity(other) for other in activity.depends_on)
>>> test_dependencies_are_activities()
"""

from coopframe.testing._base import parties, party_ids, sources, texts
from coopframe.testing._documents import agreements, roadmaps
from coopframe.testing._invariance import (
    party_swapped_pairs,
    renamed,
    renamed_pairs,
    shuffled,
    shuffled_pairs,
    swap_parties,
)
from coopframe.testing._items import agencies, axes

__all__ = [
    "agencies",
    "agreements",
    "axes",
    "parties",
    "party_ids",
    "party_swapped_pairs",
    "renamed",
    "renamed_pairs",
    "roadmaps",
    "shuffled",
    "shuffled_pairs",
    "sources",
    "swap_parties",
    "texts",
]
