"""Peak memory of reading the worst documents known, per byte of input.

Each case runs in a fresh interpreter; its peak resident memory (``ru_maxrss``) minus that of an
interpreter that only imported coopframe, divided by the input's size, is the figure reported in
``docs/limits.md``. A case either loads, or is refused with a CoopframeError; the memory is what
the attempt took either way::

    python fuzz/memory.py              # every case, at sizes a shared machine can afford
    python fuzz/memory.py yaml-lists 8 # one case, at 8 MB
"""

from __future__ import annotations

import resource
import subprocess
import sys

CASES = {
    # name: (format, prefix, repeated piece, suffix)
    "yaml-lists": ("yaml", "coopframe: 1\nroadmap: [", "[],", "]\n"),
    "yaml-scalars": ("yaml", "coopframe: 1\nroadmap: [", "a,", "]\n"),
    "yaml-mapping": ("yaml", "coopframe: 1\nroadmap: {", "k: {},", "}\n"),
    "yaml-string": ("yaml", "coopframe: 1\nroadmap: x", "xxxxxxxxxx", "\n"),
    "json-lists": ("json", '{"coopframe": 1, "roadmap": [', "[],", "[]]}"),
    "json-mappings": ("json", '{"coopframe": 1, "roadmap": [', "{},", "{}]}"),
    "json-string": ("json", '{"coopframe": 1, "roadmap": "', "xxxxxxxxxx", '"}'),
    "toml-lists": ("toml", "coopframe = 1\nroadmap = [", "[],", "]\n"),
    "toml-tables": ("toml", "coopframe = 1\n", "[{n}]\n", ""),
    "toml-dotted-keys": ("toml", "coopframe = 1\n", "{n}" + ".a" * 31 + " = 1\n", ""),
}

CHILD = """
import resource, sys
sys.path.insert(0, "src")
import coopframe as cf
fmt, prefix, piece, suffix, size = sys.argv[1:6]
size = int(size)
if "{n}" in piece:
    parts, total, n = [], len(prefix), 0
    while total < size:
        part = piece.replace("{n}", f"k{n}")
        parts.append(part)
        total += len(part)
        n += 1
    text = prefix + "".join(parts) + suffix
else:
    text = prefix + piece * ((size - len(prefix)) // len(piece)) + suffix
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    cf.loads(text, format=fmt)
    outcome = "loaded"
except cf.CoopframeError as exc:
    outcome = type(exc).__name__ + ": " + str(exc).splitlines()[-1][:70]
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(text.encode()), (after - before) * 1024, outcome)
"""


def measure(name: str, megabytes: float) -> tuple[int, int, str]:
    """Bytes of input, bytes of peak memory above the interpreter's, and what happened."""
    fmt, prefix, piece, suffix = CASES[name]
    size = int(megabytes * 1_000_000)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, fmt, prefix, piece, suffix, str(size)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (12 * 2**30, 12 * 2**30)),
    )
    size_text, peak_text, outcome = result.stdout.split(" ", 2)
    return int(size_text), int(peak_text), outcome.strip()


def main(argv: list[str]) -> None:
    names = [argv[0]] if argv else list(CASES)
    sizes = [float(argv[1])] if len(argv) > 1 else [4.0]
    for name in names:
        for megabytes in sizes:
            size, peak, outcome = measure(name, megabytes)
            print(
                f"{name:18} {size / 1e6:7.1f} MB  peak {peak / 2**20:8.0f} MiB  "
                f"{peak / size:6.1f} bytes per byte  {outcome}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
