"""Independent readers of what we write: xmllint for OPML, pandoc for OPML and Markdown.

The tools are Debian packages (`apt-get install -y pandoc libxml2-utils`; .ci/run
installs them). Without them these tests fail, unless SPEECH_OUTLINE_ALLOW_MISSING_TOOLS=1,
which turns the failure into a skip.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from typing import Any, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from format_cases import (ANY_LINE, LONE_SURROGATE, NOT_XML, PROSE, all_outlines, as_xml, cleaned, edge_outline,
                          one_section, xml_text)
from speech_outline import Outline, parse
from speech_outline.formats import markdown, opml
from speech_outline.formats._sections import heading_line

OUTLINES = all_outlines()
NAMES = [name for name, _ in OUTLINES]

# What the OPML 2.0 spec requires and we promise: version 2.0, head with a title, a
# non-empty body, a non-empty text on every outline.
OPML_PROFILE = """\
<grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
 <start><element name="opml"><attribute name="version"><value>2.0</value></attribute>
  <element name="head"><interleave><element name="title"><text/></element>
   <element name="dateCreated"><text/></element></interleave></element>
  <element name="body"><oneOrMore><ref name="outline"/></oneOrMore></element></element></start>
 <define name="outline"><element name="outline">
  <attribute name="text"><data type="string"><param name="minLength">1</param></data></attribute>
  <optional><attribute name="_note"/></optional>
  <optional><attribute name="isComment"><value>true</value></attribute></optional>
  <zeroOrMore><ref name="outline"/></zeroOrMore></element></define>
</grammar>
"""


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is not None:
        return path
    if os.environ.get("SPEECH_OUTLINE_ALLOW_MISSING_TOOLS") == "1":
        pytest.skip(f"{name} is not installed (allowed by SPEECH_OUTLINE_ALLOW_MISSING_TOOLS=1)")
    pytest.fail(f"{name} is not installed; these tests need it: apt-get install -y pandoc libxml2-utils "
                f"(or set SPEECH_OUTLINE_ALLOW_MISSING_TOOLS=1 to skip them)", pytrace=False)


@pytest.fixture(scope="module")
def pandoc() -> str:
    return _tool("pandoc")


@pytest.fixture(scope="module")
def xmllint(tmp_path_factory) -> list[str]:
    profile = tmp_path_factory.mktemp("opml") / "opml-profile.rng"
    profile.write_text(OPML_PROFILE, encoding="utf-8")
    return [_tool("xmllint"), "--noout", "--relaxng", str(profile), "-"]


def run(command: list[str], text: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=60)


def pandoc_json(pandoc: str, source: str, text: str) -> dict[str, Any]:
    done = run([pandoc, "-f", source, "-t", "json"], text)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


# --- pandoc's AST, flattened to what we compare


_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\x7f": None,
                         "\u2014": "---", "\u2013": "--", "\u2026": "..."})


def norm(text: str) -> str:
    """Text as both sides are compared: white space runs as one space (pandoc splits words
    at spaces and reads U+2028 as one), curly quotes as straight ones (pandoc's smart
    quotes make both a Quoted element), dashes and ellipses spelt out (pandoc's smart
    typography makes them of `--`, `---` and `...`), DEL gone (pandoc's CommonMark reader
    drops it)."""
    return " ".join(text.translate(_QUOTES).split())


def stringify(node: Any) -> str:
    """The text of any piece of pandoc's AST (inlines, blocks, lists of them)."""
    if isinstance(node, list):
        return "".join(stringify(item) for item in node if isinstance(item, (list, dict)))
    kind, content = node["t"], node.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind == "Quoted":
        mark = '"' if content[0]["t"] == "DoubleQuote" else "'"
        return mark + stringify(content[1]) + mark
    if kind in ("Code", "RawInline", "Math"):
        return content[1]
    return "" if kind == "Note" or content is None else stringify(content)


