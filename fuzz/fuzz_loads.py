"""Coverage-guided fuzzing of ``coopframe.loads`` with atheris.

Install the ``fuzz`` extra and run, for as long as you like::

    pip install "coopframe[fuzz]"
    python fuzz/fuzz_loads.py -max_total_time=600 fuzz/corpus

The first byte of each input picks the format (YAML, JSON or TOML), the rest is the document.
Any exception other than a ``CoopframeError`` with a message is a finding: atheris stops and
writes the input that caused it to ``crash-*``. The corpus directory collects interesting
inputs; seed it with the bundled datasets (``--seed-corpus DIR`` writes them there).
"""

from __future__ import annotations

import sys
from pathlib import Path

FORMATS = ("yaml", "json", "toml")


def check_one(data: bytes) -> None:
    """Load one input; raise if anything but a well-formed CoopframeError comes out."""
    import coopframe as cf

    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        document = cf.loads(data[1:], format=fmt)  # type: ignore[arg-type]
    except cf.CoopframeError as exc:
        if not str(exc).strip():
            raise AssertionError("a CoopframeError without a message") from exc
        if isinstance(exc, cf.InvalidDocumentError) and not exc.problems:
            raise AssertionError("an InvalidDocumentError without problems") from exc
        return
    for other in FORMATS:
        if cf.loads(cf.dumps(document, format=other), format=other) != document:
            raise AssertionError(f"round trip through {other} changed the document")


def seed_corpus(directory: Path) -> None:
    """Write the bundled datasets, in every format, as starting inputs."""
    import coopframe as cf

    directory.mkdir(parents=True, exist_ok=True)
    for name in cf.datasets.names():
        document = cf.datasets.load(name)
        for i, fmt in enumerate(FORMATS):
            text = cf.dumps(document, format=fmt)  # type: ignore[arg-type]
            (directory / f"{name}.{fmt}").write_bytes(bytes([i]) + text.encode("utf-8"))


def main(argv: list[str]) -> None:
    if len(argv) > 2 and argv[1] == "--seed-corpus":
        seed_corpus(Path(argv[2]))
        return
    import atheris

    with atheris.instrument_imports():
        import coopframe  # noqa: F401

    atheris.Setup(argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
