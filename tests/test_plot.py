"""Tests for coopframe.plot: the figures, drawn headless with the object-oriented API."""

from __future__ import annotations

import datetime as dt
import io
import math
import sys

import matplotlib
import pytest
from hypothesis import HealthCheck, given, settings
from matplotlib import _pylab_helpers
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Rectangle

import coopframe as cf
from coopframe import plot
from coopframe.exceptions import InvalidParameterError, OptionalDependencyError
from coopframe.scoring import compliance_detail, coordination_detail
from coopframe.testing import roadmaps, shuffled_pairs

D = dt.date
BEFORE = cf.datasets.load("bolivia-peru-2021-2022")
CURRENT = cf.datasets.load("bolivia-peru-2025-2026")


def texts(fig: Figure, gid: str | None = None) -> list[str]:
    """The texts of the figure's first axes, optionally those with one gid."""
    return [t.get_text() for t in fig.axes[0].texts if gid is None or t.get_gid() == gid]


def by_gid(artists: object, gid: str) -> list[object]:
    return [a for a in artists if a.get_gid() == gid]  # type: ignore[attr-defined]


def svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "test"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def small_roadmap() -> cf.Roadmap:
    """Two parties; PNP alone ties the Bolivian police to the Peruvian prosecutors.

    Axis "inv": A1 completed, A2 in progress (A2 depends on A1). Axis "prev": A3, undated, not
    started, due-only A4 overdue at 2025-06-30. Axis "empty" has no activity.
    """
    police, prosecution = cf.AgencyKind.POLICE, cf.AgencyKind.PROSECUTION
    return cf.Roadmap(
        id="small",
        title="Small",
        parties=(cf.Party(id="PER", name="Perú"), cf.Party(id="BOL", name="Bolivia")),
        period=cf.Period(start=D(2025, 1, 1), end=D(2025, 12, 31)),
        as_of=D(2025, 6, 30),
        agencies=(
            cf.Agency(id="POL", name="Policía Boliviana", party="BOL", kind=police),
            cf.Agency(id="PNP", name="Policía Nacional", party="PER", kind=police, acronym="PNP"),
            cf.Agency(id="MP", name="Ministerio Público", party="PER", kind=prosecution),
        ),
        axes=(
            cf.Axis(id="inv", name="Investigación y sanción"),
            cf.Axis(id="prev", name="Prevención"),
            cf.Axis(id="empty", name="Atención"),
        ),
        activities=(
            cf.Activity(
                id="A1",
                title="Operativos",
                axis="inv",
                responsible=("POL", "PNP"),
                start=D(2025, 1, 1),
                due=D(2025, 3, 31),
                status=cf.Status.COMPLETED,
            ),
            cf.Activity(
                id="A2",
                title="Expedientes",
                axis="inv",
                responsible=("PNP", "MP"),
                depends_on=("A1",),
                start=D(2025, 4, 1),
                due=D(2025, 9, 30),
                status=cf.Status.IN_PROGRESS,
            ),
            cf.Activity(id="A3", title="Campaña", axis="prev", status=cf.Status.NOT_STARTED),
            cf.Activity(
                id="A4",
                title="Alerta",
                axis="prev",
                depends_on=("A3", "A1"),
                due=D(2025, 5, 31),
                status=cf.Status.NOT_STARTED,
            ),
        ),
    )


# axis_compliance --------------------------------------------------------------------------------


