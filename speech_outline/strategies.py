"""Hypothesis strategies: outline trees, and the Chinese documents that render them.

Uses the ``hypothesis`` package, a dependency of speech-outline.
Nothing else in speech_outline imports this module: ``import speech_outline`` never
imports hypothesis.

Each generated document carries its true outline, worked out while it was written
(never by running a parser), so the strategies test any outline parser, ours or
yours::

    from hypothesis import given, strategies as st
    from speech_outline.strategies import documents, outline_trees

    def my_outline(text):
        "Your parser, giving nested (marker, title, line, children) tuples."

    @given(documents(scheme="gbt9704", max_depth=4, noise=True))
    def test_my_parser(doc):
        assert my_outline(doc.text) == doc.tuples()

    # composable: documents of your own trees, with your own titles
    @given(documents(tree=outline_trees(scheme="law", min_depth=3),
                     titles=st.sampled_from(["总则", "法律责任", "附则"]), crlf=True))
    def test_my_parser_on_laws(doc):
        assert my_outline(doc.text) == doc.tuples()

The public API:

* ``documents(...)`` → ``GeneratedDocument``: ``.text``, ``.expected`` (a tuple of
  ``ExpectedHeading``: marker, style, ordinal, title, line, level, decimal path, the
  section's own text, children), ``.tuples()`` (nested (marker, title, line, children)),
  ``.shape()`` (as ``speech_outline.Outline.shape()``), ``.title``, ``.paragraphs``
  (every paragraph's line, role and text), ``.late_starts``, ``.tree``, ``.options``.
* ``outline_trees(...)`` → ``OutlineTree`` (a plain tree spec: the marker style of each
  level and ``TreeNode(style, ordinal, children, path)``); ``ladders(...)`` → the
  (scheme, styles per level) pairs the trees use.
* ``heading_titles()``, ``body_paragraphs()``, ``lookalike_paragraphs()``: the text
  pieces on their own.
* ``chinese_numeral(n)`` (1040 → 一千零四十), ``marker_text(style, n)`` ('cn-paren',
  3 → （三）), ``outline_tuples(outline)`` (a parsed ``speech_outline.Outline`` in the
  form of ``GeneratedDocument.tuples()``); ``SCHEMES``, ``STYLES`` (the catalogue's
  style ids, all of which are generated), ``LOOKALIKE_STARTS``, ``INDENTS``.

What a document contains, and what its outline is, follows the corpus rules
(``FORMAT.md``): a heading starts a paragraph with an ordinal marker; its title is
the rest of the line, or, for a run-in heading (a heading sentence followed by body
text in the same paragraph), the text up to and including the first sentence-ending
mark; discourse ordinals (首先/其次/最后, 第X个…是, 其一) and the weak styles (a bare
numeral 二　……, 1,), which their series proves, come in series of two or more; web noise
and tables of contents are never headings.

The strategies only write documents with one correct reading. Where a shape is
genuinely ambiguous, they avoid it instead of guessing; a parser is not expected to
read the following shapes one way:

* Every marker style keeps one place in the ladder of levels, and the styles follow
  the usual order of their scheme (GB/T 9704 一、>（一）>1.>（1）>①, law
  编>分编>章>节>条>款>（一）, decimal 1 > 1.1 > 1.1.1 > a) > 1)). A heading may skip a level
  (a 章 with 条 directly, beside 章 with 节), but two spellings of one level (1. and
  1、) are never used at two levels: "1、" under "1." could be a sub-list or a
  sloppy sibling.
* Speech points (一是, 一要, 首先, 其一, 第一个…是) are leaves, and their series start at
  one: a "1." after "一是" may start a sub-list or a new list, and a "二是" first
  follows an inline 一是.
* A title never starts with a numeral or a digit ("一、三年来的工作" could be the
  look-alike "一、三年级", "1.2024年…" a number), nor with a character the marker
  families use to tell prose from markers (一要素, 1.5亿).
* Markers that need a separator (第一章, 第一部分, 第一条, 1　总则) get one unless
  the heading is a short line: "第一节课上……" is prose. 编, 章 and 节 are line headings.
* Arabic numbers in square or lenticular brackets ([1], 【1】) are citations, so
  （1）-style markers use round brackets; （一）-style markers use any bracket.
* Body paragraphs never start with a marker, only with look-alikes that a reader
  does not take for one (一、二季度…, 2024年…, 1.5亿元…, 第一时间…, 一岗双责…);
  enumerations inside a paragraph (表现在：一是……；二是……) are body text, in short
  paragraphs and in long ones (400–700 characters). Discourse words are not used as
  look-alikes (a lone 首先 is not a heading, but two paragraphs starting 首先 and 其次 are).
* Body paragraphs follow their heading directly: text after a section's last
  sub-heading belongs, for every reader, to that sub-heading.

Why no ``hypothesis`` entry point: the entry point exists to register strategies
for types (``st.from_type``). Nobody asks hypothesis for an arbitrary ``Outline``: an
outline without the text it came from tests nothing, and documents need arguments
(scheme, depth, noise) that ``from_type`` cannot pass. Registering would import
speech_outline into every hypothesis run of every project that has it installed,
for no use; so this module registers nothing. Call ``documents()`` and
``outline_trees()`` directly.
"""
from __future__ import annotations

import random
from typing import Any, Collection, Optional

import attrs

from .markers import (ARABIC, CATALOGUE, DISCOURSE, SHORT_HEADING, Family, Scheme, family, first_chars,
                      match_family)
from .ordinals import chinese_numeral

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("speech_outline.strategies requires hypothesis, a dependency of speech-outline: "
                      "pip install hypothesis (or reinstall speech-outline)") from exc

__all__ = [
    "SCHEMES", "STYLES", "POINT_STYLES", "DISCOURSE_STYLES", "INDENTS", "LOOKALIKE_STARTS",
    "TreeNode", "OutlineTree", "ExpectedHeading", "ExpectedParagraph", "GeneratedDocument",
    "chinese_numeral", "marker_text", "ladders", "outline_trees", "heading_titles",
    "body_paragraphs", "lookalike_paragraphs", "documents", "outline_tuples",
]

# ---------------------------------------------------------------------------
# Numerals

_WIDE = str.maketrans("0123456789.", "０１２３４５６７８９．")


# ---------------------------------------------------------------------------
# Marker styles (the style ids of the catalogue in speech_outline.markers)

POINT_STYLES = tuple(f.style for f in CATALOGUE if f.point)
DISCOURSE_STYLES = frozenset(f.style for f in CATALOGUE if f.discourse)
# styles whose series prove their headings (a bare numeral, 1,): two or more in a series
_WEAK_STYLES = frozenset(f.style for f in CATALOGUE if f.weak)
# styles with a small set of numerals, and how many (最后 counts for the discourse words)
_CAPACITY = {f.style: f.capacity + (f.discourse and f.numerals is DISCOURSE)
             for f in CATALOGUE if f.capacity < 100}
