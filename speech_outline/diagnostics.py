"""Numbering problems as typed, plain-language messages.

build.py decides the tree; when the chosen tree has to accept a numbering
fault, it reports it here. Each code has one message template, so the
documentation can list them all.
"""
from __future__ import annotations

from .model import Diagnostic

CODES: dict[str, str] = {
    "duplicate": "{marker} repeats the number of {previous} (line {previous_line})",
    "gap": "{marker} follows {previous} (line {previous_line}): {missing} missing",
    "restart": "{marker} restarts the numbering after {previous} (line {previous_line})",
    "backwards": "{marker} goes back in the numbering after {previous} (line {previous_line})",
    "late-start": "{marker} starts a new series without its first item",
    "mixed-series": "{marker} continues the series begun by {previous} (line {previous_line}) "
                    "in another style",
    "out-of-order": "{marker} sits under or beside {previous} (line {previous_line}), "
                    "which usually ranks below it",
}


def diagnostic(code: str, line: int, **facts: object) -> Diagnostic:
    """A diagnostic for `code`, its message filled from `facts`."""
    return Diagnostic(line, code, CODES[code].format(**facts))


def describe_missing(previous: int, current: int) -> str:
    """'number 3' or 'numbers 3 to 5'."""
    if current - previous == 2:
        return f"number {previous + 1}"
    return f"numbers {previous + 1} to {current - 1}"
