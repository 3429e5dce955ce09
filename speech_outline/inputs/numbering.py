"""Word's automatic numbering (numbering.xml) rendered as the text a reader sees.

A numbered paragraph's text does not hold its number: Word draws `一、`, `（二）` or
`第三条` from the list definition. A paragraph joins list `numId` at level `ilvl`;
`w:num` points to a `w:abstractNum` whose `w:lvl` gives the start value, the number
format and the text (`lvlText`, `%1`…`%9` standing for the counters of levels 1–9).
Lists that share an abstract definition share its counters (Word continues them);
`w:lvlOverride`/`w:startOverride` on a `w:num` gives that list its own start values and
restarts those levels when the list is first used. Using a level restarts the deeper
ones (at their start values), unless their `w:lvlRestart` says otherwise.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9


def attr(element: Optional[ET.Element], name: str = "val") -> Optional[str]:
    """The w:`name` attribute of `element`, None when either is missing."""
    return None if element is None else element.get(W + name)


def int_attr(element: Optional[ET.Element], name: str = "val") -> Optional[int]:
    value = attr(element, name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    format: str = "decimal"  # w:numFmt
    text: str = ""  # w:lvlText, with %1…%9
    restart: Optional[int] = None  # w:lvlRestart: restart after this 1-based level; 0 never
    legal: bool = False  # w:isLgl: every counter as a decimal (1.1.1 under 第一章)
    suffix: str = "tab"  # w:suff: what follows the number
    style: Optional[str] = None  # w:pStyle: the paragraph style bound to this level

    @classmethod
    def read(cls, lvl: ET.Element) -> "Level":
        start = int_attr(lvl.find(W + "start"))
        return cls(
            start=1 if start is None else start,
            format=attr(lvl.find(W + "numFmt")) or "decimal",
            text=attr(lvl.find(W + "lvlText")) or "",
            restart=int_attr(lvl.find(W + "lvlRestart")),
            legal=lvl.find(W + "isLgl") is not None and attr(lvl.find(W + "isLgl")) not in ("0", "false"),
            suffix=attr(lvl.find(W + "suff")) or "tab",
            style=attr(lvl.find(W + "pStyle")),
        )


@dataclass
class _List:
    """A `w:num`: its abstract definition and the overrides it starts with."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # ilvl → startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # ilvl → a redefined level
    used: bool = False