_SEPARATOR_CHARS = " \t\u3000"
_NEEDS_SEPARATOR = frozenset(f.style for f in CATALOGUE if f.needs_separator)
_LAW_STYLES = frozenset(f.style for f in CATALOGUE if f.scheme == Scheme.LAW)
_DI_GE_NOUNS = ("方面", "特点", "问题", "要求", "任务", "好", "体会", "原则", "措施", "环节")

# What writers put between a marker and its title: nothing, a space or an ideographic
# space; a family that refuses a title right after its marker (第一条, 1　总则) also
# gets the wider spacings. Each family keeps those its pattern reads.
_SPACINGS = ("", " ", "\u3000")
_WIDE_SPACINGS = ("\u3000\u3000", "  ", "\t")


def _separators(fam: Family) -> tuple[str, ...]:
    if fam.inline:  # run-on families (一是, 首先，) are written straight into their text
        return ("",)
    marker = fam.render(1)

    def reads(separator: str, title: str = "总则") -> bool:
        found = match_family(fam, marker + separator + title, weak=fam.weak)
        return found is not None and found.title_start == len(marker + separator)

    wide = () if reads("", "总则" * SHORT_HEADING) else _WIDE_SPACINGS
    return tuple(separator for separator in _SPACINGS + wide if reads(separator))


_SEPARATORS = {f.style: _separators(f) for f in CATALOGUE}  # what may separate a marker from its title


def _slots(schemes: Collection[str], ranks: Collection[int], points: bool = False) -> list[tuple[str, ...]]:
    """The levels of a ladder: the families of `schemes`, one level per rank; speech
    points (leaves) are left out, or with `points` are all one level."""
    families = [f for f in CATALOGUE if f.scheme in schemes and f.rank in ranks and f.point == points]
    if points:
        return [tuple(f.style for f in families)]
    return [level for level in (tuple(f.style for f in families if f.rank == rank) for rank in sorted(ranks))
            if level]


_ALL_RANKS = range(10)
# The levels documents are generated from: GB/T 9704 with its variants (Ⅰ、 A、 甲、 at
# their rank); laws, then the items of an article (一、 （一） 1.); speeches, under the
# first levels of a report, their points last.
_COLLECTION_SLOTS = _slots((Scheme.COLLECTION,), _ALL_RANKS)  # the texts of a compilation, above all
_GBT_SLOTS = _COLLECTION_SLOTS + _slots((Scheme.GBT9704, Scheme.OTHER), _ALL_RANKS)
_LAW_SLOTS = _slots((Scheme.LAW,), _ALL_RANKS) + _slots((Scheme.GBT9704,), range(1, 4))
_SPEECH_SLOTS = (_COLLECTION_SLOTS + _slots((Scheme.GBT9704,), range(0, 3)) + _slots((Scheme.SPEECH,), _ALL_RANKS)
                 + _slots((Scheme.SPEECH,), _ALL_RANKS, points=True))
SCHEMES = ("gbt9704", "law", "speech", "decimal")


def _subsequence_ladders(slots, must=None) -> list[tuple[str, ...]]:
    found: list[tuple[tuple[int, ...], tuple[str, ...]]] = []

    def walk(i: int, key: tuple[int, ...], acc: tuple[str, ...]) -> None:
        if i == len(slots):
            if acc and (must is None or any(s in must for s in acc)):
                found.append((key, acc))
            return
        walk(i + 1, key, acc)
        for j, style in enumerate(slots[i]):
            walk(i + 1, key + (i * 10 + j,), acc + (style,))

    walk(0, (), ())
    found.sort(key=lambda item: (len(item[1]), item[0]))
    return [ladder for _key, ladder in found]


def _decimal_ladders() -> list[tuple[str, ...]]:
    out = []
    for depth in range(1, 7):
        chain = ("decimal-bare",) + ("decimal",) * (depth - 1)
        out.append(chain)
    for depth in range(1, 6):
        chain = ("decimal-bare",) + ("decimal",) * (depth - 1)
        out.append(chain + ("arabic-paren",))
        out.append(chain + ("paren-digit",))
        out.append(chain + ("latin-lower",))  # GB/T 1.1 list items: a), then 1) below them
        out.append(chain + ("latin-lower", "arabic-half-paren"))
    out.sort(key=len)
    return out


_LADDERS: dict[str, list[tuple[str, ...]]] = {
    "gbt9704": _subsequence_ladders(_GBT_SLOTS),
    "law": _subsequence_ladders(_LAW_SLOTS, must=_LAW_STYLES),
    "speech": _subsequence_ladders(_SPEECH_SLOTS, must={f.style for f in CATALOGUE if f.scheme == Scheme.SPEECH}),
    "decimal": _decimal_ladders(),
}
STYLES = tuple(sorted({s for ladders_ in _LADDERS.values() for ladder in ladders_ for s in ladder}))


def _fw(text: str, wide: bool) -> str:
    return text.translate(_WIDE) if wide else text


@attrs.frozen
class _Look:
    """One document's typography: writers keep it for the whole document."""

    full_width: bool = True  # ，：；（）！？ or , : ; ( ) ! ?
    wide_digits: bool = False  # １．（１） for Arabic numerals
    brackets: tuple[str, str] = ("（", "）")
    separators: tuple[tuple[str, str], ...] = ()  # style → separator after the marker
    variants: tuple[tuple[str, str], ...] = ()  # style → punctuation after the numeral
    law_digits: bool = False  # 第3章 rather than 第三章
    di_ge_first: bool = False  # 首先一个好是 rather than 第一个好是

    def separator(self, style: str) -> str:
        return dict(self.separators).get(style, "")

    def variant(self, style: str, default: str) -> str:
        return dict(self.variants).get(style, default)

    def punct(self, full: str) -> str:
        return full if self.full_width else _HALF.get(full, full)


_HALF = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"}
_PUNCT_VARIANTS: dict[str, tuple[str, ...]] = {
    "cn-dot": ("．", "."), "cap-dun": ("、", "．", "."), "arabic-dot": (".", "．"),
    "arabic-half-paren": (")", "）"), "latin-lower": (")", "）"), "roman": ("、", "．", "."), "latin": ("、", "．"),
    "speech-di": ("，", "、", "："), "speech-di-dian": ("", "", "点"), "speech-qi": ("，", "、"),
    "speech-discourse": ("，", "："),
    "speech-di-ge": ("是", "就是"), "decimal": (".", "．"), "arabic-comma": (",", "，"),
}
_BRACKETS = (("（", "）"), ("(", ")"), ("〔", "〕"), ("【", "】"), ("［", "］"), ("﹙", "﹚"))


