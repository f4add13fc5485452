"""The command's edges: paths the system refuses, write errors, closed pipes, the inputs it
must not overwrite, large numbers, and text from inputs that must not drive a terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopframe as cf
from coopframe import cli
from coopframe._text import HIDDEN
from coopframe.analysis import MAX_SAMPLES
from coopframe.cli import _rank
from coopframe.io import unstructure

LATER = "bolivia-peru-2025-2026"
FRAMEWORK = "bolivia-peru-framework"
WITH_INPUT = ("validate", "evaluate", "compare", "rank", "graph")
SUBCOMMANDS = (*WITH_INPUT, "schema", "datasets")
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TOO_LONG = "a" * 300


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args))


def _document(name: str = LATER) -> dict[str, Any]:
    return unstructure(cf.datasets.load(name))


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def _arguments(command: str, target: str) -> list[str]:
    """``command`` with ``target`` as its input, and whatever else it needs to run quickly."""
    if command == "compare":
        return [command, target, LATER, "--no-match-ids"]
    if command == "rank":
        return [command, target, "--samples", "5"]
    return [command, target]


def _quick(command: str) -> list[str]:
    """``command`` on a bundled dataset, printing something to standard output."""
    if command in ("schema", "datasets"):
        return [command]
    if command == "graph":
        return [command, LATER, "--format", "json"]
    return _arguments(command, LATER)


def _one_clean_line(result: Result) -> None:
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines


# Input paths the system refuses --------------------------------------------------------------


@pytest.mark.parametrize("command", WITH_INPUT)
@pytest.mark.parametrize("shape", ["name", "component", "whole"])
def test_an_input_path_too_long_is_a_usage_error(command: str, shape: str) -> None:
    """A path the system calls too long exits 2 with one line naming the reason, no traceback."""
    target = {
        "name": TOO_LONG,
        "component": f"{TOO_LONG}/roadmap.yaml",
        "whole": "/".join(["abcdefghij"] * 500),
    }[shape]
    result = run(*_arguments(command, target))
    assert result.exit_code == 2
    _one_clean_line(result)
    assert "cannot be used as an input path" in result.stderr
    assert result.stdout == ""


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory (holding a roadmap) that this process can neither list nor search.

    Its mode is 000; a privileged process ignores that, so for root the system's answer
    (``EACCES`` from looking inside it or listing it) is given by stand-ins for ``os.stat``
    and ``os.scandir``.
    """
    folder = tmp_path / "locked"
    folder.mkdir()
    _write(folder / "roadmap.yaml", _document())
    folder.chmod(0o000)
    if ROOT:
        real_stat, real_scandir = os.stat, os.scandir
        inside = os.fspath(folder) + os.sep

        def refuse(path: Any) -> None:
            raise PermissionError(13, "Permission denied", os.fspath(path))

        def locked_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            if isinstance(path, str | os.PathLike) and os.fspath(path).startswith(inside):
                refuse(path)
            return real_stat(path, *args, **kwargs)

        def locked_scandir(path: Any = ".") -> Any:
            if isinstance(path, str | os.PathLike) and Path(path) == folder:
                refuse(path)
            return real_scandir(path)

        monkeypatch.setattr(os, "stat", locked_stat)
        monkeypatch.setattr(os, "scandir", locked_scandir)
    try:
        yield folder
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="needs Unix permissions")
@pytest.mark.parametrize("command", WITH_INPUT)
@pytest.mark.parametrize("which", ["inside", "directory"])
def test_an_unreadable_directory_is_a_clean_error(locked: Path, command: str, which: str) -> None:
    """A file inside a directory that cannot be searched exits 2 with one line; the directory
    itself exits 2 for rank (which lists it) and 1 elsewhere ("is a directory, not a file",
    as for any directory). Never a traceback."""
    target = locked / "roadmap.yaml" if which == "inside" else locked
    result = run(*_arguments(command, str(target)))
    _one_clean_line(result)
    if which == "inside":
        assert result.exit_code == 2
        assert "cannot be used as an input path (Permission denied)" in result.stderr
    elif command == "rank":
        assert result.exit_code == 2
        assert "the directory cannot be read (Permission denied)" in result.stderr
    else:
        assert result.exit_code == 1
        assert "is a directory, not a file" in result.stderr


# Outputs that cannot be written --------------------------------------------------------------


