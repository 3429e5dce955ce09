"""Invariants every parsed outline must satisfy, whatever the input (shared by the property tests)."""
from __future__ import annotations

import regex

from speech_outline import Outline, Role, parse, rebuild
from speech_outline.diagnostics import CODES
from speech_outline.markers import LEAD

_BREAK = regex.compile(r"\r\n|\r|\n")
TYPED_ROLES = frozenset(Role) - {Role.HEADING, Role.BODY}


def check_outline(outline: Outline, text: str) -> None:
    """The outline covers `text` exactly, and its tree is a view into the paragraph stream."""
    assert rebuild(outline) == text
    paragraphs = outline.paragraphs
    if text and not text.strip(LEAD + "\r\n"):
        assert [p.role for p in paragraphs] == [Role.BLANK]
    offset = 0
    for p in paragraphs:
        assert text[offset:offset + len(p.raw)] == p.raw
        assert p.start == offset + len(p.lead)
        assert p.line == 1 + len(_BREAK.findall(text, 0, p.start)), (p, text[:p.start])
        assert "\n" not in p.text and "\r" not in p.text
        if p.role is not Role.BLANK:
            assert p.text and p.text == p.text.strip(LEAD), p
        offset += len(p.raw)
    assert offset == len(text)

    # every paragraph is a heading, a body paragraph or a typed part, exactly once
    heading_of: dict[int, int] = {}
    body_of: dict[int, int] = {}
    order = []
    for node in outline.walk():
        heading_of[node.heading.start] = heading_of.get(node.heading.start, 0) + 1
        order.append(node.heading.start)
        for b in node.body:
            body_of[b.start] = body_of.get(b.start, 0) + 1
    assert order == sorted(order), "headings out of document order"
    by_start = {p.start: p for p in paragraphs}
    for start in heading_of:
        assert start in by_start
    for start in body_of:
        assert start in by_start
    for p in paragraphs:
        if p.role is Role.HEADING:
            assert heading_of.get(p.start) == 1 and p.start not in body_of, p
        elif p.role is Role.BODY:
            assert body_of.get(p.start) == 1 and p.start not in heading_of, p
        else:
            assert p.role in TYPED_ROLES
            assert p.start not in heading_of and p.start not in body_of, p
    roles = {p.start: p.role for p in paragraphs}
    assert sum(1 for r in roles.values() if r is Role.HEADING) == len(heading_of)
    assert sum(1 for r in roles.values() if r is Role.BODY) == len(body_of)

    # nodes: marker, title and level agree with the heading paragraph; sections are in order
    index = {p.start: i for i, p in enumerate(paragraphs)}
    heading_index = sorted(index[s] for s in heading_of)

    def check(node, level):
        assert node.level == level
        assert by_start[node.heading.start] == node.heading
        text_ = node.heading.text
        assert text_.startswith(node.marker.text), node
        if node.title:
            assert text_.find(node.title, len(node.marker.text)) >= 0, node
        assert node.title == node.title.strip(LEAD)
        here = index[node.heading.start]
        following = [i for i in heading_index if i > here]
        stop = following[0] if following else len(paragraphs)
        for b in node.body:
            assert here < index[b.start] < stop, (node, b)
        for child in node.children:
            assert child.heading.start > node.heading.start
            check(child, level + 1)

    for node in outline.nodes:
        check(node, 1)
    heading_lines = {n.line for n in outline.walk()}
    for d in outline.diagnostics:
        assert d.code in CODES
        assert d.line in heading_lines, d


def outline_tree(text: str) -> tuple:
    """The outline without its markers: what renumbering must never change."""
    def node(n):
        return (n.line, n.level, n.title, n.body_texts, tuple(node(c) for c in n.children))
    outline = parse(text)
    return tuple((p.role, p.line) for p in outline.paragraphs), tuple(node(n) for n in outline.nodes)


def renumbered_as_written(match, ordinal: int) -> str:
    """The marker numbered `ordinal` in the writer's digits (１．→ ２．, 第1条 → 第2条)."""
    if match.numeral.isdigit():
        digits = str(ordinal)
        return match.text.replace(match.numeral, digits if match.numeral.isascii() else digits.translate(_WIDE), 1)
    new = match.renumbered(ordinal)
    return new.translate(_WIDE) if any("０" <= c <= "９" for c in match.numeral) else new


_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