def blocks(items: list[dict], list_level: int = 7) -> Iterator[tuple]:
    """("h", level, text) for headings and bullet items (levels from 7 down), ("p", text)
    for paragraphs, ("q", text) for block quotes, (kind,) for anything else."""
    for block in items:
        kind, content = block["t"], block.get("c")
        if kind == "Header":
            yield "h", content[0], norm(stringify(content[2]))
        elif kind in ("Para", "Plain"):
            yield "p", norm(stringify(content))
        elif kind == "BlockQuote":
            yield from (("q", *rest[1:]) for rest in blocks(content, list_level))
        elif kind == "BulletList":
            for first, *rest in content:
                yield "h", list_level, norm(stringify(first["c"]))
                yield from blocks(rest, list_level + 1)
        else:
            yield (kind,)


def expected_sections(outline: Outline) -> list[tuple]:
    """Each heading at its level, then its prose."""
    found: list[tuple] = []
    for node in outline.walk():
        found.append(("h", node.level, norm(heading_line(node))))
        found.extend(("p", norm(text)) for text in node.body_texts)
    return found


def is_plain(text: str) -> bool:
    """Prose that any Markdown reader takes literally (nothing for our escaping to do)."""
    return markdown.escape(text) == text


_READINGS: dict[tuple[str, str], list[dict]] = {}


def pandoc_blocks(pandoc: str, source: str, text: str) -> list[dict]:
    """What pandoc makes of `text` on its own (cached: a few texts are asked for many times)."""
    if (source, text) not in _READINGS:
        _READINGS[source, text] = pandoc_json(pandoc, source, text)["blocks"]
    return _READINGS[source, text]


def expected_opml(outline: Outline, body_as_children: bool) -> list[tuple]:
    """pandoc's reading of our OPML: headings at their depth, then the prose, each text
    as written (pandoc takes `text` as HTML and `_note` as Markdown: the escaping works)."""
    if not outline.nodes:  # the one commented placeholder
        return [("h", 1, norm(outline.title or opml.EMPTY))]
    found: list[tuple] = []
    for node in outline.walk():
        found.append(("h", node.level, norm(heading_line(node))))
        if body_as_children:
            found.extend(("h", node.level + 1, norm(text)) for text in node.body_texts)
        else:
            found.extend(("p", norm(text)) for text in node.body_texts)
    return found


# --- OPML


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
@pytest.mark.parametrize("body_as_children", [False, True])
def test_xmllint_finds_the_opml_well_formed_and_valid(name, outline, body_as_children, xmllint):
    done = run(xmllint, opml.write(outline, body_as_children=body_as_children))
    assert done.returncode == 0, done.stderr.decode()


@settings(max_examples=60, deadline=None)
@given(ANY_LINE, ANY_LINE)
def test_any_text_makes_well_formed_opml(xmllint, title, body):
    """Whatever a heading or paragraph holds, xmllint accepts the OPML, and the text comes
    back exactly (escaped as HTML and Markdown), less the characters XML forbids."""
    written = opml.write(one_section(title, body))
    done = run(xmllint, written)
    assert done.returncode == 0, done.stderr.decode()
    [element] = ET.fromstring(written).iter("outline")
    assert html.unescape(element.get("text")) == xml_text("一、" + title)
    assert element.get("_note") == (markdown.escape(xml_text(body)) if xml_text(body) else None)
    assert [node.heading.text for node in opml.read(written).walk()] == [xml_text("一、" + title)]


