"""Outline ⇄ JSON Lines of retrieval chunks: one per section, ready for a RAG index.

Each line is one section's own text (heading, then its prose; sub-sections
are chunks of their own) with where it sits and where it came from:

    {"id": "1.2", "parent_id": "1", "level": 2,
     "heading_path": ["一、……", "（二）……"], "ordinal_path": [1, 2],
     "text": "（二）……\\n\\n正文……", "start": 230, "end": 512, "line": 12, "end_line": 15,
     "document_title": "……",
     "metadata": {"Header 1": "一、……", "Header 2": "（二）……"}}

`metadata` uses LangChain's MarkdownHeaderTextSplitter keys, so
`Document(page_content=c["text"], metadata=c["metadata"])` works as is; it never
holds a null (vector stores refuse them). `ordinal_path` holds the markers'
values, `id` the position among siblings (see the JSON format). Paragraphs are
separated by a blank line. The text before the first heading (title, metadata,
salutation, preamble; not the table of contents or noise) is a first chunk with
id "0", level 0 and an empty path. Offsets are 0-based code points, lines
1-based; `end` is exclusive.

Options:

* `prefix_path=True` puts the ancestors' headings, one a line, before the text,
  as context for embedding (a piece after the first of a split section gets its
  own heading too).
* `source="a.txt"` adds `"source"` to each chunk and to its metadata, and makes
  ids unique across documents: `"a.txt#1.2"`, parent ids alike. The ids are
  stable: the same input and source give the same ids.
* `max_chars=N` splits a section whose text is longer than N characters at
  paragraph ends, a paragraph longer than that at sentence ends (。！？；), a
  sentence longer than that every N characters. Each piece keeps the section's
  heading path; the pieces of section 1.2 have the ids "1.2/1", "1.2/2"….
  With `prefix_path`, the prefix counts towards N, but leaves at least N/2 to the text.
* `min_chars=N` merges a section shorter than N characters (a heading with no
  prose, typically) into its first sub-section, which then starts with it and
  keeps its own heading path; one without sub-sections joins the chunk before
  it when that chunk is in the same parent section, and the merged chunk has the
  parent's heading path. Chunks never grow past `max_chars` by merging.

Split or merged chunks read back with their texts but not their sections.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from ..model import Outline, Role
from ._sections import OutlineBuilder, heading_line, json_text, numbered, reader

EXTENSIONS = (".jsonl",)
PARAGRAPH_BREAK = "\n\n"
FRONT_ID = "0"
HEADER_KEY = "Header {}"
SOURCE_SEPARATOR = "#"  # "a.txt#1.2"
PIECE_SEPARATOR = "/"  # "1.2/3": the third piece of section 1.2
# Roles of the paragraphs before the first heading that go into the first chunk.
FRONT_ROLES = frozenset({Role.TITLE, Role.SUBTITLE, Role.META, Role.SALUTATION, Role.PREAMBLE})
# Where a long paragraph may be cut: after a sentence end and any closing quotes or brackets.
_SENTENCE = re.compile(r".*?(?:[。！？；!?;]+[”’」』）)]*|$)", re.S)


def write(outline: Outline, *, prefix_path: bool = False, source: Optional[str] = None,
          max_chars: Optional[int] = None, min_chars: Optional[int] = None) -> str:
    """One JSON object a line, the front chunk (if any text) first, then sections in order."""
    return "".join(json_text(chunk) + "\n" for chunk in chunks(
        outline, prefix_path, source=source, max_chars=max_chars, min_chars=min_chars))


@reader("chunks")
def read(text: str) -> Outline:
    """An outline from chunks: headings nested by level, prose split at blank lines."""
    builder = OutlineBuilder()
    title_seen = False
    last_section = None
    # split at "\n" only: JSON escapes it inside strings, but not U+2028 and the like
    for row in (json.loads(line) for line in text.split("\n") if line.strip()):
        if not title_seen and row.get("document_title") is not None:
            builder.paragraph(Role.TITLE, row["document_title"], 0, 1)
            title_seen = True
        if row["level"] == 0:
            _read_front(row, builder)
        else:
            last_section = _read_section(row, builder, last_section)
    return builder.outline()


@dataclass
class _Unit:
    """A paragraph (or a sentence of one) of a chunk, and where it is in the input."""

    text: str
    start: int
    end: int
    line: int
    end_line: int


@dataclass
class _Piece:
    """A chunk before it is written: a section's text, or part of it, or sections merged."""

    section: str  # the id of the section whose heading path it has
    parent: Optional[str]  # that section's parent's id
    headings: list[str]
    ordinals: list[int]
    units: list[_Unit]
    has_children: bool = False
    holds: list[str] = field(default_factory=list)  # the sections whose heading it holds

    def length(self, units: Optional[list[_Unit]] = None) -> int:
        units = self.units if units is None else units
        return sum(len(u.text) for u in units) + len(PARAGRAPH_BREAK) * max(0, len(units) - 1)


