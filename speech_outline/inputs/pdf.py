"""PDF (text layer) → one line per paragraph, page numbers and running heads left out.

Needs pdfplumber (``pip install 'speech-outline[pdf]'``). A PDF has lines, not
paragraphs: a sentence wraps at the right margin and a Chinese paragraph starts
indented, so a line that reaches the margin continues into the next line when that
one starts at the left margin, in the same font size and weight. Lines that repeat
at the top or bottom of the pages (a running header, 内部资料) and page numbers
(`— 3 —`, `-3-`, `第 3 页 共 10 页`) are furniture, not text. A line's font size
(larger than the body's: a rank), weight and centring are kept as heading evidence.
A PDF of scanned pages has no text layer: it is refused with a message saying so.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from ..model import SourceLine
from ._document import Document, Lines
from ._errors import InputError, missing_extra

PAGE_NUMBER = re.compile(
    r"(?:[-—–－]\s*)?\d{1,4}(?:\s*[-—–－])?"  # 3  -3-  — 3 —
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页 共 10 页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/10
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?",  # Page 3 of 10
    re.IGNORECASE)
MARGIN_ZONE = 0.12  # running heads and feet sit in the top and bottom eighth of a page
_DIGITS = re.compile(r"\d+")


@dataclass
class _Line:
    text: str
    page: int  # 1-based
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page_width: float
    page_height: float

    @property
    def in_margin(self) -> bool:
        return self.top < MARGIN_ZONE * self.page_height or self.bottom > (1 - MARGIN_ZONE) * self.page_height


def read_pdf(data: bytes) -> Document:
    """Read a PDF's text layer (raises InputError for encrypted, scanned or damaged files)."""
    try:
        import pdfplumber
    except ImportError:
        raise missing_extra("pdf", "pdfplumber") from None
    lines: list[_Line] = []
    images = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = str(pdf.metadata.get("Title") or "").strip()
            for number, page in enumerate(pdf.pages, 1):
                images += len(page.images)
                lines.extend(_page_lines(page, number))
                page.flush_cache()
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds, for damaged and encrypted files
        raise _pdf_error(exc) from None
    if not lines:
        if images:
            raise InputError("a PDF of scanned pages with no text layer: run OCR on it first "
                             "(for example ocrmypdf), then convert the result")
        raise InputError("a PDF with no text in it")
    out = Lines("pdf")
    out.title = None if title.lower() in ("", "untitled") else title
    body = _drop_furniture(lines, out.furniture)
    _paragraphs(body, out)
    return out.document()


def _pdf_error(exc: Exception) -> InputError:
    names = " ".join(type(e).__name__ for e in (exc, exc.__cause__, exc.__context__) if e is not None)
    if "Password" in names or "Encrypt" in names or "password" in str(exc).lower():
        return InputError("the PDF is encrypted (password-protected): save a copy without the password")
    text = " ".join(str(exc).split()) or type(exc).__name__
    return InputError(f"not a readable PDF ({text[:200]})")


def _page_lines(page, number: int) -> list[_Line]:
    found = []
    for line in page.extract_text_lines(return_chars=True, strip=True):
        text = line["text"]
        chars = [c for c in line["chars"] if not c["text"].isspace()]
        if not text.strip() or not chars:
            continue
        size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
        bold = sum(_is_bold(c.get("fontname", "")) for c in chars) * 2 > len(chars)
        found.append(_Line(text, number, line["x0"], line["x1"], line["top"], line["bottom"], size, bold,
                           float(page.width), float(page.height)))
    return found


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(w in name for w in ("bold", "heavy", "black", "semibold", "demi", "黑体", "simhei"))


