"""Word .docx → one line per paragraph, with the numbers Word draws automatically.

Reads word/document.xml with the standard library (see `_safezip` for the guards).
Body paragraphs and table cells come in reading order, each prefixed with its
automatic number (`numbering`); a soft line break starts a new line. Headers and
footers are furniture, footnotes, endnotes and comments notes: kept apart from the
body. A paragraph's outline level (`w:outlineLvl`, on it or its style) or heading
style is kept as level evidence in its `SourceLine`.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterator, Optional

from ..model import SourceLine
from ._document import Document, Lines
from ._errors import InputError
from ._safezip import SafeZip
from .numbering import LEVELS, W, Numbering, attr, int_attr

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
# Inside a paragraph: subtrees whose text Word does not show as the paragraph's text.
_HIDDEN = frozenset(W + t for t in ("pPr", "rPr", "del", "moveFrom", "delText", "instrText",
                                    "txbxContent", "footnoteReference", "endnoteReference"))
_HIDDEN_ALSO = frozenset({_MC_FALLBACK})
_HEADING_STYLE = re.compile(r"^(?:heading|标题|見出し)\s*([1-9])$", re.IGNORECASE)
_NOTE_PARTS = ("word/footnotes.xml", "word/endnotes.xml", "word/comments.xml")
_FURNITURE_PART = re.compile(r"^word/(?:header|footer)\d*\.xml$")


@dataclass(frozen=True)
class _Style:
    name: str = ""
    num_id: Optional[str] = None
    ilvl: Optional[int] = None
    outline: Optional[int] = None  # w:outlineLvl, 0-based


class _Styles:
    """Paragraph styles with their inherited numbering and outline level (w:basedOn followed)."""

    def __init__(self, root: Optional[ET.Element]) -> None:
        self.raw: dict[str, tuple[Optional[str], _Style]] = {}
        self.default: Optional[str] = None
        for style in (root.iter(W + "style") if root is not None else ()):
            if attr(style, "type") not in (None, "paragraph", "numbering"):
                continue
            ident = attr(style, "styleId") or ""
            ppr = style.find(W + "pPr")
            num = ppr.find(W + "numPr") if ppr is not None else None
            self.raw[ident] = (attr(style.find(W + "basedOn")), _Style(
                name=attr(style.find(W + "name")) or ident,
                num_id=attr(num.find(W + "numId")) if num is not None else None,
                ilvl=int_attr(num.find(W + "ilvl")) if num is not None else None,
                outline=int_attr(ppr.find(W + "outlineLvl")) if ppr is not None else None))
            if attr(style, "default") in ("1", "true") and attr(style, "type") == "paragraph":
                self.default = ident
        self.cache: dict[Optional[str], _Style] = {}

    def get(self, ident: Optional[str]) -> _Style:
        """The style with what it inherits; an unknown or missing style is the default one."""
        if ident not in self.raw:
            ident = self.default
        if ident in self.cache:
            return self.cache[ident]
        chain, seen = [], set()
        at = ident
        while at in self.raw and at not in seen:
            seen.add(at)
            parent, style = self.raw[at]
            chain.append(style)
            at = parent
        resolved = _Style(name=chain[0].name if chain else "")
        for style in reversed(chain):  # the style's own settings win over its base's
            resolved = _Style(
                name=resolved.name,
                num_id=style.num_id if style.num_id is not None else resolved.num_id,
                ilvl=style.ilvl if style.ilvl is not None else resolved.ilvl,
                outline=style.outline if style.outline is not None else resolved.outline)
        self.cache[ident] = resolved
        return resolved

    def lists(self) -> dict[str, str]:
        """Style id → its list (for w:numStyleLink)."""
        return {ident: style.num_id for ident, (_, style) in self.raw.items() if style.num_id}


def read_docx(data: bytes) -> Document:
    """Read a .docx file's bytes (raises InputError for what is not a readable .docx)."""
    parts = SafeZip(data, ".docx")
    body_root = parts.xml("word/document.xml")
    if body_root is None:
        raise InputError("not a .docx file (no word/document.xml in the zip)")
    body = body_root.find(W + "body")
    styles = _Styles(parts.xml("word/styles.xml"))
    numbering = Numbering(parts.xml("word/numbering.xml"))
    numbering.resolve_links(styles.lists())
    lines = Lines("docx")
    for index, para in enumerate(_paragraphs(body)):
        number, evidence = _number_and_evidence(para, styles, numbering)
        lines.add(number + _text(para), evidence._replace(paragraph=index))
    core = parts.xml("docProps/core.xml")
    if core is not None:
        lines.title = (core.findtext(_DC_TITLE) or "").strip() or None
    for name in _NOTE_PARTS:
        root = parts.xml(name)
        for note in (root if root is not None else ()):
            if attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(t for t in (_text(p).strip() for p in note.iter(W + "p")) if t)
            if text:
                lines.notes.append(text)
    for name in sorted((n for n in parts.names if _FURNITURE_PART.match(n)), key=lambda n: ("footer" in n, n)):
        root = parts.xml(name)
        lines.furniture.extend(t for t in (_text(p).strip() for p in root.iter(W + "p")) if t)
    return lines.document()


