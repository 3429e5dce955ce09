"""OPML format: OPML 2.0 structure, escaping once, forbidden characters, notes, reading back."""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from format_cases import (CORPUS, CORPUS_IDS, NOT_XML, all_outlines, as_xml, cleaned, corpus_outline, with_texts,
                          edge_outline)
from speech_outline import Marker, Node, Outline, Paragraph, Role, parse
from speech_outline.formats import markdown, opml
from speech_outline.formats._sections import heading_line

OUTLINES = all_outlines()
NAMES = [name for name, _ in OUTLINES]
WHEN = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.timezone.utc)


def tree(outlines: list[ET.Element]) -> list[tuple]:
    """(text, note, children) of outline elements, recursively."""
    return [(o.get("text"), o.get("_note"), tree(o.findall("outline"))) for o in outlines]


def expected_tree(nodes: tuple[Node, ...]) -> list[tuple]:
    return [(heading_line(n), "\n\n".join(n.body_texts) or None, expected_tree(n.children)) for n in nodes]


def hand_made() -> Outline:
    """A heading and a note with a newline, a carriage return and a tab inside a paragraph."""
    heading = Paragraph(Role.HEADING, "一、总体", 0, 1, trail="\n")
    body = Paragraph(Role.BODY, "第一行\n第二行\r\n\t缩进", 5, 2)
    node = Node(Marker("一、", "cn-dun", 1), "总体", heading, 1, (body,))
    return Outline((heading, body), (node,))


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
def test_reads_back_to_the_same_shape(name, outline):
    expected = cleaned(name, outline, NOT_XML, as_xml)
    assert opml.read(opml.write(outline)).shape() == expected.shape()


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
@pytest.mark.parametrize("body_as_children", [False, True])
def test_is_opml_2(name, outline, body_as_children):
    written = opml.write(outline, date_created=WHEN, body_as_children=body_as_children)
    assert not NOT_XML.search(written)
    root = ET.fromstring(written.encode("utf-8"))
    assert (root.tag, root.get("version")) == ("opml", "2.0")
    assert [child.tag for child in root] == ["head", "body"]
    assert root.findtext("head/title") == NOT_XML.sub("", outline.title or "")
    assert parsedate_to_datetime(root.findtext("head/dateCreated")) == WHEN
    elements = root.findall(".//outline")
    assert elements and root.find("body/outline") is not None
    assert all(e.get("text") for e in elements)


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_headings_are_outlines_and_prose_is_in_notes(path):
    outline = corpus_outline(path)
    root = ET.fromstring(opml.write(outline))
    assert tree(root.findall("body/outline")) == expected_tree(outline.nodes)


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_body_as_children(path):
    outline = corpus_outline(path)
    root = ET.fromstring(opml.write(outline, body_as_children=True))

    def expected(nodes):
        return [(heading_line(n), None, [(t, None, []) for t in n.body_texts] + expected(n.children))
                for n in nodes]
    assert tree(root.findall("body/outline")) == expected(outline.nodes)


def test_specials_are_escaped_as_html_and_markdown_then_once_as_xml():
    outline = edge_outline("xml-specials")
    written = opml.write(outline)
    assert "&amp;amp;amp;" not in written
    root = ET.fromstring(written)
    assert root.findtext("head/title") == outline.title == "R&D 方案 < 5 > 3 \"q\" 'a' 的通知"
    first = root.find("body/outline/outline")
    assert first.get("text") == "（一）甲&amp;乙。"  # HTML, which OPML's text may hold
    assert first.get("_note") == markdown.escape("正文 &amp; &lt; <b>粗</b> ]]> A&B \"引\" '号'")
    assert opml.read(written).shape() == outline.shape()