def _drop_furniture(lines: list[_Line], furniture: list[str]) -> list[_Line]:
    """The lines without page numbers and the running heads and feet repeated across pages.

    A page number is one of the two lines nearest the top or bottom of its page. A running
    head (foot) is then the page's first (last) line, set apart from the text by a wider gap
    than the text's own line spacing, with the same text (digits aside) on at least half the
    pages: a line of the text that happens to repeat at the top of each page is not.
    """
    pages: dict[int, list[_Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    dropped: set[int] = set()
    for page in pages.values():
        for line in page[:2] + page[-2:]:
            if line.in_margin and PAGE_NUMBER.fullmatch(line.text.strip()):
                dropped.add(id(line))
    gaps = sorted(b.top - a.bottom for page in pages.values() for a, b in zip(page, page[1:]))
    spacing = gaps[len(gaps) // 2] if gaps else 0.0
    candidates: dict[str, list[_Line]] = {}
    for page in pages.values():
        rest = [line for line in page if id(line) not in dropped]
        if len(rest) < 2:
            continue
        for edge, neighbour in ((rest[0], rest[1]), (rest[-1], rest[-2])):
            gap = neighbour.top - edge.bottom if edge is rest[0] else edge.top - neighbour.bottom
            if edge.in_margin and gap > 1.5 * spacing + 1:
                candidates.setdefault(_DIGITS.sub("#", edge.text.replace(" ", "")), []).append(edge)
    for repeated in candidates.values():
        if len(repeated) >= 2 and len(repeated) * 2 >= len(pages):
            dropped.update(id(line) for line in repeated)
    furniture.extend(line.text.strip() for line in lines if id(line) in dropped)
    return [line for line in lines if id(line) not in dropped]


def _paragraphs(lines: list[_Line], out: Lines) -> None:
    """Join wrapped lines into paragraphs and add them to `out` with their evidence."""
    if not lines:
        return
    sizes: Counter = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    body = [line for line in lines if abs(line.size - body_size) < 0.5]
    starts = Counter(round(line.x0) for line in body)  # a law's one-line articles are all indented:
    left = min((x for x, count in starts.items() if count >= 2), default=min(starts))  # the margin is the least
    ends = sorted(line.x1 for line in body)
    # Where full lines end; at least as far from the page's right edge as the left margin is
    # from its left edge, for documents whose lines are all short (none wraps).
    right = max(ends[int(0.9 * (len(ends) - 1))], lines[0].page_width - left)
    larger = sorted({line.size for line in lines if line.size > body_size + 0.5}, reverse=True)
    paragraphs: list[list[_Line]] = []
    for line in lines:
        if paragraphs and _continues(paragraphs[-1][0], paragraphs[-1][-1], line, left, right):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    for index, paragraph in enumerate(paragraphs):
        text = paragraph[0].text.strip()
        for line in paragraph[1:]:
            after = line.text.strip()
            latin = text[-1:].isascii() and text[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum()
            text += (" " if latin else "") + after  # a Chinese line wraps without a space
        out.add(text, _evidence(paragraph[0], index, larger, left, right))


def _continues(first: _Line, previous: _Line, line: _Line, left: float, right: float) -> bool:
    """Whether `line` goes on with the paragraph `first` started, `previous` being its last line."""
    size = line.size
    if abs(size - first.size) >= 0.5 or line.bold != first.bold or _centred(first, left, right):
        return False
    if previous.x1 < right - 1.5 * size or line.x0 > left + 0.5 * size:
        return False  # the line before stops short of the margin, or this one is indented
    if line.page == previous.page:
        return 0 <= line.top - previous.bottom < 1.5 * size
    return line.page == previous.page + 1


def _centred(line: _Line, left: float, right: float) -> bool:
    """Centred on the page and inset as much from both margins (a title wider than the text
    block sticks out as much on both sides), unlike a full line of a centred text block."""
    inset_left, inset_right = line.x0 - left, right - line.x1
    return (abs((line.x0 + line.x1) / 2 - line.page_width / 2) < line.size
            and abs(inset_left - inset_right) < line.size / 2 and abs(inset_left) > line.size / 4)


def _evidence(line: _Line, index: int, larger: list, left: float, right: float) -> SourceLine:
    notes = [f"{line.size:g}pt"]
    if line.bold:
        notes.append("bold")
    if _centred(line, left, right):
        notes.append("centred")
    level = larger.index(line.size) + 1 if line.size in larger else None
    return SourceLine(index, line.page, level, " ".join(notes))
