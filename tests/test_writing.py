"""Writing files: atomic replacement of regular files, writing through to everything else.

``coopframe.io.dump``, ``coopframe.io.write_graph`` and the command's ``--output`` all end
in ``coopframe._util.write_atomically``.
"""

from __future__ import annotations

import os
import select
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopframe as cf
from coopframe._util import write_atomically

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def umask_022() -> Iterator[None]:
    """Run with the umask 022 (restored afterwards), so expected modes are known."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# Regular files: mode, owner, symbolic links ---------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444, 0o755])
def test_replacing_a_file_keeps_its_mode(tmp_path: Path, umask_022: None, mode: int) -> None:
    """An atomic overwrite keeps the old file's permission bits (a 0600 file stays 0600)."""
    target = tmp_path / "road.yaml"
    target.write_bytes(b"old")
    target.chmod(mode)
    cf.dump(cf.datasets.load("bolivia-peru-2025-2026"), target)
    assert _mode(target) == mode
    assert cf.load(target) == cf.datasets.load("bolivia-peru-2025-2026")


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), mode=st.integers(0o400, 0o777))
def test_any_bytes_any_mode_round_trip(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, mode: int
) -> None:
    """Whatever the bytes and the old file's mode (owner-readable), the file ends up holding
    exactly those bytes with the same mode, and nothing else is left in the directory."""
    folder = tmp_path_factory.mktemp("any")
    target = folder / "file.bin"
    target.write_bytes(b"previous content")
    target.chmod(mode)
    write_atomically(target, data)
    assert target.read_bytes() == data
    assert _mode(target) == mode
    assert [p.name for p in folder.iterdir()] == ["file.bin"]


@pytest.mark.skipif(not ROOT, reason="only a privileged process can give a file another owner")
def test_replacing_a_file_keeps_its_owner_and_group(tmp_path: Path) -> None:
    """An overwrite by root keeps the old file's owner and group instead of taking root's."""
    target = tmp_path / "road.json"
    target.write_bytes(b"{}")
    os.chown(target, 65534, 65534)
    write_atomically(target, b"[]")
    status = os.stat(target)
    assert (status.st_uid, status.st_gid) == (65534, 65534)
    assert target.read_bytes() == b"[]"


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077, 0o002])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask: int) -> None:
    """A new file is created with ``0o666 & ~umask``, like any file the process creates."""
    previous = os.umask(umask)
    try:
        write_atomically(tmp_path / "new.json", b"{}")
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "new.json") == 0o666 & ~umask


def test_saving_never_changes_the_process_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving a new file or replacing one never sets the umask, not even for a moment: a file
    another thread creates meanwhile would get the wrong permissions."""
    calls: list[int] = []
    real = os.umask

    def spy(mask: int) -> int:
        calls.append(mask)
        return real(mask)

    monkeypatch.setattr(os, "umask", spy)
    write_atomically(tmp_path / "new.json", b"{}")
    write_atomically(tmp_path / "new.json", b"[]")
    cf.dump(cf.datasets.load("bolivia-peru-2025-2026"), tmp_path / "road.yaml")
    assert calls == []


def test_files_other_threads_create_while_saves_run_get_their_own_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_022: None
) -> None:
    """While one thread saves again and again, files created by another thread all get
    ``0o666 & ~umask`` (0644), and so do the saved files."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # permissions, not durability, here
    previous_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    stop = threading.Event()
    wrong: list[int] = []
    created = 0

    def create() -> None:
        nonlocal created
        while not stop.is_set():
            path = tmp_path / f"other-{created}"
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o666))
            if (mode := _mode(path)) != 0o644:
                wrong.append(mode)
            path.unlink()
            created += 1

    creator = threading.Thread(target=create)
    creator.start()
    try:
        for i in range(1500):
            write_atomically(tmp_path / f"saved-{i % 3}", b"x")
    finally:
        stop.set()
        creator.join()
        sys.setswitchinterval(previous_interval)
    assert created > 0
    assert wrong == []
    assert {_mode(tmp_path / f"saved-{i}") for i in range(3)} == {0o644}


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    """Saving through a symbolic link replaces the file it points to; the link stays a link."""
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    real.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert _mode(real) == 0o600


def test_a_directory_is_refused(tmp_path: Path) -> None:
    """A directory is never replaced: coopframe's DocumentFileError says so."""
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(cf.DocumentFileError, match="is a directory"):
        write_atomically(folder, b"x")
    assert folder.is_dir()


# Anything else: written through ----------------------------------------------------------------


@pytest.mark.skipif(not ROOT, reason="creating a device node needs privileges")
def test_a_device_node_is_written_through_not_replaced(tmp_path: Path) -> None:
    """A character device (here a private copy of /dev/null) is opened and written, and is
    still the same device afterwards, not a regular file."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    before = os.stat(null)
    write_atomically(null, b"discarded")
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_dev_null_survives(tmp_path: Path) -> None:
    """Writing to /dev/null leaves /dev/null the character device it was."""
    before = os.stat("/dev/null")
    write_atomically("/dev/null", b"discarded")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_full_is_an_error_with_its_path() -> None:
    """A device that refuses the bytes (/dev/full) gives DocumentFileError naming it."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with pytest.raises(cf.DocumentFileError, match="/dev/full: cannot be written"):
        write_atomically("/dev/full", b"x" * 10)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def _read_fifo(path: Path, received: list[bytes], deadline: float) -> None:
    """Read a FIFO until its writer closes it (or the deadline passes), without blocking."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if chunk:
                chunks.append(chunk)
            elif chunks:
                break
            else:
                time.sleep(0.01)  # no writer yet
    finally:
        os.close(fd)
    received.append(b"".join(chunks))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_with_a_reader_gets_the_bytes(tmp_path: Path) -> None:
    """A named pipe is written through: its reader receives every byte, and the pipe is still a
    pipe afterwards."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    data = cf.dumps(cf.datasets.load("bolivia-peru-2025-2026"), format="json").encode()
    received: list[bytes] = []
    reader = threading.Thread(target=_read_fifo, args=(fifo, received, time.monotonic() + 20))
    reader.start()
    time.sleep(0.05)
    try:
        write_atomically(fifo, data)
    finally:
        reader.join()
    assert received == [data]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


APPEND = textwrap.dedent(
    """
    import sys
    from coopframe._util import write_atomically

    write_atomically(sys.argv[1], b"second\\n")
    """
)


@pytest.mark.parametrize("name", ["/dev/fd/1", "/proc/self/fd/1", "/dev/stdout"])
def test_standard_output_by_name_writes_to_the_open_descriptor(tmp_path: Path, name: str) -> None:
    """/dev/stdout and its /dev/fd, /proc/self/fd spellings write to the descriptor the
    process already has: a shell's ``>> log`` appends, and the log file is not replaced."""
    if not Path(name).exists():
        pytest.skip(f"no {name} here")
    log = tmp_path / "log"
    log.write_bytes(b"first\n")
    inode = os.stat(log).st_ino
    with log.open("ab") as stream:
        subprocess.run([sys.executable, "-c", APPEND, name], stdout=stream, check=True, timeout=120)
    assert log.read_bytes() == b"first\nsecond\n"
    assert os.stat(log).st_ino == inode
