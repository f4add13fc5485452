"""render(): one entry point for every result type, and a registry of formats.

A format registered in a test works through render() with no other edit; every result type
dispatches to its builder; the thin render_* functions give the same bytes as render().
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

import attrs
import pytest

import coopframe as cf
from coopframe import compare, render, trajectory
from coopframe.analysis import evaluate_many, rank, rank_robustness
from coopframe.render import Chart, Document, Facts, Paragraph, Section, Table


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    """One of each result type render() takes, with the function that rendered it before."""
    earlier = cf.datasets.load("bolivia-peru-2021-2022")
    later = cf.datasets.load("bolivia-peru-2025-2026")
    assert isinstance(earlier, cf.Roadmap)
    assert isinstance(later, cf.Roadmap)
    deal = cf.datasets.load("bolivia-peru-framework")
    assert isinstance(deal, cf.Agreement)
    batch = evaluate_many(cf.synthetic.synthetic_corpus(3, n_activities=6, seed=5), progress=False)
    return {
        "evaluation": cf.evaluate(earlier),
        "evaluations": [cf.evaluate(earlier), cf.evaluate(later)],
        "comparison": compare(earlier, later, match_ids=False),
        "trajectory": trajectory(deal, match_ids=False),
        "ranking": rank(batch),
        "robustness": rank_robustness(batch, n_samples=10),
        "table": Table(headers=("a", "b"), rows=(("x", "1"),), numeric=(False, True)),
    }


@pytest.fixture
def outline() -> Iterator[str]:
    """A format defined here: one line per document and section title, and per block kind."""

    def write(documents: Sequence[Document]) -> str:
        lines: list[str] = []
        for document in documents:
            lines.append(f"# {document.title}")
            for section in document.sections:
                lines.append(f"## {section.title}")
                lines += [f"- {type(block).__name__}" for block in section.blocks]
        return "\n".join(lines) + "\n"

    render.register_render_format("outline", write)
    yield "outline"
    render.unregister_render_format("outline")


@pytest.mark.parametrize(
    "kind",
    ["evaluation", "evaluations", "comparison", "trajectory", "ranking", "robustness", "table"],
)
def test_a_registered_format_works_through_render(
    results: dict[str, object], outline: str, kind: str
) -> None:
    """A format registered at run time renders every result type through render(), and is
    listed among the format names; nothing else has to change."""
    assert outline in render.get_render_format_names()
    assert render.RENDER_FORMATS[outline] is not None
    text = render.render(results[kind], format=outline)
    assert text.startswith("# ")
    assert text.endswith("\n")
    assert "- Table" in text


def test_an_unregistered_format_is_refused_again(results: dict[str, object]) -> None:
    """After unregister_render_format the name is unknown to render() once more."""
    render.register_render_format("gone", lambda documents: "gone\n")
    assert render.render(results["evaluation"], format="gone") == "gone\n"
    render.unregister_render_format("gone")
    with pytest.raises(cf.InvalidParameterError, match="'format' parameter of render"):
        render.render(results["evaluation"], format="gone")


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("evaluation", "Evaluation of "),
        ("evaluations", "Evaluations of 2 roadmaps"),
        ("comparison", "Comparison of "),
        ("trajectory", "Trajectory of "),
        ("ranking", "Ranking of 3 roadmaps"),
        ("robustness", "Ranking of 3 roadmaps"),
    ],
)
def test_render_dispatches_every_result_type(
    results: dict[str, object], kind: str, title: str
) -> None:
    """Each result type gets its own document (its own title) in every format, and its own
    data in JSON: to_dict(), or a list of them for several evaluations."""
    obj = results[kind]
    for fmt in ("text", "markdown", "html"):
        text = render.render(obj, format=fmt)
        assert title in text
        assert text.endswith("\n")
    data = json.loads(render.render(obj, format="json"))
    if isinstance(obj, list):
        assert data == [item.to_dict() for item in obj]
    else:
        assert data == obj.to_dict()  # type: ignore[attr-defined]


def test_the_render_functions_are_render(results: dict[str, object]) -> None:
    """render_evaluation, render_evaluations, render_comparison, render_trajectory and
    render_ranking give the bytes render() gives, in every format."""
    pairs = [
        (render.render_evaluation, "evaluation"),
        (render.render_evaluations, "evaluations"),
        (render.render_comparison, "comparison"),
        (render.render_trajectory, "trajectory"),
        (render.render_ranking, "robustness"),
    ]
    for function, kind in pairs:
        for fmt in render.get_render_format_names():
            assert function(results[kind], format=fmt) == render.render(results[kind], format=fmt)  # type: ignore[operator]


def test_a_table_renders_alone(results: dict[str, object]) -> None:
    """A Table given to render() is the table alone in text and Markdown, as render_table
    writes it, and a list of objects keyed by the headers in JSON."""
    table = results["table"]
    for fmt in ("text", "markdown", "html"):
        assert render.render(table, format=fmt) == render.render_table(
            ["a", "b"], [["x", 1]], format=fmt
        )
    assert render.render(table).splitlines()[0] == "a  b"
    assert json.loads(render.render(table, format="json")) == [{"a": "x", "b": "1"}]


def test_a_document_renders_as_built() -> None:
    """A Document built by hand renders in every format; charts only in HTML; not as JSON."""
    document = Document(
        title="Hand made",
        sections=(
            Section(
                title="Part",
                blocks=(
                    Facts((("Label", "value"),)),
                    Paragraph("Some words."),
                    Chart(title="Bars", bars=(("x", (0.5,)),)),
                ),
            ),
        ),
    )
    text = render.render(document)
    assert text.splitlines()[:2] == ["Hand made", "========="]
    assert "Label  value" in text
    assert "Bars" not in text
    assert "<svg" in render.render(document, format="html")
    with pytest.raises(cf.InvalidParameterError, match="'format' parameter of render"):
        render.render(document, format="json")


def test_the_ranking_alone_lists_every_roadmap_best_first(results: dict[str, object]) -> None:
    """A Ranking (without robustness) lists each roadmap once, in rank order, with its band."""
    ranking = results["ranking"]
    assert isinstance(ranking, cf.analysis.Ranking)
    text = render.render(ranking)
    positions = [text.index(f"  {entry.roadmap_id}  ") for entry in ranking.entries]
    assert positions == sorted(positions)
    assert all(entry.band in text for entry in ranking.entries)
    assert "Profile  balanced" in text


@pytest.mark.parametrize(
    "obj",
    [
        "text",
        3,
        None,
        {"a": 1},
        [1, 2],
        (cf.evaluate(cf.datasets.load("bolivia-peru-2021-2022")), "x"),
    ],
)
def test_anything_else_is_refused(obj: object) -> None:
    """Anything that is not a result (or a list of evaluations holding something else) raises
    InvalidParameterError naming the parameter, in every format."""
    for fmt in ("text", "json"):
        with pytest.raises(cf.InvalidParameterError, match="'obj' parameter of render"):
            render.render(obj, format=fmt)


@pytest.mark.parametrize(
    ("name", "renderer", "message"),
    [
        ("json", lambda documents: "", "'name' parameter"),
        ("Text Format", lambda documents: "", "'name' parameter"),
        ("text", lambda documents: "", "replace=True"),
        ("fine", "not callable", "'renderer' parameter"),
    ],
)
def test_bad_registrations_are_refused(name: str, renderer: object, message: str) -> None:
    """A format needs a lower-case name other than json, free unless replaced, and a callable;
    a refused registration leaves the registry as it was."""
    before = dict(render.RENDER_FORMATS)
    with pytest.raises(cf.InvalidParameterError, match=message):
        render.register_render_format(name, renderer)  # type: ignore[arg-type]
    assert dict(render.RENDER_FORMATS) == before


def test_built_in_formats_cannot_be_unregistered_and_the_view_is_read_only() -> None:
    """The built-in formats stay; RENDER_FORMATS cannot be written to."""
    with pytest.raises(cf.InvalidParameterError, match="'name' parameter"):
        render.unregister_render_format("text")
    with pytest.raises(TypeError):
        render.RENDER_FORMATS["x"] = lambda documents: ""  # type: ignore[index]


def test_document_nodes_are_frozen_values() -> None:
    """Nodes compare and hash by value, hold tuples whatever they were given, and refuse
    changes."""
    first = Table(headers=["a"], rows=[("1",)], numeric=[True])
    second = Table(headers=("a",), rows=(("1",),), numeric=(True,))
    assert first == second
    assert hash(first) == hash(second)
    assert isinstance(first.headers, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.headers = ("b",)  # type: ignore[misc]


def test_the_summaries_take_their_own_result_type(results: dict[str, object]) -> None:
    """comparison_summary takes a Comparison and trajectory_summary a Trajectory; each refuses
    the other, naming its parameter, and neither ends in a newline."""
    comparison, path = results["comparison"], results["trajectory"]
    assert render.comparison_summary(comparison).startswith("Comparison of ")  # type: ignore[arg-type]
    assert render.trajectory_summary(path).startswith("Trajectory of ")  # type: ignore[arg-type]
    assert not render.comparison_summary(comparison).endswith("\n")  # type: ignore[arg-type]
    with pytest.raises(cf.InvalidParameterError, match="'comparison' parameter"):
        render.comparison_summary(path)  # type: ignore[arg-type]
    with pytest.raises(cf.InvalidParameterError, match="'trajectory' parameter"):
        render.trajectory_summary(comparison)  # type: ignore[arg-type]
    with pytest.raises(cf.InvalidParameterError, match="'top' parameter of trajectory_summary"):
        render.trajectory_summary(path, top=True)  # type: ignore[arg-type]