def test_xmllint_is_a_real_check(xmllint):
    """The profile and xmllint reject what they should: no text, a bare &, a forbidden character."""
    bad = ['<opml version="2.0"><head><title/><dateCreated/></head><body><outline/></body></opml>',
           '<opml version="2.0"><head><title/><dateCreated/></head><body><outline text="&"/></body></opml>',
           '<opml version="2.0"><head><title/><dateCreated/></head><body><outline text="\x0b"/></body></opml>',
           '<opml version="2.0"><head><title/><dateCreated/></head><body/></opml>']
    assert [run(xmllint, text).returncode for text in bad] == [3, 1, 1, 3]


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
@pytest.mark.parametrize("body_as_children", [False, True])
def test_pandoc_reads_the_opml_with_the_same_nesting_and_texts(name, outline, body_as_children, pandoc):
    outline = cleaned(name, outline, NOT_XML, as_xml)
    doc = pandoc_json(pandoc, "opml", opml.write(outline, body_as_children=body_as_children))
    assert list(blocks(doc["blocks"])) == expected_opml(outline, body_as_children)
    assert norm(stringify(doc["meta"].get("title", {}).get("c", []))) == norm(outline.title or "")


def test_pandoc_reads_opml_text_as_html_and_notes_as_markdown(pandoc):
    """Why `text` and `_note` are escaped: unescaped, pandoc reads markup in them."""
    raw = ('<opml version="2.0"><head><title>t</title></head><body>'
           '<outline text="一、&lt;b&gt;粗&lt;/b&gt;体" _note="&gt; 不是引用"/></body></opml>')
    assert list(blocks(pandoc_json(pandoc, "opml", raw)["blocks"])) == [("h", 1, "一、粗体"), ("q", "不是引用")]
    outline = parse("一、<b>粗</b>体\n> 不是引用\n")
    written = opml.write(outline)
    assert list(blocks(pandoc_json(pandoc, "opml", written)["blocks"])) == [("h", 1, "一、<b>粗</b>体"),
                                                                           ("p", "> 不是引用")]


# --- Markdown


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
def test_pandoc_reads_the_markdown_with_the_same_headings_and_paragraphs(name, outline, pandoc):
    outline = cleaned(name, outline, LONE_SURROGATE, "\ufffd")
    items = list(blocks(pandoc_json(pandoc, "commonmark", markdown.write(outline))["blocks"]))
    body = [item for item in items if item[0] not in ("q", "HorizontalRule")]
    while body and body[0][0] == "p":  # the front matter's title line and the preamble
        body.pop(0)
    assert body == expected_sections(outline)


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
def test_pandoc_reads_the_front_matter_title(name, outline, pandoc):
    outline = cleaned(name, outline, LONE_SURROGATE, "\ufffd")
    doc = pandoc_json(pandoc, "commonmark+yaml_metadata_block", markdown.write(outline))
    title = doc["meta"].get("title")
    assert (norm(stringify(title["c"])) if title else None) == (norm(outline.title) if outline.title else None)


def test_pandoc_sees_quotes_for_text_outside_sections(pandoc):
    items = list(blocks(pandoc_json(pandoc, "commonmark", markdown.write(edge_outline("speech-framing")))["blocks"]))
    assert [item for item in items if item[0] == "q"] == [("q", "同志们！"), ("q", "谢谢大家。")]
    assert items[:3] == [("HorizontalRule",), ("p", 'title: "在某会议上的讲话"'), ("HorizontalRule",)]


@settings(max_examples=40, deadline=None)
@given(PROSE, st.lists(PROSE, min_size=1, max_size=8))
def test_pandoc_reads_any_escaped_prose_as_written(pandoc, title, body):
    outline = one_section(title, *body)
    items = list(blocks(pandoc_json(pandoc, "commonmark", markdown.write(outline))["blocks"]))
    expected = [("h", 1, norm("一、" + title))] + [("p", norm(t)) for t in body]
    assert items == expected


def test_pandoc_is_a_real_check(pandoc):
    """Unescaped, the Markdown edge case does turn into lists and headings: the escaping matters."""
    outline = edge_outline("markdown-specials")
    raw = "\n\n".join(["# " + heading_line(n) + "\n\n" + "\n\n".join(n.body_texts) for n in outline.walk()])
    items = list(blocks(pandoc_json(pandoc, "commonmark", raw)["blocks"]))
    assert ("OrderedList",) in items and items != expected_sections(outline)
