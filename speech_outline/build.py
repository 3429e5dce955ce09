"""Paragraph tokens → heading tree: which markers are headings, and how they nest.

Levels come from the document, not from a fixed table. Each heading is placed
by weighing its options against the numbering around it:

* continue an open series (a sibling): free when the number follows on,
  dearer for a duplicate, a gap, a restart;
* open a new series below the current heading (a child), or beside an open
  heading of another style (a replacement): dearer when the series does not
  start at one (unless it carries on a cousin's numbering, as 条 do across
  章), when the style stood at another level the last time it was used (and
  the scheme's own order does not explain the move), or when it would nest a
  style under one usually below it (GB/T 9704: 一、 > （一） > 1. > （1）;
  laws: 编 > 分编 > 章 > 节 > 条). Speech points (一是, 一要, 首先) seldom
  have sub-points, and their lists restart freely after a lead paragraph.

The cheapest option wins. When two options are close, a short look-ahead over
the next headings decides (a repeated 第二 is only seen to be a sub-point once
the real 第二 comes). Faults the chosen tree has to accept become diagnostics.
"""
from __future__ import annotations

import enum
import math
from typing import NamedTuple, Optional

import attrs
import re

from . import diagnostics as diag
from .markers import CATALOGUE, LAST, MarkerMatch, Scheme, cut_title, match_family
from .model import Diagnostic, Node, Paragraph, Role
from .tokenize import Token

# Costs of numbering faults and of unusual nesting; only their order matters.
DUPLICATE = 3.0
RESTART = 2.0
POINT_RESTART = 0.8
BACKWARDS = 2.5
GAP = 1.0
GAP_STEP = 0.25
LATE_START = 1.0
LONE_LAST = 1.5
LEVEL_SHIFT = 0.6
OUT_OF_ORDER = 3.0
SAME_STYLE_CHILD = 4.0
LAW_UNDER_OTHER = 2.0
POINT_PARENT = 1.5
REPLACE = 1.0
DECIMAL_MISMATCH = 2.0
MIXED_SERIES = 0.5
VARIANT_SERIES = 0.3
LAST_ENDS_SERIES = 0.2
LAST_OF_OTHER_SERIES = 1.0  # 最后 ending a 第一，/一是 series rather than its own 首先/其次

AMBIGUITY = 1.0  # options closer than this are settled by looking ahead
HORIZON = 12  # headings looked ahead
MAX_PASSES = 4

# Speech points (一是, 一要, 第X个…是, 其一, 首先) seldom have sub-points of their own.
POINT_STYLES = frozenset(f.style for f in CATALOGUE if f.point)
# Spellings of one level that writers mix within a series (the catalogue's level groups).
_VARIANTS = tuple(frozenset(f.style for f in CATALOGUE if f.level == level)
                  for level in dict.fromkeys(f.level for f in CATALOGUE if f.level))
# (style of the open series, style of the candidate) → what it costs to continue it in another style
_MIXED = {(a, b): VARIANT_SERIES for group in _VARIANTS for a in group for b in group if a != b}
_MIXED[("speech-discourse", "speech-di")] = MIXED_SERIES  # 首先，… 第二，…
# style → the styles whose open series it could continue
_MIXABLE = {style: frozenset(a for a, b in _MIXED if b == style) for _, style in _MIXED}
# A heading that ends with a colon leads in the list below it (see Candidate.leads_in).
_LEAD_IN = (":", "：")
# An unnumbered line that opens an appendix closes every open section (a pattern string:
# re compiles and caches it on first use, not at import).
_SECTION_BREAK = r"^(?:附\s*[件录表]|附[:：])\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?$"



class Kind(enum.IntEnum):
    """How a heading is placed; on equal costs the lower kind is preferred."""

    SIBLING = 0  # continues an open series
    CHILD = 1  # opens a series below the current heading
    REPLACEMENT = 2  # opens a series beside an open heading of another series, closing it


