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


def _chinese(numeral: str) -> int:
    import cn2an  # lazy: see module docstring

    text = numeral.replace("○", "〇")
    if text.startswith("十") or text.startswith("拾"):  # 十二 is fine for cn2an, but be explicit
        text = "一" + text if text[0] == "十" else "壹" + text
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError) as exc:
        raise ValueError(f"not a numeral: {numeral!r}") from exc
    if int(value) != value:
        raise ValueError(f"not a whole number: {numeral!r}")
    return int(value)
