"""Web pages → one line per block element, the page <title> and <h1>–<h6> kept as evidence.

With readability-lxml installed (``pip install 'speech-outline[html]'``) the page is
first cut down to its main text, as a reader view would; without it, the standard
library's html.parser reads the whole page. Either way what is never content is left
out: scripts, styles, forms, the <nav>, <header>, <footer> and <aside> landmarks, and
blocks whose text is all links (a menu item, a related article: furniture). The
library's own web-noise stage (anatomy) runs after it, so breadcrumbs, 相关推荐 lists
and footers that remain are still recognised.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Optional

from ..decode import DecodeError, decode
from ..model import SourceLine
from ._document import Document, Lines
from ._errors import InputError

# Elements that end a line: their start and end both close the text before them.
BLOCKS = frozenset("""address article aside blockquote body caption center dd details dialog div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p pre
section summary table tbody td tfoot th thead tr ul""".split())
# Elements whose content is never text of the document.
NEVER = frozenset("script style noscript template svg math iframe object select textarea button".split())
# Landmarks left out when no extractor chose the main text.
LANDMARKS = frozenset("nav header footer aside form".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HEADING = re.compile(r"h([1-6])")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's white space; &nbsp; and the ideographic space stay


def read_html(data: bytes, encoding: Optional[str] = None) -> Document:
    """Read a web page's bytes (its <meta charset>, else detected, unless `encoding` is named)."""
    page = _decode(data, encoding)
    lines = _main_text(page)
    if lines is None:  # no extractor, or it found nothing: the whole page
        lines = _read(page, NEVER | LANDMARKS, links_only=True)
    if not lines.texts:
        raise InputError("a web page with no text in it")
    return lines.document()


def _main_text(page: str) -> Optional[Lines]:
    """The page's main text as readability-lxml sees it; None without it, or when it finds none."""
    try:
        from readability import Document as Readable
    except ImportError:
        return None
    try:
        readable = Readable(page)
        main = readable.summary(html_partial=True)
        title = readable.title()
    except Exception:  # readability gives up on some malformed pages
        return None
    lines = _read(main, NEVER | LANDMARKS, links_only=True)  # on a short page it keeps the menus
    if not lines.texts:
        return None
    if not any(source.style == "h1" for source in lines.sources):
        # readability drops the article's <h1> when it sits outside the text it keeps
        whole = _read(page, NEVER | LANDMARKS, links_only=True)
        heading = next((t for t, s in zip(whole.texts, whole.sources) if s.style == "h1"), None)
        if heading is not None:
            lines.texts.insert(0, heading)
            lines.sources.insert(0, SourceLine(0, None, 1, "h1"))
    lines.title = title if title and title != "[no-title]" else None
    return lines


def _decode(data: bytes, encoding: Optional[str]) -> str:
    if encoding is None:
        found = _CHARSET.search(data[:4096])
        if found is not None:
            try:
                return decode(data, found.group(1).decode("ascii"))
            except DecodeError:
                pass  # the page lies about its charset: detect it
    return decode(data, encoding)


def _read(page: str, skip: frozenset, links_only: bool = False) -> Lines:
    reader = _Blocks(skip, links_only)
    reader.feed(page)
    reader.close()
    return reader.lines


class _Blocks(HTMLParser):
    """Text split at block elements, without the content of the `skip` elements; with
    `links_only`, blocks that are nothing but links go to the furniture."""

    def __init__(self, skip: frozenset, links_only: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.links_only = links_only
        self.in_link = 0
        self.unlinked = False  # the block has text outside links
        self.skipping: list[str] = []  # the skipped elements open around the text
        self.lines = Lines("html")
        self.buffer: list[str] = []
        self.block = ""  # the innermost block element the text is in
        self.pre = 0
        self.in_title = False
        self.title: list[str] = []
        self.index = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.skip and tag not in _VOID:
            self._flush()
            self.skipping.append(tag)
        elif tag == "title":
            self.in_title = True
        elif tag == "a" and not self.skipping:
            self.in_link += 1
        elif tag in BLOCKS and not self.skipping:
            self._flush()
            self.block = tag
            if tag == "pre":
                self.pre += 1
        if tag == "br" and not self.skipping:
            self.buffer.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br" and not self.skipping:
            self.buffer.append("\n")
        elif tag in BLOCKS and not self.skipping:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:  # also closes skipped elements left open inside it
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
            elif tag in ("body", "html"):
                self.skipping.clear()
            return
        if tag == "a":
            self.in_link = max(0, self.in_link - 1)
        elif tag == "title":
            self.in_title = False
            self.lines.title = _SPACES.sub(" ", "".join(self.title)).strip() or None
        elif tag in BLOCKS:
            self._flush()
            self.block = ""
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.buffer.append(data if self.pre else _SPACES.sub(" ", data))
            if not self.in_link and not data.isspace():
                self.unlinked = True

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        unlinked, self.unlinked = self.unlinked, False
        if not text.strip():
            return
        if self.links_only and not unlinked:
            self.lines.furniture.append(_SPACES.sub(" ", text).strip())
            return
        heading = _HEADING.fullmatch(self.block)
        self.lines.add(text, SourceLine(self.index, None, int(heading.group(1)) if heading else None,
                                        self.block))
        self.index += 1
