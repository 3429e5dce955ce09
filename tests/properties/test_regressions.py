"""Explicit regression examples: minimal inputs the property tests found.

Each test's name and docstring say which finding it pins down, and why the expected
outline is right. Outlines are compared as nested (marker, title, line, children).
"""
from __future__ import annotations

from speech_outline import parse, rebuild
from speech_outline.strategies import outline_tuples


def outline(text: str) -> tuple:
    result = parse(text)
    assert rebuild(result) == text
    return outline_tuples(result)


def test_latin_capitals_are_letters():
    # finding 1: C、 was read as the Roman numeral 100
    text = "一、总体要求\nA、总体要求\nB、总体要求\nC、总体要求\n"
    assert outline(text) == (
        ("一、", "总体要求", 1, (
            ("A、", "总体要求", 2, ()),
            ("B、", "总体要求", 3, ()),
            ("C、", "总体要求", 4, ()),
        )),
    )
    assert [n.marker.ordinal for n in parse(text).walk()] == [1, 1, 2, 3]


def test_latin_capitals_l_and_x():
    # finding 1: every letter A–Z is its place in the alphabet
    text = "".join(f"{chr(ord('A') + i)}、加强组织领导\n" for i in range(26))
    assert [n.marker.ordinal for n in parse(text).walk()] == list(range(1, 27))


def test_inline_enumeration_after_heading_of_same_style():
    # finding 2: （二） of an inline list was split off as a heading
    text = "（一）总体要求\n具体包括：（一）加强组织领导；（二）加强组织领导。\n"
    assert outline(text) == (("（一）", "总体要求", 1, ()),)
    text = ("一、总体要求\n（一）总体要求\n"
            "各地区各部门的工作还有差距。具体包括：（一）加强组织领导；（二）加强组织领导。\n")
    assert outline(text) == (("一、", "总体要求", 1, (("（一）", "总体要求", 2, ()),)),)


def test_toc_with_page_numbers_keeps_headings():
    # finding 3: dot-leader entries were labelled first, then 目录 took the headings as entries
    text = "目录\n一、总体要求……1\n二、主要任务……2\n一、总体要求\n二、主要任务\n"
    result = parse(text)
    assert outline_tuples(result) == (("一、", "总体要求", 4, ()), ("二、", "主要任务", 5, ()))
    assert [p.role.value for p in result.paragraphs] == ["toc", "toc", "toc", "heading", "heading"]


def test_unicode_whitespace_line_is_blank():
    # finding 4: a line of U+2029 became a title paragraph and the title ""
    text = "\u2029\n一、总体要求\n"
    result = parse(text)
    assert outline_tuples(result) == (("一、", "总体要求", 2, ()),)
    assert result.title is None
    assert [p.role.value for p in result.paragraphs] == ["heading"]
    for space in "\u2028\u2029\x85\u1680\u202f\u205f\x1c":
        assert parse(space).title is None


def test_zero_width_characters_around_a_line_are_white_space():
    # web pages leave U+200B and U+FEFF around lines: they go to lead and trail like spaces
    for zw in "\u200b\u200c\u200d\u2060\ufeff":
        text = f"{zw}一、总体要求{zw}\n\u3000{zw}（一）加强组织领导 {zw}\n"
        result = parse(text)
        assert outline_tuples(result) == (("一、", "总体要求", 1, (("（一）", "加强组织领导", 2, ()),)),)
        assert [(p.lead, p.text) for p in result.paragraphs] == [(zw, "一、总体要求"),
                                                                 ("\u3000" + zw, "（一）加强组织领导")]
        assert rebuild(result) == text


def test_title_of_single_characters_round_trips():
    # finding 5: "< =" (joined title lines) closes up to "<=" when read back as one line
    from speech_outline.model import join_title_lines

    lines = ["<", "="]
    once = join_title_lines(lines)
    assert join_title_lines([once]) == once
    from speech_outline.formats import read, write

    outline = parse("<\n=")
    assert read(write(outline, "markdown"), "markdown").shape() == outline.shape()


def test_long_paragraph_with_inline_list_is_body():
    # finding 6: a paragraph of 400+ characters is not a glued document because it is long
    prose = "各地区各部门要高度重视安全生产工作，切实加强组织领导，压实工作责任。" * 9
    body = prose + "主要措施是：（一）加强组织领导；（二）完善体制机制；（三）强化监督检查。" + prose
    text = "一、总体要求\n" + body + "\n二、主要任务\n"
    result = parse(text)
    assert outline_tuples(result) == (("一、", "总体要求", 1, ()), ("二、", "主要任务", 3, ()))
    assert result.nodes[0].body_texts == (body,)


def test_item_under_section_after_item_under_chapter():
    # finding 7: level memory pulled 一、 out from under the 节 before it
    text = ("第一编　总则\n第一章　一般规定\n一、加强组织领导\n第二编　分则\n第一分编　通则\n"
            "第一章　一般规定\n第一节　一般规定\n一、加强组织领导\n")
    assert outline(text) == (
        ("第一编", "总则", 1, (("第一章", "一般规定", 2, (("一、", "加强组织领导", 3, ()),)),)),
        ("第二编", "分则", 4, (("第一分编", "通则", 5, (("第一章", "一般规定", 6, (
            ("第一节", "一般规定", 7, (("一、", "加强组织领导", 8, ()),)),)),)),)),
    )


def test_last_discourse_stays_with_its_series():
    # finding 8: 最后 after 其次 was read as ending the one-member 第一 series
    text = ("一、总体要求\n第一，总体要求\n首先，加强组织领导\n其次，加强组织领导\n最后，加强组织领导\n"
            "二、总体要求\n首先，加强组织领导\n其次，加强组织领导\n")
    assert outline(text) == (
        ("一、", "总体要求", 1, (("第一，", "总体要求", 2, (
            ("首先，", "加强组织领导", 3, ()), ("其次，", "加强组织领导", 4, ()), ("最后，", "加强组织领导", 5, ()),
        )),)),
        ("二、", "总体要求", 6, (("首先，", "加强组织领导", 7, ()), ("其次，", "加强组织领导", 8, ()))),
    )
