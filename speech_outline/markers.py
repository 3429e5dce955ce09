"""The marker catalogue: every ordinal style Chinese writers put at a paragraph start.

One `Family` record per family answers every question about it: its pattern, the
scheme and rank that order it against other families, its numerals (how a value is
read and written, and the largest it can write), `render(n)`, the characters it can
start with (read from the pattern), whether it needs a separator, may run on inside
a paragraph, opens a series at a lost line break or is a speech point, and its level
group. Everything else (tokenize, breaks, build, strategies, the docs' table) asks the
records; `match_marker` is the only place that decides whether a paragraph starts
with a marker. A new family is one entry of `CATALOGUE` and its tests.
"""
from __future__ import annotations

import functools
import re
import sys
from typing import Callable, NamedTuple, Optional

import attrs

from ._lazy import LazyPattern
from .model import Marker
from .ordinals import ARABIC_CAPACITY, CHINESE_CAPACITY, chinese_numeral, ordinal_value

# Character classes shared by the patterns. No pattern has a numeral character right after
# a numeral, so a numeral never gives characters back (numerals have no length limit:
# 第1000条, 第一万零一条, 1.1.1.1.1.1): where Python can say so (3.11+,
# possessive quantifiers), a marker that does not match fails without trying shorter
# numerals, a third faster for 第 (nine families start with it).
_KEEP = "+" if sys.version_info >= (3, 11) else ""
CN_NUM = "[一二三四五六七八九十百千][零〇○一二三四五六七八九十百千万萬]{0,15}" + _KEEP
# capital numerals, Simplified and Traditional (貳 參 陸 萬)
CAP_NUM = "[壹贰貳叁參叄肆伍陆陸柒捌玖拾][零壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟万萬]{0,15}" + _KEEP
AR_NUM = "[1-9１-９][0-9０-９]*" + _KEEP
OPEN = r"[（(〔【［\[﹙]"
CLOSE = r"[）)〕】］\]﹚]"
# Arabic numbers in square brackets are citations ([1] 张三……), not headings.
AR_OPEN = r"[（(﹙]"
AR_CLOSE = r"[）)﹚]"
SPACE = " \t\u3000\u00a0"
# Whitespace (every str.isspace character but line breaks; tests/test_markers.py checks the
# list) and the zero-width characters web pages leave: trimmed around paragraph text.
# Written out: working it out costs a few milliseconds of every `import speech_outline`.
LEAD = ("\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
        "\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff")

# What decides "a short heading line" for families that may run into their title
# without a separator (第一章总则) but must not swallow ordinary prose (第一节课上……).
SHORT_HEADING = 40
# A blank inside a marker, as OCR and some sites leave them: 第 1 條, （ 一 ）, 一 、
GAP = "[ \u3000]?"

DISCOURSE_ORDINALS = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}
LAST = 0  # the ordinal of 最后: it may end any series


class Numerals(NamedTuple):
    """How a family writes its numbers: reading a numeral as written, writing one."""

    name: str  # for the documentation
    read: Callable[[str], int]  # raises ValueError for text that is not a numeral
    write: Callable[[int], str]
    capacity: int  # the largest number it can write
    paths: bool = False  # decimal numbering: the numeral is a path (1.2.1), its last number the ordinal


def _arabic(n: int) -> str:
    return str(n)


def _counted(name: str, chars: str) -> Numerals:
    """Numerals that are one character each, counting 1, 2, 3… in the order of `chars`."""
    return Numerals(name, lambda numeral: chars.index(numeral) + 1, lambda n: chars[n - 1], len(chars))


def _enclosed(*ranges: tuple[str, str]) -> Numerals:
    """Numerals that are one character each, counting up from 1 through the code point ranges."""
    chars = "".join(chr(c) for first, last in ranges for c in range(ord(first), ord(last) + 1))
    return _counted(f"enclosed {chars[0]}…{chars[-1]}", chars)


def _read_di_ge(numeral: str) -> int:
    return 1 if numeral == "首先一" else ordinal_value(numeral[1:])  # 第二 → 二


CHINESE = Numerals("Chinese", ordinal_value, chinese_numeral, CHINESE_CAPACITY)
CAPITAL = Numerals("capital Chinese", ordinal_value, functools.partial(chinese_numeral, capital=True),
                   CHINESE_CAPACITY)
