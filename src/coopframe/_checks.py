"""One vocabulary of parameter checks, with one message form.

Every public function checks its options through these, so that every refusal reads the same:
"The 'recursive' parameter of find_documents must be True or False. Got 'yes' instead."
"""

from __future__ import annotations

from coopframe.exceptions import InvalidParameterError

__all__ = ["check_bool"]


def check_bool(name: str, value: object, caller: str) -> None:
    """Raise :class:`~coopframe.exceptions.InvalidParameterError` unless ``value`` is a bool.

    Examples
    --------
    >>> check_bool("recursive", True, "find_documents")
    >>> check_bool("recursive", "yes", "find_documents")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'recursive' parameter of find_documents ...
    """
    if not isinstance(value, bool):
        raise InvalidParameterError(
            f"The {name!r} parameter of {caller} must be True or False. Got {value!r} instead."
        )
