"""What the format modules share: heading lines, dotted ids, and rebuilding an outline.

Markdown, OPML and chunks keep a heading as one line of text (marker and title,
as written) followed by the section's prose. Their readers hand those lines to
`OutlineBuilder`, which recovers marker, style and ordinal with `match_marker`,
exactly as the parser does, so the outline they return has the same shape.
"""
from __future__ import annotations

import functools
import json
import re
from typing import Any, Callable, Iterator, Optional

from ..markers import LEAD, match_marker
from ..model import Marker, Node, Outline, Paragraph, Role

# A surrogate code point in a Python string is always unpaired: no UTF encodes it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

REPLACEMENT = "\ufffd"

# Style of a heading line a reader finds without an ordinal marker (hand-edited input).
UNMARKED = "none"

# Readers refuse outlines nested deeper than this (a parsed document is a few dozen deep
# at most); deeper ones exhaust the stack of whatever walks them.
MAX_LEVEL = 100


class ReadError(ValueError):
    """Text a reader cannot make an outline of; the message says why."""

    __module__ = "speech_outline.formats"  # where it is documented and imported from


def reader(kind: str) -> Callable[[Callable[[str], Any]], Callable[[str], Any]]:
    """Make a format's `read` raise ReadError, with a message, for whatever its input lacks."""
    def wrap(read: Callable[[str], Any]) -> Callable[[str], Any]:
        @functools.wraps(read)
        def safe(text: str) -> Any:
            try:
                return read(text)
            except ReadError:
                raise
            except RecursionError:
                raise ReadError(f"not a valid {kind} outline: nested too deeply") from None
            except KeyError as exc:
                raise ReadError(f"not a valid {kind} outline: missing key {exc.args[0]!r}") from None
            except (TypeError, AttributeError, IndexError, ValueError) as exc:
                raise ReadError(f"not a valid {kind} outline: {exc}") from None
        return safe
    return wrap


def encodable(text: str) -> str:
    """`text` with each lone surrogate as U+FFFD: what every writer does with them.

    Left raw, a lone surrogate makes the output impossible to encode as UTF-8, and
    an escape (``"\\ud800"``) is rejected by strict JSON consumers.
    """
    try:
        text.encode("utf-8")  # the quick test, in C: a regular expression search is 4× slower
    except UnicodeEncodeError:
        return LONE_SURROGATE.sub(REPLACEMENT, text)
    return text


def json_text(value: Any, indent: Optional[int] = None) -> str:
    """JSON with non-ASCII text readable as itself, lone surrogates as U+FFFD."""
    return encodable(json.dumps(value, ensure_ascii=False, indent=indent))


def heading_line(node: Node) -> str:
    """The heading as written without its run-in prose: marker, separator and title.

    `heading_line(node)` followed by `node.body_texts` is all the section's own text.
    """
    text = node.heading.text
    at = text.find(node.title, len(node.marker.text)) if node.title else len(node.marker.text)
    return text[: at + len(node.title)] if at >= 0 else text


def numbered(nodes: tuple[Node, ...], parent: Optional[str] = None,
             path: tuple[Node, ...] = ()) -> Iterator[tuple[str, Node, tuple[Node, ...]]]:
    """(id, node, ancestors) in document order; the id is the 1-based position path "2.1.3"."""
    for i, node in enumerate(nodes, 1):
        ident = child_id(parent, i)
        yield ident, node, path
        yield from numbered(node.children, ident, (*path, node))


def child_id(parent: Optional[str], index: int) -> str:
    """The id of the `index`-th (1-based) child of `parent` (None: a top-level heading)."""
    return f"{parent}.{index}" if parent else str(index)


def section_end(node: Node) -> int:
    """Offset just past the last character of the section, sub-sections included."""
    last = node
    while last.children:
        last = last.children[-1]
    return (last.body[-1] if last.body else last.heading).end


class _Open:
    """A section while its reader is still adding to it."""

    __slots__ = ("heading", "body", "children")

    def __init__(self, heading: Paragraph) -> None:
        self.heading = heading
        self.body: list[Paragraph] = []
        self.children: list[_Open] = []

    def freeze(self, level: int) -> Node:
        text = self.heading.text
        found = match_marker(text, 0, True)  # a heading already: a weak reading is its marker (1 总则)
        if found is None:
            marker, title = Marker("", UNMARKED, 0), text.strip(LEAD)
        else:
            marker, title = found.marker, found.title(text)
        return Node(marker, title, self.heading, level, tuple(self.body),
                    tuple(c.freeze(level + 1) for c in self.children))


class OutlineBuilder:
    """Collects what a reader finds, in document order, and makes an `Outline` of it.

    Positions are wherever the reader found the text in its own input.
    """

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.roots: list[_Open] = []
        self.path: list[_Open] = []

    def paragraph(self, role: Role, text: str, start: int, line: int) -> Paragraph:
        """A paragraph outside the sections (title, preamble, framing…)."""
        para = Paragraph(role, text, start, line)
        self.paragraphs.append(para)
        return para

    def heading(self, level: int, text: str, start: int, line: int) -> None:
        """A heading at `level`; a level deeper than the next one down nests one level down."""
        depth = max(0, min(level - 1, len(self.path)))
        if depth >= MAX_LEVEL:
            raise ReadError(f"an outline nested deeper than {MAX_LEVEL} levels (line {line})")
        section = _Open(self.paragraph(Role.HEADING, text, start, line))
        (self.path[depth - 1].children if depth else self.roots).append(section)
        del self.path[depth:]
        self.path.append(section)

    def body(self, text: str, start: int, line: int) -> None:
        """Prose of the latest section (preamble before the first heading)."""
        role = Role.BODY if self.path else Role.PREAMBLE
        para = self.paragraph(role, text, start, line)
        if self.path:
            self.path[-1].body.append(para)

    def outline(self) -> Outline:
        return Outline(tuple(self.paragraphs), tuple(r.freeze(1) for r in self.roots))