ARABIC = Numerals("Arabic", ordinal_value, _arabic, ARABIC_CAPACITY)
DECIMAL = Numerals("decimal path", ordinal_value, _arabic, ARABIC_CAPACITY, paths=True)
DI_GE = Numerals("第 and a Chinese numeral (首先一 for one)", _read_di_ge, lambda n: "第" + chinese_numeral(n),
                 CHINESE_CAPACITY)
DISCOURSE = Numerals("discourse words", DISCOURSE_ORDINALS.__getitem__,
                     {v: k for k, v in DISCOURSE_ORDINALS.items()}.__getitem__, 3)
LATIN = Numerals("Latin capitals", ordinal_value, lambda n: chr(ord("A") + n - 1), 26)
LATIN_LOWER = _counted("Latin lower case", "abcdefghijklmnopqrstuvwxyz")


class Scheme:
    """The numbering schemes: ranks compare within one."""

    LAW = "law"
    GBT9704 = "gbt9704"
    SPEECH = "speech"
    DECIMAL = "decimal"
    COLLECTION = "collection"  # the texts of a compilation page (第一篇, 【篇一】)
    OTHER = "other"


@attrs.frozen(slots=True)
class Family:
    """One marker family of the catalogue: everything the library knows about it."""

    style: str  # stable id, used in JSON output and diagnostics
    pattern: str  # regex for the marker at a paragraph start; group `num` is the numeral
    scheme: str  # one of Scheme: ranks compare within a scheme
    rank: int  # usual order within the scheme, 1 = outermost
    examples: tuple[str, ...]
    description: str
    numerals: Numerals  # how the numeral (group `num`) is read and written
    template: str  # the marker `render` writes, `{}` standing for the numeral: 第{}章
    discourse: bool = False  # a heading only when two of a series start paragraphs (FORMAT rule 3)
    # Must be followed by white space (or end with punctuation, 第一條、): otherwise the
    # separator was lost in copying (第一条本协会……) and the reading is weak.
    needs_separator: bool = False
    short_title: bool = False  # …except in a short heading line, which may run into its title (第一章总则)
    wide_separator: bool = False  # …and one ASCII space is not enough either (1　总则, but 1 总则 is weak)
    weak: bool = False  # every reading is weak (a bare numeral: 二　关于干部队伍的问题)
    inline: bool = False  # writers run it on inside a paragraph (表现在一是……二是……): never a lost break
    structural: bool = False  # opens a series at a lost line break of a long run-on text
    point: bool = False  # a speech point (一是, 首先): seldom has sub-points
    level: Optional[str] = None  # families of one level group are spellings writers mix in a series
    max_ordinal: Optional[int] = None  # when the pattern reads fewer numbers than the numerals write
    # The start of `pattern` that families made by one constructor share (第 and the numeral
    # of the law units): an alternation reads it once for all of them, then tries their
    # tails, which must each start with characters of their own (checked when compiled).
    head: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.pattern.startswith(self.head):
            raise ValueError(f"{self.style}: the pattern does not start with its head")

    @property
    def capacity(self) -> int:
        """The largest ordinal the family can write."""
        return self.max_ordinal if self.max_ordinal is not None else self.numerals.capacity

    @property
    def first_chars(self) -> frozenset[str]:
        """The characters a marker of the family can start with (worked out from the pattern)."""
        return first_chars(self.pattern)

    def render(self, ordinal: int, noun: str = "方面") -> str:
        """The marker of `ordinal`, as the family writes it: ('cn-paren', 3) → （三）
        (`noun`: the noun of 第X个…是)."""
        if not (1 <= ordinal <= self.capacity or (ordinal == LAST and self.numerals is DISCOURSE)):
            raise ValueError(f"{self.style} cannot write {ordinal}")
        return self.template.format(self.numerals.write(ordinal), noun=noun)


def _law(style: str, unit: str, rank: int, examples: tuple[str, ...], description: str,
         strict: bool = False) -> Family:
    """A law unit, Simplified or Traditional (條 節 編), spaced or not (第 1 條), an
    inserted article numbered 第7-1條 or 第二十二条之一 (`sub`), the punctuation after it
    kept (第一章:, 第一條、). 条 and 款 need a separator; 编/章/节 may run into a short
    title (第一章总则). Without one, the reading is weak (第一条本协会……)."""
    written = unit.translate(_TRADITIONAL_UNITS)
    units = unit if written == unit else f"(?:{unit}|{written})"
    return Family(style, rf"{_LAW_HEAD}{units}"
                         rf"(?:之(?P<zhi>[一二三四五六七八九十]{{1,3}}))?(?![课次届期轮批天]|规定|的)(?:[:：、](?!第))?",
                  Scheme.LAW, rank, examples, description, CHINESE, f"第{{}}{unit}", needs_separator=True,
                  short_title=not strict, structural=unit in "编分编章节条", head=_LAW_HEAD)