def marker_text(style: str, ordinal: int, path: tuple[int, ...] = (), *, full_width: bool = True,
                noun: str = "方面") -> str:
    """The marker of a style and ordinal as a writer puts it: ('cn-paren', 3) → '（三）'.

    `path` is the decimal numbering ((1, 2, 1) → '1.2.1'); for 'speech-discourse' the
    ordinal 0 is 最后; `noun` is the noun of 第X个…是; `full_width=False` writes (三), 第三,
    """
    look = _Look(full_width=full_width, brackets=_BRACKETS[0] if full_width else _BRACKETS[1])
    return _marker(look, style, ordinal, path, noun)


def _marker(lk: "_Look", style: str, ordinal: int, path: tuple[int, ...], noun: str) -> str:
    """The family's marker (its record's template and numerals) in the document's look."""
    fam = family(style)
    if fam.numerals.paths:
        return lk.variant(style, ".").join(_fw(str(n), lk.wide_digits) for n in path or (ordinal,))
    if style == "speech-di-ge" and ordinal == 1 and lk.di_ge_first:
        return f"首先一个{noun}是"
    arabic = fam.numerals is ARABIC or (lk.law_digits and "1" in first_chars(fam.pattern, "num"))
    numeral = _fw(str(ordinal), lk.wide_digits) if arabic else fam.numerals.write(ordinal)
    text = fam.template.format(numeral, noun=noun)
    if text[0] in _OPENING:  # a bracketed marker: the document's brackets, if the family reads them
        opening, closing = lk.brackets if lk.brackets[0] in fam.first_chars else _BRACKETS[0]
        return opening + text[1:-1] + closing
    head, last = text[:-1], text[-1]
    if style == "speech-di" and lk.variant("speech-di-dian", ""):
        head += "点"
    return head + lk.punct(lk.variant(style, last))


_OPENING = frozenset(opening for opening, _ in _BRACKETS)


# ---------------------------------------------------------------------------
# Trees


@attrs.frozen
class TreeNode:
    """A heading of a tree spec: its style, its number, and its sub-headings."""

    style: str
    ordinal: int  # speech-discourse: 1 首先, 2 其次, 3 再次, 0 最后
    children: tuple["TreeNode", ...] = ()
    path: tuple[int, ...] = ()  # decimal numbering (decimal and decimal-bare): (1, 2) for 1.2

    def as_tuple(self) -> tuple:
        return (self.style, self.ordinal, tuple(c.as_tuple() for c in self.children))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class OutlineTree:
    """A tree spec: the marker style of each level (`ladder`) and the top-level headings."""

    scheme: str
    ladder: tuple[str, ...]
    nodes: tuple[TreeNode, ...]

    @property
    def depth(self) -> int:
        def d(node: TreeNode) -> int:
            return 1 + max((d(c) for c in node.children), default=0)
        return max((d(n) for n in self.nodes), default=0)

    def walk(self):
        for node in self.nodes:
            yield from node.walk()

    def as_tuple(self) -> tuple:
        return tuple(n.as_tuple() for n in self.nodes)


def _check_depth(min_depth: int, max_depth: int) -> None:
    if not 1 <= min_depth <= max_depth:
        raise InvalidArgument(f"need 1 <= min_depth <= max_depth, got {min_depth}, {max_depth}")


def _matching_ladders(scheme: str, styles: Optional[Collection[str]], min_depth: int, max_depth: int,
                      max_width: int) -> dict[str, list[tuple[str, ...]]]:
    if scheme != "any" and scheme not in SCHEMES:
        raise InvalidArgument(f"scheme must be one of {SCHEMES + ('any',)}, got {scheme!r}")
    if styles is not None:
        if isinstance(styles, str):
            styles = (styles,)
        unknown = set(styles) - set(STYLES)
        if unknown:
            raise InvalidArgument(f"unknown styles {sorted(unknown)}; choose from {STYLES}")
        allowed = set(styles)
    schemes = SCHEMES if scheme == "any" else (scheme,)
    out = {}
    for name in schemes:
        found = [lad for lad in _LADDERS[name]
                 if min_depth <= len(lad) <= max_depth
                 and (styles is None or set(lad) <= allowed)
                 and (max_width >= 2 or not (DISCOURSE_STYLES | _WEAK_STYLES) & set(lad))]
        if found:
            out[name] = found
    if not out:
        raise InvalidArgument(f"no ladder of scheme {scheme!r} with styles {styles} and depth "
                              f"{min_depth}..{max_depth}")
    return out


def ladders(*, scheme: str = "any", styles: Optional[Collection[str]] = None, min_depth: int = 1,
            max_depth: int = 6, max_width: int = 4) -> st.SearchStrategy[tuple[str, tuple[str, ...]]]:
    """(scheme, ladder): the marker style of each level, outermost first, e.g.
    ('gbt9704', ('cn-dun', 'cn-paren', 'arabic-dot')).

    `styles` narrows the styles a ladder may use (catalogue style ids).
    """
    _check_depth(min_depth, max_depth)
    table = _matching_ladders(scheme, styles, min_depth, max_depth, max_width)

    @st.composite
    def draw_ladder(draw):
        name = draw(st.sampled_from(sorted(table, key=SCHEMES.index)))
        found = table[name]
        depths = sorted({len(lad) for lad in found})
        depth = draw(st.sampled_from(depths))
        return name, draw(st.sampled_from([lad for lad in found if len(lad) == depth]))

    return draw_ladder()


