"""Text → paragraph tokens with their source positions and marker candidates.

A paragraph is a non-blank line. Its indentation is kept as `lead`, its line
ending and the blank lines after it as `trail`, so the tokens cover the input
exactly. Positions are computed here, once, and carried by everything after.
"""
from __future__ import annotations

from typing import Optional

import attrs

from ._lazy import LazyPattern
from .markers import LEAD, MarkerMatch, marker_start, match_marker
from .model import Role

_LINE = LazyPattern(r"[^\r\n]*(?:\r\n|\r|\n)?")
_ATX_MARKS = LazyPattern(r"#{1,6}[ \t\u3000]+")


@attrs.define(slots=True, eq=False)
class Token:
    """A paragraph on its way through the pipeline (mutable: anatomy and build label it)."""

    text: str
    start: int
    line: int
    lead: str
    trail: str = ""
    marker: Optional[MarkerMatch] = None
    role: Optional[Role] = None


def _split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines and their endings; plain str.split unless the text has a CR that is not
    part of a CRLF (old Mac files)."""
    if "\r" not in text:
        lines = text.split("\n")
        ends = ["\n"] * len(lines)
        ends[-1] = ""
    else:
        lines = text.split("\r\n")
        crlf, crs = len(lines) - 1, text.count("\r")
        if crlf == crs == text.count("\n"):  # Windows line ends
            ends = ["\r\n"] * len(lines)
            ends[-1] = ""
        elif crlf == crs:  # Windows line ends mixed with LF
            lines = text.split("\n")
            ends = ["\r\n" if line[-1:] == "\r" else "\n" for line in lines]
            ends[-1] = ""
            lines = [line[:-1] if end == "\r\n" else line for line, end in zip(lines, ends)]
        else:  # a CR on its own: old Mac line ends
            lines, ends = [], []
            for m in _LINE.finditer(text):
                raw = m.group()
                body = raw.rstrip("\r\n")
                lines.append(body)
                ends.append(raw[len(body):])
    if not lines[-1] and not ends[-1]:
        lines.pop()
        ends.pop()
    return lines, ends


def tokenize(text: str) -> list[Token]:
    """Split `text` into paragraph tokens; `"".join(lead+text+trail)` is `text` again."""
    tokens: list[Token] = []
    append = tokens.append
    previous: Optional[Token] = None
    pending = ""  # white space not yet given to a token
    pos = 0
    lines, ends = _split_lines(text)
    starts = marker_start()
    for line, raw, eol in zip(range(1, len(lines) + 1), lines, ends):
        at = pos  # where the line starts
        pos += len(raw) + len(eol)
        content = raw.strip(LEAD) if raw else ""
        if not content:
            pending += raw + eol
            continue
        if content is raw:  # the usual line: no indentation, nothing trailing
            indent, after = "", eol
        else:
            body = raw.lstrip(LEAD)
            indent, after = raw[: len(raw) - len(body)], body[len(content):] + eol
        first = content[0]
        if first == "#":  # a Markdown heading's marks (# 标题, ## 一、总则) lead the paragraph
            marks = _ATX_MARKS.match(content)
            if marks is not None and marks.end() < len(content):
                indent += content[:marks.end()]
                content = content[marks.end():]
                first = content[0]
        # most paragraphs cannot start a marker: one set test saves them the call (weak readings
        # are kept: build takes them where their series proves them)
        token = Token(content, at + len(indent), line, indent, "",
                      match_marker(content, 0, True) if first in starts else None)
        if previous is None:
            token.lead = pending + indent
        else:
            previous.trail = pending
        append(token)
        previous = token
        pending = after
    if previous is not None:
        previous.trail = pending
    elif text:
        tokens.append(Token("", 0, 1, "", pending, role=Role.BLANK))
    return tokens