_LAW_HEAD = rf"第{GAP}(?P<num>{CN_NUM}|{AR_NUM})(?:[-－](?P<sub>{AR_NUM}))?{GAP}"


_TRADITIONAL_UNITS = str.maketrans("编节条", "編節條")


CATALOGUE: tuple[Family, ...] = (
    _law("law-part", "编", 1, ("第一编 总则", "第二編 物權"), "Part (编) of a code or law"),
    _law("law-subpart", "分编", 2, ("第二分编 所有权",), "Sub-part (分编) of a code"),
    _law("law-chapter", "章", 3, ("第一章 总则", "第3章", "第 一 章 總則", "第一章:總則"), "Chapter (章)"),
    _law("law-section", "节", 4, ("第二节 赔偿范围", "第 一 節 健康與安全保障"), "Section (节)"),
    _law("law-article", "条", 5, ("第一千零四十条 本编调整……", "第 7-1 條", "第二十二条之一 ……"), "Article (条)",
         strict=True),
    _law("law-clause", "款", 6, ("第二款 ……",), "Clause (款)", strict=True),
    Family("part", rf"第(?P<num>{CN_NUM}|{AR_NUM})部分", Scheme.GBT9704, 0, ("第一部分 总体要求",),
           "Part (部分) of a plan or report", CHINESE, "第{}部分", needs_separator=True, short_title=True,
           structural=True),
    Family("speech-di", rf"第(?P<num>{CN_NUM})(?:[点點])?[，,、:：]", Scheme.SPEECH, 1,
           ("第一，", "第二、", "第三:", "第四点：", "第五點，"), "Speech ordinal 第X，", CHINESE, "第{}，", inline=True),
    Family("speech-di-ge",
           rf"(?P<num>第{CN_NUM}|首先一)[个個](?P<noun>[^{SPACE}，,。、；;：:“”\"是]{{1,6}}?)"
           r"(?:就是|是|[，,：:])",
           Scheme.SPEECH, 3, ("第二个特点是", "首先一个好是", "第四个好就是"),
           "Speech ordinal 第X个……是 (a series is keyed by its noun: 特点, 好, 方面)", DI_GE, "{}个{noun}是",
           discourse=True, inline=True, point=True),
    Family("speech-qi", r"其(?P<num>[一二三四五六七八九十]{1,3})[，,、:：]", Scheme.SPEECH, 3,
           ("其一，", "其二，"), "Speech ordinal 其X", CHINESE, "其{}，", discourse=True, inline=True, point=True,
           max_ordinal=99),
    # 最后一点，第八点： the last point, its number said again
    Family("speech-discourse", rf"(?P<num>首先|其次|再次|最后)(?:一[点點])?[，,、:：]?(?:第{CN_NUM}[点點][，,、:：])?",
           Scheme.SPEECH, 3, ("首先，", "其次，", "最后，", "最后一点，", "最后一点，第八点："),
           "Discourse ordinals 首先/其次/再次/最后", DISCOURSE, "{}，", discourse=True, inline=True, point=True),
    Family("speech-shi", rf"(?P<num>{CN_NUM})是(?!是)", Scheme.SPEECH, 2, ("一是", "二是"),
           "Speech point 一是 二是", CHINESE, "{}是", inline=True, point=True),
    Family("speech-yao", rf"(?P<num>{CN_NUM})要(?![素求点件紧])", Scheme.SPEECH, 2, ("一要", "二要"),
           "Speech point 一要 二要", CHINESE, "{}要", inline=True, point=True),
    Family("speech-yue", rf"(?P<num>{CN_NUM})曰[:：]?", Scheme.SPEECH, 2, ("一曰", "二曰："),
           "Classical ordinal 一曰 二曰 (old documents and telegrams; 一日 is not one)", CHINESE, "{}曰",
           inline=True, point=True),
    Family("cn-dun",
           rf"(?P<num>{CN_NUM}){GAP}、(?![一二三四五六七八九十](?:[、，,和及至到]|季度|月|年级|等奖|类))",
           Scheme.GBT9704, 1, ("一、", "二十一、", "一 、"), "GB/T 9704 first level 一、", CHINESE, "{}、",
           structural=True, level="first"),
    # (not 七.一建党节, 八.一: a month and a day)
    Family("cn-dot", rf"(?P<num>{CN_NUM})[.．](?![0-9０-９.．一二三四五六七八九十])", Scheme.GBT9704, 1, ("一．", "二."),
           "First level written with a full stop 一．", CHINESE, "{}．", level="first"),
    Family("cap-dun", rf"(?P<num>{CAP_NUM})[、.．]", Scheme.GBT9704, 1, ("壹、", "贰．", "貳、", "參、"),
           "Capital numerals 壹、", CAPITAL, "{}、", structural=True, level="first"),
    Family("cn-paren", rf"{OPEN}{GAP}(?P<num>{CN_NUM}){GAP}{CLOSE}", Scheme.GBT9704, 2,
           ("（一）", "(二)", "〔三〕", "（ 四 ）"),
           "GB/T 9704 second level （一）, any bracket width", CHINESE, "（{}）", structural=True,
           level="second"),
    Family("cn-enclosed", r"(?P<num>[㈠-㈩])", Scheme.GBT9704, 2, ("㈠", "㈡"),
           "Parenthesised ideograph ㈠", _enclosed(("㈠", "㈩")), "{}", level="second"),
    Family("decimal",
           rf"(?P<num>{AR_NUM}(?:[.．][0-9０-９]+)+)[.．]?"
           rf"(?=[{SPACE}]|[\u4e00-\u9fff“《（(])(?![{SPACE}]*[的中亿万千百元年月日倍个号%％])",
           Scheme.DECIMAL, 1, ("1.1 编制目的", "1.2.1 国家级"), "Decimal numbering 1.1, 1.2.1", DECIMAL, "1.{}"),
    Family("arabic-dot", rf"(?P<num>{AR_NUM})[.．](?![0-9０-９.．])", Scheme.GBT9704, 3,
           ("1.", "１．"), "GB/T 9704 third level 1.", ARABIC, "{}.", level="third"),
    Family("arabic-dun", rf"(?P<num>{AR_NUM}){GAP}、(?![0-9０-９])", Scheme.GBT9704, 3, ("1、", "12、", "3 、"),
           "Third level written 1、", ARABIC, "{}、", level="third"),
    Family("arabic-comma", rf"(?P<num>{AR_NUM})[,，](?![0-9０-９])", Scheme.GBT9704, 3, ("1, 主持日常工作",),
           "Third level written with a comma 1, (only where its series proves it: 1,000 and 3，4月 are numbers)",
           ARABIC, "{},", level="third", weak=True),
    Family("arabic-paren", rf"{AR_OPEN}{GAP}(?P<num>{AR_NUM}){GAP}{AR_CLOSE}", Scheme.GBT9704, 4,
           ("（1）", "(2)", "（１）", "( 3 )"),
           "GB/T 9704 fourth level （1）", ARABIC, "（{}）", level="fourth"),
    Family("arabic-half-paren", rf"(?P<num>{AR_NUM})[)）]", Scheme.GBT9704, 5, ("1)", "2）"),
           "Fifth level 1)", ARABIC, "{})"),
    Family("circled", r"(?P<num>[①-⑳㉑-㉟㊱-㊿])", Scheme.GBT9704, 5, ("①", "⑫"), "Circled digits ①",
           _enclosed(("①", "⑳"), ("㉑", "㉟"), ("㊱", "㊿")), "{}"),
    Family("paren-digit", r"(?P<num>[⑴-⒇])", Scheme.GBT9704, 4, ("⑴", "⑵"), "Parenthesised digit ⑴",
           _enclosed(("⑴", "⒇")), "{}", level="fourth"),
    Family("digit-stop", r"(?P<num>[⒈-⒛])", Scheme.GBT9704, 3, ("⒈", "⒉"), "Digit with full stop ⒈",
           _enclosed(("⒈", "⒛")), "{}", level="third"),
    Family("roman", r"(?P<num>[Ⅰ-Ⅻ])[、.．]?", Scheme.OTHER, 0, ("Ⅰ、", "Ⅱ．"), "Roman numerals Ⅰ、",
           _enclosed(("Ⅰ", "Ⅻ")), "{}、"),
    Family("stem", r"(?P<num>[甲乙丙丁戊己庚辛壬癸])、(?![甲乙丙丁戊己庚辛壬癸]|[双三]方)", Scheme.OTHER, 3,
           ("甲、", "乙、"), "Heavenly stems 甲、乙、丙、 (甲 = 1 … 癸 = 10)",
           _counted("heavenly stems", "甲乙丙丁戊己庚辛壬癸"), "{}、"),
    Family("latin", r"(?P<num>[A-Z])[、．]", Scheme.OTHER, 2, ("A、", "B．"), "Latin capitals A、", LATIN, "{}、"),
    # GB/T 1.1 list items, below the clause above them (a decimal clause ranks by its depth):
    # not a list run into the prose (a) b) c)、…), English (a) the …) or a formula (x)=…)
    Family("latin-lower",
           rf"(?P<num>[a-z])[)）](?![{SPACE}]*(?:[a-z][)）]|[A-Za-z]+[{SPACE}]+[A-Za-z]|[=+\-*/^<>×÷±≤≥]))"
           r"(?![、，,和与及或至到~～])",
           Scheme.DECIMAL, 9, ("a)", "b）"), "GB/T 1.1 list item a), with 1) below it", LATIN_LOWER, "{})",
           inline=True),
    Family("decimal-bare",
           rf"(?P<num>{AR_NUM})(?=[{SPACE}]|[\u4e00-\u9fff])(?![{SPACE}]*[0-9０-９年月日号时分秒岁万亿元个%％多余倍])",
           Scheme.DECIMAL, 1, ("1　总则",),
           "A bare section number before a wide space (1　总则); before one space (1 总则) or glued to its "
           "title (1做好……) only where its series proves it", DECIMAL, "{}", needs_separator=True,
           wide_separator=True),
    Family("collection", rf"第(?P<num>{CN_NUM})篇(?=[{SPACE}]|$)", Scheme.COLLECTION, 1, ("第一篇", "第二篇 讲话稿"),
           "A text of a compilation page (第一篇): each text's own headings nest below", CHINESE, "第{}篇",
           level="collection"),
    Family("collection-label", rf"{OPEN}?(?:篇|范文)(?P<num>{CN_NUM}){CLOSE}?(?:[:：]|(?=[{SPACE}]|$))",
           Scheme.COLLECTION, 1, ("【篇一】", "篇二", "范文三："),
           "A text of a compilation page labelled 【篇一】, 篇一 or 范文一", CHINESE, "【篇{}】", level="collection"),
    Family("cn-bare", rf"(?P<num>{CN_NUM})(?=[{SPACE}]|$)", Scheme.GBT9704, 1, ("二　关于干部队伍的问题", "三"),
           "A bare numeral before a space or alone on its line (collected works): only where its series "
           "proves it", CHINESE, "{}", weak=True),
)