SIBLING, CHILD, REPLACEMENT = Kind.SIBLING, Kind.CHILD, Kind.REPLACEMENT


class Option(NamedTuple):
    """A place a heading could go, and what it costs."""

    cost: float
    kind: Kind
    depth: int
    frame: Optional["Placement"]  # the heading continued (sibling), or the parent


class Step(enum.Enum):
    """How one number follows another in a series: what costs and diagnostics both read.
    Each step has its diagnostic code (None: nothing to report) and its cost."""

    NEXT = (None, 0.0)  # 二 after 一
    LAST = (None, LAST_ENDS_SERIES)  # 最后, which may end any series
    DUPLICATE = ("duplicate", DUPLICATE)
    RESTART = ("restart", RESTART)  # back to one
    BACKWARDS = ("backwards", BACKWARDS)
    GAP = ("gap", GAP)  # numbers missing: dearer the more are missing

    def __init__(self, code: Optional[str], cost: float) -> None:
        self.code = code
        self.cost = cost


# An enum member read off its class goes through EnumType's attribute hook (about 0.2 µs,
# as long as working out the step): the hot paths read the steps from these names.
STEP_NEXT, STEP_LAST, STEP_DUPLICATE, STEP_RESTART, STEP_BACKWARDS, STEP_GAP = (
    Step.NEXT, Step.LAST, Step.DUPLICATE, Step.RESTART, Step.BACKWARDS, Step.GAP)


def step(previous: int, ordinal: int) -> Step:
    """The step from `previous` to `ordinal` in one series."""
    if ordinal == previous + 1:
        return STEP_NEXT
    if ordinal == LAST:
        return STEP_LAST
    if ordinal == previous:
        return STEP_DUPLICATE
    if ordinal == 1:
        return STEP_RESTART
    if ordinal < previous:
        return STEP_BACKWARDS
    return STEP_GAP


# Paragraphs and nodes (named tuples) are made from a tuple of their fields, in C: what their
# _make does, without the cost of a Python call per paragraph.
_new = tuple.__new__


@attrs.define(slots=True, eq=False)
class Candidate:
    """A heading candidate as build sees it; `match` None is a section break."""

    match: Optional[MarkerMatch]
    line: int
    after_prose: bool  # unnumbered paragraphs stand between it and the previous candidate
    first_inline: bool = False  # a 二是 whose 一是 stands inside the paragraph before it
    keep_depth: int = 0  # for a break: how many open levels survive it
    leads_in: bool = False  # the heading ends with a colon (1.前期准备：): a list from one follows under it


@attrs.define(slots=True, eq=False)
class Placement:
    """Where a heading went. The stack of open series holds the latest placement of each,
    one per depth, and the latest placement of every series is remembered."""

    series: str
    match: MarkerMatch
    line: int
    series_id: int
    depth: int
    kind: Kind
    previous: Optional["Placement"]  # the heading continued (sibling), or the parent
    parent: Optional["Placement"]
    late_start: bool  # a new series that neither starts at one nor continues an earlier one
    displaced: Optional["Placement"]  # the open series a replacement closed at its depth
    leads_in: bool = False  # see Candidate.leads_in


class _State:
    __slots__ = ("stack", "last_seen", "next_id")

    def __init__(self) -> None:
        self.stack: list[Placement] = []
        self.last_seen: dict[str, Placement] = {}
        self.next_id = 0

    def copy(self) -> "_State":
        other = _State()
        other.stack = list(self.stack)
        other.last_seen = dict(self.last_seen)
        other.next_id = self.next_id
        return other


def step_between(previous: MarkerMatch, marker: MarkerMatch) -> Step:
    """The step from one marker of a series to the next: an inserted article follows on
    like the next number (第7-1條 after 第7條, 第7-2條 after 第7-1條, then 第8條)."""
    if marker.sub and marker.ordinal == previous.ordinal and marker.sub == previous.sub + 1:
        return STEP_NEXT
    return step(previous.ordinal, marker.ordinal)


