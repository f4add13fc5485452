"""Figures of a roadmap and its evaluation, drawn with matplotlib.

Needs the ``plot`` extra (``pip install "coopframe[plot]"``); without it each function raises
:class:`~coopframe.exceptions.OptionalDependencyError`. matplotlib is imported only when a
function is called.

Each function returns a :class:`matplotlib.figure.Figure`. Without ``ax`` it makes a new figure
of its own, built with the object-oriented API and never registered with :mod:`matplotlib.pyplot`:
nothing is shown, no display is needed, and the figure is freed like any Python object once it
is no longer referenced. Save it with ``fig.savefig("file.svg")`` (or ``.png``, ``.pdf``). With
``ax``, the function draws on that axes and returns the figure that holds it, so plots can be
combined in a grid of your own.

- :func:`axis_compliance_figure`: the compliance rate of each strategic axis, against the overall
  rate;
- :func:`agency_network_figure`: the agencies, coloured by party, joined by the activities they
  share;
- :func:`timeline_figure`: the activities on a calendar, with their dependencies, the roadmap's
  period and the status date;
- :func:`scores_figure`: every score of an evaluation, with the composite.

Colours come from the Okabe–Ito palette, which readers with the common colour vision
deficiencies can tell apart (past eight parties or axes, matplotlib's ``tab20``). Parties are
coloured in the order of their ids and axes in the roadmap's order, so a figure does not depend
on the order of the roadmap's lists (but for the vertical order of :func:`timeline_figure`'s rows,
which follows the axes, then the activities, as the document lists them). Layouts are seeded.

All text is drawn as written: titles, tick labels, legends, annotations and notes are never read
as mathtext or TeX (``parse_math=False``, ``usetex=False``), so a roadmap titled ``$x^$`` shows
those four characters, whatever the ``text.parse_math`` and ``text.usetex`` settings (only the
numbers of the value and date axes follow them).
"""

from coopframe.plot._compliance import axis_compliance_figure
from coopframe.plot._network import LAYOUTS, agency_network_figure
from coopframe.plot._scores import scores_figure
from coopframe.plot._timeline import timeline_figure

__all__ = [
    "LAYOUTS",
    "agency_network_figure",
    "axis_compliance_figure",
    "scores_figure",
    "timeline_figure",
]
