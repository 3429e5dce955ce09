"""Outline → one self-contained HTML page to look at: the outline beside the text.

The page is one file that works offline and loads nothing: its style and script
are inline, allowed by their sha256 hashes in a Content-Security-Policy `<meta>`
whose `default-src 'none'` forbids everything else. Fonts are the system's CJK
fonts.

* Left, the outline: nested `<details>`/`<summary>` (they fold without the
  script), each heading with its level and marker, linked to its place in the text.
* Right, the whole text, one block per paragraph with its line number (`id="L12"`):
  headings emphasised by level, a run-in heading's title set off from the prose
  after it, title and metadata centred, framing (salutation, closing) and table
  of contents greyed, web page noise greyed and hidden by a switch (CSS only).
* Above both, a summary (title, headings per level, marker styles) and the
  numbering problems, each linked to its line; each is also shown under its line.
* Narrow screens get the outline above the text; print leaves out the outline
  and the noise.

Every piece of document text is HTML-escaped. The page also carries the outline
as the lossless JSON of the `json` format, in `<script type="application/json"
id="speech-outline-data">` with every `<` written `\\u003c` (so no `</script>`
can end it), and `read` gets the outline back from it.
"""
from __future__ import annotations

import base64
import collections
import hashlib
import html
import re
from importlib import resources
from typing import Iterable, NamedTuple, Optional

from .. import __version__
from ..markers import family
from ..model import Diagnostic, Node, Outline, Paragraph, Role
from . import json as json_format
from ._sections import LONE_SURROGATE, heading_line, numbered

_ASSETS = resources.files(__package__)
CSS = (_ASSETS / "html.css").read_text(encoding="utf-8")
SCRIPT = (_ASSETS / "html.js").read_text(encoding="utf-8")
DATA_ID = "speech-outline-data"
OPEN_PROBLEMS = 10  # a longer list of numbering problems starts folded
MAX_HEADING_ELEMENT = 5  # levels 1–5 are <h2>–<h6> (<h1> is the document title); deeper, aria-level

_DATA = re.compile(rf'<script type="application/json" id="{DATA_ID}">(.*?)</script>', re.S)
_ROLE_NOTE = {Role.SALUTATION: "framing", Role.CLOSING: "framing", Role.NOISE: "web page noise",
              Role.TOC: "table of contents"}


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


# Nothing but the inline style and script (by hash); no base URL or form can send anything away.
CSP = (f"default-src 'none'; style-src {_hash(CSS)}; script-src {_hash(SCRIPT)}; "
       "base-uri 'none'; form-action 'none'")


class IndexEntry(NamedTuple):
    """One page of a folder's index.html."""

    href: str  #: the page, relative to the index (a URL path, '/' separated)
    name: str  #: the input file it was made from, as shown
    title: Optional[str]  #: the document title
    headings: int  #: how many headings it has
    problems: int  #: how many numbering problems