def test_markup_in_a_heading_and_a_note_is_escaped_for_what_readers_interpret():
    # (a line starting '# ' is read as a Markdown heading, its marks kept as lead: given here as body text)
    outline = with_texts(parse("一、<b>加粗</b>标题\n> 不是引用\n井号行\n"), {"井号行": "# 不是标题"})
    element = ET.fromstring(opml.write(outline)).find("body/outline")
    assert element.get("text") == "一、&lt;b&gt;加粗&lt;/b&gt;标题"
    assert element.get("_note") == "\\> 不是引用\n\n\\# 不是标题"
    assert opml.read(opml.write(outline)).shape() == outline.shape()


def test_newlines_carriage_returns_and_tabs_survive_in_attributes():
    written = opml.write(hand_made())
    assert "第一行&#10;第二行&#13;&#10;&#9;缩进" in written
    assert ET.fromstring(written).find("body/outline").get("_note") == "第一行\n第二行\r\n\t缩进"
    assert opml.read(written).shape() == hand_made().shape()


def test_forbidden_characters_are_dropped_lone_surrogates_replaced_and_nothing_else():
    outline = edge_outline("control-chars")
    written = opml.write(outline)
    assert not NOT_XML.search(written)
    root = ET.fromstring(written)
    assert root.findtext("head/title") == "国务院关于印发\x7f方案的通知"
    assert root.find("body/outline").get("text") == "一、总体要求"
    assert root.find("body/outline/outline").get("_note") == "正文含\ufffd控制字符。\n\n第二段正文\u2028含行分隔符。"


def test_a_heading_of_forbidden_characters_only_still_has_text():
    heading = Paragraph(Role.HEADING, "\x01", 0, 1)
    written = opml.write(Outline((heading,), (Node(Marker("", "none", 0), "\x01", heading, 1),)))
    assert ET.fromstring(written).find("body/outline").get("text") == opml.UNTITLED


@pytest.mark.parametrize("name,text", [("empty", opml.EMPTY), ("title-only", "国务院关于印发某某方案的通知")])
def test_no_headings_gives_one_commented_outline(name, text):
    outline = edge_outline(name)
    root = ET.fromstring(opml.write(outline))
    assert [(e.get("text"), e.get("isComment")) for e in root.iter("outline")] == [(text, "true")]
    assert opml.read(opml.write(outline)).shape() == outline.shape()


def test_commented_outlines_are_skipped_when_reading():
    text = ('<opml version="2.0"><head><title>T</title></head><body>'
            '<outline text="一、甲" isComment="true"><outline text="（一）乙"/></outline>'
            '<outline text="二、丙" _note="正文一&#10;&#10;正文二"/></body></opml>')
    assert opml.read(text).shape() == ("T", (("二、", "cn-dun", 2, (), "丙", ("正文一", "正文二"), 1, ()),))


def test_date_created():
    naive = opml.write(edge_outline("deep"), date_created=datetime.datetime(2025, 3, 3, 9, 0))
    assert "<dateCreated>Mon, 03 Mar 2025 09:00:00 GMT</dateCreated>" in naive
    east8 = datetime.datetime(2025, 3, 3, 17, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    assert "<dateCreated>Mon, 03 Mar 2025 09:00:00 GMT</dateCreated>" in opml.write(edge_outline("deep"),
                                                                                    date_created=east8)
    now = parsedate_to_datetime(ET.fromstring(opml.write(edge_outline("deep"))).findtext("head/dateCreated"))
    assert abs(now - datetime.datetime.now(datetime.timezone.utc)) < datetime.timedelta(minutes=5)


def test_output_is_deterministic_with_a_date():
    outline = corpus_outline(CORPUS[0])
    assert opml.write(outline, date_created=WHEN) == opml.write(outline, date_created=WHEN)


def test_read_positions_are_those_of_the_elements():
    written = opml.write(edge_outline("deep"))
    outline = opml.read(written)
    lines = written.split("\n")
    for node in outline.walk():
        assert lines[node.line - 1].lstrip().startswith("<outline")
        assert written[node.start:].startswith("<outline text=\"" + node.heading.text)


def test_read_rejects_ill_formed_xml():
    with pytest.raises(ValueError):
        opml.read('<opml version="2.0"><body><outline text="a & b"/></body></opml>')
