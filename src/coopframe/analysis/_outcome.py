"""What one item of a run gives: :class:`Outcome`, and the outcomes of one item."""

from __future__ import annotations

import os
from typing import Any, Literal, TypeAlias

import attrs

from coopframe.analysis._common import frozen_tuple
from coopframe.exceptions import InvalidDocumentError, Problem
from coopframe.io import load
from coopframe.model import Agreement, Roadmap
from coopframe.scoring import Evaluation, Family, Profile, Scorer, evaluate

Item: TypeAlias = Roadmap | Agreement | str | os.PathLike[str]
"""What :func:`iter_evaluate` takes: a roadmap, an agreement, or the path of a file of either."""

OnError: TypeAlias = Literal["collect", "raise"]


@attrs.frozen(kw_only=True)
class _Work:
    """How every item of a run is evaluated, sent with each task to whatever runs it.

    The families and scorers travel with the work (pickled by reference, or by value under
    Dask), so a worker needs no registry of its own: forked, spawned and Dask workers alike
    compute what the caller's process would.
    """

    profile: Profile
    families: tuple[Family, ...] = ()
    scorers: tuple[Scorer, ...] = ()

    def evaluate(self, roadmap: Roadmap) -> Evaluation:
        return evaluate(roadmap, profile=self.profile, families=self.families, scorers=self.scorers)


@attrs.frozen(kw_only=True)
class Outcome:
    """The evaluation of one roadmap of a run, or why there is none.

    Attributes
    ----------
    index
        Position of the item in the input (0-based). The roadmaps of one agreement share it.
    source
        Where the roadmap came from: the file's path as given, a roadmap's id, or
        ``"file.yaml#roadmap-id"`` for a roadmap of an agreement.
    evaluation
        The evaluation; ``None`` when the item failed.
    problems
        What is wrong with a failed item, each with its path in the document; empty on success.
    error_kind
        The kind of failure (``"InvalidDocumentError"``, ``"DocumentSyntaxError"``,
        ``"DocumentFileError"``, ``"EmptyAgreement"``, ``"WorkerError"``, ``"Timeout"``, or the
        name of an unexpected exception); ``None`` on success.
    error
        The failure's message; ``None`` on success.

    Examples
    --------
    >>> road = cf.datasets.load("bolivia-peru-2025-2026")
    >>> outcome = next(cf.analysis.iter_evaluate([road, "missing.yaml"], progress=False))
    >>> outcome.ok, outcome.source
    (True, 'bolivia-peru-2025-2026')
    """

    index: int
    source: str
    evaluation: Evaluation | None = attrs.field(hash=False)
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=frozen_tuple)
    error_kind: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the roadmap was evaluated."""
        return self.evaluation is not None

    @property
    def roadmap_id(self) -> str | None:
        """The evaluated roadmap's id; ``None`` for a failure."""
        return None if self.evaluation is None else self.evaluation.roadmap_id

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the evaluation's own :meth:`~Evaluation.to_dict`, or the failure."""
        return {
            "index": self.index,
            "source": self.source,
            "ok": self.ok,
            "roadmap_id": self.roadmap_id,
            "error_kind": self.error_kind,
            "error": self.error,
            "problems": [{"path": p.path, "message": p.message} for p in self.problems],
            "evaluation": None if self.evaluation is None else self.evaluation.to_dict(),
        }


def _failure(index: int, source: str, exc: BaseException) -> Outcome:
    problems = exc.problems if isinstance(exc, InvalidDocumentError) else (Problem("", str(exc)),)
    return Outcome(
        index=index,
        source=source,
        evaluation=None,
        problems=problems,
        error_kind=type(exc).__name__,
        error=str(exc),
    )


def _worker_failure(index: int, source: str, exc: BaseException) -> Outcome:
    reason = str(exc) or "no message"
    message = f"{source}: not evaluated: the task failed ({type(exc).__name__}: {reason})"
    return Outcome(
        index=index,
        source=source,
        evaluation=None,
        problems=(Problem("", message),),
        error_kind="WorkerError",
        error=message,
    )


def _source_of(item: Item) -> str:
    if isinstance(item, Roadmap | Agreement):
        return item.id
    return os.fspath(item)


def _outcomes_of(
    index: int, source: str, item: Item, work: _Work, raise_errors: bool
) -> list[Outcome]:
    try:
        document = item if isinstance(item, Roadmap | Agreement) else load(item)
        if isinstance(document, Roadmap):
            return [Outcome(index=index, source=source, evaluation=work.evaluate(document))]
        if not document.roadmaps:
            message = f"{source}: the agreement {document.id!r} has no roadmap to evaluate"
            if raise_errors:
                raise InvalidDocumentError(
                    [Problem("roadmaps", "no roadmap to evaluate")], source=source
                )
            return [
                Outcome(
                    index=index,
                    source=source,
                    evaluation=None,
                    problems=(Problem("roadmaps", "no roadmap to evaluate"),),
                    error_kind="EmptyAgreement",
                    error=message,
                )
            ]
        return [
            Outcome(
                index=index,
                source=f"{source}#{roadmap.id}",
                evaluation=work.evaluate(roadmap),
            )
            for roadmap in document.roadmaps
        ]
    except Exception as exc:
        if raise_errors:
            raise
        return [_failure(index, source, exc)]
