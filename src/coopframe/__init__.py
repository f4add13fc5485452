"""coopframe: model, graph and score anti-trafficking cooperation frameworks."""

from coopframe import analysis, datasets, graph, io, plot, report, scoring, synthetic
from coopframe.analysis import Comparison, Trajectory, compare, trajectory
from coopframe.exceptions import (
    CoopframeError,
    DocumentFileError,
    DocumentSyntaxError,
    InvalidDocumentError,
    InvalidParameterError,
    OptionalDependencyError,
    Problem,
    UnknownNameError,
)
from coopframe.io import dump, dumps, load, loads
from coopframe.model import (
    Activity,
    Agency,
    AgencyKind,
    Agreement,
    Axis,
    Basis,
    Counting,
    FigureUnit,
    InstrumentKind,
    Party,
    Period,
    Pillar,
    ReportedFigure,
    Roadmap,
    Source,
    Status,
)
from coopframe.scoring import Evaluation, Profile, evaluate
from coopframe.validation import validate

__all__ = [
    "Activity",
    "Agency",
    "AgencyKind",
    "Agreement",
    "Axis",
    "Basis",
    "Comparison",
    "CoopframeError",
    "Counting",
    "DocumentFileError",
    "DocumentSyntaxError",
    "Evaluation",
    "FigureUnit",
    "InstrumentKind",
    "InvalidDocumentError",
    "InvalidParameterError",
    "OptionalDependencyError",
    "Party",
    "Period",
    "Pillar",
    "Problem",
    "Profile",
    "ReportedFigure",
    "Roadmap",
    "Source",
    "Status",
    "Trajectory",
    "UnknownNameError",
    "analysis",
    "compare",
    "datasets",
    "dump",
    "dumps",
    "evaluate",
    "graph",
    "io",
    "load",
    "loads",
    "plot",
    "report",
    "scoring",
    "synthetic",
    "trajectory",
    "validate",
]

__version__ = "0.1.0.dev0"