def outline_trees(*, scheme: str = "any", styles: Optional[Collection[str]] = None, min_depth: int = 1,
                  max_depth: int = 6, max_width: int = 4, max_headings: int = 40,
                  continuous: Optional[bool] = None, offsets: Optional[bool] = None,
                  skips: Optional[bool] = None) -> st.SearchStrategy[OutlineTree]:
    """Trees of headings whose real depth is between `min_depth` and `max_depth` levels.

    Each node has 1 to `max_width` children (two or more for discourse ordinals and weak
    markers such as a bare 二, which only count in series; at most as many as the style has numerals: ㈠…㈩). The tree
    has about `max_headings` headings at most (the path to the deepest level is always
    kept). `continuous`: numbering continues across parents at some levels (law
    articles always do, as do （一）… in some reports), which is how numbers like
    十一、 or 第二十一条 appear; `offsets`: the first series may start above one, as an
    excerpt does (第五编 … 第一千零四十条); `skips`: a heading may have its children
    one style further down the ladder (a 章 with 条 directly while other 章 have 节;
    一、 with 1. directly while other 一、 have （一）; only 分编, 节 and （一） are
    skipped). None lets hypothesis choose.
    """
    _check_depth(min_depth, max_depth)
    if max_width < 1:
        raise InvalidArgument(f"max_width must be at least 1, got {max_width}")
    ladder_strategy = ladders(scheme=scheme, styles=styles, min_depth=min_depth, max_depth=max_depth,
                              max_width=max_width)

    @st.composite
    def draw_tree(draw):
        name, ladder = draw(ladder_strategy)
        modes = []
        for style in ladder:
            if style == "law-article":
                modes.append(True)
            elif style in _CAPACITY or style in DISCOURSE_STYLES or style in _DECIMAL:
                modes.append(False)
            elif continuous is None:
                modes.append(draw(st.booleans()))
            else:
                modes.append(continuous)
        # the levels a heading may skip: 分编 and 节 (a 章 with 条 directly), （一） (一、 with
        # 1. directly), when what comes below restarts its numbering or is a law article
        skippable = [0 < i and i + 1 < len(ladder) and ladder[i] in _SKIPPABLE
                     and (not modes[i + 1] or ladder[i + 1] == "law-article")
                     and _ranked_below(ladder[i - 1], ladder[i + 1])
                     and all(_ranked_below(a, b) for a, b in zip(ladder[i + 1:], ladder[i + 2:]))
                     for i in range(len(ladder))]
        may_skip = skips is not False and any(skippable)
        if may_skip and skips is None:
            may_skip = draw(st.booleans())
        budget = [max_headings]
        shape = _draw_shape(draw, ladder, 0, max_width, budget, True, skippable if may_skip else None)
        starts = []
        for level, style in enumerate(ladder):
            # speech points never start above one: a 二是 first is read as following an
            # inline 一是 in the paragraph before it
            can = (level == 0 or style == "law-article") and style not in _CAPACITY \
                and style not in POINT_STYLES and style not in _DECIMAL
            use = can and (draw(st.booleans()) if offsets is None else offsets)
            if use:
                count = _count_at(shape, level)
                if style in _LAW_STYLES:  # an excerpt of a code: 第五编, 第一千零四十条 (the Civil Code
                    #                       has 1260 articles; Arabic numerals stop at 999)
                    limit = (999 if style != "law-article" else 1260) - count
                    starts.append(draw(st.integers(2, max(2, min(limit, 60))) | st.integers(2, max(2, limit))))
                else:  # an excerpt of a report: 十一、 (capital numerals: 拾壹、)
                    starts.append(draw(st.integers(2, 60)))
            else:
                starts.append(1)
        counters = list(starts)
        nodes = _number(draw, 0, shape, ladder, modes, counters, starts, ())
        return OutlineTree(name, ladder, nodes)

    return draw_tree()


_DECIMAL = ("decimal", "decimal-bare")
# Levels some sections have and others skip. Others are not skipped: when a style is met
# at two depths, which one a later heading of it takes is a guess (Ⅰ、 > A、, then Ⅱ、 >
# 壹、 … A、: under 壹、 or beside it?).
_SKIPPABLE = frozenset({"law-subpart", "law-section", "cn-paren"})


def _ranked_below(upper: str, lower: str) -> bool:
    """Whether the catalogue's order puts `lower` below `upper` (a higher rank of one
    scheme, or an item of a law unit). A skipped level moves every style below it one
    level up: only where these orders say so is its level read off the styles (甲、 met
    under 壹、 and again under （二）, beside or below it, is a guess)."""
    a, b = family(upper), family(lower)
    return (a.scheme == b.scheme and a.rank < b.rank) or a.scheme == Scheme.LAW != b.scheme


def _count_at(shape, target: int) -> int:
    """How many nodes of the shape stand at ladder index `target`."""
    return sum((index == target) + _count_at(kids, target) for index, kids in shape)


def _draw_shape(draw, ladder, index, max_width, budget, must_reach, skippable) -> list:
    """A list of (ladder index, children) for one series at ladder index `index`."""
    style = ladder[index]
    lo = 2 if style in DISCOURSE_STYLES or style in _WEAK_STYLES else 1
    hi = max(lo, min(max_width, _CAPACITY.get(style, max_width)))
    n = draw(st.integers(lo, hi)) if budget[0] > 0 else lo
    budget[0] -= n
    deep = draw(st.integers(0, n - 1)) if must_reach and index + 1 < len(ladder) else -1
    shape = []
    for i in range(n):
        kids: list = []
        if index + 1 < len(ladder):
            if i == deep or (budget[0] > 0 and draw(st.booleans())):
                below = index + 1
                if i != deep and skippable and skippable[below] and draw(st.integers(0, 3)) == 0:
                    below += 1
                kids = _draw_shape(draw, ladder, below, max_width, budget, i == deep, skippable)
        shape.append((index, kids))
    return shape


def _number(draw, index, shape, ladder, modes, counters, starts, parent_path) -> tuple[TreeNode, ...]:
    style = ladder[index]
    n = len(shape)
    if style == "speech-discourse":
        ordinals = draw(st.sampled_from({2: [(1, 2), (1, 0)], 3: [(1, 2, 0), (1, 2, 3)],
                                         4: [(1, 2, 3, 0)]}[n]))
    elif modes[index]:
        ordinals = tuple(range(counters[index], counters[index] + n))
        counters[index] += n
    else:
        first = starts[index] if index == 0 else 1
        ordinals = tuple(range(first, first + n))
    nodes = []
    for ordinal, (_, kids) in zip(ordinals, shape):
        path = parent_path + (ordinal,) if style in _DECIMAL else ()
        children = _number(draw, kids[0][0], kids, ladder, modes, counters, starts, path) if kids else ()
        nodes.append(TreeNode(style, ordinal, children, path))
    return tuple(nodes)


# ---------------------------------------------------------------------------
# Text: titles, body paragraphs, look-alikes, noise

_HEAD_NOUNS = ("总体要求", "指导思想", "基本原则", "主要目标", "重点任务", "保障措施", "组织实施", "工作要求",
               "适用范围", "职责分工", "监督管理", "工作机制", "总体思路", "实施步骤", "有关事项")
_LAW_NOUNS = ("总则", "一般规定", "法律责任", "附则", "监督管理", "所有权", "用益物权", "担保物权", "结婚",
              "家庭关系", "离婚", "收养", "申请和受理", "审理程序", "赔偿范围", "赔偿程序", "赔偿方式和计算标准",
              "刑罚的执行", "狱政管理", "通则")
_VERBS = ("加强", "完善", "推进", "健全", "深化", "落实", "提高", "强化", "优化", "坚持", "严格", "建立",
          "规范", "做好", "抓好", "推动", "构建", "提升", "扎实推进", "全面加强", "持续深化", "切实加强", "加快")
