"""Writer → reader round trips of speech_outline.formats, on parsed documents and on soup.

JSON is lossless (`read(write(o)) == o`, but for lone surrogates, which every writer
writes as U+FFFD) and valid against the published schema;
Markdown, OPML and chunks keep the shape (title, markers, titles, prose, levels);
OPML is well-formed XML.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from importlib import resources

import jsonschema
from hypothesis import example, given
from hypothesis import strategies as st

from soup import soups
from speech_outline import parse, rebuild
from speech_outline.formats import read, write
from speech_outline.model import join_title_lines
from speech_outline.strategies import documents

_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters XML 1.0 cannot carry: the OPML writer drops them, after lone surrogates
# became U+FFFD (see formats/opml.py).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

outlines = st.one_of(
    documents(scheme="any", noise=None).map(lambda doc: parse(doc.text)),
    soups().map(parse),
)
_EXAMPLES = (
    "",
    "一、总体要求\n",
    "标题\n一、<b>&amp; \"引号\" 'x'\n（一）# 不是标题\n1. 不是列表\n- 不是项目\n> 不是引用\n",
    "一、控制字符\x01\x1f\n（一）\ud800半个代理\n",
    "第一章 总则\n第一条 为了……，制定本法。\n（一）甲；\n（二）乙。\n",
)


@lru_cache(maxsize=1)
def schema() -> dict:
    text = resources.files("speech_outline").joinpath("schema/outline.schema.json").read_text("utf-8")
    return json.loads(text)


def with_examples(test):
    for text in _EXAMPLES:
        test = example(outline=parse(text))(test)
    return test


@given(outline=outlines)
@with_examples
def test_json_is_lossless(outline):
    again = read(write(outline, "json"), "json")
    if _SURROGATE.search(rebuild(outline)):
        assert rebuild(again) == encodable(rebuild(outline))
        assert again.shape() == encodable(outline.shape())
    else:
        assert again == outline


@given(outline=outlines)
@with_examples
def test_json_matches_schema(outline):
    jsonschema.validate(json.loads(write(outline, "json")), schema(),
                        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def xml_shape(shape: tuple) -> tuple:
    """A shape as OPML can hold it: without the characters XML forbids (a paragraph made
    only of them is gone), the title read back as one line (an empty one is no title)."""
    def text(value: str) -> str:
        return _NOT_XML.sub("", encodable(value))

    def node(n: tuple) -> tuple:
        marker, style, ordinal, path, title, body, level, children = n
        body = tuple(t for t in (text(b) for b in body) if t)
        return (text(marker), style, ordinal, path, text(title), body, level, tuple(node(c) for c in children))

    title, nodes = shape
    title = text(title) if title else title
    return (join_title_lines([title]) or None if title else None, tuple(node(n) for n in nodes))


def encodable(value):
    """A shape as a UTF-8 text file can hold it: lone surrogates become U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, tuple):
        return tuple(encodable(v) for v in value)
    return value


@given(outline=outlines)
@with_examples
def test_shape_survives_markdown(outline):
    assert read(write(outline, "markdown"), "markdown").shape() == encodable(outline.shape())


@given(outline=outlines)
@with_examples
def test_shape_survives_chunks(outline):
    assert read(write(outline, "chunks"), "chunks").shape() == encodable(outline.shape())


@given(outline=outlines)
@with_examples
def test_shape_survives_opml(outline):
    assert xml_shape(read(write(outline, "opml"), "opml").shape()) == xml_shape(outline.shape())


@given(outline=outlines)
@with_examples
def test_opml_is_well_formed(outline):
    root = ET.fromstring(write(outline, "opml"))
    assert root.tag == "opml"
    assert root.find("body") is not None and len(root.find("body")) > 0
