"""Document anatomy on pasted pages: title, metadata, framing, noise, contents, lost breaks."""
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from speech_outline import Role, parse, parse_file, rebuild, strategies

PAGES = Path(__file__).parent / "pages"


def roles(outline):
    return {p.line: p.role for p in outline.paragraphs}


def headings(outline):
    return [(n.level, n.line, n.marker.text, n.title) for n in outline.walk()]


@pytest.fixture(scope="module")
def speech():
    return parse_file(PAGES / "speech-with-subtitle.txt")


def test_speech_page_title_subtitle_and_metadata(speech):
    assert speech.title == "在全市安全生产工作会议上的讲话"
    assert [p.text for p in speech.metadata] == [
        "——在2024年全市安全生产工作会议上的讲话", "张 明", "2024年3月15日", "来源：市应急管理局"]
    assert roles(speech)[3] is Role.SUBTITLE


def test_speech_page_framing_is_its_own_part(speech):
    assert [p.text for p in speech.framing] == ["同志们：", "谢谢大家！"]
    assert [p.text for p in speech.preamble] == [
        "今天我们召开全市安全生产工作会议，主要任务是总结去年工作，部署今年任务。下面，我讲三点意见。"]
    last = list(speech.walk())[-1]
    assert [p.text for p in last.body] == ["各级各部门要把安全生产摆在突出位置。"]


def test_speech_page_outline(speech):
    assert headings(speech) == [
        (1, 11, "一、", "充分肯定成绩，清醒认识当前形势"),
        (2, 13, "（一）", "事故总量持续下降。"),
        (2, 14, "（二）", "专项整治成效明显。"),
        (1, 15, "二、", "突出工作重点，全力防范化解重大风险"),
        (2, 16, "1.", "抓好危险化学品安全。"),
        (2, 17, "2.", "抓好建筑施工安全。"),
        (1, 18, "三、", "强化责任落实，确保各项措施落地见效"),
    ]


@pytest.mark.parametrize("line,what", [
    (1, "breadcrumb"), (7, "view counter"), (8, "font size switch"), (21, "page number"),
    (22, "share bar"), (23, "like counter"), (24, "previous article"), (25, "next article"),
    (26, "related list header"), (27, "related list item"), (28, "teaser snippet with markers"),
    (30, "teaser snippet with a salutation"), (31, "citation codes"), (32, "copyright footer"),
])
def test_each_kind_of_web_noise_is_kept_as_noise(speech, line, what):
    assert roles(speech)[line] is Role.NOISE, what


def test_noise_is_kept_so_the_page_rebuilds(speech):
    assert rebuild(speech) == (PAGES / "speech-with-subtitle.txt").read_text(encoding="utf-8")
    assert not any(n.line >= 21 for n in speech.walk())


def test_table_of_contents_is_recognised_not_parsed_twice():
    outline = parse_file(PAGES / "plan-with-contents.txt")
    assert [p.text for p in outline.toc] == ["目  录", "一、总体要求", "二、重点任务", "三、保障措施"]
    assert [n.line for n in outline.nodes] == [9, 13, 18]
    assert roles(outline)[12] is Role.NOISE  # "- 2 -" page number in mid-document
    assert roles(outline)[21] is Role.NOISE  # 打印本页 关闭窗口
    assert outline.title == "某市数字政府建设三年行动计划（2024—2026年）"


def test_text_cut_off_mid_sentence_ends_cleanly():
    outline = parse_file(PAGES / "plan-with-contents.txt")
    last = list(outline.walk())[-1]
    assert last.title == "强化资金保障。"
    assert last.run_in == "各级财政要加大投入，"


def test_one_line_document_recovers_its_headings():
    text = ("为做好工作，现提出如下意见。一、总体要求（一）指导思想。坚持以人民为中心。"
            "（二）基本原则。坚持问题导向。二、主要任务（一）加强建设。要加强建设。（二）强化保障。要强化保障。")
    outline = parse(text)
    assert [(n.level, n.marker.text) for n in outline.walk()] == [
        (1, "一、"), (2, "（一）"), (2, "（二）"), (1, "二、"), (2, "（一）"), (2, "（二）")]
    assert [n.title for n in outline.walk()][1:3] == ["指导思想。", "基本原则。"]
    assert rebuild(outline) == text
    assert {n.line for n in outline.walk()} == {1}
    assert [text[n.start:n.start + 2] for n in outline.walk()] == ["一、", "（一", "（二", "二、", "（一", "（二"]


def test_glued_paragraphs_split_where_numbering_continues():
    text = "一、总体要求\n（一）加强建设，是贯彻部署的需要。党的十八大以来成效明显。（二）加强建设，是提升能力的需要。\n"
    outline = parse(text)
    assert [(n.level, n.marker.text, n.title) for n in outline.walk()] == [
        (1, "一、", "总体要求"),
        (2, "（一）", "加强建设，是贯彻部署的需要。"),
        (2, "（二）", "加强建设，是提升能力的需要。"),
    ]
    assert rebuild(outline) == text


