"""Numbering problems as typed, plain-language messages, in English or Chinese.

build.py decides the tree; when the chosen tree has to accept a numbering
fault, it reports it here. Each code has one message template per language, so
the documentation can list them all. Codes in `OPT_IN` are not reported by a
parse: they are a separate pass over the finished outline that a caller asks
for (`speech-outline check --enable CODE`).
"""
from __future__ import annotations

import re
from typing import Callable

from .model import Diagnostic, Node, Outline

CODES: dict[str, str] = {
    "duplicate": "{marker} repeats the number of {previous} (line {previous_line})",
    "gap": "{marker} follows {previous} (line {previous_line}): {missing} missing",
    "restart": "{marker} restarts the numbering after {previous} (line {previous_line})",
    "backwards": "{marker} goes back in the numbering after {previous} (line {previous_line})",
    "late-start": "{marker} starts a new series without its first item",
    "mixed-series": "{marker} continues the series begun by {previous} (line {previous_line}) "
                    "in another style",
    "out-of-order": "{marker} sits under or beside {previous} (line {previous_line}), "
                    "which usually ranks below it",
    "mixed-punctuation": "{marker} is punctuated unlike {previous} (line {previous_line}) "
                         "in the same series",
}

# The same templates in Chinese (`--lang zh`), for drafters of 公文.
CODES_ZH: dict[str, str] = {
    "duplicate": "{marker}与{previous}（第{previous_line}行）序号重复",
    "gap": "{marker}接在{previous}（第{previous_line}行）之后，缺少{missing}",
    "restart": "{marker}在{previous}（第{previous_line}行）之后重新从头编号",
    "backwards": "{marker}在{previous}（第{previous_line}行）之后序号倒退",
    "late-start": "{marker}开始新的一组序号，但没有第一项",
    "mixed-series": "{marker}以另一种格式接续{previous}（第{previous_line}行）开始的序号",
    "out-of-order": "{marker}位于{previous}（第{previous_line}行）之下或同级，但后者通常层级更低",
    "mixed-punctuation": "{marker}与同组的{previous}（第{previous_line}行）标点不一致",
}
LANGUAGES = ("en", "zh")


class Missing:
    """The numbers a gap leaves out: 'number 3' or 'numbers 3 to 5' (第3项, 第3至5项)."""

    def __init__(self, previous: int, current: int) -> None:
        self.first, self.last = previous + 1, current - 1

    def __str__(self) -> str:
        if self.first == self.last:
            return f"number {self.first}"
        return f"numbers {self.first} to {self.last}"

    def zh(self) -> str:
        return f"第{self.first}项" if self.first == self.last else f"第{self.first}至{self.last}项"


def diagnostic(code: str, line: int, **facts: object) -> Diagnostic:
    """A diagnostic for `code`, its message filled from `facts`."""
    return Diagnostic(line, code, CODES[code].format(**facts), tuple(facts.items()))


def describe_missing(previous: int, current: int) -> Missing:
    """'number 3' or 'numbers 3 to 5' (as str()), the numbers between `previous` and `current`."""
    return Missing(previous, current)


def message(found: Diagnostic, lang: str = "en") -> str:
    """The diagnostic's message in `lang` ("en" or "zh"); English when its facts are unknown
    (a diagnostic read back from JSON)."""
    if lang == "en" or not found.facts or found.code not in CODES_ZH:
        return found.message
    facts = {name: value.zh() if isinstance(value, Missing) else value for name, value in found.facts}
    return CODES_ZH[found.code].format(**facts)


# --- opt-in checks

# Styles whose numbers are the same and only the punctuation differs (1. and 2、, 一、 and 二．)
_SAME_NUMBERS = {"arabic-dun": "arabic-dot", "cn-dot": "cn-dun"}
# (a pattern string: re compiles and caches it on first use, not at import)
_NUMERALS = r"[0-9０-９〇零一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟\s]+"


def mixed_punctuation(outline: Outline) -> list[Diagnostic]:
    """Headings of one series punctuated differently: `1.` / `2、` / `3.`, `（一）` / `(二)`.

    GB/T 9704 asks for one punctuation per level; the parser reads both as one
    series, so this is a separate, opt-in check. Each heading is compared with
    the first of its series among its siblings.
    """
    found: list[Diagnostic] = []
    siblings: list[tuple[Node, ...]] = [outline.nodes]
    while siblings:
        nodes = siblings.pop()
        first_of: dict[str, Node] = {}
        for node in nodes:
            series = _SAME_NUMBERS.get(node.marker.style, node.marker.style)
            first = first_of.setdefault(series, node)
            if _punctuation(node) != _punctuation(first):
                found.append(diagnostic("mixed-punctuation", node.line, marker=f"'{node.marker.text}'",
                                        previous=f"'{first.marker.text}'", previous_line=first.line))
            if node.children:
                siblings.append(node.children)
    return sorted(found, key=lambda d: d.line)


def _punctuation(node: Node) -> str:
    return re.sub(_NUMERALS, "", node.marker.text)


# code → the check that finds it
OPT_IN: dict[str, Callable[[Outline], list[Diagnostic]]] = {
    "mixed-punctuation": mixed_punctuation,
}