def test_axis_compliance_draws_one_bar_per_axis_with_its_rate() -> None:
    """2021–2022: four bars in the roadmap's axis order, labelled by name, long as the rates."""
    fig = plot.axis_compliance_figure(BEFORE)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    bars = ax.containers[0]
    assert len(bars) == len(BEFORE.axes) == 4
    rates = compliance_detail(BEFORE).axis_rates
    assert [bar.get_width() for bar in bars] == [rates[axis.id] for axis in BEFORE.axes]
    labels = [label.get_text().replace("\n", " ") for label in ax.get_yticklabels()]
    assert labels == [axis.name for axis in BEFORE.axes]
    assert "66.7%  (2 of 3)" in texts(fig, "axis-figure")
    assert ax.get_xlim() == (0.0, 1.0)
    [overall] = by_gid(ax.lines, "overall-rate")
    assert overall.get_xdata()[0] == pytest.approx(12 / 13)  # type: ignore[attr-defined]
    assert texts(fig, "overall-label") == [" overall 92.3% "]


def test_axis_compliance_counting_rule_changes_the_bars() -> None:
    """Lenient counting credits PREV-3 (in progress): every axis at 100%."""
    fig = plot.axis_compliance_figure(BEFORE, counting="lenient")
    assert [bar.get_width() for bar in fig.axes[0].containers[0]] == [1.0] * 4
    assert "lenient" in fig.axes[0].get_xlabel()


def test_axis_compliance_shows_an_empty_axis_as_an_empty_bar_with_a_note() -> None:
    """An axis with no counted activity: a bar of length 0, 'n/a' and a note."""
    road = small_roadmap()
    fig = plot.axis_compliance_figure(road)
    widths = [bar.get_width() for bar in fig.axes[0].containers[0]]
    assert widths == [0.5, 0.0, 0.0]  # inv 1/2, prev 0/2, empty nan
    assert texts(fig, "empty-axis-note") == ["no counted activity"]
    assert texts(fig, "axis-figure")[2] == "n/a"


def test_axis_compliance_without_counted_activity_has_no_overall_line() -> None:
    """A roadmap without activities: every bar empty, no reference line, a note instead."""
    road = cf.Roadmap(
        id="empty",
        title="Empty",
        parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
        period=cf.Period(start=D(2025, 1, 1), end=D(2025, 12, 31)),
        axes=(cf.Axis(id="a", name="A"),),
    )
    fig = plot.axis_compliance_figure(road)
    assert not by_gid(fig.axes[0].lines, "overall-rate")
    assert any("undefined" in text for text in texts(fig))


def test_axis_compliance_of_an_evaluation() -> None:
    """An evaluation is labelled by axis id (sorted), or by name given its roadmap."""
    evaluation = cf.evaluate(BEFORE)
    fig = plot.axis_compliance_figure(evaluation)
    labels = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    assert labels == ["AP", "IS", "PM", "PREV"]
    named = plot.axis_compliance_figure(evaluation, roadmap=BEFORE, counting="strict")
    assert [b.get_width() for b in named.axes[0].containers[0]] == [
        b.get_width() for b in plot.axis_compliance_figure(BEFORE).axes[0].containers[0]
    ]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: plot.axis_compliance_figure(BEFORE, roadmap=BEFORE), "'roadmap' parameter"),
        (
            lambda: plot.axis_compliance_figure(cf.evaluate(BEFORE), roadmap=CURRENT),
            "evaluated roadmap",
        ),
        (
            lambda: plot.axis_compliance_figure(cf.evaluate(BEFORE), counting="lenient"),
            "evaluation's",
        ),
        (lambda: plot.axis_compliance_figure(BEFORE, counting="most"), "'counting' parameter"),
        (lambda: plot.axis_compliance_figure("roadmap"), "'evaluation_or_roadmap' parameter"),
        (lambda: plot.axis_compliance_figure(BEFORE, ax="ax"), "'ax' parameter"),
        (lambda: plot.agency_network_figure(BEFORE, layout="tree"), "'layout' parameter"),
        (lambda: plot.agency_network_figure(BEFORE, seed=True), "'seed' parameter"),
        (lambda: plot.agency_network_figure(cf.evaluate(BEFORE)), "'roadmap' parameter"),
        (lambda: plot.timeline_figure(BEFORE, as_of="2022-02-30"), "'as_of' parameter"),
        (lambda: plot.timeline_figure(None), "'roadmap' parameter"),
        (lambda: plot.scores_figure(BEFORE), "'evaluation' parameter"),
    ],
)
def test_bad_arguments_raise_invalid_parameter_error(call: object, match: str) -> None:
    """Each bad argument is named in an InvalidParameterError (a ValueError)."""
    with pytest.raises(InvalidParameterError, match=match) as caught:
        call()  # type: ignore[operator]
    assert isinstance(caught.value, ValueError)
    assert "instead" in str(caught.value)