_BY_STYLE = {f.style: f for f in CATALOGUE}


@functools.lru_cache(maxsize=None)
def first_chars(pattern: str, group: Optional[str] = None) -> frozenset[str]:
    """The characters a match of `pattern` (or of its named `group`) can start with,
    read from the parsed pattern: a family's first characters are never listed by hand."""
    from re import _parser as parser  # noqa: PLC0415 (the standard library's own parser)

    parsed = parser.parse(pattern)
    items = parsed if group is None else _named_group(parsed, parsed.state.groupdict[group])
    chars, _nullable = _firsts(items)
    return frozenset(chars)


def _named_group(items, number: int):
    from re import _constants as c

    for op, av in items:
        if op is c.SUBPATTERN and av[0] == number:
            return av[3]
        for sub in _subpatterns(op, av):
            found = _named_group(sub, number)
            if found is not None:
                return found
    return None


def _subpatterns(op, av):
    from re import _constants as c

    if op is c.SUBPATTERN:
        return [av[3]]
    if op is c.BRANCH:
        return av[1]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return [av[2]]
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [av[1]]
    if op is c.ATOMIC_GROUP:
        return [av]
    return []


def _class_chars(items) -> set[str]:
    """The characters of a parsed character class ([一二三], [1-9])."""
    from re import _constants as c

    found: set[str] = set()
    for kind, value in items:
        if kind is c.LITERAL:
            found.add(chr(value))
        elif kind is c.RANGE:
            found.update(chr(x) for x in range(value[0], value[1] + 1))
        else:
            raise ValueError(f"cannot list the characters of {kind}")
    return found


