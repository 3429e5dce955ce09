"""Metamorphic properties: changes a reader does not see leave the outline alone.

* blank lines: removing every blank line, or doubling every line break;
* line endings: CRLF and LF give the same outline, line numbers included;
* bracket and punctuation width: （一） ≡ (一), ， ≡ , and ： ≡ : give the same outline
  up to the bracket and punctuation text.
"""
from __future__ import annotations

import regex
from hypothesis import example, given

from soup import soups
from speech_outline import parse
from speech_outline.strategies import documents, outline_tuples

_BLANK_LINES = regex.compile(r"(\r\n|\r|\n)(?:[ \t\u3000]*(?:\r\n|\r|\n))+")
_WIDTH = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":"})
_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "："})


def without_blank_lines(text: str) -> str:
    return _BLANK_LINES.sub(r"\1", text)


def with_blank_lines(text: str) -> str:
    return regex.sub(r"\r\n|\r|\n", lambda m: m.group() * 2, text)


def lf(text: str) -> str:
    return regex.sub(r"\r\n|\r", "\n", text)


def crlf(text: str) -> str:
    return regex.sub(r"\r\n|\r|\n", "\r\n", text)


def shape(text: str) -> tuple:
    return parse(text).shape()


def fold_width(value):
    """A shape with brackets and punctuation folded to half width, everywhere in it."""
    if isinstance(value, str):
        return value.translate(_WIDTH)
    if isinstance(value, tuple):
        return tuple(fold_width(v) for v in value)
    return value


@given(documents(scheme="any", noise=None))
def test_blank_lines_do_not_matter(doc):
    want = parse(doc.text).shape()
    assert shape(without_blank_lines(doc.text)) == want
    assert shape(with_blank_lines(doc.text)) == want


@given(soups(line_ending="\n"))
@example("一、总体要求\n\n（一）指导思想\n\n（二）基本原则\n")
def test_blank_lines_do_not_matter_in_soup(text):
    want = shape(text)
    assert shape(without_blank_lines(text)) == want
    assert shape(with_blank_lines(text)) == want


@given(documents(scheme="any", noise=None))
def test_line_endings_do_not_matter(doc):
    want = outline_tuples(parse(lf(doc.text)))
    assert outline_tuples(parse(crlf(doc.text))) == want
    assert parse(crlf(doc.text)).shape() == parse(lf(doc.text)).shape()


@given(soups(line_ending="\n"))
def test_line_endings_do_not_matter_in_soup(text):
    assert outline_tuples(parse(crlf(text))) == outline_tuples(parse(text))
    assert shape(crlf(text)) == shape(text)


@given(documents(scheme="any", noise=None))
def test_bracket_width_does_not_matter(doc):
    half = doc.text.translate(_WIDTH)
    full = doc.text.translate(_HALF_TO_FULL)
    want = fold_width(parse(doc.text).shape())
    assert fold_width(parse(half).shape()) == want
    assert fold_width(parse(full).shape()) == want
    assert [n.line for n in parse(half).walk()] == [n.line for n in parse(doc.text).walk()]