# agency_network ---------------------------------------------------------------------------------


def test_agency_network_colours_parties_and_tells_ties_apart() -> None:
    """2025–2026: ten nodes, legend of party names, 19 cross-border and 14 domestic ties."""
    fig = plot.agency_network_figure(CURRENT)
    ax = fig.axes[0]
    [nodes] = by_gid(ax.collections, "agencies")
    assert len(nodes.get_offsets()) == len(CURRENT.agencies) == 10  # type: ignore[attr-defined]
    colours = {tuple(c) for c in nodes.get_facecolors()}  # type: ignore[attr-defined]
    assert len(colours) == 2
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["Bolivia", "Perú"]
    detail = coordination_detail(CURRENT)
    [cross] = by_gid(ax.collections, "cross-border-ties")
    [domestic] = by_gid(ax.collections, "domestic-ties")
    assert len(cross.get_paths()) == detail.cross_border_ties == 19  # type: ignore[attr-defined]
    domestic_ties = len(domestic.get_paths())  # type: ignore[attr-defined]
    assert domestic_ties == detail.ties - detail.cross_border_ties
    assert cross.get_linestyle() != domestic.get_linestyle()  # type: ignore[attr-defined]
    labels = texts(fig, "agency-label")
    assert "PNP" in labels  # the acronym
    assert "Policía\nBoliviana" in labels  # no acronym: the name
    assert not by_gid(ax.collections, "single-points-of-failure")
    assert texts(fig, "network-note")[0].endswith("Single points of failure: none.")


def test_agency_network_widths_grow_with_shared_activities() -> None:
    """The tie of the pair sharing the most activities is the widest of its kind."""
    fig = plot.agency_network_figure(CURRENT)
    [cross] = by_gid(fig.axes[0].collections, "cross-border-ties")
    widths = list(cross.get_linewidths())  # type: ignore[attr-defined]
    network = cf.graph.agency_network(CURRENT)
    weights = sorted(
        (tuple(sorted((u, v))), w)
        for u, v, w in network.edges.data("weight")
        if network.edges[u, v]["cross_border"]
    )
    order_w = [w for _, w in weights]
    assert max(widths) == widths[order_w.index(max(order_w))]
    assert min(widths) == widths[order_w.index(min(order_w))]
    assert max(widths) > min(widths)


def test_agency_network_rings_single_points_of_failure() -> None:
    """PNP alone links the Bolivian police and the Peruvian prosecutors: it is ringed."""
    fig = plot.agency_network_figure(small_roadmap(), layout="party")
    ax = fig.axes[0]
    [ring] = by_gid(ax.collections, "single-points-of-failure")
    [nodes] = by_gid(ax.collections, "agencies")
    nodes_xy = [tuple(p) for p in nodes.get_offsets()]  # type: ignore[attr-defined]
    ring_xy = [tuple(p) for p in ring.get_offsets()]  # type: ignore[attr-defined]
    assert ring_xy == [nodes_xy[sorted(["POL", "PNP", "MP"]).index("PNP")]]
    assert "single point of failure" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts(fig, "network-note")[0].endswith("Single points of failure: PNP.")
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["Bolivia", "Perú"]