def _paragraphs(block: Optional[ET.Element]) -> Iterator[ET.Element]:
    """The paragraphs of a body or table cell in reading order: tables row by row, cell by cell."""
    for child in (block if block is not None else ()):
        tag = child.tag
        if tag == W + "p":
            yield child
        elif tag in (W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent",
                     W + "customXml", W + "ins", W + "moveTo"):
            yield from _paragraphs(child)


def _text(element: ET.Element) -> str:
    """The text Word shows for a paragraph (deleted revisions and field codes left out)."""
    out: list[str] = []
    _collect(element, out)
    return "".join(out)


def _collect(element: ET.Element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _HIDDEN or tag in _HIDDEN_ALSO:
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            out.append("\t")
        elif tag == W + "br" or tag == W + "cr":
            if attr(child, "type") not in ("page", "column"):
                out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        else:
            _collect(child, out)


def _number_and_evidence(para: ET.Element, styles: _Styles,
                         numbering: Numbering) -> tuple[str, SourceLine]:
    """The automatic number drawn before `para` (with what follows it) and its level evidence."""
    ppr = para.find(W + "pPr")
    style_id = attr(ppr.find(W + "pStyle")) if ppr is not None else None
    style = styles.get(style_id)
    num = ppr.find(W + "numPr") if ppr is not None else None
    num_id = attr(num.find(W + "numId")) if num is not None else None
    ilvl = int_attr(num.find(W + "ilvl")) if num is not None else None
    if num_id is None:
        num_id = style.num_id
    if ilvl is None:
        ilvl = style.ilvl
        if ilvl is None and num_id and style_id:
            ilvl = numbering.level_for_style(num_id, style_id)
    outline = int_attr(ppr.find(W + "outlineLvl")) if ppr is not None else None
    if outline is None:
        outline = style.outline
    heading = _HEADING_STYLE.match(style.name.strip())
    level = outline + 1 if outline is not None and 0 <= outline < LEVELS else (
        int(heading.group(1)) if heading else None)
    evidence = SourceLine(0, None, level, style.name if (level or style_id) else "")
    if not num_id or num_id == "0":
        return "", evidence
    drawn = numbering.next(num_id, ilvl or 0)
    if drawn is None:
        return "", evidence
    number, lvl = drawn
    return number + _suffix(number, lvl.suffix) if number else "", evidence


def _suffix(number: str, suffix: str) -> str:
    """What Word puts between the number and the text: a tab becomes a space, or nothing
    after punctuation (一、 （一） 1.), as a text file would have it."""
    if suffix == "nothing" or (suffix == "tab" and not number[-1:].isalnum()):
        return ""
    return " "
