"""The one place the command line takes its reports from.

The commands import this module inside their functions, so that ``coopframe --help`` and the
commands that print no report do not load the renderers.
"""

from coopframe.render import FormatName as ReportFormat
from coopframe.render import (
    render_comparison,
    render_evaluation,
    render_evaluations,
    render_ranking,
    render_table,
    render_trajectory,
)

__all__ = [
    "ReportFormat",
    "render_comparison",
    "render_evaluation",
    "render_evaluations",
    "render_ranking",
    "render_table",
    "render_trajectory",
]
