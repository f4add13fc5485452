"""Renderings: escaping, determinism, well-formed HTML with inline SVG, every format."""

from __future__ import annotations

import json
import math
import random
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import coopframe as cf
from coopframe import compare, render, trajectory
from coopframe.analysis import evaluate_many, rank_robustness
from coopframe.model import Pillar
from coopframe.testing import shuffled, shuffled_pairs

HOSTILE = "<script>alert(1)</script> | *bold* _it_ `code` [x](y) &amp; # \x1b[31m"
FORMATS = ("text", "markdown", "html")


@pytest.fixture(scope="module")
def earlier() -> cf.Roadmap:
    road = cf.datasets.load("bolivia-peru-2021-2022")
    assert isinstance(road, cf.Roadmap)
    return road


@pytest.fixture(scope="module")
def later() -> cf.Roadmap:
    road = cf.datasets.load("bolivia-peru-2025-2026")
    assert isinstance(road, cf.Roadmap)
    return road


@pytest.fixture(scope="module")
def hostile(earlier: cf.Roadmap) -> cf.Roadmap:
    return attrs.evolve(earlier, title=HOSTILE)


class _Structure(HTMLParser):
    """Checks that every non-void element is closed in order; records the tags seen."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "rect", "path", "circle"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: set[str] = set()
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()


def _check_html(text: str) -> set[str]:
    parser = _Structure()
    parser.feed(text)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser.seen


# Escaping ------------------------------------------------------------------------------------


def test_html_escapes_input_text(hostile: cf.Roadmap) -> None:
    """A title with markup renders as text in HTML: no live <script>, entities in its place."""
    page = render.render_evaluation(cf.evaluate(hostile), format="html")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page
    assert "\x1b" not in page
    _check_html(page)


def test_markdown_escapes_input_text(hostile: cf.Roadmap) -> None:
    """In Markdown the title's markup characters are backslash-escaped."""
    text = render.render_evaluation(cf.evaluate(hostile), format="markdown")
    assert "<script>" not in text
    assert r"\<script\>alert(1)\</script\>" in text
    assert r"\| \*bold\* \_it\_ \`code\` \[x\](y) \&amp; \#" in text
    assert "\x1b" not in text


def test_text_drops_control_characters(hostile: cf.Roadmap) -> None:
    """Plain text keeps the title as written but without terminal control sequences."""
    text = render.render_evaluation(cf.evaluate(hostile))
    assert "\x1b" not in text
    assert "<script>alert(1)</script>" in text


def test_comparison_escapes_input_text(hostile: cf.Roadmap, later: cf.Roadmap) -> None:
    """Comparison reports escape input text too, in both markup formats."""
    result = compare(hostile, later, match_ids=False)
    page = render.render_comparison(result, format="html")
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    markdown = render.render_comparison(result, format="markdown")
    assert "<script>" not in markdown
    assert r"\<script\>" in markdown


# Determinism ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [*FORMATS, "json"])
def test_same_bytes_twice_and_for_a_reordered_roadmap(earlier: cf.Roadmap, fmt: str) -> None:
    """The same roadmap gives the same report, also with its lists in another order."""
    expected = render.render_evaluation(cf.evaluate(earlier), format=fmt)
    assert render.render_evaluation(cf.evaluate(earlier), format=fmt) == expected
    for seed in range(3):
        reordered = shuffled(earlier, random.Random(seed))
        assert render.render_evaluation(cf.evaluate(reordered), format=fmt) == expected


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(pair=shuffled_pairs())
def test_reports_do_not_depend_on_list_order(pair: tuple[cf.Roadmap, cf.Roadmap]) -> None:
    """For any roadmap, every report format is the same for a shuffled copy."""
    first, second = (cf.evaluate(road) for road in pair)
    for fmt in FORMATS:
        assert render.render_evaluation(first, format=fmt) == render.render_evaluation(
            second, format=fmt
        )


def test_comparison_is_deterministic(earlier: cf.Roadmap, later: cf.Roadmap) -> None:
    """A comparison of reordered roadmaps renders to the same bytes."""
    expected = render.render_comparison(compare(earlier, later), format="html")
    again = compare(shuffled(earlier, random.Random(1)), shuffled(later, random.Random(2)))
    assert render.render_comparison(again, format="html") == expected


# Content -------------------------------------------------------------------------------------


def test_html_is_well_formed_with_svg_charts(earlier: cf.Roadmap) -> None:
    """The page is balanced HTML with the main structure and inline SVG bar charts."""
    page = render.render_evaluation(cf.evaluate(earlier), format="html")
    assert page.startswith("<!DOCTYPE html>\n")
    assert page.endswith("</html>\n")
    seen = _check_html(page)
    assert {"html", "head", "body", "main", "article", "section", "table", "svg"} <= seen
    assert "<script" not in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    charts = page.count("<svg ")
    assert charts == 2
    start = page.index("<svg ")
    svg = page[start : page.index("</svg>", start) + len("</svg>")]
    root = ET.fromstring(svg)
    rects = root.findall("{http://www.w3.org/2000/svg}rect")
    assert len(rects) == 2 * len(cf.evaluate(earlier).scores)


def test_headline_figures_in_every_format(earlier: cf.Roadmap) -> None:
    """Composite and band, compliance, the reported check and the critical path are shown."""
    evaluation = cf.evaluate(earlier)
    path = " → ".join(evaluation.schedule.critical_path)
    for fmt in FORMATS:
        text = render.render_evaluation(evaluation, format=fmt)
        assert f"{evaluation.composite.value:.3f} (substantial)" in text
        assert "12 of 13 counted activities met" in text
        assert "reported 0.92, computed 0.923" in text
        assert "agrees" in text
        assert path in text
        assert "Single points of failure" in text