def sequence_cost(previous: int, ordinal: int) -> float:
    """What it costs for `ordinal` to follow `previous` in one series."""
    if ordinal == previous + 1:  # the usual step, without a call
        return 0.0
    kind = step(previous, ordinal)
    if kind is STEP_GAP:
        return GAP + GAP_STEP * min(ordinal - previous - 2, 8)
    return kind.cost


def _continuation_cost(frame: Placement, marker: MarkerMatch) -> Optional[float]:
    """Cost of `marker` continuing `frame`'s series, or None if it cannot."""
    prev = frame.match
    if frame.series == marker.series:
        extra = 0.0
    else:
        extra = _MIXED.get((prev.style, marker.style))
        if extra is None:
            if not (marker.ordinal == LAST and prev.family.scheme == Scheme.SPEECH):
                return None
            extra = LAST_OF_OTHER_SERIES  # 第一，… 第二，… 最后，…
    if marker.path and prev.path[:-1] != marker.path[:-1]:
        extra += DECIMAL_MISMATCH
    if marker.sub and step_between(prev, marker) is STEP_NEXT:
        return extra
    return extra + sequence_cost(prev.ordinal, marker.ordinal)


def _late_start(state: _State, item: Candidate, parent: Optional[Placement]) -> bool:
    """A new series that neither starts at one, nor continues the numbering of a cousin
    (（四） under 二、 after （三） under 一、; 条 numbered through 章 and 节), nor has its
    first item inside the paragraph before."""
    ordinal = item.match.ordinal
    if ordinal in (1, LAST) or item.first_inline:
        return False
    seen = state.last_seen.get(item.match.series)
    if seen is None or step_between(seen.match, item.match) is not STEP_NEXT:
        return True
    if parent is None or seen.parent is None:
        return parent is not seen.parent
    return not (seen.parent.series == parent.series
                or seen.parent.match.family.scheme == parent.match.family.scheme == Scheme.LAW)


def _new_series_cost(state: _State, item: Candidate, parent: Optional[Placement], depth: int) -> float:
    marker = item.match
    cost = 0.0
    if marker.ordinal == LAST:
        cost += LONE_LAST
    elif _late_start(state, item, parent):
        cost += LATE_START
    fam = marker.family
    seen = state.last_seen.get(marker.series)
    if seen is not None and seen.depth != depth and not _nests_by_rank(parent, marker) \
            and not _item_of_law_unit(parent, marker):
        cost += LEVEL_SHIFT * abs(seen.depth - depth)
    if parent is None:
        if len(marker.path) > 1:
            cost += DECIMAL_MISMATCH
        return cost
    pfam = parent.match.family
    if marker.series in [frame.series for frame in state.stack[:depth]]:
        cost += SAME_STYLE_CHILD  # a series nested inside itself
    elif pfam.scheme == fam.scheme and (rank(marker) < rank(parent.match)
                                        or (rank(marker) == rank(parent.match) and fam.scheme != Scheme.SPEECH
                                            and not _opens_under_bare(parent.match, marker))) \
            and not (parent.leads_in and marker.ordinal == 1):  # 1.前期准备： then （一）…… under it
        cost += OUT_OF_ORDER
    elif fam.scheme == Scheme.LAW and pfam.scheme != Scheme.LAW:
        cost += LAW_UNDER_OTHER
    if pfam.style in POINT_STYLES:
        cost += POINT_PARENT
    if len(marker.path) > 1 and parent.match.path != marker.path[:-1]:
        cost += DECIMAL_MISMATCH
    return cost


def _opens_under_bare(parent: MarkerMatch, marker: MarkerMatch) -> bool:
    """A numbered list from one (一、) below a bare section number of its rank (二　关于……,
    the parts of collected works and compilations): the text's own numbering, one level down."""
    return parent.family.weak and not marker.family.weak and marker.ordinal == 1