def chunks(outline: Outline, prefix_path: bool = False, *, source: Optional[str] = None,
           max_chars: Optional[int] = None, min_chars: Optional[int] = None) -> Iterator[dict[str, Any]]:
    """The chunks as dictionaries, for callers that index them directly (options as `write`)."""
    for bound, name in ((max_chars, "max_chars"), (min_chars, "min_chars")):
        if bound is not None and bound < 1:
            raise ValueError(f"{name} must be 1 or more, not {bound}")
    pieces = list(_sections(outline))
    if min_chars:
        pieces = _merged(pieces, min_chars, max_chars)
    title = outline.title
    ids = _ChunkIds(source)
    for piece in pieces:
        ids.place(piece)
    for piece in pieces:
        parts = _split(piece, max_chars, prefix_path) if max_chars else [(piece.units, False)]
        for n, (units, continued) in enumerate(parts, 1):
            yield _chunk(piece, units, ids.of(piece, n if len(parts) > 1 else None), ids.parent(piece),
                         title, source, prefix_path, continued)


def _sections(outline: Outline) -> Iterator[_Piece]:
    front = _front(outline)
    if front:
        yield _Piece(FRONT_ID, None, [], [], front, holds=[FRONT_ID])
    for ident, node, ancestors in numbered(outline.nodes):
        path = [*ancestors, node]
        heading = node.heading
        own = heading_line(node)
        units = [_Unit(own, heading.start, heading.start + len(own), heading.line, heading.line)]
        if node.run_in:
            at = heading.text.find(node.run_in, len(own))
            units.append(_Unit(node.run_in, heading.start + at, heading.start + at + len(node.run_in),
                               heading.line, heading.line))
        units += [_Unit(p.text, p.start, p.end, p.line, p.end_line) for p in node.body]
        yield _Piece(ident, ident.rpartition(".")[0] or None, [heading_line(n) for n in path],
                     [n.marker.ordinal for n in path], units, bool(node.children), [ident])


def _front(outline: Outline) -> list[_Unit]:
    """The text before the first heading that the first chunk holds: the title (its lines
    joined) then the other paragraphs."""
    first = outline.nodes[0].start if outline.nodes else None
    paragraphs = [p for p in outline.paragraphs
                  if p.role in FRONT_ROLES and p.text and (first is None or p.start < first)]
    units = []
    titles = [p for p in paragraphs if p.role is Role.TITLE]
    if titles and outline.title is not None:
        units.append(_Unit(outline.title, titles[0].start, titles[-1].end, titles[0].line, titles[-1].end_line))
    units += [_Unit(p.text, p.start, p.end, p.line, p.end_line) for p in paragraphs if p.role is not Role.TITLE]
    return units


def _merged(pieces: list[_Piece], min_chars: int, max_chars: Optional[int]) -> list[_Piece]:
    """Short sections merged into their first sub-section, or into the chunk before them."""
    out: list[_Piece] = []
    waiting: Optional[_Piece] = None  # a short section with sub-sections: goes into the first
    for piece in pieces:
        if waiting is not None:
            piece.units[:0] = waiting.units
            piece.holds[:0] = waiting.holds
            waiting = None
        if piece.length() < min_chars:
            if piece.has_children:
                waiting = piece
                continue
            before = out[-1] if out else None
            if before is not None and piece.parent is not None and _within(before, piece.parent) and (
                    max_chars is None or before.length(before.units + piece.units) <= max_chars):
                depth = piece.parent.count(".") + 1
                before.section, before.parent = piece.parent, piece.parent.rpartition(".")[0] or None
                before.headings, before.ordinals = before.headings[:depth], before.ordinals[:depth]
                before.units += piece.units
                before.holds += piece.holds
                continue
        out.append(piece)
    if waiting is not None:
        out.append(waiting)
    return out


def _within(piece: _Piece, section: str) -> bool:
    """Whether `piece` is `section` or below it."""
    return piece.section == section or piece.section.startswith(section + ".")


