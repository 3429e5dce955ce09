"""The outline data model: small frozen classes, no parsing and no formats.

The paragraph stream is the truth (like markdown-it's token stream): every
character of the input belongs to exactly one `Paragraph`, in order, so the
input can always be rebuilt. The heading tree and the typed document parts
(title, metadata, framing, noise, table of contents) are views that point
into that stream.

Every class is immutable and hashable. `Paragraph` and `Node` are named tuples:
a parse makes one per paragraph and per heading, and a named tuple is built in C,
three times faster than a frozen attrs class, which sets each field through
`object.__setattr__` (that alone was an eighth of the time of `parse`). The
others are made a few times per document and are frozen attrs classes.
"""
from __future__ import annotations

import enum
from typing import Iterator, NamedTuple, Optional

import attrs


class Role(str, enum.Enum):
    """What a paragraph is in the document; decided once, by anatomy and build."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    META = "meta"  # author, date, source, document number, addressees
    SALUTATION = "salutation"  # 同志们： 各位代表：
    CLOSING = "closing"  # 谢谢大家。
    NOISE = "noise"  # breadcrumbs, footers, related-article lists, counters
    TOC = "toc"  # a table of contents and its entries
    PREAMBLE = "preamble"  # text before the first heading
    HEADING = "heading"
    BODY = "body"
    BLANK = "blank"  # an input with no text at all: only whitespace


FRAMING_ROLES = frozenset({Role.SALUTATION, Role.CLOSING})
META_ROLES = frozenset({Role.SUBTITLE, Role.META})


class Paragraph(NamedTuple):
    """One paragraph of the input with the whitespace around it.

    `lead` + `text` + `trail` is exactly the input it came from; the
    whitespace is kept so that `rebuild` is exact.
    """

    role: Role  #: what the paragraph is in the document
    text: str  #: the content, without indentation or line ending
    start: int  #: 0-based code-point offset of `text` in the input
    line: int  #: 1-based line where `text` starts
    lead: str = ""  #: indentation, a Markdown heading's marks (# ) and, for the first paragraph, leading blank lines
    trail: str = ""  #: the line ending and any blank lines after it

    @property
    def end(self) -> int:
        """Offset just past `text` (exclusive)."""
        return self.start + len(self.text)

    @property
    def raw(self) -> str:
        """Exactly the input this paragraph covers: lead + text + trail."""
        return self.lead + self.text + self.trail

    @property
    def end_line(self) -> int:
        """The line where `text` ends (paragraph text holds no line break, so `line`)."""
        return self.line + self.text.count("\n")


@attrs.frozen(slots=True)
class Marker:
    """An ordinal marker as written at a paragraph start."""

    text: str  #: exactly as written: "（一）", "第二，", "1.2.1"
    style: str  #: family id from the catalogue in markers.py: "cn-paren", "law-article"…
    ordinal: int  #: its value: 一 → 1, 第一千零四十 → 1040, 1.2.1 → 1
    path: tuple[int, ...] = ()  #: decimal numbering only: 1.2.1 → (1, 2, 1)


class Node(NamedTuple):
    """A heading, its section's own body paragraphs, and its sub-headings."""

    marker: Marker  #: the ordinal marker the heading starts with
    title: str  #: the heading text after the marker (first sentence of a run-in heading)
    heading: Paragraph  #: the paragraph the heading starts
    level: int  #: 1-based depth in the tree
    body: tuple[Paragraph, ...] = ()  #: paragraphs up to the next heading
    children: tuple[Node, ...] = ()  #: the sub-headings, in order

    @property
    def line(self) -> int:
        """1-based line of the marker."""
        return self.heading.line

    @property
    def start(self) -> int:
        """0-based offset of the marker in the input."""
        return self.heading.start

    @property
    def run_in(self) -> str:
        """Body text that follows the title in the heading's own paragraph."""
        text = self.heading.text
        at = text.find(self.title, len(self.marker.text)) if self.title else len(self.marker.text)
        return text[at + len(self.title):].strip() if at >= 0 else ""

    @property
    def body_texts(self) -> tuple[str, ...]:
        """The section's prose: the run-in remainder, then the body paragraphs."""
        rest = self.run_in
        own = tuple(p.text for p in self.body)
        return (rest, *own) if rest else own

    def shape(self) -> tuple:
        """What every format preserves: marker, title, prose, level and sub-headings.

        Two outlines read from different formats are equal when their shapes are.
        """
        m = self.marker
        return (m.text, m.style, m.ordinal, m.path, self.title, self.body_texts, self.level,
                tuple(c.shape() for c in self.children))

    def walk(self) -> Iterator[Node]:
        """This node and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen(slots=True)
class Diagnostic:
    """A numbering problem, located at the 1-based line of the heading concerned."""

    line: int  #: 1-based line of the heading concerned
    code: str  #: see diagnostics.CODES
    message: str  #: the plain-language explanation
    #: what the message was made of, (name, value) pairs: for messages in other languages
    facts: tuple = attrs.field(default=(), eq=False, repr=False)


class SourceLine(NamedTuple):
    """Where one line of the text read from a .docx, .html or .pdf file came from."""

    paragraph: int  #: 0-based index of its paragraph in the file's reading order
    page: Optional[int] = None  #: PDF: the 1-based page it starts on
    level: Optional[int] = None  #: heading evidence: Word outline level or heading style, <h1>–<h6>, PDF size rank (1 = outermost)
    style: str = ""  #: what the evidence was: "Heading 1", "h2", "16pt bold centred", a numbering format…


@attrs.frozen(slots=True)
class Source:
    """What a reader of a .docx, .html or .pdf file saw besides the text it gave the pipeline."""

    format: str  #: "docx", "html" or "pdf"
    lines: tuple[SourceLine, ...] = ()  #: one per line of the text, in order (line n is lines[n - 1])
    title: Optional[str] = None  #: title evidence: the file's own title (<title>, document properties)
    notes: tuple[str, ...] = ()  #: footnotes, endnotes and comments: kept apart from the body
    furniture: tuple[str, ...] = ()  #: running headers, footers and page numbers left out of the text


@attrs.frozen(slots=True)
class Outline:
    """A parsed document."""

    paragraphs: tuple[Paragraph, ...]  #: the whole input, in order
    nodes: tuple[Node, ...] = ()  #: top-level headings
    diagnostics: tuple[Diagnostic, ...] = ()  #: numbering problems, in document order
    source: Optional[Source] = None  #: for a .docx, .html or .pdf input: where each line came from
    # the views below, each computed on first use: writers ask for them once per section
    _views: dict = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def _with_role(self, *roles: Role) -> tuple[Paragraph, ...]:
        view = self._views.get(roles)
        if view is None:
            view = self._views[roles] = tuple(p for p in self.paragraphs if p.role in roles)
        return view

    @property
    def title(self) -> str | None:
        """The document title: its title lines joined (a line broken mid-title is rejoined)."""
        if "title" not in self._views:
            lines = self._with_role(Role.TITLE)
            self._views["title"] = join_title_lines(p.text for p in lines) if lines else None
        return self._views["title"]

    @property
    def title_paragraphs(self) -> tuple[Paragraph, ...]:
        """The lines `title` is made of (a repeated page title included)."""
        return self._with_role(Role.TITLE)

    @property
    def metadata(self) -> tuple[Paragraph, ...]:
        """Subtitle, author, date, source and document-number lines."""
        return self._with_role(*META_ROLES)

    @property
    def framing(self) -> tuple[Paragraph, ...]:
        """A speech's salutation and closing."""
        return self._with_role(*FRAMING_ROLES)

    @property
    def preamble(self) -> tuple[Paragraph, ...]:
        """Text before the first heading: a speech's opening remarks, a notice's lead."""
        return self._with_role(Role.PREAMBLE)

    @property
    def noise(self) -> tuple[Paragraph, ...]:
        """Web-page furniture: kept so the input rebuilds, left out by writers by default."""
        return self._with_role(Role.NOISE)

    @property
    def toc(self) -> tuple[Paragraph, ...]:
        """A table of contents (目录 and its entries), not parsed as the outline."""
        return self._with_role(Role.TOC)

    def shape(self) -> tuple:
        """The document title and the heading tree, without source positions (see Node.shape)."""
        return (self.title, tuple(n.shape() for n in self.nodes))

    def walk(self) -> Iterator[Node]:
        """Every heading, in document order."""
        for node in self.nodes:
            yield from node.walk()


def join_title_lines(lines) -> str:
    """Join title lines: no space between two CJK ends (a title broken mid-phrase),
    one space otherwise; letter-spaced titles (国 务 院 工 作 规 则) are closed up, and
    a line that repeats the one before (page title, then article title) is dropped."""
    out = ""
    previous = None
    for raw in lines:
        text = close_letter_spacing(raw.strip())
        if text == previous:
            continue
        previous = text
        if out and not (_is_cjk(out[-1]) and _is_cjk(text[:1])):
            out += " "
        out += text
    return out


def close_letter_spacing(text: str) -> str:
    """'国 家 粮 食' → '国家粮食', '总　　则' → '总则'; leaves other spaced text alone."""
    parts = text.split()
    if len(parts) >= 2 and all(len(p) == 1 and _is_han(p) for p in parts):
        return "".join(parts)
    return text


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or ch in "《》“”（）〔〕")


def rebuild(outline: Outline) -> str:
    """The exact input text the outline was parsed from."""
    return "".join(p.raw for p in outline.paragraphs)