_OBJECTS = ("组织领导", "体制机制", "责任落实", "监督检查", "队伍建设", "制度建设", "宣传引导", "风险防控",
            "基层治理", "安全生产", "服务保障", "考核评价", "资金管理", "信息公开", "应急处置", "人才培养",
            "作风建设", "政策支持", "科技创新", "生态环境保护", "营商环境", "公共服务", "民生保障", "数字化转型",
            "区域协调发展", "“放管服”改革", "“三重一大”决策制度", "党风廉政建设", "《条例》宣传贯彻",
            "2024年度目标任务", "5G网络建设", "1.5万个就业岗位的落实")
_SUBJECTS = ("各地区各部门", "各级党委和政府", "我们", "全市上下", "有关单位", "相关部门", "各级领导干部",
             "各成员单位", "各级政府", "这项工作", "广大党员干部")
_MODALS = ("要", "必须", "应当", "要进一步", "要切实", "务必")
_OPENERS = ("实践证明，", "近年来，", "同时，", "对此，", "为此，", "总的来看，", "从实际情况看，")
_LAW_SUBJECTS = ("国家", "县级以上人民政府", "国务院有关部门", "当事人", "有关单位", "监狱", "行政机关",
                 "人民法院", "赔偿义务机关", "任何组织和个人")
_LAW_PREDICATES = ("应当依法履行职责", "应当遵守本法", "依照本法规定承担责任", "应当予以支持",
                   "不得侵害他人合法权益", "应当及时作出决定", "依法享有相应权利", "应当书面告知申请人")
# Paragraph starts that look like markers but are not (FORMAT rule 1).
LOOKALIKE_STARTS = ("一、二季度，", "三、四月份，", "一、二、三产业融合发展，", "2024年，", "2023年以来，",
                    "1.5亿元资金已全部拨付，", "2.3万人参加培训，", "12.5%的企业反映，", "第一时间，",
                    "一岗双责，", "十四五时期，", "“十四五”期间，", "5、6月份，", "1、2号机组运行平稳，",
                    "一方面，", "第一次全国普查显示，", "一年来，", "二〇二三年以来，", "10月1日起，",
                    "第三方评估显示，", "一些地方", "第一书记", "第二批主题教育中，", "十一届三中全会以来，")


class _Drawn:
    """Choices made by hypothesis (they shrink): for titles and what decides a paragraph's kind."""

    def __init__(self, draw):
        self._draw = draw

    def choice(self, options):
        return self._draw(st.sampled_from(options))

    def integer(self, low: int, high: int) -> int:
        return self._draw(st.integers(low, high))


class _Seeded:
    """Choices made by a seeded random generator: for the words of prose, which decide
    nothing about the outline (hundreds of hypothesis draws a document would be slow)."""

    def __init__(self, seed: int):
        self._random = random.Random(seed)

    def choice(self, options):
        return self._random.choice(options)

    def integer(self, low: int, high: int) -> int:
        return self._random.randint(low, high)


def _vo(pick) -> str:
    return pick.choice(_VERBS) + pick.choice(_OBJECTS)


def _clause(pick) -> str:
    return pick.choice(_SUBJECTS) + pick.choice(_MODALS) + _vo(pick)


def heading_titles() -> st.SearchStrategy[str]:
    """Heading titles without sentence-ending marks: 总体要求, 加强组织领导，压实工作责任 …"""
    @st.composite
    def draw_title(draw):
        return _title(_Drawn(draw))
    return draw_title()


def _title(pick) -> str:
    kind = pick.integer(0, 2)
    if kind == 0:
        return pick.choice(_HEAD_NOUNS)
    if kind == 1:
        return _vo(pick)
    return _vo(pick) + "，" + _vo(pick)


def _sentence(pick) -> str:
    opener = pick.choice(("",) + _OPENERS)
    parts = [_clause(pick) for _ in range(pick.integer(1, 2))]
    return opener + "，".join(parts) + "。"


def _enumeration(pick, kind: int) -> str:
    n = pick.integer(2, 4)
    items = [_vo(pick) for _ in range(n)]
    if kind == 0:
        listed = "；".join(chinese_numeral(i + 1) + "是" + item for i, item in enumerate(items))
        return pick.choice(("主要表现在：", "存在的问题表现在", "具体来说，")) + listed + "。"
    if kind == 1:
        listed = "；".join(f"（{chinese_numeral(i + 1)}）{item}" for i, item in enumerate(items))
        return "具体包括：" + listed + "。"
    listed = "；".join(f"第{chinese_numeral(i + 1)}，{item}" for i, item in enumerate(items))
    return f"重点抓好{'两' if n == 2 else chinese_numeral(n)}个方面：" + listed + "。"


_SEED = st.integers(0, 2**32 - 1)


def body_paragraphs(*, lookalikes: bool = True, enumerations: bool = True) -> st.SearchStrategy[str]:
    """Body prose: sentences ending in 。, some with an enumeration inside (表现在：一是……；二是……),
    some starting with a look-alike of a marker (一、二季度，…) that is not a heading, and
    some long (400 to 700 characters, as paragraphs of reports are)."""
    @st.composite
    def draw_body(draw):
        return _body(draw, _Seeded(draw(_SEED)), lookalikes, enumerations)
    return draw_body()


_BODY_KINDS = ("plain", "long", "lookalike", "enum")


def _body(draw, words: _Seeded, lookalikes: bool, enumerations: bool) -> str:
    kinds = [k for k in _BODY_KINDS if (k != "lookalike" or lookalikes) and (k != "enum" or enumerations)]
    kind = draw(st.sampled_from(kinds))
    text = ""
    if kind == "lookalike":
        text = draw(st.sampled_from(LOOKALIKE_STARTS)) + _clause(words) + "。"
    elif kind == "enum":
        text = words.choice(_SUBJECTS) + "的工作还有差距。" + _enumeration(words, draw(st.integers(0, 2)))
    elif kind == "long":
        target = words.integer(400, 700)
        where = words.integer(0, 3) if enumerations else -1
        enum_kind = draw(st.integers(0, 2)) if enumerations else 0
        while len(text) < target:
            if where == 0:
                text += _enumeration(words, enum_kind)
            where -= 1
            text += _sentence(words)
        return text
    for _ in range(words.integer(0 if text else 1, 2)):
        text += _sentence(words)
    return text


def lookalike_paragraphs() -> st.SearchStrategy[str]:
    """Paragraphs that start like a marker but are prose: 一、二季度，… 2024年，… 1.5亿元…"""
    @st.composite
    def draw_lookalike(draw):
        return draw(st.sampled_from(LOOKALIKE_STARTS)) + _clause(_Seeded(draw(_SEED))) + "。"
    return draw_lookalike()


