"""The marker catalogue: every ordinal style Chinese writers put at a paragraph start.

One entry per family, as data: its pattern, the scheme and rank that order it
against other families, and examples. `match_marker` is the only place that
decides whether a paragraph starts with a marker; the documentation's table is
generated from `CATALOGUE`.
"""
from __future__ import annotations

import functools
import re
import sys
from typing import TYPE_CHECKING, Callable, Optional

import attrs

from .model import Marker
from .ordinals import ordinal_value

if TYPE_CHECKING:
    import regex

# Character classes shared by the patterns. No pattern has a numeral character right after
# a numeral, so a numeral never gives characters back: where Python can say so (3.11+,
# possessive quantifiers), a marker that does not match fails without trying shorter
# numerals, a third faster for 第 (nine families start with it).
_KEEP = "+" if sys.version_info >= (3, 11) else ""
CN_NUM = "[一二三四五六七八九十百千][零〇○一二三四五六七八九十百千]{0,7}" + _KEEP
CAP_NUM = "[壹贰叁肆伍陆柒捌玖拾][零壹贰叁肆伍陆柒捌玖拾佰仟]{0,5}" + _KEEP
AR_NUM = "[1-9１-９][0-9０-９]{0,2}" + _KEEP
OPEN = r"[（(〔【［\[﹙]"
CLOSE = r"[）)〕】］\]﹚]"
# Arabic numbers in square brackets are citations ([1] 张三……), not headings.
AR_OPEN = r"[（(﹙]"
AR_CLOSE = r"[）)﹚]"
SPACE = " \t\u3000\u00a0"
# Whitespace (and zero-width characters web pages leave) trimmed around paragraph text.
LEAD = "".join(sorted({chr(c) for c in range(0x3001) if chr(c).isspace()} - {"\n", "\r"}
                      | set(SPACE) | set("\u200b\u200c\u200d\u2060\ufeff")))

# What decides "a short heading line" for families that may run into their title
# without a separator (第一章总则) but must not swallow ordinary prose (第一节课上……).
SHORT_HEADING = 40

DISCOURSE_ORDINALS = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}
LAST = 0  # the ordinal of 最后: it may end any series


@attrs.frozen(slots=True)
class Family:
    """One marker family of the catalogue."""

    style: str  # stable id, used in JSON output and diagnostics
    pattern: str  # regex for the marker at a paragraph start; group `num` is the numeral
    scheme: str  # law, gbt9704, speech, decimal or other: ranks compare within a scheme
    rank: int  # usual order within the scheme, 1 = outermost
    examples: tuple[str, ...]
    description: str
    discourse: bool = False  # a heading only when two of a series start paragraphs (FORMAT rule 3)
    needs_separator: bool = False  # must be followed by space/punctuation, unless a short line


def _law(style: str, unit: str, rank: int, examples: tuple[str, ...], description: str,
         strict: bool = False) -> Family:
    # 条 and 款 must be followed by a separator; 编/章/节 may run into a short title.
    after = rf"(?=[{SPACE}]|$|[:：])" if strict else ""
    return Family(style, rf"第(?P<num>{CN_NUM}|{AR_NUM})\s*{unit}(?![课次届期轮批天]){after}", "law", rank, examples,
                  description, needs_separator=not strict)