def rank(match: MarkerMatch) -> int:
    """A marker's place in its scheme's order; decimal numbers rank by their depth."""
    return len(match.path) if match.path else match.family.rank


def _nests_by_rank(parent: Optional[Placement], marker: MarkerMatch) -> bool:
    """Whether the scheme's own order puts `marker` below `parent` (条 under 节 or 章)."""
    if parent is None:
        return False
    return parent.match.family.scheme == marker.family.scheme and rank(parent.match) < rank(marker)


def _item_of_law_unit(parent: Optional[Placement], marker: MarkerMatch) -> bool:
    """Items (一、 （一）) hang under the deepest law unit open, whatever its depth."""
    return parent is not None and parent.match.family.scheme == Scheme.LAW != marker.family.scheme


def _options(state: _State, item: Candidate) -> list[Option]:
    """Every place `item` could go, cheapest first."""
    marker = item.match
    stack = state.stack
    top = stack[-1] if stack else None
    child = _new(Option, (_new_series_cost(state, item, top, len(stack)), CHILD, len(stack), top))
    options = []
    for depth, frame in enumerate(stack):
        cost = _continuation_cost(frame, marker)
        parent = stack[depth - 1] if depth else None
        if cost is not None:
            options.append(_new(Option, (cost, SIBLING, depth, frame)))
            if item.after_prose and marker.style in POINT_STYLES and marker.ordinal <= frame.match.ordinal:
                # reports begin a fresh 一是… list after each lead paragraph
                options.append(_new(Option, (POINT_RESTART + _new_series_cost(state, item, parent, depth),
                                             REPLACEMENT, depth, parent)))
        elif frame.series != marker.series:
            cost = REPLACE + _new_series_cost(state, item, parent, depth)
            if _nests_by_rank(frame, marker) or _item_of_law_unit(frame, marker):
                cost += OUT_OF_ORDER  # 条 beside 节, or an item beside its 节, rather than under it
            options.append(_new(Option, (cost, REPLACEMENT, depth, parent)))
    options.append(child)
    # on a tie continue a series before opening one, and stay deep
    options.sort(key=lambda o: (o.cost, o.kind, -o.depth))
    return options


def _place_plainly(state: _State, item: Candidate) -> Optional[Placement]:
    """Place `item` where there is nothing to weigh (most headings), and return where it
    went; None, and nothing placed, otherwise. Either it is the next number of the only
    open series it could continue, or it could continue none and opens a series below the
    current heading at no cost: every other option then costs at least REPLACE more."""
    marker = item.match
    stack = state.stack
    found = None
    mixable = _MIXABLE.get(marker.style, ())
    for depth, frame in enumerate(stack):
        if frame.series == marker.series:
            if found is not None:
                return None
            found = depth
        elif frame.match.style in mixable:
            return None
    if found is None:
        # a free child is never a late start (that would cost LATE_START)
        depth = len(stack)
        top = stack[-1] if stack else None
        if _new_series_cost(state, item, top, depth) != 0.0:
            return None
        placement = Placement(marker.series, marker, item.line, state.next_id, depth, CHILD, top, top, False, None,
                              item.leads_in)
        state.next_id += 1
    else:
        frame = stack[found]
        prev = frame.match
        if prev.ordinal + 1 != marker.ordinal or (marker.path and prev.path[:-1] != marker.path[:-1]):
            return None
        placement = Placement(marker.series, marker, item.line, frame.series_id, found, SIBLING, frame,
                              stack[found - 1] if found else None, False, None, item.leads_in)
        del stack[found:]
    stack.append(placement)
    state.last_seen[marker.series] = placement
    return placement