def _firsts(items) -> tuple[set[str], bool]:
    """(the first characters of a sequence of parsed items, whether it can match nothing)."""
    from re import _constants as c

    found: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            return found | {chr(av)}, False
        if op is c.IN:
            return found | _class_chars(av), False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # takes no character
        if op is c.BRANCH:
            nullable = False
            for branch in av[1]:
                chars, empty = _firsts(branch)
                found |= chars
                nullable = nullable or empty
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            chars, empty = _firsts(av[2])
            found |= chars
            nullable = empty or av[0] == 0
        elif op in (c.SUBPATTERN, c.ATOMIC_GROUP):
            chars, nullable = _firsts(_subpatterns(op, av)[0])
            found |= chars
        else:
            raise ValueError(f"cannot list the first characters of {op}")
        if not nullable:
            return found, False
    return found, True


def marker_start() -> frozenset[str]:
    """Characters a marker can start with: most paragraphs are dismissed by this one test."""
    return _marker_start()


@functools.lru_cache(maxsize=1)
def _marker_start() -> frozenset[str]:
    return frozenset().union(*(f.first_chars for f in CATALOGUE))


class _Alternative(NamedTuple):
    """One family inside a `_Matcher`'s alternation."""

    index: int  # its place in the matcher's families
    family: Family
    group: str  # the alternation's group that ends where the family's marker ends
    names: dict[str, str]  # the family's group names → the alternation's: num → num3
    readings: dict[str, Optional["MarkerMatch"]]  # the family's readings, see _READINGS


