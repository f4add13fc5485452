"""Bundled datasets: real cooperation frameworks, each with its public sources.

Each dataset is a YAML document shipped inside the package (``coopframe/data/<name>.yaml``) and
read with :func:`coopframe.load`, so it is checked like any other document. Every element
cites its sources; a source whose ``basis`` is ``reconstructed`` or ``assumed`` marks what was
built to fill a gap in the public record, and ``docs/data.md`` sets out, dataset by dataset,
what is reported and what is not.

The datasets:

``bolivia-peru-2025-2026``
    The Hoja de Ruta Binacional 2025–2026 of Bolivia and Peru, as of its signing: 11 activities
    in 4 axes, four of them named in public sources, seven reconstructed.
``bolivia-peru-2021-2022``
    The Hoja de Ruta 2021–2022, reported 92% fulfilled. Its activity list is not public: the 13
    activities are a reconstruction consistent with the reported figure.
``bolivia-peru-framework``
    An :class:`~coopframe.model.Agreement` holding both roadmaps in chronological order.

Examples
--------
>>> from coopframe import datasets
>>> datasets.names()
['bolivia-peru-2021-2022', 'bolivia-peru-2025-2026', 'bolivia-peru-framework']
>>> road = datasets.load("bolivia-peru-2021-2022")
>>> road.reported_figure("compliance").value
0.92
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from coopframe.exceptions import UnknownNameError
from coopframe.io import load as _load_document
from coopframe.model import Agreement, Roadmap, Source

__all__ = ["load", "names", "path", "sources"]

_SUFFIX = ".yaml"


def _data_dir() -> Path:
    # The package is installed as files on disk (a wheel or an editable install), so the
    # resource is a real directory; Path() makes that explicit for the type checker.
    return Path(str(importlib.resources.files("coopframe").joinpath("data")))


def names() -> list[str]:
    """The names of the bundled datasets, sorted.

    Returns
    -------
    list of str
        Names accepted by :func:`load`, :func:`path` and :func:`sources`.

    Examples
    --------
    >>> from coopframe import datasets
    >>> "bolivia-peru-2025-2026" in datasets.names()
    True
    """
    return sorted(
        entry.name.removesuffix(_SUFFIX)
        for entry in _data_dir().iterdir()
        if entry.name.endswith(_SUFFIX) and entry.is_file()
    )


def path(name: str) -> Path:
    """The file that holds a bundled dataset.

    Useful to read the file's header, which says what is reported and what is reconstructed,
    or to load it with options of your own.

    Parameters
    ----------
    name
        One of :func:`names`.

    Returns
    -------
    pathlib.Path
        The YAML file inside the installed package.

    Raises
    ------
    UnknownNameError
        No dataset has that name; the message lists the known names.

    Examples
    --------
    >>> from coopframe import datasets
    >>> datasets.path("bolivia-peru-2025-2026").name
    'bolivia-peru-2025-2026.yaml'
    """
    known = names()
    if name not in known:
        raise UnknownNameError(f"unknown dataset {name!r}; known datasets: {', '.join(known)}")
    return _data_dir() / f"{name}{_SUFFIX}"


def load(name: str) -> Roadmap | Agreement:
    """Load a bundled dataset.

    Parameters
    ----------
    name
        One of :func:`names`.

    Returns
    -------
    Roadmap or Agreement
        Whichever the dataset holds: ``bolivia-peru-framework`` is an agreement, the others
        are roadmaps.

    Raises
    ------
    UnknownNameError
        No dataset has that name; the message lists the known names.

    See Also
    --------
    coopframe.load : read any document file.

    Examples
    --------
    >>> from coopframe import datasets
    >>> road = datasets.load("bolivia-peru-2025-2026")
    >>> len(road.activities), len(road.axes)
    (11, 4)
    >>> [party.name for party in road.parties]
    ['Bolivia', 'Perú']
    >>> [r.id for r in datasets.load("bolivia-peru-framework").roadmaps]
    ['bolivia-peru-2021-2022', 'bolivia-peru-2025-2026']
    """
    return _load_document(path(name))


def sources(name: str) -> tuple[Source, ...]:
    """Every source a bundled dataset cites, reported or not.

    Parameters
    ----------
    name
        One of :func:`names`.

    Returns
    -------
    tuple of Source
        In document order (for an agreement: its own sources, then each roadmap's), each
        distinct source once. A source whose ``basis`` is not ``reported`` marks a
        reconstruction or an assumption; its ``note`` says how it was made.

    Raises
    ------
    UnknownNameError
        No dataset has that name; the message lists the known names.

    Examples
    --------
    >>> from coopframe import datasets
    >>> for source in datasets.sources("bolivia-peru-2021-2022"):
    ...     print(source.basis.value, source.id)
    reported cancilleria-bo-2025
    reported oim-bolivia-2022
    reported publimetro-2016
    reported andina-2025
    reconstructed reconstruccion-hoja-2021
    """
    document = load(name)
    if isinstance(document, Agreement):
        found = [*document.sources]
        for roadmap in document.roadmaps:
            found.extend(roadmap.sources)
    else:
        found = [*document.sources]
    return tuple(dict.fromkeys(found))