@pytest.mark.parametrize("command", SUBCOMMANDS)
@pytest.mark.parametrize("which", ["too-long", "missing-directory", "full"])
def test_an_output_that_cannot_be_written_exits_1(tmp_path: Path, command: str, which: str) -> None:
    """An --output path too long, in a missing directory, or a full device: exit 1 with one
    line naming the output, no traceback."""
    if which == "full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    target = {
        "too-long": str(tmp_path / TOO_LONG),
        "missing-directory": str(tmp_path / "nowhere" / "out.txt"),
        "full": "/dev/full",
    }[which]
    result = run(*_quick(command), "-o", target)
    assert result.exit_code == 1
    _one_clean_line(result)
    assert result.stderr.startswith(target)
    if which == "full":
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "coopframe", *args]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_a_full_disk_on_standard_output_exits_1_with_one_line(command: str) -> None:
    """Standard output on /dev/full: exit 1, one line on standard error, no traceback (and no
    "Exception ignored" at exit)."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            _command(*_quick(command)), stdout=full, stderr=subprocess.PIPE, timeout=180
        )
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "standard output: cannot be written (No space left on device)"
    ]


@pytest.mark.skipif(not hasattr(os, "pipe"), reason="needs pipes")
@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_a_closed_pipe_ends_the_command_quietly_with_141(command: str) -> None:
    """When the reader of standard output has gone (``coopframe ... | head -c1``), the command
    ends with status 128 + SIGPIPE and writes nothing to standard error."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = subprocess.run(
            _command(*_quick(command)), stdout=writing, stderr=subprocess.PIPE, timeout=180
        )
    finally:
        os.close(writing)
    assert done.returncode == 141
    assert done.stderr == b""


# Writing through, and never over an input ----------------------------------------------------


def test_dev_null_survives_output_to_it() -> None:
    """``-o /dev/null`` writes into the device; /dev/null is still the same device after."""
    before = os.stat("/dev/null")
    result = run("schema", "-o", "/dev/null")
    assert result.exit_code == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_output_to_a_fifo_reaches_its_reader(tmp_path: Path) -> None:
    """``-o FIFO`` sends the report to the pipe's reader, and the pipe stays a pipe."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    result = run("datasets", "-f", "json", "-o", str(fifo))
    out, _ = reader.communicate(timeout=60)
    assert result.exit_code == 0
    assert [row["Name"] for row in json.loads(out)] == cf.datasets.names()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("command", ["validate", "evaluate", "graph", "compare", "rank"])
@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink"])
def test_the_output_is_never_an_input(tmp_path: Path, command: str, spelling: str) -> None:
    """``--output`` naming an input file, however spelt (another path, a symbolic or a hard
    link), exits 2 with one line and leaves the input untouched."""
    source = _write(tmp_path / "road.yaml", _document())
    before = source.read_bytes()
    (tmp_path / "sub").mkdir()
    output = {
        "same": source,
        "dotted": tmp_path / "sub" / ".." / "road.yaml",
        "symlink": tmp_path / "link.yaml",
        "hardlink": tmp_path / "hard.yaml",
    }[spelling]
    if spelling == "symlink":
        output.symlink_to(source)
    elif spelling == "hardlink":
        os.link(source, output)
    args = _arguments(command, str(source))
    if command == "graph":
        args += ["--format", "json"]
    result = run(*args, "-o", str(output))
    assert result.exit_code == 2
    _one_clean_line(result)
    assert "refusing to overwrite an input" in result.stderr
    assert source.read_bytes() == before


def test_rank_never_overwrites_a_file_of_its_directory(tmp_path: Path) -> None:
    """A file found in a directory given to rank is an input too."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    first = _write(folder / "a.yaml", _document())
    _write(folder / "b.yaml", _document("bolivia-peru-2021-2022"))
    before = first.read_bytes()
    result = run("rank", str(folder), "--samples", "5", "-o", str(first))
    assert result.exit_code == 2
    assert "refusing to overwrite an input" in result.stderr
    assert first.read_bytes() == before


def test_an_output_beside_the_input_is_written(tmp_path: Path) -> None:
    """Another file in the same directory is an ordinary output."""
    source = _write(tmp_path / "road.yaml", _document())
    result = run("validate", str(source), "-f", "json", "-o", str(tmp_path / "check.json"))
    assert result.exit_code == 0
    assert json.loads((tmp_path / "check.json").read_text("utf-8"))[0]["valid"] is True


