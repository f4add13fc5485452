"""Typed loading: load_roadmap, load_agreement and their loads_ forms give the kind asked for."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import coopframe as cf

ROADMAP = "bolivia-peru-2025-2026"
AGREEMENT = "bolivia-peru-framework"


def test_load_roadmap_gives_the_roadmap_load_gives() -> None:
    """load_roadmap reads a roadmap file to the same Roadmap as load."""
    path = cf.datasets.path(ROADMAP)
    road = cf.load_roadmap(path)
    assert type(road) is cf.Roadmap
    assert road == cf.load(path)


def test_load_agreement_gives_the_agreement_load_gives() -> None:
    """load_agreement reads an agreement file to the same Agreement as load."""
    path = cf.datasets.path(AGREEMENT)
    agreement = cf.load_agreement(path)
    assert type(agreement) is cf.Agreement
    assert agreement == cf.load(path)


@pytest.mark.parametrize("fmt", sorted(cf.io.FORMATS))
def test_loads_forms_give_the_kind_in_every_format(fmt: str) -> None:
    """loads_roadmap and loads_agreement read text of every format, as loads does."""
    road = cf.datasets.load(ROADMAP)
    agreement = cf.datasets.load(AGREEMENT)
    assert cf.loads_roadmap(cf.dumps(road, format=fmt), format=fmt) == road
    assert cf.loads_agreement(cf.dumps(agreement, format=fmt), format=fmt) == agreement
    assert cf.loads_roadmap(cf.dumps(road, format=fmt).encode("utf-8"), format=fmt) == road


def test_load_roadmap_refuses_an_agreement_at_its_key(tmp_path: Path) -> None:
    """An agreement given to load_roadmap is an InvalidDocumentError whose one problem sits at
    the 'agreement' key, names the file and the readers to use instead."""
    path = tmp_path / "framework.yaml"
    cf.dump(cf.datasets.load(AGREEMENT), path)
    with pytest.raises(cf.InvalidDocumentError) as info:
        cf.load_roadmap(path)
    error = info.value
    assert isinstance(error, cf.CoopframeError)
    assert isinstance(error, ValueError)
    assert error.source == str(path)
    assert [(p.path, p.message) for p in error.problems] == [
        (
            "agreement",
            "the document holds an agreement, not a roadmap; read it with load_agreement() "
            "or load()",
        )
    ]
    assert str(path) in str(error)


def test_load_agreement_refuses_a_roadmap_at_its_key() -> None:
    """A roadmap given to load_agreement is refused at the 'roadmap' key."""
    with pytest.raises(cf.InvalidDocumentError) as info:
        cf.load_agreement(cf.datasets.path(ROADMAP))
    assert [(p.path, p.message) for p in info.value.problems] == [
        (
            "roadmap",
            "the document holds a roadmap, not an agreement; read it with load_roadmap() or load()",
        )
    ]


def test_loads_forms_refuse_the_other_kind_naming_loads_readers() -> None:
    """The loads_ forms name the loads_ readers, and the text by its format."""
    road_text = cf.dumps(cf.datasets.load(ROADMAP), format="json")
    agreement_text = cf.dumps(cf.datasets.load(AGREEMENT), format="json")
    with pytest.raises(cf.InvalidDocumentError) as info:
        cf.loads_agreement(road_text, format="json")
    assert info.value.source == "<json text>"
    assert info.value.problems[0].path == "roadmap"
    assert "loads_roadmap() or loads()" in info.value.problems[0].message
    with pytest.raises(cf.InvalidDocumentError) as info:
        cf.loads_roadmap(agreement_text, format="json")
    assert info.value.problems[0].path == "agreement"
    assert "loads_agreement() or loads()" in info.value.problems[0].message


def test_typed_loaders_take_the_options_of_load(tmp_path: Path) -> None:
    """format= overrides the suffix and limits= bounds the document, as for load and loads."""
    path = tmp_path / "roadmap.txt"
    path.write_text(cf.dumps(cf.datasets.load(ROADMAP), format="toml"), encoding="utf-8")
    assert cf.load_roadmap(path, format="toml").id == ROADMAP
    small = cf.io.Limits(max_bytes=100)
    with pytest.raises(cf.DocumentSyntaxError, match=r"Limits\.max_bytes"):
        cf.load_roadmap(path, format="toml", limits=small)
    with pytest.raises(cf.DocumentSyntaxError, match=r"Limits\.max_bytes"):
        cf.loads_roadmap(path.read_text(encoding="utf-8"), format="toml", limits=small)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: cf.load_roadmap("x.yaml", format="xml"), "load_roadmap"),  # type: ignore[arg-type]
        (lambda: cf.load_agreement("x.yaml", limits=3), "load_agreement"),  # type: ignore[arg-type]
        (lambda: cf.loads_roadmap("", format="xml"), "loads_roadmap"),  # type: ignore[arg-type]
        (lambda: cf.loads_agreement(3), "loads_agreement"),  # type: ignore[arg-type]
    ],
)
def test_bad_options_name_the_typed_loader(call: object, name: str) -> None:
    """A bad option is an InvalidParameterError naming the function that was called."""
    with pytest.raises(cf.InvalidParameterError, match=f"parameter of {name} must"):
        call()  # type: ignore[operator]


def test_load_roadmap_keeps_the_file_errors_of_load(tmp_path: Path) -> None:
    """A missing file or an unknown suffix is the DocumentFileError load gives."""
    with pytest.raises(cf.DocumentFileError, match="no such file"):
        cf.load_roadmap(tmp_path / "missing.yaml")
    with pytest.raises(cf.DocumentFileError, match="cannot tell the format"):
        cf.load_agreement(tmp_path / "agreement.xml")


def test_typed_loaders_give_precise_types_to_mypy(tmp_path: Path) -> None:
    """Under mypy --strict, the typed loaders return Roadmap and Agreement, with no isinstance
    check needed to use their fields."""
    pytest.importorskip("mypy")
    script = tmp_path / "typed.py"
    script.write_text(
        textwrap.dedent(
            """
            import coopframe as cf

            road: cf.Roadmap = cf.load_roadmap("roadmap.yaml")
            agreement: cf.Agreement = cf.load_agreement("agreement.yaml")
            print(road.activities[0].title, agreement.roadmaps[0].id)
            print(cf.loads_roadmap("").id, cf.loads_agreement("").roadmaps)
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(script),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(Path(cf.__file__).parents[1])},
    )
    assert done.returncode == 0, done.stdout + done.stderr