class _Matcher(NamedTuple):
    """The families that can start with one character (from one of them on): tried as
    one alternation."""

    match: Callable[[str, int], Optional["re.Match[str]"]]  # the alternation's, bound
    families: tuple[Family, ...]  # all the families of the character
    alternatives: dict[str, _Alternative]  # by the alternation's group of each family tried
    # When the first fit is refused (a separator lost, where weak readings are not asked
    # for), the families after it are tried as one alternation of their own: by where they start.
    rest: dict[int, Optional["_Matcher"]]


# Matching uses the standard library's re; a character's alternation is compiled the
# first time a paragraph starts with it, so that `import speech_outline` stays quick.
_BY_FIRST_CHAR: dict[str, Optional[_Matcher]] = {}
_UNSEEN = object()  # a first character not looked at yet
_LEAD_RUN = "[" + "".join(f"\\u{ord(c):04x}" for c in LEAD) + "]*"  # the white space after a marker
_GROUP = LazyPattern(r"\(\?P<(\w+)>")


def _matcher_for(ch: str) -> Optional[_Matcher]:
    families = tuple(f for f in CATALOGUE if ch in f.first_chars)
    found = _BY_FIRST_CHAR[ch] = _matcher(families, 0, {}) if families else None
    return found


def _rest(matcher: _Matcher, start: int) -> Optional[_Matcher]:
    found = matcher.rest.get(start, _UNSEEN)
    if found is _UNSEEN:
        found = matcher.rest[start] = (_matcher(matcher.families, start, matcher.rest)
                                       if start < len(matcher.families) else None)
    return found  # type: ignore[return-value]


def _renamed(pattern: str, suffix: str) -> str:
    """`pattern` with `suffix` added to its group names: an alternation's names are unique."""
    return _GROUP.sub(lambda m: f"(?P<{m.group(1)}{suffix}>", pattern)


def _matcher(families: tuple[Family, ...], start: int, rest: dict[int, Optional[_Matcher]]) -> _Matcher:
    """The alternation of `families[start:]`, in order. Adjacent families that share a head
    (see `Family.head`) are one branch: the head, then their tails."""
    branches = []
    alternatives = {}
    i = start
    while i < len(families):
        head = families[i].head
        end = i + 1
        while head and end < len(families) and families[end].head == head:
            end += 1
        if end - i == 1:
            head = ""
        else:
            _check_tails(families[i:end])
        head_names = {name: f"{name}h{i}" for name in _GROUP.findall(head)}
        tails = []
        for j in range(i, end):
            fam = families[j]
            tail = fam.pattern[len(head):]
            names = {name: f"{name}{j}" for name in _GROUP.findall(tail)} | head_names
            alternatives[f"f{j}"] = _Alternative(j, fam, f"f{j}", names, _READINGS.setdefault(fam.style, {}))
            tails.append(f"(?P<f{j}>{_renamed(tail, str(j))})")
        branches.append(f"{_renamed(head, f'h{i}')}(?:{'|'.join(tails)})" if head else "|".join(tails))
        i = end
    return _Matcher(re.compile(f"(?:{'|'.join(branches)}){_LEAD_RUN}").match, families, alternatives, rest)


def _check_tails(families: tuple[Family, ...]) -> None:
    """Families read as one head and their tails must be told apart by their tails' first
    characters, none of which the head can read: then however the head is read, at most
    one tail can follow it, and the branch matches what the families' own patterns, tried
    in turn, would."""
    seen = _mentioned(families[0].head)
    for fam in families:
        firsts = first_chars(fam.pattern[len(fam.head):])
        if firsts & seen:
            raise ValueError(f"{fam.style}: its tail may start like another's, or with what the head reads")
        seen |= firsts


