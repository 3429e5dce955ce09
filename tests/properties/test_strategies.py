"""The strategies themselves: their numerals, their coverage of the catalogue, their
keyword arguments, and an oracle that agrees with the FORMAT rules without a parser."""
from __future__ import annotations

import subprocess
import sys

import cn2an
import pytest
import regex
from hypothesis import find, given, settings
from hypothesis import strategies as st

from speech_outline.markers import CATALOGUE, LEAD, family, match_marker
from speech_outline.ordinals import ordinal_value
from speech_outline.strategies import (
    DISCOURSE_STYLES, INDENTS, SCHEMES, STYLES, GeneratedDocument, chinese_numeral, documents, ladders,
    marker_text, outline_trees,
)

_BREAK = regex.compile(r"\r\n|\r|\n")
_SENTENCE_END = regex.compile(r"[。！？｡!?]|(?<![0-9０-９])\.(?=\s|$)")


def test_numerals_agree_with_cn2an():
    for n in range(1, 10000):
        assert chinese_numeral(n) == cn2an.an2cn(n)
        assert ordinal_value(chinese_numeral(n, capital=True)) == n
    assert chinese_numeral(1040) == "一千零四十"
    assert chinese_numeral(11, capital=True) == "拾壹"
    with pytest.raises(ValueError):
        chinese_numeral(0)


@pytest.mark.parametrize("style", STYLES)
def test_every_marker_reads_back_as_its_number(style):
    top = min(family(style).capacity, 120)
    for n in range(1, top + 1):
        text = marker_text(style, n, (2, n) if style == "decimal" else ())
        found = match_marker(text + "\u3000总则", weak=True)  # a weak style reads back as weak
        assert (found.style, found.ordinal) == (style, n), text


def test_every_catalogue_style_is_generated():
    assert set(STYLES) == {family.style for family in CATALOGUE}


def test_hypothesis_stays_out_of_the_package():
    code = ("import importlib, pkgutil, sys\n"
            "import speech_outline\n"
            "for m in pkgutil.walk_packages(speech_outline.__path__, 'speech_outline.'):\n"
            "    if m.name != 'speech_outline.strategies':\n"
            "        try:\n"
            "            importlib.import_module(m.name)\n"
            "        except ImportError:\n"
            "            pass\n"
            "assert 'hypothesis' not in sys.modules, sorted(k for k in sys.modules if 'hypo' in k)\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def lines_of(doc: GeneratedDocument) -> list[str]:
    return _BREAK.split(doc.text)


def check_oracle(doc: GeneratedDocument) -> None:
    """The expected outline agrees with the text by the FORMAT rules alone."""
    lines = lines_of(doc)
    for para in doc.paragraphs:
        assert lines[para.line - 1].strip(LEAD) == para.text
    heading_lines = {p.line for p in doc.paragraphs if p.role == "heading"}
    assert heading_lines == {h.line for h in doc.walk()}

    def check(heading, level, ladder):
        assert heading.level == level and heading.style in ladder[level - 1:]
        text = lines[heading.line - 1].strip(LEAD)
        assert text.startswith(heading.marker)
        rest = text[len(heading.marker):].strip(LEAD)
        end = _SENTENCE_END.search(rest)
        assert heading.title == (rest[:end.end()] if end else rest).strip(LEAD)
        remainder = rest[len(heading.title):].strip()
        assert heading.body[:1] == ((remainder,) if remainder else heading.body[:1])
        kids = heading.children
        if heading.style in DISCOURSE_STYLES or (kids and kids[0].style in DISCOURSE_STYLES):
            assert len(kids) != 1
        for child in kids:
            check(child, level + 1, ladder)

    for heading in doc.expected:
        check(heading, 1, doc.tree.ladder)
    if len(doc.expected) == 1:
        assert doc.expected[0].style not in DISCOURSE_STYLES


@given(documents(scheme="any", noise=None))
def test_oracle_follows_the_format_rules(doc):
    check_oracle(doc)


@given(st.sampled_from(SCHEMES), st.integers(1, 6), st.integers(1, 6), st.integers(1, 5), st.data())
def test_depth_and_width_are_honoured(scheme, a, b, width, data):
    low, high = min(a, b), max(a, b)
    try:
        strategy = documents(scheme=scheme, min_depth=low, max_depth=high, max_width=width)
        doc = data.draw(strategy)
    except Exception as exc:  # no ladder that deep in this scheme (speech: 5 levels)
        assert type(exc).__name__ == "InvalidArgument"
        return
    assert doc.tree.scheme == scheme
    assert low <= doc.tree.depth <= high
    assert low <= max(h.level for h in doc.walk()) <= high
    for heading in [*doc.walk()]:
        limit = max(width, 2) if heading.children and heading.children[0].style in DISCOURSE_STYLES else width
        assert len(heading.children) <= limit
    check_oracle(doc)


@given(st.data())
def test_options_are_honoured(data):
    indent = data.draw(st.sampled_from(INDENTS))
    crlf, full_width, noise, run_in = (data.draw(st.booleans()) for _ in range(4))
    doc = data.draw(documents(crlf=crlf, full_width=full_width, noise=noise, run_in=run_in, indent=indent,
                              blank_lines=False, trailing_space=False))
    if crlf:
        assert "\n" not in doc.text.replace("\r\n", "")
    else:
        assert "\r" not in doc.text
    if not full_width:
        assert not any(ch in h.marker for h in doc.walk() for ch in "（），：")
    assert noise == any(p.role == "noise" for p in doc.paragraphs)
    lines = lines_of(doc)
    for p in doc.paragraphs:
        if p.role in ("heading", "body"):
            assert lines[p.line - 1] == indent + p.text
    assert len(lines) == len(doc.paragraphs) + (1 if doc.text.endswith(("\n", "\r")) else 0) + \
        sum(1 for line in lines[:-1] if not line.strip())


@given(st.data())
def test_styles_narrow_the_ladder(data):
    styles = data.draw(st.sets(st.sampled_from(STYLES), min_size=1, max_size=4))
    try:
        tree = data.draw(outline_trees(styles=styles))
    except Exception as exc:
        assert type(exc).__name__ == "InvalidArgument"
        return
    assert set(tree.ladder) <= styles
    assert {n.style for n in tree.walk()} <= styles


def test_every_style_has_ladders():
    for style in STYLES:
        find(ladders(styles=None), lambda pair: style in pair[1], settings=settings(database=None, max_examples=5000))


@pytest.mark.parametrize(("scheme", "style", "at_least"), [
    ("gbt9704", "cn-dun", 11), ("gbt9704", "cn-paren", 21), ("law", "law-article", 1000),
    ("speech", "speech-di", 11),
])
def test_large_numbers_are_reached(scheme, style, at_least):
    """十一、 二十一、 第一千零四十条: continued numbering and excerpts reach big numbers."""
    find(outline_trees(scheme=scheme, styles=None),
         lambda tree: any(n.style == style and n.ordinal >= at_least for n in tree.walk()),
         settings=settings(database=None, max_examples=5000, derandomize=True))