_DOC_TITLES = ("关于进一步加强安全生产工作的意见", "国务院办公厅关于印发国家粮食应急预案的通知",
               "在全市作风建设大会上的讲话", "中华人民共和国监狱法", "关于做好2024年重点工作的通知",
               "政府工作报告", "坚定信心 真抓实干", "国家突发事件应急预案", "国务院工作规则", "中华人民共和国民法典")
_TWO_LINE_TITLES = (("国务院办公厅关于印发", "国家粮食应急预案的函"), ("关于加强和改进", "新时代基层治理工作的意见"))
_SUBTITLES = ("——在全市经济工作会议上的讲话", "——在2024年全省工作会议上的讲话")
_META_LINES = ("2024年6月27日", "二〇二四年六月十一日", "国办发〔2018〕123号", "来源：新华网", "作者：张明",
               "发布时间：2024-06-27")
_SALUTATIONS = ("同志们：", "各位代表：", "尊敬的各位领导、同志们：", "同志们、朋友们：")
_CLOSINGS = ("谢谢大家！", "谢谢大家。", "谢谢！")
_BREADCRUMBS = ("首页>新闻>正文", "首页 > 新闻中心 > 通知公告", "学习啦>实用范文>致辞讲话>会议发言稿>",
                "当前位置：首页 > 范文 > 讲话稿")
_FRONT_NOISE = ("字号：大 中 小", "打印本页", "分享到：")
_FOOTERS = ("本文内容由互联网用户自发贡献，该文观点仅代表作者本人。本站仅提供信息存储空间服务。",
            "版权所有：某某市人民政府办公室", "免责声明：本站部分内容来源于网络。")
_RELATED = ("相关推荐", "相关文章", "猜你喜欢")
_RELATED_ITEMS = ("1、2024年学校工作总结", "2、关于加强作风建设的心得体会", "一、党课讲稿范文",
                  "（一）年度述职报告", "第一章 概述", "最新领导讲话稿精选", "第二，工作计划范文")
_PAGE_NUMBERS = ("- 2 -", "— 3 —", "第2页/共5页", "第 3 页")
INDENTS = ("", "\u3000\u3000", "  ", "    ")
_TRAILING = (" ", "\u3000", "\t", "  ")


# ---------------------------------------------------------------------------
# The expected outline


@attrs.frozen
class ExpectedHeading:
    """A heading of the true outline, with what the corpus rules say about it."""

    marker: str  # as written: "（一）", "第二，", "1.2.1"
    style: str  # catalogue style id
    ordinal: int
    title: str  # FORMAT title rule
    line: int  # 1-based line of the heading
    level: int  # 1-based depth
    path: tuple[int, ...] = ()  # decimal numbering
    body: tuple[str, ...] = ()  # run-in remainder, then the section's own paragraphs
    children: tuple["ExpectedHeading", ...] = ()

    def tuples(self) -> tuple:
        return (self.marker, self.title, self.line, tuple(c.tuples() for c in self.children))

    def shape(self) -> tuple:
        """Like speech_outline.Node.shape()."""
        return (self.marker, self.style, self.ordinal, self.path, self.title, self.body, self.level,
                tuple(c.shape() for c in self.children))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class ExpectedParagraph:
    """A paragraph (one non-blank line) of a generated document and what it is."""

    line: int
    role: str  # a speech_outline.Role value: title, subtitle, meta, salutation, closing, noise, toc,
    #            preamble, heading, body
    text: str  # without indentation and line ending


@attrs.frozen
class GeneratedDocument:
    """A generated document (`text`) and its true outline (`expected`)."""

    text: str
    expected: tuple[ExpectedHeading, ...]
    title: Optional[str]  # the document title, title lines joined
    paragraphs: tuple[ExpectedParagraph, ...]  # every paragraph, in order
    tree: OutlineTree
    late_starts: tuple[int, ...] = ()  # lines of headings whose series starts above one (an excerpt)
    options: tuple[tuple[str, Any], ...] = ()  # how it was written: run_in, crlf, full_width, indent …

    def tuples(self) -> tuple:
        """The outline as nested (marker, title, line, children) tuples."""
        return tuple(h.tuples() for h in self.expected)

    def shape(self) -> tuple:
        """Like speech_outline.Outline.shape(): (title, node shapes)."""
        return (self.title, tuple(h.shape() for h in self.expected))

    def walk(self):
        for heading in self.expected:
            yield from heading.walk()

    def option(self, name: str) -> Any:
        return dict(self.options)[name]


def outline_tuples(outline: Any) -> tuple:
    """A parsed speech_outline.Outline as GeneratedDocument.tuples() gives the expected one."""
    def node(n):
        return (n.marker.text, n.title, n.line, tuple(node(c) for c in n.children))
    return tuple(node(n) for n in outline.nodes)


# ---------------------------------------------------------------------------
# Documents


class _Para:
    """A paragraph being written; its line is known once the text is laid out."""

    __slots__ = ("text", "role", "line")

    def __init__(self, text: str, role: str):
        self.text = text
        self.role = role
        self.line = 0


class _Section:
    """A heading being written: its tree node, what the text says of it, its sub-sections."""

    __slots__ = ("node", "marker", "title", "level", "body", "children", "para")

    def __init__(self, node: TreeNode, marker: str, title: str, level: int, body: list, para: _Para):
        self.node = node
        self.marker = marker
        self.title = title
        self.level = level
        self.body = body  # run-in remainder, then body paragraphs
        self.children: list[_Section] = []
        self.para = para

    def freeze(self) -> ExpectedHeading:
        node = self.node
        return ExpectedHeading(self.marker, node.style, node.ordinal, self.title, self.para.line, self.level,
                               node.path, tuple(self.body), tuple(c.freeze() for c in self.children))


def _choose(draw, value, strategy):
    return draw(strategy) if value is None else value