@pytest.mark.parametrize("layout", plot.LAYOUTS)
def test_every_layout_draws_every_agency(layout: str) -> None:
    """Each layout places every agency at a distinct point."""
    fig = plot.agency_network_figure(CURRENT, layout=layout)  # type: ignore[arg-type]
    [nodes] = by_gid(fig.axes[0].collections, "agencies")
    points = {tuple(p) for p in nodes.get_offsets()}  # type: ignore[attr-defined]
    assert len(points) == len(CURRENT.agencies)


def test_party_layout_puts_each_party_in_a_column() -> None:
    """Layout "party": Bolivia's agencies share one x, Peru's another."""
    fig = plot.agency_network_figure(CURRENT, layout="party")
    [nodes] = by_gid(fig.axes[0].collections, "agencies")
    xs = [p[0] for p in nodes.get_offsets()]  # type: ignore[attr-defined]
    parties = [CURRENT.agency(a).party for a in sorted(a.id for a in CURRENT.agencies)]
    assert {x for x, p in zip(xs, parties, strict=True) if p == "BOL"} == {0.0}
    assert len({x for x, p in zip(xs, parties, strict=True) if p == "PER"}) == 1


def test_agency_network_is_seeded() -> None:
    """The same seed gives the same SVG; another seed moves the agencies."""
    first = svg(plot.agency_network_figure(CURRENT, seed=3))
    assert first == svg(plot.agency_network_figure(CURRENT, seed=3))
    assert first != svg(plot.agency_network_figure(CURRENT, seed=4))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shuffled_pairs(roadmaps(max_activities=6)))
def test_agency_network_ignores_the_order_of_the_lists(pair: tuple[cf.Roadmap, cf.Roadmap]) -> None:
    """A roadmap and its reordered copy give the same SVG bytes."""
    road, reordered = pair
    assert svg(plot.agency_network_figure(road)) == svg(plot.agency_network_figure(reordered))


# timeline ---------------------------------------------------------------------------------------


def test_timeline_draws_bars_arrows_and_lines() -> None:
    """2025–2026: eleven bars, one arrow per dependency, the period and the as-of lines."""
    fig = plot.timeline_figure(CURRENT)
    ax = fig.axes[0]
    bars = by_gid(ax.patches, "activity")
    assert len(bars) == len(CURRENT.activities) == 11
    assert all(isinstance(bar, Rectangle) for bar in bars)
    arrows = by_gid(ax.patches, "dependency")
    assert all(isinstance(arrow, FancyArrowPatch) for arrow in arrows)
    assert len(arrows) == sum(len(a.depends_on) for a in CURRENT.activities) == 7
    period = [line.get_xdata()[0] for line in by_gid(ax.lines, "period")]  # type: ignore[attr-defined]
    assert period == [date2num(D(2025, 1, 1)), date2num(D(2027, 1, 1))]
    [as_of] = by_gid(ax.lines, "as-of")
    assert as_of.get_xdata()[0] == date2num(D(2025, 4, 25))  # type: ignore[attr-defined]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:4] == [axis.name for axis in CURRENT.axes]
    assert "as of 2025-04-24" in legend
    assert "not started" in legend
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert labels[0].startswith("PM-1  Instalación")
    assert labels[-1].startswith("IS-3  ")


def test_timeline_bar_spans_start_to_the_end_of_the_due_day() -> None:
    """A1 runs 2025-01-01 to 2025-03-31: its bar ends at 2025-04-01, filled (completed)."""
    fig = plot.timeline_figure(small_roadmap())
    bars = by_gid(fig.axes[0].patches, "activity")
    first = bars[0]
    assert first.get_x() == date2num(D(2025, 1, 1))  # type: ignore[attr-defined]
    assert first.get_x() + first.get_width() == date2num(D(2025, 4, 1))  # type: ignore[attr-defined]
    assert first.get_facecolor()[3] == 1.0  # type: ignore[attr-defined]
    assert bars[1].get_hatch() == "////"  # type: ignore[attr-defined]


