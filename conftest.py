"""Doctest namespace: every docstring example may use ``cf`` for the coopframe package."""

from typing import Any

import pytest

import coopframe


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["cf"] = coopframe
