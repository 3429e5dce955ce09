"""Fixture files in the manner of markdown-it-py's: plain text cases of an input and
the outline expected from it, so that a rule reads as a document and its outline.

A case is a title line, then a line holding only `.`, the input, a `.` line, the
expected outline, and a closing `.` line. The outline has one line per heading,
indented two spaces a level: `[line] marker title`; then one line per diagnostic:
`! line code`.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from speech_outline import Outline

FIXTURES = Path(__file__).parent / "fixtures"


class Case(NamedTuple):
    title: str
    text: str
    expected: str
    where: str  # file:line of the title, for the test id and failures


def read_cases(path: Path) -> list[Case]:
    """The cases of one fixture file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, start = lines[i], i
        if lines[i + 1] != ".":
            raise ValueError(f"{path.name}:{i + 2}: expected a '.' line after the title")
        parts, i = [], i + 2
        for _ in range(2):
            end = lines.index(".", i)
            parts.append("\n".join(lines[i:end]))
            i = end + 1
        cases.append(Case(title, parts[0] + "\n", parts[1], f"{path.name}:{start + 1}"))
    return cases


def outline_text(outline: Outline) -> str:
    """The outline as a fixture writes it."""
    out = [f"{'  ' * (node.level - 1)}[{node.line}] {node.marker.text} {node.title}".rstrip()
           for node in outline.walk()]
    out += [f"! {d.line} {d.code}" for d in outline.diagnostics]
    return "\n".join(out)
