"""Outline ⇄ JSON Lines of retrieval chunks: one per section, ready for a RAG index.

Each line is one section's own text (heading, then its prose; sub-sections
are chunks of their own) with where it sits and where it came from:

    {"id": "1.2", "parent_id": "1", "level": 2,
     "heading_path": ["一、……", "（二）……"], "ordinal_path": [1, 2],
     "text": "（二）……\\n\\n正文……", "start": 230, "end": 512, "line": 12, "end_line": 15,
     "document_title": "……",
     "metadata": {"Header 1": "一、……", "Header 2": "（二）……"}}

`metadata` uses LangChain's MarkdownHeaderTextSplitter keys, so
`Document(page_content=c["text"], metadata=c["metadata"])` works as is.
`ordinal_path` holds the markers' values, `id` the position among siblings
(see the JSON format). Paragraphs are separated by a blank line. The text
before the first heading (title, metadata, salutation, preamble; not the table
of contents or noise) is a first chunk with id "0", level 0 and an empty path.
Offsets are 0-based code points, lines 1-based; `end` is exclusive.
`prefix_path=True` puts the ancestors' headings, one a line, before the text,
as context for embedding.
"""
from __future__ import annotations

import json
from typing import Any, Iterator, Optional

from ..model import Outline, Paragraph, Role
from ._sections import OutlineBuilder, heading_line, json_text, numbered, own_end

PARAGRAPH_BREAK = "\n\n"
FRONT_ID = "0"
HEADER_KEY = "Header {}"
# Roles of the paragraphs before the first heading that go into the first chunk.
FRONT_ROLES = frozenset({Role.TITLE, Role.SUBTITLE, Role.META, Role.SALUTATION, Role.PREAMBLE})


def write(outline: Outline, *, prefix_path: bool = False) -> str:
    """One JSON object a line, the front chunk (if any text) first, then sections in order."""
    return "".join(json_text(chunk) + "\n" for chunk in chunks(outline, prefix_path))


def read(text: str) -> Outline:
    """An outline from chunks: headings nested by level, prose split at blank lines."""
    builder = OutlineBuilder()
    title_seen = False
    # split at "\n" only: JSON escapes it inside strings, but not U+2028 and the like
    for row in (json.loads(line) for line in text.split("\n") if line.strip()):
        if not title_seen and row.get("document_title") is not None:
            builder.paragraph(Role.TITLE, row["document_title"], 0, 1)
            title_seen = True
        if row["level"] == 0:
            _read_front(row, builder)
        else:
            _read_section(row, builder)
    return builder.outline()


def chunks(outline: Outline, prefix_path: bool = False) -> Iterator[dict[str, Any]]:
    """The chunks as dictionaries, for callers that index them directly."""
    front = _front(outline)
    if front:
        yield _chunk(outline, FRONT_ID, None, 0, [], [], front[0], front[-1], _front_text(outline, front))
    for ident, node, ancestors in numbered(outline.nodes):
        path = [*ancestors, node]
        headings = [heading_line(n) for n in path]
        text = PARAGRAPH_BREAK.join([headings[-1], *node.body_texts])
        if prefix_path and ancestors:
            text = "\n".join(headings[:-1]) + "\n" + text
        parent = ident.rpartition(".")[0] or None
        yield _chunk(outline, ident, parent, node.level, headings, [n.marker.ordinal for n in path],
                     node.heading, own_end(node), text)


def _chunk(outline: Outline, ident: str, parent: Optional[str], level: int, headings: list[str],
           ordinals: list[int], first: Paragraph, last: Paragraph, text: str) -> dict[str, Any]:
    return {
        "id": ident, "parent_id": parent, "level": level,
        "heading_path": headings, "ordinal_path": ordinals, "text": text,
        "start": first.start, "end": last.end, "line": first.line, "end_line": last.end_line,
        "document_title": outline.title,
        "metadata": {HEADER_KEY.format(i): h for i, h in enumerate(headings, 1)},
    }


def _front(outline: Outline) -> list[Paragraph]:
    """The paragraphs before the first heading that the first chunk holds."""
    first = outline.nodes[0].start if outline.nodes else None
    return [p for p in outline.paragraphs
            if p.role in FRONT_ROLES and p.text and (first is None or p.start < first)]


def _front_text(outline: Outline, front: list[Paragraph]) -> str:
    """The title (its lines joined) then the other paragraphs."""
    texts = [p.text for p in front if p.role is not Role.TITLE]
    return PARAGRAPH_BREAK.join([outline.title, *texts] if outline.title is not None else texts)


def _pieces(text: str) -> list[str]:
    return [piece for piece in text.split(PARAGRAPH_BREAK) if piece]


def _read_front(row: dict[str, Any], builder: OutlineBuilder) -> None:
    pieces = _pieces(row["text"])
    if row.get("document_title") is not None and pieces[:1] == [row["document_title"]]:
        pieces = pieces[1:]
    for k, piece in enumerate(pieces):
        builder.paragraph(Role.PREAMBLE, piece, row["start"] + k + 1, row["line"])


def _read_section(row: dict[str, Any], builder: OutlineBuilder) -> None:
    *ancestors, heading = row["heading_path"]
    text = row["text"]
    prefix = "\n".join(ancestors) + "\n"
    if ancestors and text.startswith(prefix + heading):
        text = text[len(prefix):]
    builder.heading(row["level"], heading, row["start"], row["line"])
    for k, piece in enumerate(_pieces(text[len(heading):] if text.startswith(heading) else text)):
        builder.body(piece, row["start"] + k + 1, row["line"])
