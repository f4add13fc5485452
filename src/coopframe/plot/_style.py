"""What every figure shares: the palette, the canvas, text drawn as written, checks."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Final

from coopframe._optional import require
from coopframe.exceptions import InvalidParameterError
from coopframe.model import Roadmap
from coopframe.scoring import Evaluation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


_OKABE_ITO: Final = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#999999",  # grey
    "#F0E442",  # yellow
)
_ALERT: Final = "#C00000"
_INK: Final = "#222222"
_MUTED: Final = "#666666"


def _require(function: str) -> None:
    require("matplotlib", extra="plot", feature=f"coopframe.plot.{function}()")


def _canvas(function: str, ax: object, *, width: float, height: float) -> tuple[Figure, Axes]:
    """The figure and axes to draw on: a new pair, or the given axes and its root figure."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if ax is None:
        fig = Figure(figsize=(width, height), layout="constrained")
        return fig, fig.add_subplot()
    if not isinstance(ax, Axes):
        raise InvalidParameterError(
            f"The 'ax' parameter of {function} must be a matplotlib Axes or None. "
            f"Got {_short(ax)} instead."
        )
    parent: Any = ax.figure
    while not isinstance(parent, Figure):  # a SubFigure: climb to the figure that holds it
        parent = parent.figure
    return parent, ax


def _check_roadmap(function: str, roadmap: object) -> None:
    if not isinstance(roadmap, Roadmap):
        raise InvalidParameterError(
            f"The 'roadmap' parameter of {function} must be a Roadmap. "
            f"Got {_short(roadmap)} instead."
        )


def _short(value: object) -> str:
    """A value for an error message: its repr, or its type for a large object."""
    if isinstance(value, Roadmap):
        return f"the roadmap {value.id!r}"
    if isinstance(value, Evaluation):
        return f"an evaluation of {value.roadmap_id!r}"
    text = repr(value)
    return text if len(text) <= 80 else f"a {type(value).__name__}"


def _palette(count: int) -> list[str]:
    """``count`` distinct colours: Okabe–Ito up to eight, else tab20 (cycled past 20)."""
    if count <= len(_OKABE_ITO):
        return list(_OKABE_ITO[:count])
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["tab20"]
    return [to_hex(cmap(i % 20)) for i in range(count)]


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width)) or text


def _percent(rate: float) -> str:
    """``0.923 -> '92.3%'``, ``1.0 -> '100%'``."""
    text = f"{rate:.1%}"
    return text.replace(".0%", "%")


_LITERAL: Final[dict[str, Any]] = {"parse_math": False, "usetex": False}
"""Text properties that draw a text as written: no mathtext (``$x^$`` would not parse), no TeX."""


def _titles(axes: Axes, title: str, roadmap_id: str) -> None:
    axes.set_title(title, loc="left", fontweight="bold", **_LITERAL)
    axes.set_title(roadmap_id, loc="right", fontsize="small", color=_MUTED, **_LITERAL)


def _literal_legend(axes: Axes, **options: Any) -> None:
    """A legend whose labels and title are drawn as written."""
    legend = axes.legend(**options)
    for text in (*legend.get_texts(), legend.get_title()):
        text.update(_LITERAL)