def _mentioned(pattern: str) -> set[str]:
    """Every character `pattern` can read."""
    from re import _constants as c, _parser as parser  # noqa: PLC0415

    found: set[str] = set()

    def walk(items) -> None:
        for op, av in items:
            if op is c.LITERAL:
                found.add(chr(av))
            elif op is c.IN:
                found.update(_class_chars(av))
            for sub in _subpatterns(op, av):
                walk(sub)

    walk(parser.parse(pattern))
    return found


_ALONE: dict[str, tuple["re.Pattern[str]", _Alternative]] = {}  # by style (a Family is slow to hash)


def _alone(family: Family) -> tuple["re.Pattern[str]", _Alternative]:
    """The family's own pattern (for `match_family`)."""
    found = _ALONE.get(family.style)
    if found is None:
        names = {name: name for name in _GROUP.findall(family.pattern)}
        found = _ALONE[family.style] = (re.compile(f"(?P<marker>{family.pattern}){_LEAD_RUN}"),
                                        _Alternative(0, family, "marker", names, _READINGS[family.style]))
    return found

# A title ends after the first sentence-ending mark; a half-width '.' only when it
# is not part of a number and is followed by white space or the end. (One character
# class first: the search tests each character against it in C, and tries the rest of
# the pattern only at sentence-ending marks.)
SENTENCE_END = LazyPattern(r"[。！？｡!?.](?<![0-9０-９]\.)(?:(?<!\.)|(?=\s|$))")
HEADING_BREAK = LazyPattern(r"[。；;！？!?]")


@attrs.frozen(slots=True)
class MarkerMatch:
    """A marker found at the start of a paragraph (or at a lost line break inside one)."""

    family: Family
    text: str  # the marker as written, without trailing white space
    ordinal: int
    path: tuple[int, ...]  # decimal numbering: (1, 2, 1); otherwise empty
    series: str  # what continues what: the style, plus the noun of 第X个…是 or the decimal depth
    title_start: int  # where the title begins, counted from the marker's first character
    numeral: str  # the numeral as written in `text`
    sub: int = 0  # an inserted article: 1 for 第7-1條 and 第七条之一 (whose ordinal is 7)
    weak: bool = False  # a heading only where its series proves it (separator lost, bare numeral)
    style: str = attrs.field(init=False)  # the family's, read often enough to be a field
    marker: Marker = attrs.field(init=False)  # the public value of a heading with this marker
    first: str = attrs.field(init=False)  # this marker as written for number one: renumbered(1)

    @style.default
    def _style(self) -> str:
        return self.family.style

    @marker.default
    def _marker(self) -> Marker:
        return Marker(self.text, self.style, self.ordinal, self.path)

    @first.default
    def _first(self) -> str:
        return self.renumbered(1)

    def renumbered(self, ordinal: int) -> str:
        """This marker as written, numbered `ordinal`: （2） → （1）, 1.2.3 → 1.2.1 (the
        writer's brackets and punctuation are kept)."""
        numerals = self.family.numerals
        new = numerals.write(ordinal)
        if numerals.paths:
            new = self.numeral[:max(self.numeral.rfind("."), self.numeral.rfind("．")) + 1] + new
        return self.text.replace(self.numeral, new, 1)

    def title(self, text: str) -> str:
        """The heading title in `text`, the paragraph that starts with this marker.

        Computed on demand: a candidate inside a long paragraph that never becomes a
        heading must not cost a scan to the paragraph's end."""
        return cut_title(text, self.title_start)


def match_marker(text: str, pos: int = 0, weak: bool = False) -> Optional[MarkerMatch]:
    """The marker at `text[pos:]` (a paragraph without indentation), if any. With `weak`,
    also a weak reading (`MarkerMatch.weak`): a marker whose separator was lost
    (第一条本协会……) or a bare numeral (二　关于……), a heading only where its series
    proves it (build decides)."""
    ch = text[pos:pos + 1]
    matcher = _BY_FIRST_CHAR.get(ch, _UNSEEN)
    if matcher is _UNSEEN:
        matcher = _matcher_for(ch)
    if matcher is None:
        return None
    m = matcher.match(text, pos)
    if m is None:
        return None
    first = matcher.alternatives[m.lastgroup]
    fam = first.family
    # the usual case, a marker read before (and, if it needs one, a space after it): no call
    if not fam.needs_separator or (m.end() > m.end(first.group) and not fam.wide_separator):
        found = first.readings.get(m.group())
        if found is not None and (weak or not found.weak):
            return found
    found = _read_match(first, m, text, pos, weak)
    while found is None:  # the first fit was refused: try the families after it
        rest = _rest(matcher, first.index + 1)
        m = rest.match(text, pos) if rest is not None else None
        if m is None:
            return None
        first = rest.alternatives[m.lastgroup]
        found = _read_match(first, m, text, pos, weak)
    return found


