r"""Outline ⇄ OPML 2.0, the format outliners and mind-map apps import.

Each heading is an `<outline>` whose `text` is the heading as written (marker
and title) and whose `_note` holds the section's prose, paragraphs separated by
a blank line: `text` and `_note` are what OmniOutliner, Workflowy, Logseq,
Dynalist and 幕布 read. `body_as_children=True` writes the paragraphs as child
outlines instead, for mind-map apps that do not show notes (such output reads
back with the paragraphs as headings). Text outside the sections is not written.

OPML 2.0 lets `text` hold HTML, and pandoc reads `_note` as Markdown, so what
those would read as markup is escaped first: `text` as HTML (`<b>` → `&lt;b&gt;`,
`&` → `&amp;`), each paragraph of `_note` as Markdown (`> 引文` → `\> 引文`,
`*` → `\*`), then the whole value once more as XML. Readers that take the
attributes as HTML and Markdown thus read the text as it was written; the
escapes are undone by `read`.

Lone surrogates are written as U+FFFD, like every writer does. Characters XML 1.0
forbids (control characters pasted into the source, U+FFFE/U+FFFF) are dropped;
newline, carriage return and tab are character references so that attribute
normalisation keeps them. An outline without headings gets one commented
(`isComment="true"`) outline, since OPML requires a non-empty `<body>`.
"""
from __future__ import annotations

import datetime
import html
import re
import xml.parsers.expat
from email.utils import format_datetime
from typing import Iterator, Optional
from xml.sax.saxutils import escape

from ..model import Node, Outline, Role
from ._sections import OutlineBuilder, ReadError, encodable, heading_line, reader
from .markdown import escape as markdown_escape
from .markdown import unescape as markdown_unescape

EXTENSIONS = (".opml",)
STEP = "  "
NOTE_BREAK = "\n\n"  # between paragraphs in `_note`
EMPTY = "(empty)"  # `text` of the placeholder outline when there are no headings and no title
UNTITLED = "(untitled)"  # `text` of a heading that has no character XML allows

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def write(outline: Outline, *, date_created: Optional[datetime.datetime] = None,
          body_as_children: bool = False) -> str:
    """The outline as OPML 2.0.

    `date_created` fills `<dateCreated>` (RFC 822; default: now, UTC; a naive
    datetime is taken as UTC); pass a fixed one for reproducible output.
    """
    title = xml_chars(outline.title or "")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"{STEP}<head>",
        f"{STEP * 2}<title>{escape(title)}</title>",
        f"{STEP * 2}<dateCreated>{rfc822(date_created)}</dateCreated>",
        f"{STEP}</head>",
        f"{STEP}<body>",
    ]
    for node in outline.nodes:
        lines.extend(_outline(node, 2, body_as_children))
    if not outline.nodes:
        lines.append(_element(2, [("text", title or EMPTY), ("isComment", "true")]))
    lines += [f"{STEP}</body>", "</opml>"]
    return "\n".join(lines) + "\n"


@reader("OPML")
def read(text: str) -> Outline:
    """The outline in OPML written with default options (headings and `_note` prose).

    Positions are those of the `<outline>` elements in `text` (the k-th paragraph
    of a note is placed k characters after its element). Commented outlines are skipped.
    """
    return _Reader(text).outline()


def xml_chars(text: str) -> str:
    """`text` without the characters XML 1.0 does not allow, even as references
    (lone surrogates become U+FFFD)."""
    return _NOT_XML.sub("", encodable(text))


def rfc822(when: Optional[datetime.datetime] = None) -> str:
    """An RFC 822 date as OPML wants it: 'Mon, 03 Mar 2025 09:00:00 GMT'."""
    when = when or datetime.datetime.now(datetime.timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return format_datetime(when.astimezone(datetime.timezone.utc), usegmt=True)


# --- writing


def _outline(node: Node, depth: int, body_as_children: bool) -> Iterator[str]:
    attributes = [("text", _html(xml_chars(heading_line(node))) or UNTITLED)]
    prose = [text for text in map(xml_chars, node.body_texts) if text]
    if prose and not body_as_children:
        attributes.append(("_note", NOTE_BREAK.join(map(markdown_escape, prose))))
    leaves = [_element(depth + 1, [("text", _html(text))]) for text in prose] if body_as_children else []
    if not leaves and not node.children:
        yield _element(depth, attributes)
        return
    yield _element(depth, attributes, close=False)
    yield from leaves
    for child in node.children:
        yield from _outline(child, depth + 1, body_as_children)
    yield STEP * depth + "</outline>"


def _html(text: str) -> str:
    """Plain text as HTML, which OPML's `text` may hold."""
    return html.escape(text, quote=False)


def _element(depth: int, attributes: list[tuple[str, str]], close: bool = True) -> str:
    """An `<outline>` start tag (self-closed when `close`); values must be XML characters."""
    pairs = "".join(f' {name}="{escape(value, _ATTRIBUTE_ENTITIES)}"' for name, value in attributes)
    return f"{STEP * depth}<outline{pairs}{'/' if close else ''}>"


# --- reading


class _Reader:
    """Streams the OPML with expat, which knows where each element starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.builder = OutlineBuilder()
        self.depth = 0  # open <outline> elements
        self.skip_below: Optional[int] = None  # depth of an open commented outline
        self.in_title = False
        self.title: list[str] = []
        self.title_at = (0, 1)
        parser = xml.parsers.expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._data
        self.parser = parser

    def outline(self) -> Outline:
        try:
            self.parser.Parse(self.text, True)
        except xml.parsers.expat.ExpatError as error:
            raise ReadError(f"not well-formed OPML: {error}") from None
        return self.builder.outline()

    def _position(self) -> tuple[int, int]:
        line = self.parser.CurrentLineNumber
        return self.line_starts[line - 1] + self.parser.CurrentColumnNumber, line

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "title" and self.depth == 0:
            self.in_title = True
            self.title_at = self._position()
        if name != "outline":
            return
        self.depth += 1
        if self.skip_below is None and attributes.get("isComment", "").lower() == "true":
            self.skip_below = self.depth
        if self.skip_below is not None:
            return
        start, line = self._position()
        self.builder.heading(self.depth, html.unescape(attributes.get("text", "")), start, line)
        note = attributes.get("_note", "")
        for k, paragraph in enumerate(p for p in note.split(NOTE_BREAK) if p):
            self.builder.body(markdown_unescape(paragraph), start + k + 1, line)

    def _end(self, name: str) -> None:
        if name == "title" and self.in_title:
            self.in_title = False
            title = "".join(self.title)
            if title:
                self.builder.paragraph(Role.TITLE, title, *self.title_at)
        elif name == "outline":
            if self.skip_below == self.depth:
                self.skip_below = None
            self.depth -= 1

    def _data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