def _apply(state: _State, item: Candidate, option: Option) -> Placement:
    marker = item.match
    kind, depth, frame = option.kind, option.depth, option.frame
    stack = state.stack
    parent = stack[depth - 1] if depth else None
    displaced = stack[depth] if kind == REPLACEMENT and depth < len(stack) else None
    del stack[depth:]
    late = False
    if kind == SIBLING:
        series_id = frame.series_id
    else:
        series_id = state.next_id
        state.next_id += 1
        late = _late_start(state, item, parent)
    placement = Placement(marker.series, marker, item.line, series_id, depth, kind, frame, parent, late, displaced,
                          item.leads_in)
    stack.append(placement)
    state.last_seen[marker.series] = placement
    return placement


def _future_cost(state: _State, upcoming: list[Candidate], spent: float, limit: float) -> float:
    """What placing `upcoming` from `state` costs; it stops as soon as `spent` plus that
    reaches `limit` (costs are never negative, so it can only grow)."""
    total = 0.0
    for item in upcoming:
        if item.match is None:
            del state.stack[item.keep_depth:]
            continue
        if _place_plainly(state, item) is None:
            option = _options(state, item)[0]
            total += option.cost
            if spent + total >= limit:
                break
            _apply(state, item, option)
    return total


def place(items: list[Candidate]) -> list[Optional[Placement]]:
    """Depth and series of each heading candidate (None for section breaks)."""
    state = _State()
    placements: list[Optional[Placement]] = []
    for i, item in enumerate(items):
        marker = item.match
        if marker is None:
            del state.stack[item.keep_depth:]
            placements.append(None)
            continue
        placement = _place_plainly(state, item)
        if placement is not None:
            placements.append(placement)
            continue
        options = _options(state, item)
        best = options[0]
        close = [o for o in options[1:] if o.cost - best.cost < AMBIGUITY]
        if close:
            # the option whose cost with the next headings' is lowest, the earlier on a tie:
            # a later one is followed only as long as it could still be cheaper
            upcoming = items[i + 1:i + 1 + HORIZON]
            lowest = math.inf
            for option in [best, *close]:
                if option.cost >= lowest:
                    continue
                trial = state.copy()
                _apply(trial, item, option)
                total = option.cost + _future_cost(trial, upcoming, option.cost, lowest)
                if total < lowest:
                    lowest, best = total, option
        placements.append(_apply(state, item, best))
    return placements


def build(tokens: list[Token]) -> tuple[tuple[Paragraph, ...], tuple[Node, ...], tuple[Diagnostic, ...]]:
    """Decide headings and nesting; label the remaining tokens body or preamble."""
    return _assemble(tokens, *placed_headings(tokens))


def placed_headings(tokens: list[Token]) -> tuple[list[Token], list[Optional[Placement]]]:
    """The heading candidates (and section breaks) among `tokens`, and where each went
    (None for a break): the series each heading belongs to, for `build` and for `fix`."""
    demoted = unproved(tokens)
    for _ in range(MAX_PASSES):
        placed, items = _candidates(tokens, demoted)
        placements = place(items)
        lone = _lone_discourse(placed, placements)
        if not lone:
            break
        demoted.update(id(t) for t in lone)
    return placed, placements


def unproved(tokens: list[Token]) -> set[int]:
    """The weak markers (a separator lost: 第一条本协会……; a bare numeral: 二　关于……) that
    their series does not prove, as ids of their tokens: a weak marker is a heading only
    when the marker of its series before or after it, at a paragraph start, is the number
    before or after it, or when the next marker is its first decimal sub-heading (1 总则,
    then 1.1). Years (2024年), amounts (1.5亿元) and counts (3个) are never read at all."""
    markers = [tok for tok in tokens if tok.marker is not None and tok.role is None]
    weak_series = {tok.marker.series for tok in markers if tok.marker.weak}
    if not weak_series:
        return set()
    by_series: dict[str, list[int]] = {series: [] for series in weak_series}
    for i, tok in enumerate(markers):
        indices = by_series.get(tok.marker.series)
        if indices is not None:
            indices.append(i)
    unproved = set()
    for indices in by_series.values():
        for k, i in enumerate(indices):
            marker = markers[i].marker
            if not marker.weak:
                continue
            proved = (k > 0 and step_between(markers[indices[k - 1]].marker, marker) is STEP_NEXT) \
                or (k + 1 < len(indices) and step_between(marker, markers[indices[k + 1]].marker) is STEP_NEXT) \
                or (bool(marker.path) and i + 1 < len(markers) and markers[i + 1].marker.path[:-1] == marker.path)
            if not proved:
                unproved.add(id(markers[i]))
    return unproved