def match_family(family: Family, text: str, pos: int = 0, weak: bool = False) -> Optional[MarkerMatch]:
    """The marker of `family` at `text[pos:]`, if any (whatever other families would read
    there); with `weak`, also a weak reading, as `match_marker`."""
    pattern, alone = _alone(family)
    m = pattern.match(text, pos)
    return None if m is None else _read_match(alone, m, text, pos, weak)


# Readings of markers as written (with the white space after them), by family: a
# document repeats the same few markers, and an archive repeats them across documents.
_READINGS: dict[str, dict[str, Optional[MarkerMatch]]] = {f.style: {} for f in CATALOGUE}
_READINGS_MAX = 1 << 12  # readings kept per family
_UNREAD = object()


_SEPARATING_MARKS = frozenset(":：、")  # a marker that ends with one is separated from its title
_WIDE = frozenset("\t\u3000")


def _separated(found: _Alternative, m: "re.Match[str]", text: str, pos: int) -> bool:
    """Whether the marker of a family that needs a separator has one."""
    family = found.family
    end = m.end(found.group)
    if end == len(text) or text[end - 1] in _SEPARATING_MARKS:
        return True
    gap = m.end() - end  # the white space after the marker
    if not gap:
        return family.short_title and _short_heading(text, pos)
    return not family.wide_separator or gap > 1 or text[end] in _WIDE


def _read_match(found: _Alternative, m: "re.Match[str]", text: str, pos: int,
                weak: bool) -> Optional[MarkerMatch]:
    """`m` matched the marker of `found` (its group) and the white space after it; a weak
    reading only when `weak` allows it."""
    written = m.group()
    if found.family.needs_separator and not _separated(found, m, text, pos):
        if not weak:
            return None
        written = "\n" + written  # the weak reading's key: a paragraph holds no line break
    readings = found.readings
    reading = readings.get(written, _UNREAD)
    if reading is _UNREAD:
        if len(readings) >= _READINGS_MAX:
            readings.clear()
        reading = readings[written] = _reading(found, m, pos, written[0] == "\n")
    if reading is not None and reading.weak and not weak:
        return None
    return reading


def _reading(found: _Alternative, m: "re.Match[str]", pos: int, glued: bool) -> Optional[MarkerMatch]:
    """The value of a marker as written; None when its numeral is not a number."""
    family, numerals, names = found.family, found.family.numerals, found.names
    numeral = m.group(names["num"])
    noun = m.group(names["noun"]) if "noun" in names else None
    sub = (m.group(names["sub"]) if "sub" in names else None) or (m.group(names["zhi"]) if "zhi" in names else None)
    try:
        if numerals.paths:
            path = tuple(numerals.read(part) for part in re.split(r"[.．]", numeral))
            ordinal = path[-1]
        else:
            path = ()
            ordinal = numerals.read(numeral)
        inserted = ordinal_value(sub) if sub else 0
    except (ValueError, KeyError):
        return None
    if noun is not None:
        series = f"{family.style}:{noun}"  # 第二个特点 and 第二个好 are two series
    elif path:
        series = f"{family.scheme}-{len(path)}"  # 1.2 continues 1.1 whether or not it has a dot after
    else:
        series = family.style
    return MarkerMatch(family, m.string[pos:m.end(found.group)].rstrip(LEAD), ordinal, path, series, m.end() - pos, numeral,
                       inserted, glued or family.weak)


def cut_title(text: str, start: int = 0) -> str:
    """The heading title in `text` from `start`: the rest of the line, or its first
    sentence for a run-in heading."""
    end = SENTENCE_END.search(text, start)
    return text[start:end.end() if end else len(text)].strip(LEAD)


def _short_heading(text: str, pos: int) -> bool:
    return len(text) - pos <= SHORT_HEADING and not HEADING_BREAK.search(text, pos)


def family(style: str) -> Family:
    """The catalogue entry of a style id."""
    return _BY_STYLE[style]
