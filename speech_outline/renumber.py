"""Renumber a draft: every series numbered in sequence, one spelling per level, nothing else touched.

A series is the numbering of one level under one parent as the outline reads it (build's
placements). Per series, `fix` puts the numbers in sequence from the series' first value
(or from one), writes every marker of a level group in the spelling the series uses most
(1. / 1、 / ⒈; （一） / (一)), numbers law articles (条) straight through chapters, and
leaves every character outside the markers alone. Markers are written by their catalogue
record (numerals, template); nothing here knows how a family spells its numbers.

It is safe because it checks itself: the fixed text is parsed again, and a series whose
renumbering would change the outline (which paragraphs are headings, how they nest, what
their titles are) is left as it was, with a note saying why. Cross-references to renumbered
articles (依照本法第十条) are reported, and rewritten only when asked.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple, Optional

import attrs

from . import anatomy
from ._lazy import LazyPattern
from .breaks import split_run_together
from .build import Placement, Step, placed_headings, step, step_between
from .markers import AR_NUM, CATALOGUE, CN_NUM, DISCOURSE, LAST, Family, MarkerMatch, family, match_family
from .model import Outline
from .parse import parse
from .tokenize import Token, tokenize

if TYPE_CHECKING:
    import re

__all__ = ["Change", "Note", "FixPlan", "plan", "plan_fixes", "fix", "STYLES"]

STYLES = ("keep", "gbt")  # --style: the series' own majority, or GB/T 9704 (一、 （一） 1. （1）)
# GB/T 9704's spelling of each level group is its first family in the catalogue: 一、 （一） 1. （1）
_GBT = {f.level: f for f in reversed(CATALOGUE) if f.level}
_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
_ASCII, _FULL_WIDTH, _NATIVE = "ascii", "full-width", "native"  # how a numeral's digits are written
_ARTICLE = "law-article"
_REFERENCE = LazyPattern(rf"第(?P<num>{CN_NUM}|{AR_NUM})条")
# A law named right before an article number: another law's article (《刑法》第十条, 刑法第十条),
# unless it is this one (本法第十条, 本条例第十条).
_NAMED_LAW = LazyPattern(r"(?:》|[\u4e00-\u9fff]{0,12}(?:法|法典|条例|规定|办法|细则|规则|决定|章程|公约|协定))$")
_THIS_LAW = LazyPattern(r"本(?:法|法典|条例|规定|办法|细则|规则|决定|章程)$")
# …and what joins references to one law: 第十条、第十一条; 第十条第二款和第十二条; 第十条至第十二条
_JOINED = LazyPattern(r"(?:第[^第条，。；]{1,6}[款项])*(?:、|和|与|及|以及|或者|或|至|到)")


@attrs.frozen
class Change:
    """One marker (or, with update_references, one cross-reference) rewritten."""

    line: int  #: 1-based line of the marker
    start: int  #: 0-based offset of `old` in the text
    old: str  #: as written
    new: str  #: as `fix` writes it
    reason: str  #: why, in plain words


@attrs.frozen
class Note:
    """Something `fix` left as it was, and why: a series it was unsure of, a cross-reference."""

    line: int
    text: str  #: the marker or reference concerned
    reason: str


@attrs.frozen
class FixPlan:
    """What `fix` does to a text: the fixed text, the changes, and what it left alone."""

    text: str  #: the fixed text
    changes: tuple[Change, ...]
    notes: tuple[Note, ...]


class _Heading(NamedTuple):
    token: Token
    placement: Placement

    @property
    def match(self) -> MarkerMatch:
        return self.placement.match


class _Spelling(NamedTuple):
    """How a marker is written, apart from its number: the family, what stands before and
    after the numeral, and the numeral's digits. 1. and 1． and １． are three spellings."""

    style: str
    before: str
    after: str
    digits: str

    @classmethod
    def of(cls, match: MarkerMatch) -> "_Spelling":
        at = match.text.find(match.numeral)
        return cls(match.style, match.text[:at], match.text[at + len(match.numeral):], _digits(match.numeral))

    @classmethod
    def gbt(cls, fam: Family) -> "_Spelling":
        before, after = fam.template.split("{}")
        return cls(fam.style, before, after, _NATIVE)

    def write(self, ordinal: int, path_prefix: str = "") -> Optional[str]:
        """The marker of `ordinal` in this spelling; None when the family cannot write it."""
        fam = family(self.style)
        try:
            numeral = fam.numerals.write(ordinal) if 1 <= ordinal <= fam.capacity else None
        except (ValueError, KeyError, IndexError):
            numeral = None
        if numeral is None:
            return None
        if self.digits == _FULL_WIDTH:
            numeral = str(ordinal).translate(_WIDE)
        elif self.digits == _ASCII:
            numeral = str(ordinal)
        return self.before + path_prefix + numeral + self.after


