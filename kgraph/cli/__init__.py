"""The ``kgraph`` command line: a thin shell over the library.

Each command parses its options, makes one library call and prints; errors
become a message and an exit code in one place (:mod:`kgraph.cli._shell`).
Commands live by what they do to a store: :mod:`~kgraph.cli.build` (build,
remove), :mod:`~kgraph.cli.query` (query, export, stats) and
:mod:`~kgraph.cli.share` (view, serve, push).
"""

from __future__ import annotations

from kgraph.cli import (  # noqa: F401  (registers the commands)
    build,
    conflicts,
    query,
    report,
    share,
    timeline,
)
from kgraph.cli._shell import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Entry point of the ``kgraph`` console script."""
    cli(prog_name="kgraph")