def _split(piece: _Piece, max_chars: int, prefix_path: bool) -> list[tuple[list[_Unit], bool]]:
    """The piece's units in parts of at most `max_chars` characters (prefix included);
    (units, whether the part continues the one before)."""
    def budget(continued: bool) -> int:
        prefix = _prefix(piece.headings, continued) if prefix_path else ""
        return max(max_chars // 2, max_chars - len(prefix), 1)

    parts: list[list[_Unit]] = [[]]
    size = 0  # of the last part, its paragraph breaks included
    for unit in piece.units:
        for bit in _cut(unit, budget(True)):
            grown = size + len(PARAGRAPH_BREAK) + len(bit.text) if parts[-1] else len(bit.text)
            if parts[-1] and grown > budget(len(parts) > 1):
                parts.append([bit])
                size = len(bit.text)
            else:
                parts[-1].append(bit)
                size = grown
    return [(units, n > 0) for n, units in enumerate(parts)]


def _cut(unit: _Unit, limit: int) -> list[_Unit]:
    """A paragraph longer than `limit` in sentences, runs of sentences up to `limit`, a
    sentence longer than that in `limit`-character slices."""
    if len(unit.text) <= limit:
        return [unit]
    bits, at = [], 0
    for sentence in _SENTENCE.findall(unit.text):
        if not sentence:
            continue
        for k in range(0, len(sentence), limit):
            bit = sentence[k:k + limit]
            if bits and len(bits[-1][1]) + len(bit) <= limit:
                bits[-1] = (bits[-1][0], bits[-1][1] + bit)
            else:
                bits.append((at + k, bit))
        at += len(sentence)
    return [_Unit(text, unit.start + offset, unit.start + offset + len(text), unit.line, unit.end_line)
            for offset, text in bits]


def _prefix(headings: list[str], continued: bool) -> str:
    """What `prefix_path` puts before a chunk's text: its ancestors' headings, and its own
    heading too for a piece that does not start with it."""
    shown = headings if continued else headings[:-1]
    return "".join(h + "\n" for h in shown)


class _ChunkIds:
    """Chunk ids: the section's, after the source, with the piece number of a split section."""

    def __init__(self, source: Optional[str]) -> None:
        self.prefix = f"{source}{SOURCE_SEPARATOR}" if source is not None else ""
        self.holder: dict[str, str] = {}  # section id → the id of the chunk holding its heading

    def place(self, piece: _Piece) -> None:
        for section in piece.holds:
            self.holder[section] = piece.section

    def of(self, piece: _Piece, number: Optional[int]) -> str:
        own = piece.section if number is None else f"{piece.section}{PIECE_SEPARATOR}{number}"
        return self.prefix + own

    def parent(self, piece: _Piece) -> Optional[str]:
        """The chunk holding the nearest ancestor heading that is not in `piece` itself."""
        parent = piece.parent
        while parent is not None and self.holder.get(parent) == piece.section:
            parent = parent.rpartition(".")[0] or None
        return None if parent is None else self.prefix + self.holder.get(parent, parent)


def _chunk(piece: _Piece, units: list[_Unit], ident: str, parent: Optional[str], title: Optional[str],
           source: Optional[str], prefix_path: bool, continued: bool) -> dict[str, Any]:
    text = PARAGRAPH_BREAK.join(u.text for u in units)
    if prefix_path and piece.headings:
        text = _prefix(piece.headings, continued) + text
    metadata: dict[str, Any] = {HEADER_KEY.format(i): h for i, h in enumerate(piece.headings, 1)}
    chunk = {
        "id": ident, "parent_id": parent, "level": len(piece.headings),
        "heading_path": piece.headings, "ordinal_path": piece.ordinals, "text": text,
        "start": units[0].start, "end": units[-1].end, "line": units[0].line, "end_line": units[-1].end_line,
        "document_title": title,
    }
    if source is not None:
        chunk["source"] = metadata["source"] = source
    chunk["metadata"] = metadata
    return chunk


def _pieces(text: str) -> list[str]:
    return [piece for piece in text.split(PARAGRAPH_BREAK) if piece]


def _read_front(row: dict[str, Any], builder: OutlineBuilder) -> None:
    pieces = _pieces(row["text"])
    if row.get("document_title") is not None and pieces[:1] == [row["document_title"]]:
        pieces = pieces[1:]
    for k, piece in enumerate(pieces):
        builder.paragraph(Role.PREAMBLE, piece, row["start"] + k + 1, row["line"])


def _read_section(row: dict[str, Any], builder: OutlineBuilder, last: Optional[list[str]]) -> list[str]:
    """Add the row's section, or its prose only when it continues the section before
    (a piece of a split section); return its heading path."""
    *ancestors, heading = row["heading_path"]
    text = row["text"]
    prefix = "".join(h + "\n" for h in ancestors)
    if ancestors and text.startswith(prefix + heading):  # prefix_path
        text = text[len(prefix):]
    if text.startswith(heading + "\n") and not text.startswith(heading + PARAGRAPH_BREAK):
        text, continued = text[len(heading) + 1:], True  # a later piece, with prefix_path
    elif text.startswith(heading):
        text, continued = text[len(heading):], False
    else:
        continued = True  # a later piece, or a merged chunk (which starts with another heading)
    if not continued or last != row["heading_path"]:
        builder.heading(row["level"], heading, row["start"], row["line"])
    for k, piece in enumerate(_pieces(text)):
        builder.body(piece, row["start"] + k + 1, row["line"])
    return row["heading_path"]