CATALOGUE: tuple[Family, ...] = (
    _law("law-part", "编", 1, ("第一编 总则",), "Part (编) of a code or law"),
    _law("law-subpart", "分编", 2, ("第二分编 所有权",), "Sub-part (分编) of a code"),
    _law("law-chapter", "章", 3, ("第一章 总则", "第3章"), "Chapter (章)"),
    _law("law-section", "节", 4, ("第二节 赔偿范围",), "Section (节)"),
    _law("law-article", "条", 5, ("第一千零四十条 本编调整……",), "Article (条)", strict=True),
    _law("law-clause", "款", 6, ("第二款 ……",), "Clause (款)", strict=True),
    Family("part", rf"第(?P<num>{CN_NUM}|{AR_NUM})部分", "gbt9704", 0, ("第一部分 总体要求",),
           "Part (部分) of a plan or report", needs_separator=True),
    Family("speech-di", rf"第(?P<num>{CN_NUM})(?:点)?[，,、:：]", "speech", 1,
           ("第一，", "第二、", "第三:"), "Speech ordinal 第X，"),
    Family("speech-di-ge",
           rf"(?P<num>第{CN_NUM}|首先一)个(?P<noun>[^{SPACE}，,。、；;：:“”\"是]{{1,6}}?)"
           r"(?:就是|是|[，,：:])",
           "speech", 3, ("第二个特点是", "首先一个好是", "第四个好就是"),
           "Speech ordinal 第X个……是 (a series is keyed by its noun: 特点, 好, 方面)", discourse=True),
    Family("speech-qi", r"其(?P<num>[一二三四五六七八九十]{1,3})[，,、:：]", "speech", 3,
           ("其一，", "其二，"), "Speech ordinal 其X", discourse=True),
    Family("speech-discourse", r"(?P<num>首先|其次|再次|最后)[，,、:：]?", "speech", 3,
           ("首先，", "其次，", "最后，"), "Discourse ordinals 首先/其次/再次/最后", discourse=True),
    Family("speech-shi", rf"(?P<num>{CN_NUM})是(?!是)", "speech", 2, ("一是", "二是"),
           "Speech point 一是 二是"),
    Family("speech-yao", rf"(?P<num>{CN_NUM})要(?![素求点件紧])", "speech", 2, ("一要", "二要"),
           "Speech point 一要 二要"),
    Family("cn-dun",
           rf"(?P<num>{CN_NUM})、(?![一二三四五六七八九十](?:[、，,和及至到]|季度|月|年级|等奖|类))",
           "gbt9704", 1, ("一、", "二十一、"), "GB/T 9704 first level 一、"),
    Family("cn-dot", rf"(?P<num>{CN_NUM})[.．](?![0-9０-９.．])", "gbt9704", 1, ("一．", "二."),
           "First level written with a full stop 一．"),
    Family("cap-dun", rf"(?P<num>{CAP_NUM})[、.．]", "gbt9704", 1, ("壹、", "贰．"),
           "Capital numerals 壹、"),
    Family("cn-paren", rf"{OPEN}(?P<num>{CN_NUM}){CLOSE}", "gbt9704", 2, ("（一）", "(二)", "〔三〕"),
           "GB/T 9704 second level （一）, any bracket width"),
    Family("cn-enclosed", r"(?P<num>[㈠-㈩])", "gbt9704", 2, ("㈠", "㈡"),
           "Parenthesised ideograph ㈠"),
    Family("decimal",
           rf"(?P<num>{AR_NUM}(?:[.．][0-9０-９]{{1,3}}){{1,5}})[.．]?"
           rf"(?=[{SPACE}]|[\u4e00-\u9fff“《（(])(?![{SPACE}]*[的中亿万千百元年月日倍个号%％])",
           "decimal", 1, ("1.1 编制目的", "1.2.1 国家级"), "Decimal numbering 1.1, 1.2.1"),
    Family("arabic-dot", rf"(?P<num>{AR_NUM})[.．](?![0-9０-９.．])", "gbt9704", 3,
           ("1.", "１．"), "GB/T 9704 third level 1."),
    Family("arabic-dun", rf"(?P<num>{AR_NUM})、(?![0-9０-９])", "gbt9704", 3, ("1、", "12、"),
           "Third level written 1、"),
    Family("arabic-paren", rf"{AR_OPEN}(?P<num>{AR_NUM}){AR_CLOSE}", "gbt9704", 4, ("（1）", "(2)", "（１）"),
           "GB/T 9704 fourth level （1）"),
    Family("arabic-half-paren", rf"(?P<num>{AR_NUM})[)）]", "gbt9704", 5, ("1)", "2）"),
           "Fifth level 1)"),
    Family("circled", r"(?P<num>[①-⑳㉑-㉟㊱-㊿])", "gbt9704", 5, ("①", "⑫"), "Circled digits ①"),
    Family("paren-digit", r"(?P<num>[⑴-⒇])", "gbt9704", 4, ("⑴", "⑵"), "Parenthesised digit ⑴"),
    Family("digit-stop", r"(?P<num>[⒈-⒛])", "gbt9704", 3, ("⒈", "⒉"), "Digit with full stop ⒈"),
    Family("roman", r"(?P<num>[Ⅰ-Ⅻ])[、.．]?", "other", 1, ("Ⅰ、", "Ⅱ．"), "Roman numerals Ⅰ、"),
    Family("latin", r"(?P<num>[A-Z])[、．]", "other", 2, ("A、", "B．"), "Latin capitals A、"),
    Family("decimal-bare",
           rf"(?P<num>{AR_NUM})(?=[\t\u3000]|  )(?![{SPACE}]*[年月日号时分秒岁万亿元个%％])",
           "decimal", 1, ("1　总则",), "A bare section number before a wide space (1　总则)",
           needs_separator=True),
)