def test_scores_carry_the_registry_descriptions(earlier: cf.Roadmap) -> None:
    """Each score row explains the score with its registered description."""
    text = render.render_evaluation(cf.evaluate(earlier))
    for scorer in cf.scoring.SCORERS.values():
        assert scorer.description in text


def test_missing_pillars_are_named(earlier: cf.Roadmap) -> None:
    """A roadmap whose axes serve no prosecution pillar says so."""
    axes = tuple(
        attrs.evolve(axis, pillars=tuple(p for p in axis.pillars if p is not Pillar.PROSECUTION))
        for axis in earlier.axes
    )
    evaluation = cf.evaluate(attrs.evolve(earlier, axes=axes))
    assert evaluation.coverage.missing_pillars == (Pillar.PROSECUTION,)
    text = render.render_evaluation(evaluation)
    lines = text.splitlines()
    assert any(
        line.startswith("Missing pillars") and line.endswith(" prosecution") for line in lines
    )


def test_undefined_scores_show_as_not_available(later: cf.Roadmap) -> None:
    """A nan score is written n/a, and JSON carries null, never NaN."""
    evaluation = cf.evaluate(later)
    assert math.isnan(evaluation.scores["on_time"])
    text = render.render_evaluation(evaluation)
    assert any(line.startswith("on_time") and "n/a" in line for line in text.splitlines())
    data = render.render_evaluation(evaluation, format="json")
    assert "NaN" not in data
    assert json.loads(data)["scores"]["on_time"] is None


def test_json_is_the_evaluation_dict(earlier: cf.Roadmap) -> None:
    """JSON output is exactly Evaluation.to_dict()."""
    evaluation = cf.evaluate(earlier)
    assert json.loads(render.render_evaluation(evaluation, format="json")) == evaluation.to_dict()


def test_several_evaluations(earlier: cf.Roadmap, later: cf.Roadmap) -> None:
    """Several evaluations give a summary then each report; HTML stays one page; JSON a list."""
    evaluations = [cf.evaluate(earlier), cf.evaluate(later)]
    text = render.render_evaluations(evaluations)
    assert text.index("Summary") < text.index("Evaluation of")
    page = render.render_evaluations(evaluations, format="html")
    assert page.count("<html") == 1
    assert page.count("<article>") == 3
    _check_html(page)
    data = json.loads(render.render_evaluations(evaluations, format="json"))
    assert [item["roadmap"]["id"] for item in data] == [earlier.id, later.id]


def test_comparison_and_trajectory_reports(earlier: cf.Roadmap, later: cf.Roadmap) -> None:
    """Comparisons list carried-over, new and dropped activities; trajectories their steps."""
    result = compare(earlier, later, match_ids=False)
    text = render.render_comparison(result)
    for heading in ("Activities carried over", "New in b", "Dropped from a", "Side by side"):
        assert heading in text
    assert "3 carried over (0 by id, 3 by title), 8 new, 10 dropped" in text
    page = render.render_comparison(result, format="html")
    _check_html(page)
    assert page.count("<svg ") == 1
    assert json.loads(render.render_comparison(result, format="json")) == result.to_dict()
    path = trajectory(cf.datasets.load("bolivia-peru-framework"), match_ids=False)  # type: ignore[arg-type]
    rendered = render.render_trajectory(path, format="markdown")
    assert "## Periods" in rendered
    assert "# Comparison of bolivia-peru-2021-2022 (a) with bolivia-peru-2025-2026 (b)" in rendered
    _check_html(render.render_trajectory(path, format="html"))


def test_ranking_report() -> None:
    """The ranking report lists every roadmap, best first, with its robustness."""
    roads = cf.synthetic.synthetic_corpus(3, n_activities=8, seed=7)
    robustness = rank_robustness(evaluate_many(roads, progress=False), n_samples=20)
    text = render.render_ranking(robustness)
    ids = [entry.roadmap_id for entry in robustness.entries]
    positions = [text.index(roadmap_id) for roadmap_id in ids]
    assert positions == sorted(positions)
    _check_html(render.render_ranking(robustness, format="html"))
    assert json.loads(render.render_ranking(robustness, format="json")) == robustness.to_dict()


def test_render_table_aligns_and_escapes() -> None:
    """Numbers are right-aligned in text; cells are escaped in Markdown and HTML."""
    rows = [["<b>", 1], ["x|y", 22]]
    assert render.render_table(["name", "n"], rows).splitlines() == [
        "name   n",
        "----  --",
        "<b>    1",
        "x|y   22",
    ]
    assert r"| \<b\> | 1 |" in render.render_table(["name", "n"], rows, format="markdown")
    page = render.render_table(["name", "n"], rows, format="html", title="T")
    assert "<td>&lt;b&gt;</td>" in page
    _check_html(page)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: render.render_evaluation("nope"), "'evaluation' parameter"),  # type: ignore[arg-type]
        (lambda: render.render_comparison(1), "'comparison' parameter"),  # type: ignore[arg-type]
        (lambda: render.render_table(["a"], [[1, 2]]), "'rows' parameter"),
        (lambda: render.render_table(["a"], [], format="pdf"), "'format' parameter"),
    ],
)
def test_bad_arguments_raise_invalid_parameter(call: object, message: str) -> None:
    """Bad arguments raise InvalidParameterError naming the parameter."""
    with pytest.raises(cf.InvalidParameterError, match=message):
        call()  # type: ignore[operator]


def test_formats_are_listed() -> None:
    """get_render_format_names lists the four built-in formats, sorted; json is not a renderer."""
    assert render.get_render_format_names() == ["html", "json", "markdown", "text"]
    assert sorted(render.RENDER_FORMATS) == ["html", "markdown", "text"]
