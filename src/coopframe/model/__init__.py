"""The typed domain model: parties, agencies, axes, activities, roadmaps and agreements.

Every type here is a frozen :mod:`attrs` class: instances compare and hash by value, collections
are tuples, and a change is made with :func:`attrs.evolve`. A :class:`Roadmap` or
:class:`Agreement` that exists is consistent: building one runs every hard rule below and raises
:class:`~coopframe.exceptions.InvalidDocumentError` with all the problems found, each with its
path (``activities[3].depends_on[0]``).

The hard rules of a roadmap:

- at least two parties; party ids are ISO 3166-1 alpha-3 codes (three capital letters);
- ids are non-empty strings, unique within each kind (parties, agencies, axes, activities,
  sources), also once Unicode-normalised (NFC);
- every reference resolves: an agency's party, an activity's axis, responsible agencies, lead
  agency (which must also be responsible), dependencies, and every cited source;
- no activity depends on itself or lists a dependency or agency twice, and the dependencies
  have no cycle (the cycle is named);
- dates lie within :data:`MIN_DATE` and :data:`MAX_DATE`; an activity is not due before it
  starts; the period does not end before it starts;
- progress is in [0, 1]; weight is finite and >= 0; a reported rate is in [0, 1] and a reported
  count is finite and >= 0.

An agreement has two or more parties, unique roadmap and source ids, roadmaps in chronological
order whose parties are parties to it, and dates within the same bounds.

Soft findings (:func:`coopframe.findings`) never block loading: an activity that starts before
or is due after the roadmap's period, an activity due before one of its prerequisites is due, an
axis without activities, an activity without a responsible agency, an agency without
activities, a completed activity whose progress is below 1, an activity not started whose
progress is above 0, and a status date outside the period.

The model knows no file format, no graph and no score. The types and enums are also the names
of the package face (``coopframe.Roadmap``, ...), and documented on this page.
"""

from coopframe.model import _documents, _rules
from coopframe.model._documents import Agreement as Agreement
from coopframe.model._documents import Roadmap as Roadmap
from coopframe.model._enums import AgencyKind as AgencyKind
from coopframe.model._enums import Basis as Basis
from coopframe.model._enums import Counting as Counting
from coopframe.model._enums import FigureUnit as FigureUnit
from coopframe.model._enums import InstrumentKind as InstrumentKind
from coopframe.model._enums import Pillar as Pillar
from coopframe.model._enums import Status as Status
from coopframe.model._findings import findings as findings
from coopframe.model._findings import validate as validate
from coopframe.model._rules import MAX_DATE, MIN_DATE
from coopframe.model._types import Activity as Activity
from coopframe.model._types import ActivityId, AgencyId, AxisId, PartyId, SourceId
from coopframe.model._types import Agency as Agency
from coopframe.model._types import Axis as Axis
from coopframe.model._types import Party as Party
from coopframe.model._types import Period as Period
from coopframe.model._types import ReportedFigure as ReportedFigure
from coopframe.model._types import Source as Source

__all__ = ["MAX_DATE", "MIN_DATE", "ActivityId", "AgencyId", "AxisId", "PartyId", "SourceId"]

_documents.install_rules(roadmap=_rules.roadmap_problems, agreement=_rules.agreement_problems)