_BY_STYLE = {f.style: f for f in CATALOGUE}
# Characters a marker can start with: most paragraphs are dismissed by this one test.
MARKER_START = frozenset(
    "第首其再最一二三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾（(〔【［[﹙"
    "123456789１２３４５６７８９ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "".join(chr(c) for c in range(0x2460, 0x249C))  # ①-⑳ ⑴-⒇ ⒈-⒛
    + "".join(chr(c) for c in range(0x3220, 0x322A))  # ㈠-㈩
    + "".join(chr(c) for c in range(0x3251, 0x3260))  # ㉑-㉟
    + "".join(chr(c) for c in range(0x32B1, 0x32C0))  # ㊱-㊿
    + "".join(chr(c) for c in range(0x2160, 0x216C))  # Ⅰ-Ⅻ
)


@attrs.frozen(slots=True)
class _Alternative:
    """One family inside a `_Matcher`'s alternation."""

    index: int  # its place in the matcher's families
    family: Family
    group: str  # the alternation's group of the whole marker
    num: str  # …of its numeral
    noun: Optional[str]  # …of the noun of 第X个…是
    readings: dict[str, Optional["MarkerMatch"]]  # the family's readings, see _READINGS


@attrs.frozen(slots=True)
class _Matcher:
    """The families that can start with one character: tried as one alternation first."""

    match: Callable[[str, int], Optional["re.Match[str]"]]  # the alternation's, bound
    families: tuple[Family, ...]
    alternatives: dict[str, _Alternative]  # by the alternation's group of each family


# Matching uses the standard library's re (several times faster a call than regex);
# the regex module's partial matching works out which characters can start a family.
# Both are done the first time a paragraph starts with a given character, so that
# `import speech_outline` stays quick.
_BY_FIRST_CHAR: dict[str, Optional[_Matcher]] = {}
_UNSEEN = object()  # a first character not looked at yet
_LEAD_RUN = "[" + "".join(f"\\u{ord(c):04x}" for c in LEAD) + "]*"  # the white space after a marker
_NOUN = "(?P<noun>"


def _matcher_for(ch: str) -> Optional[_Matcher]:
    families = tuple(f for f in CATALOGUE if ch in MARKER_START and _partial(f).match(ch, partial=True))
    patterns = []
    alternatives = {}
    for i, fam in enumerate(families):
        pattern = fam.pattern.replace("(?P<num>", f"(?P<num{i}>").replace("(?P<noun>", f"(?P<noun{i}>")
        patterns.append(f"(?P<f{i}>{pattern})")
        alternatives[f"f{i}"] = _Alternative(i, fam, f"f{i}", f"num{i}", f"noun{i}" if _NOUN in fam.pattern else None,
                                             _READINGS[fam.style])
    found = _BY_FIRST_CHAR[ch] = (_Matcher(re.compile(f"(?:{'|'.join(patterns)}){_LEAD_RUN}").match, families,
                                           alternatives) if families else None)
    return found


@functools.lru_cache(maxsize=None)
def _partial(family: Family) -> "regex.Pattern[str]":
    import regex  # only for partial matching, once per family

    return regex.compile(family.pattern)


@functools.lru_cache(maxsize=None)
def _alone(family: Family) -> tuple["re.Pattern[str]", _Alternative]:
    """The family's own pattern, for when the alternation's first fit is refused."""
    noun = "noun" if _NOUN in family.pattern else None
    return (re.compile(f"(?P<marker>{family.pattern}){_LEAD_RUN}"),
            _Alternative(0, family, "marker", "num", noun, _READINGS[family.style]))

