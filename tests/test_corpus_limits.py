"""Hostile inputs of corpus runs: odd directories, huge sample counts, spreadsheet formulas."""

from __future__ import annotations

import math
import os
import time
import tracemalloc
from pathlib import Path

import pytest

import coopframe as cf
from coopframe.analysis import _batch, _draws, evaluate_many, rank_robustness
from coopframe.exceptions import DocumentFileError, InvalidParameterError
from coopframe.io import find_documents
from coopframe.synthetic import synthetic_corpus

ROADS = synthetic_corpus(5, n_activities=8, seed=3)
EVALUATIONS = [cf.evaluate(road) for road in ROADS]


# Directories ----------------------------------------------------------------------------------


def test_path_too_long_is_a_document_file_error(tmp_path: Path) -> None:
    """A path longer than the system allows is refused as DocumentFileError, not OSError."""
    with pytest.raises(DocumentFileError, match="cannot read it") as caught:
        find_documents(tmp_path / ("x" * 5000))
    assert len(str(caught.value)) < 400


def test_unlistable_directory_is_a_document_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory that cannot be listed (no permission) is a DocumentFileError naming it.

    Listing is refused by a patched ``os.scandir``: the tests may run as root, which reads
    any directory whatever its mode.
    """
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    real = os.scandir

    def refuse(path: object) -> object:
        if os.fspath(path).endswith("sub"):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied")
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refuse)
    assert [p.name for p in find_documents(tmp_path)] == ["a.yaml"]
    with pytest.raises(DocumentFileError, match=r"sub: cannot list this directory \(Permission"):
        find_documents(tmp_path, recursive=True)
    with pytest.raises(DocumentFileError, match="cannot list this directory"):
        find_documents(tmp_path / "sub")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_and_symlink_loop_are_skipped_without_blocking(tmp_path: Path) -> None:
    """A FIFO, a symbolic link loop and a dangling link are skipped; listing never blocks."""
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "up").symlink_to(tmp_path)
    (sub / "b.yml").write_text("", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    started = time.monotonic()
    assert [p.name for p in find_documents(tmp_path)] == ["a.yaml"]
    deep = find_documents(tmp_path, recursive=True)
    assert [p.relative_to(tmp_path).as_posix() for p in deep] == ["a.yaml", "sub/b.yml"]
    assert time.monotonic() - started < 10


def test_fifo_as_the_directory_is_refused(tmp_path: Path) -> None:
    """A FIFO given as the directory is 'not a directory', and nothing waits on it."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(DocumentFileError, match="not a directory"):
        find_documents(tmp_path / "pipe")
    with pytest.raises(InvalidParameterError, match="'recursive' parameter of find_documents"):
        find_documents(tmp_path, recursive="yes")  # type: ignore[arg-type]


# Ranking --------------------------------------------------------------------------------------


def test_huge_sample_count_is_refused_fast() -> None:
    """n_samples above MAX_SAMPLES is refused at once, before anything is allocated."""
    started = time.monotonic()
    with pytest.raises(InvalidParameterError, match=r"'n_samples' parameter of rank_robustness"):
        rank_robustness(EVALUATIONS, n_samples=10**9)
    with pytest.raises(InvalidParameterError, match="1,000,000"):
        rank_robustness(EVALUATIONS, n_samples=1_000_001)
    assert time.monotonic() - started < 5


def _peak(n_samples: int) -> int:
    tracemalloc.start()
    try:
        rank_robustness(EVALUATIONS, n_samples=n_samples)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_samples() -> None:
    """Tallying ranks as they are drawn: 8x the weightings costs well under 2x the memory."""
    small, large = _peak(300), _peak(2_400)
    assert large < 2 * small


def test_tally_gives_the_sorted_ranks_statistics() -> None:
    """Both tallies (per weighting, per rank) give the counts of the ranks drawn."""
    draws = [3, 1, 2, 3, 3, 1]
    for n in (2 * len(draws), 3):
        tally = _draws._RankTally(len(draws), n)
        for sample, value in enumerate(draws):
            tally.add(sample, value)
        assert list(tally.counts())[:4] == [0, 2, 1, 3]
    counts = [0, 2, 1, 3]
    assert _draws._percentile_rank(counts, 6, 0.5) == 2
    assert _draws._percentile_rank(counts, 6, 0.05) == 1
    assert _draws._percentile_rank(counts, 6, 0.95) == 3


def test_robustness_agrees_between_tallies() -> None:
    """A report with fewer weightings than roadmaps and one with more agree on shared fields."""
    few = rank_robustness(EVALUATIONS, n_samples=3, seed=2)
    assert few.entries[0].best >= 1
    spread = {(e.best, e.worst) for e in rank_robustness(EVALUATIONS, n_samples=400).entries}
    assert all(1 <= best <= worst <= len(EVALUATIONS) for best, worst in spread)
    assert not math.isnan(few.mean_spearman)


# Spreadsheet formulas -------------------------------------------------------------------------

FORMULAS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]


def test_records_can_be_made_spreadsheet_safe(tmp_path: Path) -> None:
    """Text cells that would be formulas get a leading quote; numbers stay numbers."""
    sources = [str(tmp_path / name) for name in ("ok.json",)] + FORMULAS
    batch = evaluate_many([ROADS[0], *sources], progress=False)
    plain = batch.to_records()
    safe = batch.to_records(spreadsheet_safe=True)
    assert [r["source"] for r in plain[2:]] == FORMULAS
    assert [r["source"] for r in safe[2:]] == ["'" + f for f in FORMULAS]
    assert all(str(r["error"]).startswith("'") for r in safe[2:])
    assert safe[0] == plain[0]
    assert safe[1]["source"] == plain[1]["source"]
    with pytest.raises(InvalidParameterError, match="'spreadsheet_safe' parameter"):
        batch.to_records(spreadsheet_safe=1)  # type: ignore[arg-type]


def test_negative_numbers_stay_numbers() -> None:
    """A negative score is a number, not text, and is never quoted."""
    assert _batch._cell(-0.5) == -0.5
    assert _batch._cell("-0.5") == "'-0.5"
    assert _batch._cell(None) is None
    assert _batch._cell("a=b") == "a=b"


def test_frame_is_spreadsheet_safe_by_default(tmp_path: Path) -> None:
    """to_frame quotes formula-like text unless asked not to; its CSV holds no formula."""
    pytest.importorskip("pandas")
    batch = evaluate_many([ROADS[0], *FORMULAS], progress=False)
    frame = batch.to_frame()
    assert frame["source"].tolist()[1:] == ["'" + f for f in FORMULAS]
    assert batch.to_frame(spreadsheet_safe=False)["source"].tolist()[1:] == FORMULAS
    assert frame["composite"].tolist()[0] == batch.to_records()[0]["composite"]
    text = frame.to_csv(index=False)
    cells = [cell.strip('"') for line in text.splitlines() for cell in line.split(",")]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