def test_timeline_marks_undated_due_only_and_overdue_activities() -> None:
    """A3 is written "undated"; A4, due only and overdue, is a red-edged diamond."""
    road = small_roadmap()
    fig = plot.timeline_figure(road)
    ax = fig.axes[0]
    assert texts(fig, "undated") == ["undated"]
    [diamond] = by_gid(ax.lines, "due-only")
    assert isinstance(diamond, Line2D)
    assert diamond.get_marker() == "D"
    assert diamond.get_markeredgecolor() == "#C00000"
    assert len(by_gid(ax.patches, "dependency")) == 3
    assert "overdue" in [t.get_text() for t in ax.get_legend().get_texts()]
    later = plot.timeline_figure(road, as_of=D(2025, 5, 1))  # A4 is not yet overdue
    [diamond] = by_gid(later.axes[0].lines, "due-only")
    assert diamond.get_markeredgecolor() != "#C00000"  # type: ignore[attr-defined]


def test_timeline_without_as_of_draws_no_as_of_line() -> None:
    """No as_of given and none in the roadmap: no as-of line."""
    import attrs

    road = attrs.evolve(small_roadmap(), as_of=None)
    fig = plot.timeline_figure(road)
    assert not by_gid(fig.axes[0].lines, "as-of")


# scores -----------------------------------------------------------------------------------------


def test_scores_draws_every_score_and_the_composite() -> None:
    """One bar per score; undefined scores are empty and say so; the composite is a line."""
    evaluation = cf.evaluate(CURRENT)
    fig = plot.scores_figure(evaluation)
    ax = fig.axes[0]
    assert len(ax.containers[0]) == len(evaluation.scores)
    undefined = sum(math.isnan(v) for v in evaluation.scores.values())
    assert texts(fig, "score-value").count("undefined") == undefined > 0
    [line] = by_gid(ax.lines, "composite")
    assert line.get_xdata()[0] == pytest.approx(evaluation.composite.value)  # type: ignore[attr-defined]
    assert sorted(label.get_text() for label in ax.get_yticklabels()) == sorted(evaluation.scores)


# Every plot -------------------------------------------------------------------------------------


def all_plots(road: cf.Roadmap, ax: object = None) -> list[Figure]:
    return [
        plot.axis_compliance_figure(road, ax=ax),  # type: ignore[arg-type]
        plot.agency_network_figure(road, ax=ax),  # type: ignore[arg-type]
        plot.timeline_figure(road, ax=ax),  # type: ignore[arg-type]
        plot.scores_figure(cf.evaluate(road), ax=ax),  # type: ignore[arg-type]
    ]


def test_plots_save_to_png_and_svg_and_leave_no_figure_open() -> None:
    """Every figure saves as PNG and SVG; none is registered with pyplot."""
    open_before = _pylab_helpers.Gcf.get_num_fig_managers()
    for fig in all_plots(BEFORE):
        png, vector = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", dpi=40)
        fig.savefig(vector, format="svg")
        assert png.getvalue().startswith(b"\x89PNG")
        assert b"<svg" in vector.getvalue()
    assert _pylab_helpers.Gcf.get_num_fig_managers() == open_before