def _candidates(tokens: list[Token], demoted: set[int]) -> tuple[list[Token], list[Candidate]]:
    placed: list[Token] = []
    items: list[Candidate] = []
    prose = False
    before = ""  # the text of the paragraph before
    before_marker: Optional[MarkerMatch] = None  # …the marker it starts with, if a candidate
    salutation = Role.SALUTATION
    for tok in tokens:
        role, m = tok.role, tok.marker
        if role is not None:
            if role is not salutation or not items:
                continue
            # 各位代表！ in mid-document turns back to the current part
            items.append(Candidate(None, tok.line, prose, keep_depth=1))
        elif m is not None and not (demoted and id(tok) in demoted) and not (prose and _left_open(before)):
            first_inline = m.ordinal == 2 and m.first in before and (
                _is_first_of(before_marker, m) or _first_item_in(before, m))
            items.append(Candidate(m, tok.line, prose, first_inline, 0, tok.text.endswith(_LEAD_IN)))
        elif tok.text[0] == "附" and re.match(_SECTION_BREAK, tok.text):
            items.append(Candidate(None, tok.line, prose))
        else:
            prose = True
            before, before_marker = tok.text, None
            continue
        placed.append(tok)
        before, before_marker = tok.text, m
        prose = False
    return placed, items


def _left_open(text: str) -> bool:
    """Whether a paragraph of text ends inside a bracket it opened (……请参阅法规汇编五月版):
    the line after it goes on with the bracket, whatever it starts with ((二) 第1237页)。)."""
    if not text or text[-1] in _ENDS_CLOSED:  # (most paragraphs: no search)
        return False
    tail = text[-_OPEN_TAIL:]
    return max(tail.rfind("("), tail.rfind("（")) > max(tail.rfind(")"), tail.rfind("）"))


_ENDS_CLOSED = frozenset("。；;：:！？!?）)”」』…")
_OPEN_TAIL = 60  # how far back from a paragraph's end an open bracket is looked for


def _is_first_of(before: Optional[MarkerMatch], second: MarkerMatch) -> bool:
    """Whether the paragraph before starts with the first item of `second`'s series, read as
    `_first_item_in` would read it there (the usual case, without a search: （一）…… then （二）……)."""
    return before is not None and before.family is second.family and not before.weak and before.ordinal == 1 \
        and before.series == second.series and before.text == second.first.rstrip()


def _first_item_in(text: str, second: MarkerMatch) -> bool:
    """Whether the first item of `second`'s series stands inside `text` (表现在：一是……。 before
    二是……): the marker written with the family's numeral for one, read there as a marker."""
    written = second.first
    at = text.find(written)
    while at >= 0:
        found = match_family(second.family, text, at)
        if found is not None and found.series == second.series and found.ordinal == 1:
            return True
        at = text.find(written, at + 1)
    return False


def _lone_discourse(tokens: list[Token], placements: list[Optional[Placement]]) -> list[Token]:
    """Discourse ordinals whose series has a single member (FORMAT rule 3: not headings):
    each opened a series that nothing continued."""
    openers = [(t, p.series_id) for t, p in zip(tokens, placements)
               if p is not None and p.kind != SIBLING and t.marker.family.discourse]
    if not openers:
        return []
    continued = {p.series_id for p in placements if p is not None and p.kind == SIBLING}
    return [t for t, series_id in openers if series_id not in continued]