class Numbering:
    """The list definitions of one document and their running counters."""

    def __init__(self, root: Optional[ET.Element]) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstract id → the numbering style it links to
        self.lists: dict[str, _List] = {}
        self.counters: dict[str, list] = {}  # abstract id → counter per level (None: restarted)
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            ident = attr(abstract, "abstractNumId")
            self.abstracts[ident] = {int_attr(lvl, "ilvl") or 0: Level.read(lvl)
                                     for lvl in abstract.findall(W + "lvl")}
            link = attr(abstract.find(W + "numStyleLink"))
            if link:
                self.links[ident] = link
        for num in root.iter(W + "num"):
            entry = _List(attr(num.find(W + "abstractNumId")) or "")
            for override in num.findall(W + "lvlOverride"):
                ilvl = int_attr(override, "ilvl") or 0
                start = int_attr(override.find(W + "startOverride"))
                if start is not None:
                    entry.starts[ilvl] = start
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    entry.levels[ilvl] = Level.read(lvl)
            self.lists[attr(num, "numId") or ""] = entry

    def resolve_links(self, style_list: dict[str, str]) -> None:
        """Follow `w:numStyleLink`: the abstract definition is the one of the numbering style's list."""
        for ident, style in self.links.items():
            target = self.lists.get(style_list.get(style, ""))
            if target is not None and target.abstract in self.abstracts and target.abstract != ident:
                self.abstracts[ident] = self.abstracts[target.abstract]

    def level(self, num_id: str, ilvl: int) -> Optional[Level]:
        entry = self.lists.get(num_id)
        if entry is None:
            return None
        return entry.levels.get(ilvl) or self.abstracts.get(entry.abstract, {}).get(ilvl)

    def level_for_style(self, num_id: str, style: str) -> Optional[int]:
        """The level a list binds to paragraph style `style` (w:pStyle in a w:lvl)."""
        entry = self.lists.get(num_id)
        for ilvl, level in self.abstracts.get(entry.abstract if entry else "", {}).items():
            if level.style == style:
                return ilvl
        return None

    def next(self, num_id: str, ilvl: int) -> Optional[tuple[str, Level]]:
        """Count one paragraph of list `num_id` at level `ilvl`: its number as drawn, and the level."""
        entry = self.lists.get(num_id)
        level = self.level(num_id, ilvl)
        if entry is None or level is None or not 0 <= ilvl < LEVELS:
            return None
        values = self.counters.setdefault(entry.abstract, [None] * LEVELS)
        if not entry.used:  # a list's start overrides restart the shared counters
            entry.used = True
            for at in entry.starts:
                if 0 <= at < LEVELS:
                    values[at] = None
        values[ilvl] = self._start(entry, ilvl) if values[ilvl] is None else values[ilvl] + 1
        for deeper in range(ilvl + 1, LEVELS):
            below = self.level(num_id, deeper)
            restart = below.restart if below is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                values[deeper] = None
        return self._draw(num_id, entry, values, level), level

    def _start(self, entry: _List, ilvl: int) -> int:
        """Where level `ilvl` of a list (re)starts: its override, else its definition's start."""
        if ilvl in entry.starts:
            return entry.starts[ilvl]
        level = entry.levels.get(ilvl) or self.abstracts.get(entry.abstract, {}).get(ilvl)
        return level.start if level is not None else 1

    def _draw(self, num_id: str, entry: _List, values: list, level: Level) -> str:
        if level.format in ("bullet", "none"):
            return ""  # a bullet says nothing about the outline, and Word's glyph is a private-use character
        out = []
        text = level.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                at = int(text[i + 1]) - 1
                value = values[at]
                if value is None:
                    value = self._start(entry, at)
                cited = self.level(num_id, at)
                fmt = "decimal" if level.legal else (cited.format if cited else "decimal")
                out.append(format_number(value, fmt))
                i += 2
            else:
                out.append(ch)
                i += 1
        return "".join(out)


# ---------------------------------------------------------------- number formats

_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_IDEOGRAPH_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_DIGITS_CN = "〇一二三四五六七八九"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
# Formats whose numbers run over a block of code points, and how many they have.
_ENCLOSED = {
    "decimalEnclosedCircle": ("①", 20), "decimalEnclosedCircleChinese": ("①", 20),
    "decimalEnclosedParen": ("⑴", 20), "decimalEnclosedFullstop": ("⒈", 20),
    "ideographEnclosedCircle": ("㈠", 10),
}
_CHINESE_COUNTING = frozenset({
    "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
    "taiwaneseCountingThousand", "ideographLegalTraditional", "koreanCounting"})
_CHINESE_LEGAL = frozenset({"chineseLegalSimplified", "japaneseLegal"})


@lru_cache(maxsize=4096)
def format_number(value: int, fmt: str) -> str:
    """`value` drawn in Word number format `fmt`: (3, "chineseCounting") → "三", (12, "decimalEnclosedCircle") → "⑫".

    Unknown formats, and values a format cannot show (0, or ㉑ past its block), are decimal.
    """
    if value <= 0:
        return str(value) if fmt != "decimalZero" else f"{value:02d}"
    if fmt in _CHINESE_COUNTING:
        return _chinese(value, "low")
    if fmt in _CHINESE_LEGAL:
        return _chinese(value, "up")
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS_CN[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and value <= len(_IDEOGRAPH_TRADITIONAL):
        return _IDEOGRAPH_TRADITIONAL[value - 1]
    if fmt == "ideographZodiac" and value <= len(_IDEOGRAPH_ZODIAC):
        return _IDEOGRAPH_ZODIAC[value - 1]
    if fmt in _ENCLOSED and value <= _ENCLOSED[fmt][1]:
        return chr(ord(_ENCLOSED[fmt][0]) + value - 1)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Z, AA, BB…
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _chinese(value: int, mode: str) -> str:
    import cn2an  # lazy, as in ordinals: a tenth of a second to import

    return cn2an.an2cn(value, mode)


def _roman(value: int) -> str:
    out = []
    for size, letters in _ROMAN:
        count, value = divmod(value, size)
        out.append(letters * count)
    return "".join(out)