def test_plots_draw_on_a_given_axes_and_return_its_root_figure() -> None:
    """With ax (even inside a subfigure), each function draws there and returns the figure."""
    fig = Figure()
    sub = fig.subfigures(1, 2)[1]
    ax = sub.add_subplot()
    for returned in all_plots(BEFORE, ax=ax):
        assert returned is fig
    assert fig.axes == [ax]
    assert ax.containers
    assert ax.patches
    assert ax.collections


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmaps(max_activities=6))
def test_every_plot_renders_any_roadmap(road: cf.Roadmap) -> None:
    """Any valid roadmap (empty, undated, no agencies, three parties) draws without error.

    Each figure is laid out and drawn in full, texts measured, without making pixels (saving
    to PNG and SVG is checked once above), so that the examples stay cheap."""
    for fig in all_plots(road):
        fig.draw_without_rendering()


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("axis_compliance_figure", lambda: plot.axis_compliance_figure(BEFORE)),
        ("agency_network_figure", lambda: plot.agency_network_figure(BEFORE)),
        ("timeline_figure", lambda: plot.timeline_figure(BEFORE)),
        ("scores_figure", lambda: plot.scores_figure(cf.evaluate(BEFORE))),
    ],
)
def test_without_matplotlib_each_plot_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, name: str, call: object
) -> None:
    """With matplotlib not importable, OptionalDependencyError names the 'plot' extra."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(OptionalDependencyError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.extra == "plot"
    assert caught.value.feature == f"coopframe.plot.{name}()"
    assert 'pip install "coopframe[plot]"' in str(caught.value)
    assert isinstance(caught.value, ImportError)


def test_importing_the_module_does_not_import_matplotlib() -> None:
    """coopframe.plot imports matplotlib only when a function is called."""
    import subprocess

    code = "import coopframe.plot, sys; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# Literal text -----------------------------------------------------------------------------------

MATH = "$x^$"  # not valid mathtext: matplotlib fails on it unless text is drawn as written


def mathtext_roadmap() -> cf.Roadmap:
    """A roadmap with text that mathtext cannot parse in every id, title and name drawn."""
    return cf.Roadmap(
        id=f"r{MATH}",
        title=f"Hoja {MATH}",
        parties=(cf.Party(id="PER", name=f"Perú {MATH}"), cf.Party(id="BOL", name=f"${MATH}")),
        period=cf.Period(start=D(2025, 1, 1), end=D(2025, 12, 31)),
        as_of=D(2025, 6, 30),
        agencies=(
            cf.Agency(id=f"POL{MATH}", name=f"Policía {MATH}", party="BOL"),
            cf.Agency(id=f"PNP{MATH}", name="Policía", party="PER", acronym=f"PNP{MATH}"),
            cf.Agency(id=f"MP{MATH}", name=f"Ministerio {MATH}", party="PER"),
        ),
        axes=(cf.Axis(id=f"inv{MATH}", name=f"Investigación {MATH}"), cf.Axis(id="e", name=MATH)),
        activities=(
            cf.Activity(
                id=f"A1{MATH}",
                title=f"Operativos {MATH}",
                axis=f"inv{MATH}",
                responsible=(f"POL{MATH}", f"PNP{MATH}"),
                start=D(2025, 1, 1),
                due=D(2025, 3, 31),
                status=cf.Status.COMPLETED,
            ),
            cf.Activity(
                id=f"A2{MATH}",
                title=f"Expedientes {MATH}",
                axis=f"inv{MATH}",
                responsible=(f"PNP{MATH}", f"MP{MATH}"),
                depends_on=(f"A1{MATH}",),
                due=D(2025, 5, 31),
            ),
            cf.Activity(id=f"A3{MATH}", title=MATH, axis="e", responsible=(f"PNP{MATH}",)),
        ),
    )


def test_every_plot_draws_mathtext_like_input_as_written() -> None:
    """Ids, titles and names that are not valid mathtext (``$x^$``) draw in every plot (they
    used to fail at savefig), and every text artist that shows them is drawn as written."""
    from matplotlib.text import Text

    road = mathtext_roadmap()
    for fig in all_plots(road):
        fig.draw_without_rendering()  # lays out every text, as savefig does, without pixels
        drawn = [t for t in fig.findobj(Text) if MATH in t.get_text()]
        assert drawn
        assert all(not t.get_parse_math() for t in drawn)
    plot.timeline_figure(road).savefig(io.BytesIO(), format="png", dpi=20)
    labels = [t.get_text() for t in plot.timeline_figure(road).axes[0].get_yticklabels()]
    assert labels[0] == f"A1{MATH}  Operativos {MATH}"