def _assemble(tokens: list[Token], placed: list[Token], placements: list[Optional[Placement]]
              ) -> tuple[tuple[Paragraph, ...], tuple[Node, ...], tuple[Diagnostic, ...]]:
    # One pass over the tokens makes the paragraphs and notes each heading's section (the
    # headings are a subsequence of the tokens, in order: walk both together). The tree is
    # then made from the last heading back to the first: a heading's sub-headings all come
    # after it, so each node is made whole, once, with no recursion.
    headings = iter([(t, p.depth) for t, p in zip(placed, placements) if p is not None])
    heading, placed_depth = next(headings, (None, 0))
    paragraphs: list[Paragraph] = []
    append = paragraphs.append
    sections: list[tuple[MarkerMatch, Paragraph, int, list[Paragraph]]] = []  # in document order
    body: Optional[list[Paragraph]] = None  # of the latest heading; None before the first
    depth = -1
    heading_role, body_role, preamble_role = Role.HEADING, Role.BODY, Role.PREAMBLE
    for tok in tokens:
        if tok is heading:
            para = _new(Paragraph, (heading_role, tok.text, tok.start, tok.line, tok.lead, tok.trail))
            depth = min(placed_depth, depth + 1)  # at most one below the heading before
            body = []
            sections.append((tok.marker, para, depth, body))
            heading, placed_depth = next(headings, (None, 0))
        elif tok.role is None:
            para = _new(Paragraph, (preamble_role if body is None else body_role, tok.text, tok.start, tok.line,
                                    tok.lead, tok.trail))
            if body is not None:
                body.append(para)
        else:
            para = _new(Paragraph, (tok.role, tok.text, tok.start, tok.line, tok.lead, tok.trail))
        append(para)
    deepest = max((section[2] for section in sections), default=-1)
    waiting: list[list[Node]] = [[] for _ in range(deepest + 2)]  # by depth: made, parent not yet, last first
    for marker, para, depth, own_body in reversed(sections):
        children = waiting[depth + 1]
        if children:
            waiting[depth + 1] = []
            children.reverse()
        waiting[depth].append(_new(Node, (marker.marker, cut_title(para.text, marker.title_start), para, depth + 1,
                                          tuple(own_body) if own_body else (), tuple(children) if children else ())))
    roots = waiting[0]
    roots.reverse()
    return tuple(paragraphs), tuple(roots), _diagnose(placed, placements)


def _diagnose(tokens: list[Token], placements: list[Optional[Placement]]) -> tuple[Diagnostic, ...]:
    found: list[Diagnostic] = []
    for tok, p in zip(tokens, placements):
        if p is None:
            continue
        marker = tok.marker
        if p.kind == SIBLING:
            prev = p.previous.match
            if marker.ordinal == prev.ordinal + 1 and prev.style == marker.style and not marker.sub:
                continue  # the usual case: nothing to say
            mixed = _MIXED.get((prev.style, marker.style)) == MIXED_SERIES
            facts = dict(marker=f"'{marker.text}'", previous=f"'{prev.text}'", previous_line=p.previous.line)
            if mixed:
                found.append(diag.diagnostic("mixed-series", tok.line, **facts))
            kind = step_between(prev, marker)
            if kind is STEP_GAP:
                facts["missing"] = diag.describe_missing(prev.ordinal, marker.ordinal)
            if kind.code is not None:
                found.append(diag.diagnostic(kind.code, tok.line, **facts))
        else:
            # nested under (a child) or put beside (a replacement) a style usually below it
            for above in (p.previous, p.displaced):
                if above is not None and above.match.family.scheme == marker.family.scheme != Scheme.SPEECH \
                        and rank(marker) < rank(above.match):
                    found.append(diag.diagnostic("out-of-order", tok.line, marker=f"'{marker.text}'",
                                                 previous=f"'{above.match.text}'", previous_line=above.line))
            if p.late_start and not marker.family.discourse:
                found.append(diag.diagnostic("late-start", tok.line, marker=f"'{marker.text}'"))
    return tuple(found)