def write(outline: Outline) -> str:
    """The outline as one self-contained HTML page; see the module docstring."""
    title = outline.title
    problems_at = collections.defaultdict(list)
    for number, diag in enumerate(outline.diagnostics, 1):
        problems_at[diag.line].append((number, diag))
    lines = {p.line for p in outline.paragraphs}
    parts = [
        _head(title or "Untitled document"),
        '<header class="page-head">\n',
        f'<h1 lang="zh-CN">{_text(title)}</h1>\n' if title else '<h1 class="empty">Untitled document</h1>\n',
        _summary(outline),
        _problem_list(outline.diagnostics, lines),
        "</header>\n",
        '<div class="panes">\n<nav class="outline" aria-label="Outline" lang="zh-CN">\n',
        _tree(outline, problems_at),
        '</nav>\n<div class="text-pane">\n',
        _switch(outline),
        '<main id="text" lang="zh-CN">\n',
        *_body(outline, problems_at),
        "</main>\n</div>\n</div>\n",
        f'<script type="application/json" id="{DATA_ID}">',
        json_format.write(outline).replace("<", "\\u003c"),
        f"</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


EXTENSIONS = (".html", ".htm")


def read(text: str) -> Outline:
    """The outline a page made by `write` carries (its embedded JSON); ValueError for another page."""
    found = _DATA.search(text)
    if found is None:
        raise ValueError("not a speech-outline HTML page: no outline data in it")
    return json_format.read(found.group(1))


def index(pages: Iterable[IndexEntry], *, heading: str = "Outlines") -> str:
    """A page listing `pages`, with their titles and heading counts (`convert --output-dir`)."""
    rows = [
        f'<tr><td><a href="{_attribute(page.href)}">{_text(page.name)}</a></td>'
        f'<td lang="zh-CN">{_text(page.title or "")}</td><td class="count">{page.headings}</td>'
        f'<td class="count">{page.problems or ""}</td></tr>\n'
        for page in pages
    ]
    return "".join([
        _head(heading),
        f'<header class="page-head"><h1>{_text(heading)}</h1>'
        f'<p>{len(rows)} document{"" if len(rows) == 1 else "s"}</p></header>\n',
        '<table class="pages">\n<thead><tr><th>File</th><th>Title</th><th>Headings</th>'
        "<th>Numbering problems</th></tr></thead>\n<tbody>\n",
        *rows,
        "</tbody>\n</table>\n</body>\n</html>\n",
    ])


# --- the parts of the page


def _head(title: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="speech_outline {__version__}">\n'
            f"<title>{_text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")


def _text(text: str) -> str:
    """Document text as HTML content: escaped; lone surrogates (no encoding can write them) as U+FFFD."""
    return html.escape(LONE_SURROGATE.sub("\ufffd", text), quote=False)


def _attribute(text: str) -> str:
    """Text for a double-quoted attribute value."""
    return _text(text).replace('"', "&quot;")


def _summary(outline: Outline) -> str:
    per_level: collections.Counter = collections.Counter()
    styles: dict[str, list] = {}  # style → [count, first marker], in order of first use
    for node in outline.walk():
        per_level[node.level] += 1
        styles.setdefault(node.marker.style, [0, node.marker.text])[0] += 1
    total = sum(per_level.values())
    if total:
        levels = ", ".join(f"level {level}: {count}" for level, count in sorted(per_level.items()))
        counts = f"{total} ({levels})"
    else:
        counts = '<span class="no-headings">none found</span>'
    found = " ".join(
        f'<span class="style" title="{_attribute(_describe(style))}"><span class="marker" lang="zh-CN">'
        f"{_text(example)}</span> <code>{_text(style)}</code> × {count}</span>"
        for style, (count, example) in styles.items())
    rows = [("Headings", counts)]
    if found:
        rows.append(("Marker styles", found))
    if not outline.diagnostics:  # else they are listed below the summary
        rows.append(("Numbering problems", "none"))
    return ('<section class="summary" aria-label="Summary"><dl>'
            + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows) + "</dl></section>\n")


def _describe(style: str) -> str:
    try:
        return family(style).description
    except KeyError:  # a heading a reader found without a marker
        return "no marker"


def _problem_list(diagnostics: tuple[Diagnostic, ...], lines: set[int]) -> str:
    if not diagnostics:
        return ""
    items = []
    for diag in diagnostics:
        where = f'<a href="#L{diag.line}">line {diag.line}</a>' if diag.line in lines else f"line {diag.line}"
        items.append(f'<li>{where}: <span lang="zh-CN">{_text(diag.message)}</span> '
                     f'<span class="code-tag">[{_text(diag.code)}]</span></li>\n')
    shown = " open" if len(diagnostics) <= OPEN_PROBLEMS else ""
    return (f'<details class="diagnostics" id="problems"{shown}><summary>Numbering problems '
            f"({len(diagnostics)})</summary><ol>\n" + "".join(items) + "</ol></details>\n")