def test_mid_paragraph_enumeration_stays_body():
    text = "一、形势\n当前困难较多，表现在一是增速放缓。二是结构矛盾突出。第一，要稳增长。第二，要调结构。\n"
    outline = parse(text)
    assert [n.marker.text for n in outline.walk()] == ["一、"]
    assert len(outline.nodes[0].body) == 1


def test_inline_list_that_does_not_continue_the_numbering_stays_body():
    text = "一、甲\n二、乙\n包括以下内容。1.第一项内容。2.第二项内容。\n三、丙\n"
    outline = parse(text)
    assert [n.marker.text for n in outline.walk()] == ["一、", "二、", "三、"]


def test_document_without_title_starts_with_its_salutation():
    outline = parse("各位代表：\n现在，我代表国务院向大会作报告。\n一、回顾\n")
    assert outline.title is None
    assert [p.role for p in outline.paragraphs] == [Role.SALUTATION, Role.PREAMBLE, Role.HEADING]


def test_title_repeated_by_the_page_is_given_once():
    outline = parse("在座谈会上的讲话\n\n在座谈会上的讲话\n同志们：\n一、提高站位\n")
    assert outline.title == "在座谈会上的讲话"
    assert [p.role for p in outline.paragraphs][:2] == [Role.TITLE, Role.TITLE]


def test_title_broken_over_lines_is_joined_and_letter_spacing_closed():
    outline = parse("国务院办公厅关于印发\n国 家 粮 食 应 急 预 案 的 函\n国办函〔2005〕57号\n正文。\n")
    assert outline.title == "国务院办公厅关于印发国家粮食应急预案的函"
    assert [p.text for p in outline.metadata] == ["国办函〔2005〕57号"]


def test_mid_document_salutation_turns_back_to_the_part():
    text = ("一、回顾\n（一）经济\n1.增长\n（二）改革\n各位代表！\n我们也要看到困难，一是外需减弱。\n"
            "二是增速下滑。\n三是矛盾突出。\n")
    outline = parse(text)
    assert [(n.level, n.line) for n in outline.walk()] == [(1, 1), (2, 2), (3, 3), (2, 4), (2, 7), (2, 8)]
    assert roles(outline)[5] is Role.SALUTATION


def test_contents_with_dot_leaders_and_page_numbers_need_no_heading():
    text = ("某某规划\n第一章 总则……………1\n第二章 任务…………………5\n第三章 保障 ........ 12\n"
            "第一章 总则\n第一条 为了规范。\n第二章 任务\n第二条 任务。\n")
    outline = parse(text)
    assert [p.line for p in outline.toc] == [2, 3, 4]
    assert [(n.level, n.line) for n in outline.walk()] == [(1, 5), (2, 6), (1, 7), (2, 8)]
    assert outline.diagnostics == ()


def test_list_running_on_inside_a_paragraph_is_not_split():
    text = "（一）总体要求\n各地区各部门的工作还有差距。具体包括：（一）加强组织领导；（二）加强组织领导。\n"
    outline = parse(text)
    assert [n.marker.text for n in outline.walk()] == ["（一）"]
    assert outline.diagnostics == ()


def test_continuation_after_a_semicolon_is_not_a_lost_break():
    text = "（一）总体要求\n要做好以下工作：加强组织领导；（二）加强资金保障。\n"
    assert [n.marker.text for n in parse(text).walk()] == ["（一）"]


@pytest.mark.parametrize("lead", ["包括：", "包括。", "包括，"])
def test_inline_list_inside_a_paragraph_stays_body(lead):
    sentence = "各地区各部门要高度重视安全生产工作，切实加强组织领导，压实工作责任。" * 9
    text = f"一、总体要求\n{sentence}{lead}（一）加强组织领导；（二）完善体制机制；（三）强化监督检查。{sentence}\n二、主要任务\n"
    outline = parse(text)
    assert [(n.line, n.marker.text) for n in outline.walk()] == [(1, "一、"), (3, "二、")]


@given(text=st.one_of(strategies.documents(run_in=True).map(lambda d: d.text),
                      st.text(alphabet="一二三（）(第1.。；！ \u3000\u200b\n\r甲乙条", max_size=60)))
@settings(max_examples=300, deadline=None)
def test_joints_are_searched_in_the_paragraphs_as_in_the_whole_text(text):
    """Lost breaks are searched in the unlabelled paragraphs' texts joined by line breaks,
    not in the whole input: every paragraph must get exactly the joints the whole text
    has inside it, and a paragraph without any must not be listed."""
    from speech_outline.breaks import _joints, _joints_by_paragraph
    from speech_outline.tokenize import tokenize

    tokens = [tok for tok in tokenize(text) if tok.text]
    whole = _joints(text)
    expected = []
    for index, tok in enumerate(tokens):
        inside = [j - tok.start for j in whole if tok.start < j < tok.start + len(tok.text)]
        if inside:
            expected.append((index, inside))
    assert _joints_by_paragraph([tok.text for tok in tokens]) == expected
