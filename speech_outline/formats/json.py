"""Outline ⇄ JSON: the lossless interchange format, described by schema/outline.schema.json.

Every paragraph of the input appears exactly once, in a section (heading and
body) or in one of the document parts, with its whitespace, so `read(write(o))
== o` and `rebuild(read(write(o)))` is the input again. Shape (version 1):

    {"format": "speech-outline", "version": 1, "positions": "…",
     "title": str | null,
     "title_lines": [para], "metadata": [para], "framing": [para], "preamble": [para],
     "toc": [para], "noise": [para], "other": [para],
     "children": [node], "diagnostics": [{"line", "code", "message"}],
     "source": {"format", "title", "lines": [{"line", "paragraph", "page", "level", "style"}],
                "notes": [str], "furniture": [str]}}  # only for .docx, .html and .pdf inputs
    node = {"id": "2.1", "level", "line", "start", "end", "marker", "style", "ordinal",
            "path", "title", "heading": para, "body": [para], "children": [node]}
    para = {"role", "text", "start", "line", "lead", "trail"}

`id` is the 1-based position path among siblings; `end` is just past the last
character of the section including its sub-sections.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from ..model import (FRAMING_ROLES, META_ROLES, Diagnostic, Marker, Node, Outline, Paragraph, Role,
                     Source, SourceLine)
from ._sections import ReadError, child_id, json_text, reader, section_end

EXTENSIONS = (".json",)
FORMAT = "speech-outline"
VERSION = 1
POSITIONS = ("line numbers are 1-based; start/end are 0-based offsets in Unicode code points "
             "into the decoded input text; end is exclusive")

# Paragraphs outside the sections, by role; anything else (blank input) goes to "other".
PARTS: dict[str, frozenset[Role]] = {
    "title_lines": frozenset({Role.TITLE}),
    "metadata": META_ROLES,
    "framing": FRAMING_ROLES,
    "preamble": frozenset({Role.PREAMBLE}),
    "toc": frozenset({Role.TOC}),
    "noise": frozenset({Role.NOISE}),
}
OTHER = "other"


def write(outline: Outline, *, indent: Optional[int] = None, include_noise: bool = True) -> str:
    """The outline as JSON; `include_noise=False` drops noise paragraphs (no longer lossless).

    Compact by default: pretty-printing (`indent=2`) makes json.dumps fall back from its
    C encoder to pure Python, about three times slower on archives."""
    parts: dict[str, list[dict[str, Any]]] = {name: [] for name in (*PARTS, OTHER)}
    for para in _outside_sections(outline):
        if include_noise or para.role is not Role.NOISE:
            parts[_PART_OF.get(para.role, OTHER)].append(_paragraph(para))
    doc = {
        "format": FORMAT, "version": VERSION, "positions": POSITIONS,
        "title": outline.title,
        **parts,
        "children": _children(outline.nodes),
        "diagnostics": [{"line": d.line, "code": d.code, "message": d.message} for d in outline.diagnostics],
    }
    if outline.source is not None:
        doc["source"] = _source(outline.source)
    return json_text(doc, indent) + "\n"


@reader("JSON")
def read(text: str) -> Outline:
    """The outline a `write` produced; raises ReadError for another format or version."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise ReadError(f"not JSON: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise ReadError(f"not {FORMAT} JSON version {VERSION}")
    nodes = tuple(_read_node(n) for n in doc["children"])
    loose = [_read_paragraph(p) for name in (*PARTS, OTHER) for p in doc.get(name, ())]
    in_sections = [p for top in nodes for node in top.walk() for p in (node.heading, *node.body)]
    paragraphs = sorted((*loose, *in_sections), key=lambda p: (p.start, p.line))
    diagnostics = tuple(Diagnostic(d["line"], d["code"], d["message"]) for d in doc.get("diagnostics", ()))
    source = _read_source(doc["source"]) if doc.get("source") is not None else None
    return Outline(tuple(paragraphs), nodes, diagnostics, source)


def _source(source: Source) -> dict[str, Any]:
    """Where the lines of a .docx, .html or .pdf input came from (line n is the n-th entry)."""
    return {"format": source.format, "title": source.title,
            "lines": [{"line": n, "paragraph": s.paragraph, "page": s.page, "level": s.level, "style": s.style}
                      for n, s in enumerate(source.lines, 1)],
            "notes": list(source.notes), "furniture": list(source.furniture)}


def _read_source(d: dict[str, Any]) -> Source:
    lines = tuple(SourceLine(s["paragraph"], s.get("page"), s.get("level"), s.get("style", ""))
                  for s in d.get("lines", ()))
    return Source(d["format"], lines, d.get("title"), tuple(d.get("notes", ())), tuple(d.get("furniture", ())))


_PART_OF = {role: name for name, roles in PARTS.items() for role in roles}


def _outside_sections(outline: Outline) -> list[Paragraph]:
    """The paragraphs no heading holds, in order. A parsed outline's sections hold the very
    objects of its paragraph stream, so identity decides (hashing a paragraph hashes all
    its text); an outline put together by hand may hold equal copies, then equality does."""
    in_sections = [p for node in outline.walk() for p in (node.heading, *node.body)]
    held = {id(p) for p in in_sections}
    outside = [p for p in outline.paragraphs if id(p) not in held]
    if len(outside) + len(in_sections) != len(outline.paragraphs):
        equal = set(in_sections)
        outside = [p for p in outline.paragraphs if p not in equal]
    return outside


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {"role": p.role.value, "text": p.text, "start": p.start, "line": p.line,
            "lead": p.lead, "trail": p.trail}


def _read_paragraph(d: dict[str, Any]) -> Paragraph:
    return Paragraph(Role(d["role"]), d["text"], d["start"], d["line"], d.get("lead", ""), d.get("trail", ""))


def _children(nodes: tuple[Node, ...], parent: Optional[str] = None) -> list[dict[str, Any]]:
    return [_node(node, child_id(parent, i)) for i, node in enumerate(nodes, 1)]


def _node(node: Node, ident: str) -> dict[str, Any]:
    m = node.marker
    return {
        "id": ident, "level": node.level, "line": node.line, "start": node.start, "end": section_end(node),
        "marker": m.text, "style": m.style, "ordinal": m.ordinal, "path": list(m.path), "title": node.title,
        "heading": _paragraph(node.heading), "body": [_paragraph(p) for p in node.body],
        "children": _children(node.children, ident),
    }


def _read_node(d: dict[str, Any]) -> Node:
    marker = Marker(d["marker"], d["style"], d["ordinal"], tuple(d.get("path", ())))
    return Node(marker, d["title"], _read_paragraph(d["heading"]), d["level"],
                tuple(_read_paragraph(p) for p in d["body"]), tuple(_read_node(c) for c in d["children"]))
