"""Markdown format: layout, escaping, noise, and reading it back to the same shape."""
from __future__ import annotations

import pytest
from hypothesis import example, given

from format_cases import (CORPUS, CORPUS_IDS, LONE_SURROGATE, PROSE, all_outlines, cleaned, corpus_outline,
                          edge_outline)
from speech_outline import Role
from speech_outline.formats import markdown
from speech_outline.formats._sections import heading_line

OUTLINES = all_outlines()
NAMES = [name for name, _ in OUTLINES]


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
def test_reads_back_to_the_same_shape(name, outline):
    expected = cleaned(name, outline, LONE_SURROGATE, "\ufffd")
    assert markdown.read(markdown.write(outline)).shape() == expected.shape()


def test_layout_of_a_speech():
    assert markdown.write(edge_outline("speech-framing")) == (
        '---\ntitle: "在某会议上的讲话"\n\n---\n\n'
        "同志们：\n\n今天召开会议。\n\n"
        "# 一、充分认识意义\n\n正文一。\n\n> 同志们！\n\n"
        "# 二、抓好落实\n\n正文二。\n\n> 谢谢大家。\n")


def test_levels_deeper_than_six_are_nested_list_items():
    lines = markdown.write(edge_outline("deep")).split("\n\n")
    assert lines[:8] == [
        "# 第一编　总则", "## 第一分编　通则", "### 第一章　一般规定", "#### 第一节　基本规定",
        "##### 第一条　本法的目的。", "正文内容。", "###### （一）第一项内容；", "- 1\\. 第一目内容。"]
    assert lines[8:16] == [
        "  - （1）第一小目。", "    - ① 圈一内容。", "      后续文字。", "      第二段落。",
        "    - ② 圈二内容。", "  - （2）第二小目。", "- 2\\. 第二目内容。", "###### （二）第二项。"]


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_headings_keep_their_markers_and_prose_is_never_wrapped(path):
    outline = corpus_outline(path)
    lines = markdown.write(outline).split("\n")
    for node in outline.walk():
        line = "#" * node.level + " " + markdown.escape(heading_line(node))
        assert line in lines if node.level <= 6 else line not in lines
        assert node.marker.text in heading_line(node)
        for text in node.body_texts:
            assert markdown.escape(text) in lines


def test_title_is_front_matter_and_heading_levels_are_outline_levels():
    title_only = edge_outline("title-only")
    assert markdown.write(title_only) == '---\ntitle: "国务院关于印发某某方案的通知"\n\n---\n'
    untitled = markdown.write(edge_outline("deep"))
    assert untitled.startswith("# 第一编")


@pytest.mark.parametrize("name", ["empty", "blank"])
def test_nothing_to_write(name):
    assert markdown.write(edge_outline(name)) == ""
    assert markdown.read("").shape() == (None, ())


@pytest.mark.parametrize("text,escaped", [
    ("1. 不是列表", "1\\. 不是列表"),
    ("1) 也不是", "1\\) 也不是"),
    ("(1) 还不是", "\\(1) 还不是"),
    ("2025. 年份", "2025\\. 年份"),
    ("- 项", "\\- 项"),
    ("+ 项", "\\+ 项"),
    ("---", "\\---"),
    ("# 题", "\\# 题"),
    ("> 引", "\\> 引"),
    ("- - -", "\\- - -"),
    ("*强调* _下_ `码` [链](u) <b>粗</b> &amp; ~~删~~ 反\\斜", "\\*强调\\* \\_下\\_ \\`码\\` \\[链\\](u) \\<b\\>粗\\</b\\> "
     "\\&amp; \\~\\~删\\~\\~ 反\\\\斜"),
    # not markup: no white space after the marker, full-width forms, a table bar on one line
    ("1.坚持正确导向。", "1.坚持正确导向。"),
    ("1.1\u3000编制目的", "1.1\u3000编制目的"),
    ("-5%的增长", "-5%的增长"),
    ("(1)括号", "(1)括号"),
    ("（一）全角不变。第一，１． a|b", "（一）全角不变。第一，１． a|b"),
])
def test_escape(text, escaped):
    assert markdown.escape(text) == escaped
    assert markdown.unescape(escaped) == text


@given(PROSE)
@example("1. 项")
@example("\u3000")
@example("***")
@example("- - -")
@example("#")
def test_any_prose_reads_back_as_one_paragraph(text):
    """Whatever a paragraph holds, the reader sees one paragraph with that text, not markup.

    (Paragraph text never starts or ends with spaces or tabs: they are its lead and trail.)
    """
    written = "# 一、标题\n\n" + markdown.escape(text) + "\n"
    outline = markdown.read(written)
    assert [n.body_texts for n in outline.walk()] == [(text.strip(" \t"),)]


def test_noise_is_dropped_unless_asked_for():
    outline = corpus_outline(CORPUS[CORPUS_IDS.index("speech-political-building")])
    noise = [p.text for p in outline.noise]
    assert "相关推荐" in noise
    default = markdown.write(outline).split("\n")
    assert not any(markdown.escape(t) in default or "> " + markdown.escape(t) in default for t in noise)
    kept = markdown.write(outline, include_noise=True).split("\n")
    assert "> 相关推荐" in kept
    assert markdown.read("\n".join(kept)).shape() == outline.shape()


def test_text_outside_sections_after_the_first_heading_is_quoted():
    outline = corpus_outline(CORPUS[CORPUS_IDS.index("report-gov-2009")])
    lines = markdown.write(outline).split("\n")
    salutations = [p for p in outline.framing if p.start > outline.nodes[0].start]
    assert len(salutations) == 5
    assert lines.count("> 各位代表！") == 5
    assert "各位代表！" not in lines


@pytest.mark.parametrize("name", ["markdown-specials", "deep", "speech-framing"])
def test_read_positions_point_into_the_markdown(name):
    written = markdown.write(edge_outline(name))
    outline = markdown.read(written)
    assert outline.paragraphs
    for p in outline.paragraphs:
        source = markdown.escape(p.text) if p.role is not Role.TITLE else p.text
        assert written[p.start:].startswith(source)
        assert written.count("\n", 0, p.start) + 1 == p.line
    assert [p.start for p in outline.paragraphs] == sorted(p.start for p in outline.paragraphs)


def test_reads_a_title_in_front_matter_written_by_hand():
    outline = markdown.read("---\ntitle: 手写标题\nauthor: 某人\n---\n\n# 一、总体\n\n正文\n")
    assert outline.shape() == ("手写标题", (("一、", "cn-dun", 1, (), "总体", ("正文",), 1, ()),))


def test_lone_surrogates_become_replacement_characters():
    written = markdown.write(edge_outline("control-chars"))
    assert "\ufffd" in written and "\x00" in written
    written.encode("utf-8")
