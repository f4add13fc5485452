"""The enums of the model: pillars, agency kinds, statuses, bases, instruments, counting rules."""

from __future__ import annotations

import enum


class Pillar(enum.Enum):
    """The reference pillars of anti-trafficking policy (the 4P paradigm)."""

    PREVENTION = "prevention"
    PROTECTION = "protection"
    PROSECUTION = "prosecution"
    PARTNERSHIP = "partnership"


class AgencyKind(enum.Enum):
    """What kind of institution an agency is."""

    POLICE = "police"
    PROSECUTION = "prosecution"
    JUDICIARY = "judiciary"
    MIGRATION = "migration"
    FOREIGN_AFFAIRS = "foreign_affairs"
    INTERIOR = "interior"
    JUSTICE = "justice"
    SOCIAL_PROTECTION = "social_protection"
    LABOUR = "labour"
    HEALTH = "health"
    EDUCATION = "education"
    OMBUDSMAN = "ombudsman"
    CIVIL_SOCIETY = "civil_society"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    OTHER = "other"


class Status(enum.Enum):
    """Where an activity stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    SUSPENDED = "suspended"
    UNKNOWN = "unknown"


class Basis(enum.Enum):
    """How much a source's facts can be trusted.

    ``reported``: published by a public source. ``reconstructed``: built by coopframe's authors
    from reported facts to fill a gap (plausible, not published). ``assumed``: a working
    assumption with no public backing.
    """

    REPORTED = "reported"
    RECONSTRUCTED = "reconstructed"
    ASSUMED = "assumed"


class InstrumentKind(enum.Enum):
    """The legal form of an agreement."""

    TREATY = "treaty"
    AGREEMENT = "agreement"
    MEMORANDUM = "memorandum"
    DECLARATION = "declaration"
    PROTOCOL = "protocol"
    ACTION_PLAN = "action_plan"
    OTHER = "other"


class Counting(enum.Enum):
    """Counting rules for a compliance rate.

    ``strict``: completed activities only. ``partial``: progress counts pro rata.
    ``lenient``: completed and in-progress activities count (the rule behind Argentina's
    2022–2024 figure of 82.3%).
    """

    STRICT = "strict"
    PARTIAL = "partial"
    LENIENT = "lenient"


class FigureUnit(enum.Enum):
    """The unit of a reported figure: a rate in [0, 1] or a count."""

    RATE = "rate"
    COUNT = "count"