def _digits(numeral: str) -> str:
    last = numeral[-1:]
    if "0" <= last <= "9":
        return _ASCII
    if "０" <= last <= "９":
        return _FULL_WIDTH
    return _NATIVE


def fix(text: str, *, restart: bool = False, style: str = "keep", update_references: bool = False) -> str:
    """`text` renumbered (see `plan`)."""
    return plan(text, restart=restart, style=style, update_references=update_references).text


def plan_fixes(text: str, *, restart: bool = False, style: str = "keep",
               update_references: bool = False) -> list[Change]:
    """The changes `fix` makes to `text`, in document order."""
    return list(plan(text, restart=restart, style=style, update_references=update_references).changes)


def plan(text: str, *, restart: bool = False, style: str = "keep", update_references: bool = False) -> FixPlan:
    """Renumber `text`: the fixed text, each change with its reason, and what was left alone.

    restart: every series starts at one (not at its first value). style: "keep" (each
    level group in the spelling its series uses most) or "gbt" (GB/T 9704: 一、 （一） 1. （1）).
    update_references: rewrite cross-references to renumbered articles (依照本法第十条);
    by default they are only noted.
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    headings = _headings(text)
    notes: list[Note] = []
    proposed = _propose(headings, restart, style, notes)
    original = parse(text)
    kept = _verified(text, original, proposed, notes)
    changes = [change for series in kept for change in series]
    articles = _renumbered_articles(headings, changes)
    if articles:
        changes.extend(_references(text, original, articles, update_references, notes))
    if changes and original.toc:
        first = original.toc[0]
        notes.append(Note(first.line, first.text, "the table of contents is not renumbered: update it by hand"))
    changes.sort(key=lambda c: c.start)
    notes.sort(key=lambda n: n.line)
    return FixPlan(_apply(text, changes), tuple(changes), tuple(notes))


def _headings(text: str) -> list[_Heading]:
    """Every heading with its placement, in document order (the pipeline up to build)."""
    tokens = tokenize(text)
    anatomy.label(tokens)
    placed, placements = placed_headings(split_run_together(tokens))
    return [_Heading(tok, p) for tok, p in zip(placed, placements) if p is not None]


def _propose(headings: list[_Heading], restart: bool, style: str, notes: list[Note]) -> list[list[Change]]:
    """The changes of each series (a law's articles are one series), before checking them."""
    series: dict[int, list[_Heading]] = {}
    for heading in headings:
        series.setdefault(_series_key(heading), []).append(heading)
    used = Counter(_Spelling.of(h.match) for h in headings)  # ties are settled by the document's habit
    ordinals: dict[int, int] = {}  # id(placement) → its new number
    spellings: dict[int, _Spelling] = {}
    reasons: dict[int, str] = {}
    for members in series.values():
        _number(members, restart, ordinals, reasons, notes)
        _spell(members, style, used, spellings)
    proposed: dict[int, list[Change]] = {}
    new_paths: dict[int, str] = {}  # id(placement) → its decimal path as renumbered, for the paths below it
    for heading in headings:
        p, match = heading.placement, heading.match
        if match.sub:
            continue  # inserted articles are left as written (see _number)
        ordinal = ordinals.get(id(p), match.ordinal)
        written = _Spelling.of(match)
        spelling = spellings.get(id(p), written)
        prefix = written_prefix = match.numeral[:max(match.numeral.rfind("."), match.numeral.rfind("．")) + 1]
        if match.path:  # 1.2.1: the parent's path as fixed (when it was renumbered), then the number
            if p.parent is not None and id(p.parent) in new_paths and \
                    len(p.parent.match.path) == len(match.path) - 1:
                prefix = new_paths[id(p.parent)] + written_prefix[-1:]  # its own full stop: 2．1
            if ordinal != match.ordinal or prefix != written_prefix:
                new_paths[id(p)] = spelling._replace(before="", after="").write(ordinal, prefix)
        if ordinal == match.ordinal and spelling == written and prefix == written_prefix:
            continue  # as written, to the character (一十一 stays 一十一)
        new = spelling.write(ordinal, prefix)
        if new == match.text:
            continue
        if new is None:
            notes.append(Note(heading.token.line, match.text,
                              f"left as it is: {spelling.style} has no marker for number {ordinal}"))
            continue
        why = [reasons[id(p)]] if id(p) in reasons else []
        if spelling != written:
            why.append(f"one spelling per level: the series writes {spelling.write(1)}")
        if match.path and not why:
            why.append("the path of its parent heading was renumbered")
        change = Change(heading.token.line, heading.token.start, match.text, new, "; ".join(why))
        proposed.setdefault(_series_key(heading), []).append(change)
    return list(proposed.values())


def _series_key(heading: _Heading) -> int:
    """Which series a heading's number follows on in: a law's articles are one."""
    return -1 if heading.match.style == _ARTICLE else heading.placement.series_id


def _number(members: list[_Heading], restart: bool, ordinals: dict[int, int],
            reasons: dict[int, str], notes: list[Note]) -> None:
    """Number a series in sequence from its first value (from one with `restart`). A step
    back to one begins a new list (a writer's choice, not a slip: left as written), and
    numbers that stand inside the text before a heading (三是……。四是…… then 五是) count."""
    first = members[0].match
    n = 1 if restart and not first.family.inline else first.ordinal  # a point series may begin inline
    previous: Optional[_Heading] = None
    for heading in members:
        match = heading.match
        if match.sub:  # an inserted article (第7-1條, 第七条之一) keeps its number: the next article is n
            if previous is None or step_between(previous.match, match) is not Step.NEXT:
                notes.append(Note(heading.token.line, match.text,
                                  "left as it is: an inserted article is not renumbered"))
            previous = heading
            continue
        if previous is not None:
            if step(previous.match.ordinal, match.ordinal) is Step.RESTART:
                notes.append(Note(heading.token.line, match.text,
                                  f"left as it is: it begins again at one after {previous.match.text} "
                                  f"(line {previous.token.line}), taken as a new list"))
                n = 1
            elif match.ordinal > n:
                n = _after_inline(previous, match, n)
        if match.family.numerals is DISCOURSE:
            if match.ordinal not in (n, LAST):
                notes.append(Note(heading.token.line, match.text,
                                  f"left as it is: discourse words (首先, 其次, 最后) are not renumbered (number {n})"))
        elif match.ordinal != n:
            ordinals[id(heading.placement)] = n
            reasons[id(heading.placement)] = (f"numbered {n}: in sequence after line {previous.token.line}"
                                              if previous is not None else f"numbered {n}: the series starts at {n}")
        previous = heading
        n += 1


def _after_inline(previous: _Heading, match: MarkerMatch, ordinal: int) -> int:
    """The number `match` should have, given the numbers from `ordinal` on that stand, in order,
    as markers of its series inside the paragraph of the heading before (三是……。四是…… then
    五是: five)."""
    text = previous.token.text
    at = len(previous.match.text)
    while ordinal < match.ordinal:
        written = match.renumbered(ordinal)
        at = text.find(written, at)
        while at >= 0:
            found = match_family(match.family, text, at)
            if found is not None and found.series == match.series and found.ordinal == ordinal:
                break
            at = text.find(written, at + 1)
        if at < 0:
            break
        at += len(written)
        ordinal += 1
    return ordinal


def _spell(members: list[_Heading], style: str, used: Counter, spellings: dict[int, _Spelling]) -> None:
    """One spelling per level group in a series: the one it uses most (GB/T 9704's with
    style "gbt"); a tie goes to the one the document uses most, then to the first."""
    groups: dict[str, list[_Heading]] = {}
    for heading in members:
        level = heading.match.family.level
        if level is not None:  # other families keep each marker's own punctuation (第四个好就是)
            groups.setdefault(level, []).append(heading)
    for group, headings in groups.items():
        written = [_Spelling.of(h.match) for h in headings]
        if style == "gbt" and group in _GBT:
            chosen = _Spelling.gbt(_GBT[group])
        else:
            if len(set(written)) == 1:
                continue
            count = Counter(written)
            chosen = max(count, key=lambda s: (count[s], used[s], -written.index(s)))
        for heading, spelling in zip(headings, written):
            if spelling != chosen:
                spellings[id(heading.placement)] = chosen


def _verified(text: str, original: Outline, proposed: list[list[Change]], notes: list[Note]) -> list[list[Change]]:
    """The series whose changes leave the outline as it was (the text parsed again to check):
    all of them when they can; else each half is tried on its own, down to single series,
    so that a few bad series in a long law cost a few parses each, not one per series."""
    kept: list[list[Change]] = []

    def settle(groups: list[list[Change]]) -> None:
        if not groups:
            return
        if _reads_the_same(text, original, [c for series in kept + groups for c in series]):
            kept.extend(groups)
        elif len(groups) == 1:
            notes.extend(Note(c.line, c.old, f"left as it is: {c.new} would change how the outline reads "
                                             f"({c.reason})") for c in groups[0])
        else:
            settle(groups[:len(groups) // 2])
            settle(groups[len(groups) // 2:])

    settle(proposed)
    return kept


def _reads_the_same(text: str, original: Outline, changes: list[Change]) -> bool:
    """Whether the text with `changes` has the outline of `original`, but for the markers changed."""
    new = {c.start: c.new for c in changes}
    fixed = parse(_apply(text, changes))
    return _reading(fixed, {}) == _reading(original, new)


def _reading(outline: Outline, new: dict[int, str]) -> tuple:
    """What must not change: each paragraph's role and line, and the tree (markers as `new`
    writes them, titles, prose, nesting)."""
    def node(n) -> tuple:
        return (new.get(n.start, n.marker.text), n.line, n.level, n.title, n.body_texts,
                tuple(node(c) for c in n.children))
    return tuple((p.role, p.line) for p in outline.paragraphs), tuple(node(n) for n in outline.nodes)


def _apply(text: str, changes: list[Change]) -> str:
    out, at = [], 0
    for change in sorted(changes, key=lambda c: c.start):
        out.append(text[at:change.start])
        out.append(change.new)
        at = change.start + len(change.old)
    out.append(text[at:])
    return "".join(out)


def _renumbered_articles(headings: list[_Heading], changes: list[Change]) -> dict[int, Optional[int]]:
    """Article number as written → as fixed, for the articles renumbered (None: the old
    number was on two articles, so a reference to it is ambiguous)."""
    by_start = {c.start: c.new for c in changes}
    articles = [h for h in headings if h.match.style == _ARTICLE]
    seen = Counter(h.match.ordinal for h in articles)
    found: dict[int, Optional[int]] = {}
    for h in articles:
        new = by_start.get(h.token.start)
        if new is None:
            continue
        reading = _REFERENCE.match(new)
        ordinal = h.match.family.numerals.read(reading.group("num")) if reading else None
        if ordinal != h.match.ordinal:
            found[h.match.ordinal] = ordinal if seen[h.match.ordinal] == 1 else None
    return found


# What comes before or after an article number that refers to an article (依照第十条; 第十条规定的;
# 第十条、第十一条), rather than counting something else (第三条道路)
_REFERRING = LazyPattern(r"(?:依照|按照|根据|依据|违反|适用|参照|除|经|有|见)$")
_AFTER_REFERENCE = LazyPattern(r"(?:规定|的|第|之|、|，|,|。|；|;|：|:|至|到|和|与|及|或|所|中|（|\(|$)")
_THIS, _OTHER, _UNSURE = "this law", "another law", "unsure"


def _references(text: str, original: Outline, articles: dict[int, Optional[int]], update: bool,
                notes: list[Note]) -> list[Change]:
    """Cross-references to renumbered articles: changes (with `update`) or notes."""
    changes: list[Change] = []
    for para in original.paragraphs:
        if "条" not in para.text:
            continue
        previous_end, previous = -1, _UNSURE
        for m in _REFERENCE.finditer(para.text):
            law = _law_of(para.text, m, previous_end, previous)
            previous_end, previous = m.end(), law
            if m.start() == 0 and para.role.value == "heading":
                continue  # the article's own marker
            try:
                old = family(_ARTICLE).numerals.read(m.group("num"))
            except ValueError:
                continue
            if old not in articles:
                continue
            new = articles[old]
            where = (para.line, m.group())
            if new is None:
                notes.append(Note(*where, f"not updated: two articles were numbered {old}, which one it means "
                                          "is not known"))
            elif law != _THIS:
                notes.append(Note(*where, f"not updated: it may not refer to this text's article {old} "
                                          f"(now {new}); check it"))
            else:
                written = _Spelling(_ARTICLE, "第", "条", _digits(m.group("num"))).write(new)
                if not update:
                    notes.append(Note(*where, f"refers to article {old}, now {written}: not updated "
                                              "(--update-references updates it)"))
                else:
                    changes.append(Change(para.line, para.start + m.start(), m.group(), written,
                                          f"cross-reference: article {old} was renumbered {new}"))
    return changes


def _law_of(text: str, m: "re.Match[str]", previous_end: int, previous: str) -> str:
    """Which law the article number `m` refers to: this one (本法第十条, 依照第十条……的规定),
    another (《刑法》第十条, 刑法第十条), or unsure (第三条道路 may count roads); one joined to
    the reference before it (、第十一条) refers to the same law."""
    at = m.start()
    if previous_end >= 0 and _JOINED.fullmatch(text, previous_end, at):
        return previous
    before = text[max(0, at - 16):at]
    if _THIS_LAW.search(before):
        return _THIS
    if _NAMED_LAW.search(before):
        return _OTHER
    return _THIS if _REFERRING.search(before) or _AFTER_REFERENCE.match(text, m.end()) else _UNSURE
