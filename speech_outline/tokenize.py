"""Text → paragraph tokens with their source positions and marker candidates.

A paragraph is a non-blank line. Its indentation is kept as `lead`, its line
ending and the blank lines after it as `trail`, so the tokens cover the input
exactly. Positions are computed here, once, and carried by everything after.
"""
from __future__ import annotations

from typing import Optional

import attrs
import regex

from .markers import LEAD, MarkerMatch, match_marker
from .model import Role

_LINE = regex.compile(r"[^\r\n]*+(?:\r\n|\r|\n)?+")
_RIGHT = LEAD + "\r\n"


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


def tokenize(text: str) -> list[Token]:
    """Split `text` into paragraph tokens; `"".join(lead+text+trail)` is `text` again."""
    tokens: list[Token] = []
    pending = ""  # white space not yet given to a token
    line = 1
    pos = 0
    for m in _LINE.finditer(text):
        raw = m.group()
        if not raw:
            break
        body = raw.lstrip(LEAD)
        content = body.rstrip(_RIGHT)
        if content:
            indent = raw[: len(raw) - len(body)]
            if tokens:
                tokens[-1].trail = pending
                lead = indent
            else:
                lead = pending + indent
            start = pos + len(indent)
            tokens.append(Token(content, start, line, lead, marker=match_marker(content)))
            pending = body[len(content):]
        else:
            pending += raw
        pos += len(raw)
        if raw[-1] in "\r\n":
            line += 1
    if tokens:
        tokens[-1].trail = pending
    elif text:
        tokens.append(Token("", 0, 1, "", pending, role=Role.BLANK))
    return tokens