def _tree(outline: Outline, problems_at: dict) -> str:
    if not outline.nodes:
        return ('<p class="no-headings">No headings found: the text has no numbered headings '
                "(一、 （一） 1. 第一条 …) this tool recognises.</p>\n")
    children: dict[str, list[str]] = collections.defaultdict(list)
    # numbered() gives parents before children: build each list, then nest from the deepest up
    entries = list(numbered(outline.nodes))
    for ident, node, _ in reversed(entries):
        own = _outline_link(ident, node, node.line in problems_at)
        below = children.pop(ident, None)
        item = (f"<li><details open><summary>{own}</summary>\n<ul>\n{''.join(reversed(below))}</ul></details></li>\n"
                if below else f'<li class="leaf">{own}</li>\n')
        children[ident.rpartition(".")[0]].append(item)
    top = "".join(reversed(children[""]))
    return ('<div class="controls" hidden><button type="button" data-fold="open">Expand all</button> '
            '<button type="button" data-fold="close">Collapse all</button></div>\n'
            f"<ul>\n{top}</ul>\n")


def _marked_heading(node: Node) -> str:
    """The heading line (marker and title, no run-in prose) as HTML, its marker set off."""
    head = heading_line(node)
    marker = node.marker.text if head.startswith(node.marker.text) else ""  # "" for hand-made nodes
    return f'<span class="marker">{_text(marker)}</span>{_text(head[len(marker):])}'


def _outline_link(ident: str, node: Node, problem: bool) -> str:
    css = ' class="problem"' if problem else ""
    return (f'<a href="#s-{ident}"{css}><span class="level" title="level {node.level}">{node.level}</span>'
            f"{_marked_heading(node)}</a>")


def _switch(outline: Outline) -> str:
    noise = sum(1 for p in outline.paragraphs if p.role is Role.NOISE)
    legend = ('<p class="legend">Grey: title lines, metadata, framing and table of contents; '
              "a heading's title is marked where prose runs on after it.</p>\n")
    if not noise:
        return legend
    return (f'<input type="checkbox" id="hide-noise"><label for="hide-noise" class="noise-switch"> '
            f"Hide web page noise ({noise} paragraph{'' if noise == 1 else 's'}, dashed)</label>\n" + legend)


def _body(outline: Outline, problems_at: dict) -> Iterable[str]:
    if not outline.paragraphs or all(not p.text for p in outline.paragraphs):
        yield '<p class="empty">The document has no text.</p>\n'
        return
    headings = {node.heading: (ident, node) for ident, node, _ in numbered(outline.nodes)}
    used: set[int] = set()
    for para in outline.paragraphs:
        if not para.text and para.role is Role.BLANK:
            continue
        line = ""
        if para.line not in used:
            used.add(para.line)
            line = f' id="L{para.line}"'
        notes = problems_at.get(para.line) if line else None
        problem = " has-problem" if notes else ""
        found = headings.get(para)
        if found is not None:
            yield _heading(para, *found, line, problem)
        else:
            note = _ROLE_NOTE.get(para.role)
            tip = f' title="{note}"' if note else ""
            yield (f'<p class="para role-{para.role.value}{problem}"{line} data-line="{para.line}"{tip}>'
                   f"{_text(para.text)}</p>\n")
        for number, diag in notes or ():
            yield (f'<p class="problem-note" id="problem-{number}" role="note">⚠ {_text(diag.message)} '
                   f'<span class="code-tag">[{_text(diag.code)}]</span></p>\n')


def _heading(para: Paragraph, ident: str, node: Node, line: str, problem: str) -> str:
    run_in = para.text[len(heading_line(node)):]
    level = node.level
    if level <= MAX_HEADING_ELEMENT:
        tag, attributes = f"h{level + 1}", ""
    else:
        tag, attributes = "p", f' class="deep" role="heading" aria-level="{level + 1}"'
    inner = f'<{tag} id="s-{ident}"{attributes}>{_marked_heading(node)}</{tag}>'
    if run_in:
        inner += f'<span class="run-in-text">{_text(run_in)}</span>'
    css = f"para heading level-{level}{' run-in' if run_in else ''}{problem}"
    return f'<div class="{css}"{line} data-line="{para.line}">{inner}</div>\n'