# Large numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--samples", str(MAX_SAMPLES + 1)),
        ("--samples", "1000000000"),
        ("--samples", "1e9"),
        ("--jobs", str(cli.MAX_JOBS + 1)),
    ],
)
def test_rank_refuses_huge_numbers_before_any_work(
    option: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--samples above MAX_SAMPLES and --jobs above MAX_JOBS exit 2 naming the option, before
    any input is read or anything is allocated."""

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("an input was read")

    monkeypatch.setattr(_rank, "_read", never)
    result = run("rank", LATER, option, value)
    assert result.exit_code == 2
    assert option in result.stderr
    assert "Traceback" not in result.output


def test_rank_documents_its_maximum() -> None:
    """rank --help shows the range of --samples."""
    help_text = " ".join(run("rank", "--help").stdout.split())
    assert f"1<=x<={MAX_SAMPLES}" in help_text


# Text from inputs that must not drive a terminal ---------------------------------------------

ESCAPE = "\x1b[2J"


def _no_raw_controls(text: str) -> None:
    assert "\x1b" not in text
    assert HIDDEN.search(text) is None


def test_an_escape_sequence_in_a_cycle_is_spelt_out(tmp_path: Path) -> None:
    """An activity id holding ``ESC [2J`` in a dependency cycle reaches standard error
    spelt out (``\\x1b[2J``), never as the raw sequence."""
    document = _document()
    activities = document["roadmap"]["activities"]
    first = {**activities[0], "id": ESCAPE, "depends_on": ["CYC-B"]}
    second = {**activities[0], "id": "CYC-B", "depends_on": [ESCAPE]}
    activities += [first, second]
    path = _write(tmp_path / "cycle.yaml", document)
    for command in WITH_INPUT:
        result = run(*_arguments(command, str(path)))
        assert result.exit_code == 1, command
        _no_raw_controls(result.stderr)
        assert "\\x1b[2J" in result.stderr


def test_an_escape_sequence_in_an_unknown_key_is_spelt_out(tmp_path: Path) -> None:
    """An unknown key holding ``ESC [2J`` is reported with its path, spelt out."""
    document = _document()
    document["roadmap"][ESCAPE] = 1
    path = _write(tmp_path / "key.yaml", document)
    result = run("validate", str(path))
    assert result.exit_code == 1
    _no_raw_controls(result.stderr)
    assert "\\x1b[2J" in result.stderr


def test_an_escape_sequence_in_a_usage_error_is_spelt_out() -> None:
    """Usage errors never pass typed control characters through: an unknown option (whose
    message is click's, and may or may not repeat it) reaches standard error without a raw
    escape, and coopframe's own message naming a roadmap spells it out."""
    unknown_option = run("evaluate", LATER, f"--{ESCAPE}")
    assert unknown_option.exit_code == 2
    _no_raw_controls(unknown_option.stderr)
    unknown_roadmap = run("graph", FRAMEWORK, "--roadmap", f"x{ESCAPE}\u202e")
    assert unknown_roadmap.exit_code == 2
    _no_raw_controls(unknown_roadmap.stderr)
    assert "x\\x1b[2J\\u202e" in unknown_roadmap.stderr


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.text(min_size=1, max_size=12))
def test_nothing_hidden_reaches_standard_error(
    tmp_path_factory: pytest.TempPathFactory, key: str
) -> None:
    """Whatever an unknown key holds, what validate writes to standard error holds no control,
    bidi or zero-width character (only tab and line feed, which end lines)."""
    document = _document()
    document["roadmap"][key] = 1
    path = tmp_path_factory.mktemp("key") / "road.json"
    path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert HIDDEN.search(result.stderr) is None


def test_a_report_on_a_terminal_spells_out_hidden_characters(tmp_path: Path) -> None:
    """Printed to a terminal, a report holding a title with ``ESC [2J`` and U+202E shows them
    spelt out, and so does the report written to a file (reports spell out hidden characters
    from input wherever they go)."""
    document = _document()
    document["roadmap"]["title"] = f"Hoja {ESCAPE} de ruta \u202e"
    path = _write(tmp_path / "road.yaml", document)
    primary, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            _command("evaluate", str(path)), stdout=secondary, stderr=secondary
        )
        os.close(secondary)
        chunks = []
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(primary, 65536)
                except OSError:  # the terminal closed with the process
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            elif process.poll() is not None:
                break
        process.wait(timeout=60)
    finally:
        os.close(primary)
    shown = b"".join(chunks).decode("utf-8")
    assert "de ruta \\u202e" in shown
    assert "\x1b" not in shown
    assert "\u202e" not in shown
    target = tmp_path / "report.txt"
    assert run("evaluate", str(path), "-o", str(target)).exit_code == 0
    written = target.read_text("utf-8")
    assert "de ruta \\u202e" in written
    assert "\u202e" not in written


def test_a_document_with_thousands_of_problems_prints_a_bounded_list(tmp_path: Path) -> None:
    """Every command lists at most MAX_SHOWN_PROBLEMS problems of an invalid document on
    standard error, then says how many more there are."""
    from coopframe.exceptions import MAX_SHOWN_PROBLEMS

    document = _document()
    activities = document["roadmap"]["activities"]
    extra = 2_000
    activities += [{**activities[0], "id": f"X-{i}", "axis": "NO-SUCH-AXIS"} for i in range(extra)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    for command in WITH_INPUT:
        result = run(*_arguments(command, str(path)))
        assert result.exit_code == 1, command
        lines = result.stderr.splitlines()
        assert len(lines) <= MAX_SHOWN_PROBLEMS + 1, (command, len(lines))
        assert lines[-1].endswith(f"... and {extra - MAX_SHOWN_PROBLEMS:,} more problems")