# A title ends after the first sentence-ending mark; a half-width '.' only when it
# is not part of a number and is followed by white space or the end. (One character
# class first: the search tests each character against it in C, and tries the rest of
# the pattern only at sentence-ending marks.)
SENTENCE_END = re.compile(r"[。！？｡!?.](?<![0-9０-９]\.)(?:(?<!\.)|(?=\s|$))")
HEADING_BREAK = re.compile(r"[。；;！？!?]")


@attrs.frozen(slots=True)
class MarkerMatch:
    """A marker found at the start of a paragraph (or at a lost line break inside one)."""

    family: Family
    text: str  # the marker as written, without trailing white space
    ordinal: int
    path: tuple[int, ...]  # decimal numbering: (1, 2, 1); otherwise empty
    series: str  # what continues what: the style, plus the noun of 第X个…是 or the decimal depth
    title_start: int  # where the title begins, counted from the marker's first character
    style: str = attrs.field(init=False)  # the family's, read often enough to be a field
    marker: Marker = attrs.field(init=False)  # the public value of a heading with this marker

    @style.default
    def _style(self) -> str:
        return self.family.style

    @marker.default
    def _marker(self) -> Marker:
        return Marker(self.text, self.style, self.ordinal, self.path)

    def title(self, text: str) -> str:
        """The heading title in `text`, the paragraph that starts with this marker.

        Computed on demand: a candidate inside a long paragraph that never becomes a
        heading must not cost a scan to the paragraph's end."""
        return cut_title(text, self.title_start)


def match_marker(text: str, pos: int = 0) -> Optional[MarkerMatch]:
    """The marker at `text[pos:]` (a paragraph without indentation), if any."""
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
    if not first.family.needs_separator:  # the usual case, a marker read before: no call
        found = first.readings.get(m.group())
        if found is not None:
            return found
    found = _read_match(first, m, text, pos)
    if found is not None:
        return found
    for family in matcher.families[first.index + 1:]:  # the first fit was refused: try the rest
        pattern, alone = _alone(family)
        m = pattern.match(text, pos)
        if m is not None:
            found = _read_match(alone, m, text, pos)
            if found is not None:
                return found
    return None


# Readings of markers as written (with the white space after them), by family: a
# document repeats the same few markers, and an archive repeats them across documents.
_READINGS: dict[str, dict[str, Optional[MarkerMatch]]] = {f.style: {} for f in CATALOGUE}
_READINGS_MAX = 1 << 12  # readings kept per family
_UNREAD = object()


def _read_match(found: _Alternative, m: "re.Match[str]", text: str, pos: int) -> Optional[MarkerMatch]:
    """`m` matched the marker of `found` (its group) and the white space after it."""
    if found.family.needs_separator:
        end = m.end(found.group)
        after = text[end:end + 1]
        if after and after not in SPACE and not _short_heading(text, pos):
            return None
    written = m.group()
    readings = found.readings
    reading = readings.get(written, _UNREAD)
    if reading is _UNREAD:
        if len(readings) >= _READINGS_MAX:
            readings.clear()
        reading = readings[written] = _reading(found.family, m.group(found.group).rstrip(LEAD),
                                               m.group(found.num), found.noun and m.group(found.noun),
                                               m.end() - pos)
    return reading


def _reading(family: Family, written: str, numeral: str, noun: Optional[str],
             title_start: int) -> Optional[MarkerMatch]:
    """The value of a marker as written; None when its numeral is not a number."""
    path: tuple[int, ...] = ()
    series = family.style
    try:
        if family.style == "speech-discourse":
            ordinal = DISCOURSE_ORDINALS[numeral]
        elif family.style == "speech-di-ge":
            ordinal = 1 if numeral == "首先一" else ordinal_value(numeral[1:])  # 第二个 → 二
            series = f"speech-di-ge:{noun}"
        elif family.scheme == "decimal":
            path = tuple(ordinal_value(part) for part in re.split(r"[.．]", numeral))
            ordinal = path[-1]
            series = f"decimal-{len(path)}"
        else:
            ordinal = ordinal_value(numeral)
    except ValueError:
        return None
    return MarkerMatch(family, written, ordinal, path, series, title_start)


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
