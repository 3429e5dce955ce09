"""Outline ⇄ Markdown (CommonMark), for reading, publishing and header-based splitters.

Layout, chosen so that any CommonMark reader (pandoc, markdown-it, GitHub) sees
the same structure:

* The document title is YAML front matter, `title: "…"` (a JSON string, which is
  valid YAML), closed after a blank line so that a reader without front-matter
  support sees a rule and a paragraph, never a setext heading. Heading levels
  are therefore exactly the outline levels: level 1 is `#`, level 6 `######`.
* Levels 7 and deeper, which Markdown has no headings for, are nested bullet
  items (`- `), indented two spaces per level below 7.
* Each heading keeps its marker as written: `## （一）加强……`. The section's
  prose (the run-in remainder, then the body paragraphs) follows as paragraphs,
  one line each, never wrapped (a line break between Han characters would read
  as a space).
* Text outside the sections (metadata, preamble, salutation) before the first
  heading is plain paragraphs; after it, block quotes (`> 各位代表！`), so
  that it is not taken for the prose of the section it stands in. Title lines
  are in the front matter; noise is left out unless `include_noise=True`.
* Characters Markdown would read as markup are backslash-escaped, as are
  paragraph starts that would open a list, heading, quote or rule (`1\\. `).
"""
from __future__ import annotations

import json
import re
from typing import Iterator, Optional

from ..model import Node, Outline, Paragraph, Role
from ._sections import OutlineBuilder, encodable, heading_line, reader

EXTENSIONS = (".md", ".markdown")
MAX_HEADING = 6  # deeper levels are list items
INDENT = "  "  # per list level below MAX_HEADING

# ASCII punctuation that is markup somewhere in a line (CommonMark and GFM inlines).
_INLINE = re.compile(r"([\\`*_\[\]<>#&~])")
# Paragraph starts that open a block when a space, a tab or the line end follows:
# an ordered list (1. 1)), a bullet (- +), pandoc's fancy lists ((1) (a) (iv));
# and a rule (- - -). `1.1　总则` and `1.坚持` are text: U+3000 is not white space here.
_AFTER = r"(?=[ \t]|$)"
_ORDERED = re.compile(r"(\d+)([.)])" + _AFTER)
_BULLET = re.compile(r"[-+]" + _AFTER + r"|-[ \t]*-[ \t]*-")
_FANCY = re.compile(r"\((?=(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)\)" + _AFTER + ")")
# What YAML does not allow raw in a document, even inside quotes (JSON escapes C0 itself).
_NOT_YAML = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

_ATX = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*$")
_ITEM = re.compile(r"( *)[-+*][ \t]+(.*)$")
_QUOTE = re.compile(r" *>[ \t]?(.*)$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TITLE = re.compile(r"title:[ \t]*(.*?)[ \t]*$")


def write(outline: Outline, *, include_noise: bool = False) -> str:
    """The outline as CommonMark with YAML front matter; see the module docstring."""
    blocks = list(_blocks(outline, include_noise))
    return "\n\n".join(blocks) + "\n" if blocks else ""


@reader("Markdown")
def read(text: str) -> Outline:
    """An outline from Markdown this module wrote, one block a line; positions are in `text`.

    Roles beyond heading and body are not in Markdown: plain paragraphs before the
    first heading read back as preamble, quoted ones after it as closing.
    """
    builder = OutlineBuilder()
    lines = text.split("\n")
    offsets = _line_offsets(lines)
    body_from = _read_front_matter(lines, offsets, builder)
    for number in range(body_from, len(lines)):
        _read_line(lines[number].rstrip("\r"), offsets[number], number + 1, builder)
    return builder.outline()


# --- writing


def _blocks(outline: Outline, include_noise: bool) -> Iterator[str]:
    if outline.title is not None:
        yield f"---\ntitle: {_yaml_string(outline.title)}\n\n---"
    headings = {node.heading: node for node in outline.walk()}
    bodies = {p for node in outline.walk() for p in node.body}
    current: Optional[Node] = None
    for para in outline.paragraphs:
        if para in headings:
            current = headings[para]
            yield _heading(current)
            if current.run_in:
                yield _indent(current) + escape(current.run_in)
        elif para in bodies:
            yield _indent(current) + escape(para.text)
        elif _shown(para, include_noise):
            yield _indent(current) + ("" if current is None else "> ") + escape(para.text)


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar: JSON's, with what YAML forbids raw escaped as well."""
    quoted = json.dumps(encodable(text), ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _shown(para: Paragraph, include_noise: bool) -> bool:
    return bool(para.text) and para.role is not Role.TITLE and (include_noise or para.role is not Role.NOISE)


def _heading(node: Node) -> str:
    text = escape(heading_line(node))
    if node.level <= MAX_HEADING:
        return "#" * node.level + " " + text
    return INDENT * (node.level - MAX_HEADING - 1) + "- " + text


def _indent(node: Optional[Node]) -> str:
    """What puts a paragraph of `node`'s section inside its list item, when it is one."""
    return INDENT * max(0, node.level - MAX_HEADING) if node is not None else ""


def escape(text: str) -> str:
    """Backslash-escape what CommonMark would read as markup, inline or at a block start."""
    text = _INLINE.sub(r"\\\1", encodable(text))
    ordered = _ORDERED.match(text)
    if ordered:
        return ordered.group(1) + "\\" + text[ordered.end(1):]
    if _BULLET.match(text):
        return "\\" + text
    return _FANCY.sub(r"\\(", text, count=1) if _FANCY.match(text) else text


# --- reading


def unescape(text: str) -> str:
    """Undo backslash escapes of ASCII punctuation (CommonMark's rule)."""
    return _UNESCAPE.sub(r"\1", text)


def _line_offsets(lines: list[str]) -> list[int]:
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    return offsets


def _read_front_matter(lines: list[str], offsets: list[int], builder: OutlineBuilder) -> int:
    """Read the title of a leading `---` … `---` block; the index of the first line after it."""
    if not lines or lines[0].rstrip("\r") != "---":
        return 0
    ends = [n for n in range(1, len(lines)) if lines[n].rstrip("\r") in ("---", "...")]
    if not ends:
        return 0  # never closed: not front matter
    for number in range(1, ends[0]):
        found = _TITLE.match(lines[number].rstrip("\r"))
        if found:
            value = found.group(1)
            quoted = value[:1] in ("'", '"')
            title = json.loads(value) if value.startswith('"') else value.strip("'")
            builder.paragraph(Role.TITLE, title, offsets[number] + found.start(1) + quoted, number + 1)
    return ends[0] + 1


def _read_line(line: str, offset: int, number: int, builder: OutlineBuilder) -> None:
    """One line of the body: a heading, a list item (a deep heading), a quote or prose."""
    if not line.strip(" \t") or _RULE.match(line):  # U+3000 is text, not a blank
        return
    found = _ATX.match(line)
    if found:
        builder.heading(len(found.group(1)), unescape(found.group(2)), offset + found.start(2), number)
        return
    found = _ITEM.match(line)
    if found:
        level = MAX_HEADING + 1 + len(found.group(1)) // len(INDENT)
        builder.heading(level, unescape(found.group(2)), offset + found.start(2), number)
        return
    found = _QUOTE.match(line)
    if found:
        role = Role.CLOSING if builder.path else Role.PREAMBLE
        builder.paragraph(role, unescape(found.group(1)), offset + found.start(1), number)
        return
    content = line.lstrip(" \t")
    builder.body(unescape(content), offset + len(line) - len(content), number)
