"""Optional dependencies, imported only by the functions that need them."""

from __future__ import annotations

import importlib
from types import ModuleType

from coopframe.exceptions import OptionalDependencyError

__all__ = ["require"]


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """Import ``module``, or raise :class:`OptionalDependencyError` naming the extra to install.

    Examples
    --------
    >>> from coopframe._optional import require
    >>> require("json", extra="none", feature="this example").__name__
    'json'
    >>> require("not_a_module_here", extra="plot", feature="plot_axes()")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.OptionalDependencyError: plot_axes() needs not_a_module_here, ...
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise OptionalDependencyError(extra=extra, feature=feature, module=module) from None
