"""Lost line breaks: where one pasted line holds several paragraphs.

Runs after anatomy, before build: a paragraph is split where a marker follows a
sentence end and continues the numbering of the document (……的需要。（二）加强……),
or opens a series in a long run-on text. Which characters can start a marker, and
which families may stand inside a paragraph, is asked of the marker catalogue;
whether a number continues a series is asked of build's classification of steps.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from .build import STEP_NEXT, step_between
from .markers import CATALOGUE, HEADING_BREAK, LEAD, MarkerMatch, Scheme, first_chars, match_marker
from .tokenize import Token

# Where a lost line break may hide: a marker's first character after a sentence end or
# white space, or a bracket or 第 before a numeral right after text (一、总体要求（一）指导思想。).
# Both are found in one scan: the pattern starts with one character class, which the
# regular expression engine tests each character against in C, trying the rest of the
# pattern only where one matches (still ~5 ns a character: see docs/performance.md).
_BREAKS = "。！？!?；; \t\u3000\u00a0"
# A new series (number one) found inside a paragraph is taken only in text this long:
# a document pasted as one line, not a paragraph that happens to enumerate.
_GLUED_DOCUMENT = 1200  # longer than the longest paragraphs of government work reports
_GLUED_HEADING = 40  # a heading line glued to its first sub-heading is at most this long
_MIN_TITLE = 2  # …and has a title of its own before it (（一）第一部分 is one heading)
_FULL_STOPS = frozenset("。！？!? \t\u3000\u00a0")
_BREAK_CHARS = frozenset(_BREAKS)


def _char_class(chars) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


@functools.lru_cache(maxsize=1)
def _joint() -> tuple["re.Pattern[str]", frozenset[str]]:
    """The joint pattern, and the characters that open a marker before its numeral
    (brackets, 第), from the catalogue's families that may start a paragraph of their own
    (not those writers run on inside one: 表现在一是……二是……)."""
    own = [f for f in CATALOGUE if not f.inline]
    starts = frozenset().union(*(f.first_chars for f in own))
    numerals = {f: first_chars(f.pattern, "num") for f in own}
    openers = frozenset(c for f in own for c in f.first_chars - numerals[f])
    after_opener = frozenset().union(*(numerals[f] for f in own if f.first_chars - numerals[f]))
    breaks, opening = _char_class(_BREAKS), _char_class(openers)
    pattern = re.compile(
        rf"{_char_class(set(_BREAKS) | openers)}(?:"
        rf"(?<={breaks})(?={_char_class(starts)})"
        rf"|(?<={opening})(?<=\S.)(?={_char_class(after_opener)}))"
    )
    return pattern, openers


def split_run_together(tokens: list[Token]) -> list[Token]:
    """Recover lost line breaks: split a paragraph where a marker follows a sentence end
    and continues the numbering of the document (……的需要。（二）加强……).

    Runs after anatomy, on the paragraphs it left unlabelled. Only those with a joint
    are visited, so a document without any costs one search; `tokens` itself is
    returned when nothing is split."""
    unlabelled = [tok for tok in tokens if tok.role is None]
    memory = _SeriesMemory(unlabelled)
    pieces: dict[int, list[Token]] = {}  # id of a token split → its pieces
    for index, joints in _joints_by_paragraph([tok.text for tok in unlabelled]):
        tok = unlabelled[index]
        memory.reach(index)
        cuts = _cuts(tok, joints, memory)
        if cuts:
            pieces[id(tok)] = _split(tok, cuts)
    if not pieces:
        return tokens
    out: list[Token] = []
    for tok in tokens:
        split = pieces.get(id(tok))
        if split is None:
            out.append(tok)
        else:
            out.extend(split)
    return out


def _joints_by_paragraph(texts: list[str]) -> list[tuple[int, list[int]]]:
    """(index, offsets of its joints) for each of `texts` that has a joint, in order.

    The texts are searched as one string, a line break between each two: inside each,
    the same joints are found as in the input (none at a paragraph's start), and the
    indentation and blank lines between paragraphs are not scanned. A joint's paragraph
    is found by counting the line breaks since the joint before."""
    joined = "\n".join(texts)
    found: list[tuple[int, list[int]]] = []
    index, start, reached = 0, 0, 0  # the paragraph at `reached`, and where it starts
    for at in _joints(joined):
        breaks = joined.count("\n", reached, at)
        reached = at
        if breaks:
            index += breaks
            start = joined.rfind("\n", 0, at) + 1
        elif found:  # the paragraph of the joint before
            found[-1][1].append(at - start)
            continue
        found.append((index, [at - start]))
    return found


def _joints(text: str) -> list[int]:
    """Offsets in `text` where a marker could follow a lost line break, in order."""
    found = []
    pattern, openers = _joint()
    for m in pattern.finditer(text):
        at = m.start() if text[m.start()] in openers else m.end()
        if not found or found[-1] != at:  # 。第一: both the full stop and 第 point at 第
            found.append(at)
    return found


class _SeriesMemory:
    """The latest marker of each series so far, and whether a marker ranked above it
    came since (then the series may start again at one). Build's placements do not
    exist yet when breaks are recovered (they need the split paragraphs), so this
    keeps what a cut needs; whether a number follows on is asked of `build.step_between`.

    Most documents never ask (no paragraph has a marker inside it), so the paragraphs'
    markers are only read when it is first asked, up to the paragraph reached."""

    __slots__ = ("_tokens", "_read", "_reached", "_count", "_latest", "_rank_seen")

    def __init__(self, tokens: list[Token]) -> None:
        self._tokens = tokens
        self._read = 0  # tokens whose marker has been read
        self._reached = 0  # tokens that come before the current paragraph, and it
        self._count = 0  # markers read so far
        self._latest: dict[str, tuple[MarkerMatch, int]] = {}  # series → (marker, when)
        self._rank_seen: dict[tuple[str, int], int] = {}  # (scheme, rank) → when last seen

    def reach(self, index: int) -> None:
        """The paragraph at `index` of the tokens is the current one: its marker counts."""
        self._reached = index + 1

    def saw(self, found: MarkerMatch) -> None:
        """A marker found inside the current paragraph, after those before it."""
        self._catch_up()
        self._note(found)

    def get(self, series: str) -> Optional[tuple[MarkerMatch, bool]]:
        """(the latest marker of `series`, whether it may restart), or None if unseen."""
        self._catch_up()
        if series not in self._latest:
            return None
        found, when = self._latest[series]
        scheme, rank = found.family.scheme, found.family.rank
        may_restart = any(self._rank_seen.get((scheme, above), 0) > when for above in range(rank))
        return found, may_restart

    def _catch_up(self) -> None:
        for tok in self._tokens[self._read:self._reached]:
            if tok.marker is not None and not tok.marker.weak:
                self._note(tok.marker)
        self._read = self._reached

    def _note(self, found: MarkerMatch) -> None:
        self._count += 1
        self._latest[found.series] = (found, self._count)
        self._rank_seen[(found.family.scheme, found.family.rank)] = self._count


def _cuts(tok: Token, joints: list[int], last: _SeriesMemory) -> list[tuple[int, MarkerMatch]]:
    text = tok.text
    inner = []
    for at in joints:
        found = match_marker(text, at)
        if found is not None and not found.family.inline:
            inner.append((at, found))
    if not inner:
        return []
    glued = len(text) >= _GLUED_DOCUMENT
    followed = _followed(inner, text, glued)
    cuts: list[tuple[int, MarkerMatch]] = []
    listed: dict[str, int] = {}  # series → number of an item kept inside this paragraph
    piece_start, piece_marker = 0, tok.marker
    for i, (at, found) in enumerate(inner):
        previous = last.get(found.series)
        before = text[at - 1]
        if listed.get(found.series) == found.ordinal - 1:
            cut = False  # the next item of a list that runs on in the paragraph: 包括：（一）……；（二）……
        elif previous is not None:
            # in an ordinary paragraph only a full stop marks a lost break; a long run-on text
            # may have lost them anywhere
            latest, may_restart = previous
            cut = (step_between(latest, found) is STEP_NEXT or (may_restart and found.ordinal == 1)) \
                and (glued or before in _FULL_STOPS or _glued_to_heading(text, piece_start, piece_marker, at))
        else:
            cut = _opens_series(found, followed[i], before in _BREAK_CHARS, glued,
                                _glued_to_heading(text, piece_start, piece_marker, at))
        if not cut:
            listed[found.series] = found.ordinal
            continue
        last.saw(found)
        cuts.append((at, found))
        piece_start, piece_marker = at, found
    return cuts


def _glued_to_heading(text: str, piece_start: int, piece_marker: Optional[MarkerMatch], at: int) -> bool:
    """A short heading line run into its first sub-heading, with no sentence end
    between them: 一、总体要求（一）指导思想。"""
    return (piece_marker is not None and piece_marker.title_start + _MIN_TITLE <= at - piece_start <= _GLUED_HEADING
            and not HEADING_BREAK.search(text, piece_start, at))


def _followed(inner: list[tuple[int, MarkerMatch]], text: str, glued: bool) -> list[bool]:
    """For each marker, whether the next number of its series comes later in the paragraph
    where a lost break could be (after a full stop; in run-on text, after any break)."""
    breaks = _BREAK_CHARS if glued else _FULL_STOPS
    later: set[tuple[str, int]] = set()
    flags = [False] * len(inner)
    for i in range(len(inner) - 1, -1, -1):
        at, found = inner[i]
        flags[i] = (found.series, found.ordinal + 1) in later
        if text[at - 1] in breaks:
            later.add((found.series, found.ordinal))
    return flags


def _opens_series(found: MarkerMatch, followed: bool, after_break: bool,
                  glued: bool, under_heading: bool) -> bool:
    """Whether a marker of a series not seen yet starts a heading inside a paragraph."""
    first = found.ordinal == 1
    structural = found.family.structural
    if first and under_heading:  # 一、总体要求（一）指导思想。
        return True
    if found.family.scheme == Scheme.LAW and glued:  # 修正第一章 总则第一条 为了……
        return first or followed
    if after_break and structural and (first and (glued or followed)):
        return True
    # items introduced by a colon are an inline list (包括：（一）……；（二）……), never a lost break
    return glued and followed and after_break


def _split(tok: Token, cuts: list[tuple[int, MarkerMatch]]) -> list[Token]:
    pieces = []
    bounds = [(0, tok.marker)] + cuts
    for (at, found), (nxt, _) in zip(bounds, bounds[1:] + [(len(tok.text), None)]):
        chunk = tok.text[at:nxt]
        text = chunk.rstrip(LEAD)
        pieces.append(Token(text, tok.start + at, tok.line, "", chunk[len(text):], found))
    pieces[0].lead = tok.lead
    pieces[-1].trail += tok.trail
    return pieces
