"""Numerals as written in markers → int.

Chinese and capital numerals go through cn2an (imported lazily: it costs a
tenth of a second to import and tens of microseconds a call, so every
distinct numeral is converted once and cached).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Enclosed forms carry their value in the code point.
_ENCLOSED_RANGES = (
    ("\u2460", 20),  # ①-⑳
    ("\u3251", 15, 21),  # ㉑-㉟
    ("\u32b1", 15, 36),  # ㊱-㊿
    ("\u2474", 20),  # ⑴-⒇
    ("\u2488", 20),  # ⒈-⒛
    ("\u3220", 10),  # ㈠-㈩
    ("\u2160", 12),  # Ⅰ-Ⅻ
    ("\u2170", 12),  # ⅰ-ⅻ
)


def _enclosed_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for entry in _ENCLOSED_RANGES:
        first, count = entry[0], entry[1]
        base = entry[2] if len(entry) > 2 else 1
        for i in range(count):
            table[chr(ord(first) + i)] = base + i
    return table


ENCLOSED = _enclosed_table()
CHINESE_CAPACITY = 99_999_999  # 九千九百九十九万九千九百九十九: 亿 is never an ordinal
ARABIC_CAPACITY = 2**63 - 1  # any size: 第1000条, 1000.

_DIGITS = "零一二三四五六七八九"
_CAP_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "十", "百", "千")
_CAP_UNITS = ("", "拾", "佰", "仟")


@lru_cache(maxsize=1 << 12)
def chinese_numeral(n: int, *, capital: bool = False) -> str:
    """1 → 一, 11 → 十一, 21 → 二十一, 110 → 一百一十, 1040 → 一千零四十, 10001 → 一万零一
    (capital: 壹, 拾壹 …), as writers put them in markers (十一, not 一十一)."""
    if not 1 <= n <= CHINESE_CAPACITY:
        raise ValueError(f"{n} is outside 1..{CHINESE_CAPACITY}")
    digits, units = (_CAP_DIGITS, _CAP_UNITS) if capital else (_DIGITS, _UNITS)
    high, low = divmod(n, 10_000)
    out = []
    if high:
        out.append(_below_wan(high, digits, units) + "万")
        if low and low < 1000:
            out.append(digits[0])
    if low:
        out.append(_below_wan(low, digits, units))
    result = "".join(out)
    if 10 <= n <= 19 or 100_000 <= n <= 199_999:
        result = result[1:]  # 一十一 → 十一, 一十万 → 十万 (壹拾壹 → 拾壹)
    return result


def _below_wan(n: int, digits: str, units: tuple[str, ...]) -> str:
    text = str(n)
    out: list[str] = []
    zero = False
    for i, ch in enumerate(text):
        d = int(ch)
        if d == 0:
            zero = True
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(digits[d] + units[len(text) - 1 - i])
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def ordinal_value(numeral: str) -> int:
    """The value of a numeral: '十二' → 12, '１０' → 10, '⑶' → 3, 'Ⅳ' → 4, '壹拾' → 10, 'C' → 3.

    Raises ValueError for text that is not a numeral.
    """
    if not numeral:
        raise ValueError("empty numeral")
    if len(numeral) == 1 and numeral in ENCLOSED:
        return ENCLOSED[numeral]
    folded = unicodedata.normalize("NFKC", numeral)
    if folded.isdigit():
        return int(folded)
    if len(folded) == 1 and folded.isascii() and folded.isalpha():
        return ord(folded.upper()) - ord("A") + 1  # latin letters count A, B, C…
    return _chinese(numeral)


# Traditional forms of the numerals, as Simplified: cn2an reads 貳 陸 萬 but not 參
_TRADITIONAL = str.maketrans("參叄貳陸萬○", "叁叁贰陆万〇")


def _chinese(numeral: str) -> int:
    import cn2an  # lazy: see module docstring

    text = numeral.translate(_TRADITIONAL)
    if text.startswith("十") or text.startswith("拾"):  # 十二 is fine for cn2an, but be explicit
        text = "一" + text if text[0] == "十" else "壹" + text
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError) as exc:
        raise ValueError(f"not a numeral: {numeral!r}") from exc
    if int(value) != value:
        raise ValueError(f"not a whole number: {numeral!r}")
    return int(value)
