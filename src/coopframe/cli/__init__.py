"""The ``coopframe`` command: validate, evaluate, compare, rank and export roadmaps.

Every subcommand takes files (YAML, JSON or TOML) or the names of bundled datasets
(``coopframe evaluate bolivia-peru-2021-2022``): an argument that names an existing path is
read as a file, otherwise as a dataset name. Reports go to standard output, or atomically to
``--output FILE``.

Exit codes: 0 on success; 1 when an input is invalid or cannot be read, or the output cannot
be written (every problem is printed to standard error with its file and path, such as
``roadmap.yaml: activities[3].depends_on[0]: unknown activity 'A-12'``); 2 for a usage error
(an unknown option, a value out of range, an input path the system refuses, such as one too
long or inside a directory that cannot be read, or ``--output`` naming one of the inputs);
141 (128 + SIGPIPE), quietly, when the reader of standard output goes away, as for other
Unix tools. Everything written to standard error, and every report printed to a terminal,
has its control, bidirectional and zero-width characters spelt out
(:func:`coopframe._text.visible`), so text from an input cannot drive the terminal.
"""

# Importing a command module registers its command with the group.
from coopframe.cli import _compare, _evaluate, _graph, _info, _validate  # noqa: F401
from coopframe.cli._main import main
from coopframe.cli._rank import MAX_JOBS

__all__ = ["MAX_JOBS", "main"]