def documents(*, scheme: str = "any", styles: Optional[Collection[str]] = None, min_depth: int = 1,
              max_depth: int = 6, max_width: int = 4, max_headings: int = 40, noise: Optional[bool] = False,
              run_in: Optional[bool] = None, crlf: Optional[bool] = None, full_width: Optional[bool] = None,
              indent: Optional[str] = None, blank_lines: Optional[bool] = None,
              title: Optional[bool] = None, framing: Optional[bool] = None, toc: Optional[bool] = None,
              bodies: bool = True, lookalikes: bool = True, enumerations: bool = True,
              trailing_space: Optional[bool] = None,
              tree: Optional[st.SearchStrategy[OutlineTree]] = None,
              titles: Optional[st.SearchStrategy[str]] = None) -> st.SearchStrategy[GeneratedDocument]:
    """Chinese documents (official documents, laws, speeches, plans) with their true outline.

    scheme: "gbt9704" (一、/（一）/1./（1）/①, with 第一部分 and Ⅰ、/A、 variants);
        "law" (编/分编/章/节/条/款, and items 一、/（一）/1.); "speech" (一、/（一）/
        第一，and the points 一是, 一要, 首先，其次，, 其一，, 第一个方面是); "decimal"
        (1 / 1.1 / 1.1.1 / （1）); or "any". `styles` narrows the marker styles (the
        catalogue's style ids), `min_depth` and `max_depth` the real depth (1 to 6
        levels), `max_width` the children per heading, `max_headings` the size. `tree`
        replaces all of these with a strategy of OutlineTree (see outline_trees).
    noise: a breadcrumb and other site furniture before the document, page numbers
        between paragraphs, and after it a footer (本文内容由互联网用户自发贡献……) and a
        相关推荐 list whose items carry markers.
    run_in: True: headings are run in (a heading sentence ending in 。 followed by body
        text in the same paragraph); False: line headings; None: both. 编, 章 and 节 are
        always line headings.
    crlf: CRLF line endings. full_width: ，：（）！ rather than , : ( ) ! indent: the
        indentation of headings and body ("", two U+3000, ASCII spaces; None: any one,
        or mixed). blank_lines: blank lines between paragraphs. trailing_space: white
        space at the end of some lines.
    title: a title block (title lines, a speech's subtitle, metadata lines). framing: a
        speech's salutation and closing. toc: a table of contents (only where the top
        headings are short line headings). bodies: body and preamble paragraphs, with
        inline enumerations (if `enumerations`) and look-alike paragraph starts (if
        `lookalikes`). titles: a strategy of heading titles to use instead of ours (they
        must not start with a numeral or a digit, see the module docstring).
    Every None is chosen by hypothesis.
    """
    if tree is None:
        tree = outline_trees(scheme=scheme, styles=styles, min_depth=min_depth, max_depth=max_depth,
                             max_width=max_width, max_headings=max_headings)
    if indent is not None and indent.strip(" \t\u3000"):
        raise InvalidArgument(f"indent must be white space, got {indent!r}")

    @st.composite
    def draw_document(draw):
        spec = draw(tree)
        ordinals = [n.ordinal for n in spec.walk()]
        wants = dict(
            noise=_choose(draw, noise, st.booleans()),
            crlf=_choose(draw, crlf, st.booleans()),
            full_width=_choose(draw, full_width, st.booleans()),
            indent=_choose(draw, indent, st.sampled_from(INDENTS + ("mixed",))),
            blank_lines=_choose(draw, blank_lines, st.sampled_from((False, True, "mixed"))),
            title=_choose(draw, title, st.booleans()),
            framing=_choose(draw, framing, st.booleans()) and spec.scheme == "speech",
            toc=_choose(draw, toc, st.booleans()),
            trailing_space=_choose(draw, trailing_space, st.booleans()),
            run_in=run_in,
        )
        look = _draw_look(draw, spec, wants["full_width"], max(ordinals, default=1))
        words = _Seeded(draw(_SEED))
        paras: list[_Para] = []

        # the front: noise, title block
        if wants["noise"]:
            paras.append(_Para(draw(st.sampled_from(_BREADCRUMBS)), "noise"))
            if draw(st.booleans()):
                paras.append(_Para(draw(st.sampled_from(_FRONT_NOISE)), "noise"))
        doc_title = None
        if wants["title"]:
            if draw(st.booleans()):
                lines = draw(st.sampled_from(_TWO_LINE_TITLES))
            else:
                lines = (draw(st.sampled_from(_DOC_TITLES)),)
            if len(lines) == 1 and len(lines[0]) <= 8 and " " not in lines[0] and draw(st.integers(0, 3)) == 0:
                lines = (" ".join(lines[0]),)  # 国 务 院 工 作 规 则: letter spacing, closed up in the title
            for line in lines:
                paras.append(_Para(line, "title"))
            doc_title = "".join(lines).replace(" ", "") if " " in lines[0] and len(lines[0].split()[0]) == 1 \
                else "".join(lines)
            if spec.scheme == "speech" and draw(st.booleans()):
                paras.append(_Para(draw(st.sampled_from(_SUBTITLES)), "subtitle"))
            for meta in draw(st.lists(st.sampled_from(_META_LINES), max_size=2, unique=True)):
                paras.append(_Para(meta, "meta"))
        toc_at = len(paras)
        if wants["framing"]:
            paras.append(_Para(draw(st.sampled_from(_SALUTATIONS)), "salutation"))
        if bodies:
            for _ in range(draw(st.integers(0, 2))):
                paras.append(_Para(_body(draw, words, lookalikes, enumerations), "preamble"))

        # the outline
        top: list[_Section] = []
        late: list[_Section] = []
        seen: dict[str, int] = {}  # style → latest ordinal

        def render(nodes: tuple[TreeNode, ...], level: int, out: list[_Section], noun: str) -> None:
            for node in nodes:
                text, marker, title_, rest = _heading(draw, words, node, look, wants["run_in"], titles, noun, spec)
                para = _Para(text, "heading")
                paras.append(para)
                section = _Section(node, marker, title_, level, [rest] if rest else [], para)
                out.append(section)
                # a series that starts above one, and does not continue the numbering of an
                # earlier series of its style (条 through the law, （三） after a cousin's （二）)
                previous = seen.get(node.style)
                if node is nodes[0] and node.ordinal not in (0, 1) and node.style not in DISCOURSE_STYLES \
                        and not (previous is not None and node.ordinal == previous + 1):
                    late.append(section)
                seen[node.style] = node.ordinal
                if bodies and (draw(st.integers(0, 3)) == 0 or (not node.children and draw(st.booleans()))):
                    for _ in range(draw(st.integers(1, 2))):
                        if wants["noise"] and draw(st.integers(0, 5)) == 0:
                            paras.append(_Para(draw(st.sampled_from(_PAGE_NUMBERS)), "noise"))
                        if spec.scheme == "law":
                            body = _law_sentence(words) + (_law_sentence(words) if words.integer(0, 1) else "")
                        else:
                            body = _body(draw, words, lookalikes, enumerations)
                        paras.append(_Para(body, "body"))
                        section.body.append(body)
                if node.children:
                    render(node.children, level + 1, section.children, draw(st.sampled_from(_DI_GE_NOUNS)))

        render(spec.nodes, 1, top, draw(st.sampled_from(_DI_GE_NOUNS)))

        # a table of contents: the top headings (and maybe the second level), when they
        # are short lines of their own
        def listable(r: _Section) -> bool:
            return r.para.text[len(r.marker):].strip(_SEPARATOR_CHARS) == r.title and len(r.para.text) <= 50 \
                and not any(ch in r.para.text for ch in "。；;！？!?")

        if wants["toc"] and not wants["framing"] and len(top) >= 2 and all(listable(r) for r in top):
            deep = draw(st.booleans()) and all(listable(c) for r in top for c in r.children)
            listed = [e for r in top for e in [r, *(r.children if deep else ())]]
            entries = [_Para(draw(st.sampled_from(("目录", "目　　录"))), "toc")]
            dots = draw(st.booleans())
            for page, r in enumerate(listed, 1):
                entries.append(_Para(r.para.text + (f"……{page}" if dots else ""), "toc"))
            paras[toc_at:toc_at] = entries

        if wants["framing"] and draw(st.booleans()):
            paras.append(_Para(draw(st.sampled_from(_CLOSINGS)), "closing"))
        if wants["noise"]:
            paras.append(_Para(draw(st.sampled_from(_FOOTERS)), "noise"))
            paras.append(_Para(draw(st.sampled_from(_RELATED)), "noise"))
            for item in draw(st.lists(st.sampled_from(_RELATED_ITEMS), min_size=1, max_size=4, unique=True)):
                paras.append(_Para(item, "noise"))

        text = _layout(draw, paras, wants)
        return GeneratedDocument(
            text, tuple(section.freeze() for section in top), doc_title,
            tuple(ExpectedParagraph(p.line, p.role, p.text) for p in paras), spec,
            tuple(section.para.line for section in late), tuple(sorted(wants.items())))

    return draw_document()


def _draw_look(draw, spec: OutlineTree, full_width: bool, biggest: int) -> _Look:
    ladder = spec.ladder
    if full_width:
        brackets = draw(st.sampled_from(_BRACKETS[:1] + _BRACKETS[2:])) if draw(st.integers(0, 4)) == 0 \
            else _BRACKETS[0]
    else:
        brackets = _BRACKETS[1]
    variants = []
    for style in ladder + (("speech-di-dian",) if "speech-di" in ladder else ()):
        if style in _PUNCT_VARIANTS:
            variants.append((style, draw(st.sampled_from(_PUNCT_VARIANTS[style]))))
    separators = []
    for style in ladder:
        separators.append((style, draw(st.sampled_from(_SEPARATORS[style]))))
    wide_digits = full_width and draw(st.integers(0, 3)) == 0
    law_digits = biggest <= 999 and any(s in _LAW_STYLES for s in ladder) and draw(st.integers(0, 5)) == 0
    return _Look(full_width, wide_digits, brackets, tuple(separators), tuple(variants), law_digits,
                 draw(st.booleans()))


def _law_sentence(pick) -> str:
    return pick.choice(_LAW_SUBJECTS) + pick.choice(_LAW_PREDICATES) + "。"


def _heading(draw, words: _Seeded, node: TreeNode, look: _Look, run_in: Optional[bool], titles, noun: str,
             spec: OutlineTree) -> tuple[str, str, str, str]:
    """A heading paragraph: (text, marker, title, run-in remainder)."""
    style = node.style
    marker = _marker(look, style, node.ordinal, node.path, noun)
    p = look.punct
    # the items of an article: 一、 （一） 1. (regulations number them so)
    is_leaf_item = spec.scheme == "law" and style not in _LAW_STYLES
    if titles is not None:
        core = draw(titles)
    elif style in ("law-part", "law-subpart", "law-chapter", "law-section"):
        core = draw(st.sampled_from(_LAW_NOUNS))
        if len(core) == 2 and draw(st.integers(0, 3)) == 0:
            core = core[0] + "\u3000\u3000" + core[1]  # 总　　则
    elif style in ("law-article", "law-clause"):
        core = draw(st.sampled_from(_LAW_SUBJECTS)) + draw(st.sampled_from(_LAW_PREDICATES))
    elif is_leaf_item:
        core = _vo(_Drawn(draw))
    elif style in DISCOURSE_STYLES:
        core = draw(st.sampled_from(("", "要", "进一步"))) + _vo(_Drawn(draw))
    elif style in POINT_STYLES:
        core = _vo(_Drawn(draw))
    else:
        core = _title(_Drawn(draw))
    core = core.replace("，", p("，"))
    if style in ("law-article", "law-clause"):
        mode = "run" if run_in is not False and draw(st.booleans()) else "sentence"
        if run_in is True:
            mode = "run"
    elif is_leaf_item:
        mode = "item"
    elif style in ("law-part", "law-subpart", "law-chapter", "law-section"):
        mode = "line"  # 编, 章 and 节 are never run in
    elif run_in is None:
        mode = draw(st.sampled_from(("line", "run", "sentence", "colon")))
    else:
        mode = "run" if run_in else draw(st.sampled_from(("line", "line", "sentence")))
    rest = ""
    if mode == "line":
        title = core
    elif mode == "colon":
        title = core + p("：")
    elif mode == "item":
        title = core + draw(st.sampled_from(("；", "。", "")))
    elif mode == "sentence":
        title = core + "。"
    else:
        end = draw(st.sampled_from(("。", "。", "。", p("！"), p("？"))))
        title = core + end
        rest = _law_sentence(words) if style.startswith("law") else _sentence(words)
    sep = look.separator(style)
    if style in _NEEDS_SEPARATOR and sep == "":
        probe = marker + title + rest
        if len(probe) > 40 or any(ch in probe for ch in "。；;！？!?"):
            sep = "\u3000"
    return marker + sep + title + rest, marker, title, rest


def _layout(draw, paras: list[_Para], wants: dict) -> str:
    newline = "\r\n" if wants["crlf"] else "\n"
    out: list[str] = []
    line = 1
    if draw(st.integers(0, 7)) == 0:
        lead_blank = draw(st.integers(1, 2))
        out.append(newline * lead_blank)
        line += lead_blank
    for i, para in enumerate(paras):
        if i:
            blanks = {False: 0, True: 1}.get(wants["blank_lines"]) if wants["blank_lines"] != "mixed" \
                else draw(st.integers(0, 2))
            gap = newline
            for _ in range(blanks):
                gap += draw(st.sampled_from(("", "", "", "\u3000", " "))) + newline
            out.append(gap)
            line += 1 + blanks
        para.line = line
        indent = wants["indent"]
        if indent == "mixed":
            indent = draw(st.sampled_from(INDENTS))
        if para.role in ("title", "subtitle", "meta", "noise", "toc") and draw(st.booleans()):
            indent = ""
        trail = draw(st.sampled_from(_TRAILING)) if wants["trailing_space"] and draw(st.integers(0, 3)) == 0 \
            else ""
        out.append(indent + para.text + trail)
    if paras and draw(st.booleans()):
        out.append(newline)
    return "".join(out)
