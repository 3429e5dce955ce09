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


# --- The document title (issue 16, class 7): the article's own title line, not what the
# page puts around it.

def title_of(text):
    return parse(text).title


@pytest.fixture(scope="module")
def table_page():
    return parse_file(PAGES / "notice-with-metadata-table.txt")


def test_metadata_table_labels_and_values_are_metadata_and_the_title_follows(table_page):
    assert table_page.title == "某市人民政府办公厅关于加强政务信息报送工作的通知"
    assert [p.line for p in table_page.title_paragraphs] == [18, 19]
    assert all(roles(table_page)[line] is Role.META for line in range(9, 18))
    assert roles(table_page)[20] is Role.META  # the document number under the title


def test_a_toolbar_copied_one_button_a_line_is_noise(table_page):
    assert all(roles(table_page)[line] is Role.NOISE for line in range(1, 9))


def test_metadata_table_page_outline_and_attachment_list(table_page):
    assert [(n.line, n.marker.text) for n in table_page.walk()] == [(23, "一、"), (25, "二、")]
    assert roles(table_page)[27] is Role.META and roles(table_page)[28] is Role.META
    assert roles(table_page)[31] is Role.NOISE


def test_a_field_without_a_value_does_not_take_the_title_as_its_value():
    text = "标　　题：\n关于加强管理的通知\n主 题 词：\n关于加强\n管理的通知\n一、总体要求\n"
    assert title_of(text) == "关于加强管理的通知"


@pytest.mark.parametrize("byline", [
    "来源：市政府网 作者：张三 2019-03-05 10:21:07",
    "2019-03-05 10:21:07",
    "发布时间：2019年03月05日",
    "General 更新 2024年04月19日",
    "编辑：李四",
    "文思屋 人氣:2.16W",
    "阅读 1234",
    "【法宝引证码】 CLI.12.1075244",
    "原文链接：https://www.example.com/a/1.html",
    "（新质监办发〔2012〕24号）",
])
def test_a_byline_date_counter_or_code_below_the_title_is_not_title(byline):
    outline = parse(f"在全市工作会议上的讲话\n{byline}\n同志们：\n一、提高站位\n")
    assert outline.title == "在全市工作会议上的讲话"
    assert roles(outline)[2] in (Role.META, Role.NOISE)


@pytest.mark.parametrize("title", [
    "关于拓宽农民收入来源的意见",  # 来源 without a colon
    "关于2024年3月15日事故调查情况的通报",  # a date in the title
    "全民阅读2024行动方案",  # 阅读 and a number, in a title's end
    "编辑出版工作座谈会上的讲话",
])
def test_a_title_that_contains_byline_words_stays_the_title(title):
    assert title_of(f"{title}\n一、总体要求\n要做好。\n") == title


@pytest.mark.parametrize("line,glued", [
    ("在全市工作会议上的讲话 来源：人民网 2019-03-05 10:21:07", Role.META),
    ("在全市工作会议上的讲话　2019-03-05 10:21:07", Role.META),
    ("在全市工作会议上的讲话【字体：大 中 小】", Role.NOISE),
    ("在全市工作会议上的讲话  打印本页", Role.NOISE),
])
def test_a_byline_or_toolbar_glued_to_the_title_line_is_cut_off(line, glued):
    text = f"  {line}  \n同志们：\n一、提高站位\n"
    outline = parse(text)
    assert outline.title == "在全市工作会议上的讲话"
    assert [p.role for p in outline.paragraphs][:2] == [Role.TITLE, glued]
    assert {p.line for p in outline.paragraphs[:2]} == {1}
    assert rebuild(outline) == text


def test_a_glued_byline_cut_off_does_not_shift_what_the_other_steps_found():
    text = "在全市工作会议上的讲话 来源：人民网\n一、总体要求\n要做好。\n附件：1.任务分工表\n2.进度安排表\n"
    outline = parse(text)
    assert [p.text for p in outline.metadata] == ["来源：人民网", "附件：1.任务分工表", "2.进度安排表"]
    assert [n.line for n in outline.walk()] == [2]


def test_a_title_with_a_date_after_a_space_is_one_title():
    assert title_of("某市应急管理局关于 2024年3月15日事故的通报\n一、基本情况\n") == "某市应急管理局关于 2024年3月15日事故的通报"


def test_a_byline_look_alike_heading_stays_a_heading():
    outline = parse("某某工作方案\n一、时间安排：2024年3月15日至4月30日\n二、来源：各区上报\n")
    assert [n.line for n in outline.walk()] == [2, 3]


def test_the_site_name_above_a_title_printed_twice_is_not_title():
    outline = parse("我的文档\n\n在座谈会上的讲话\n\n在座谈会上的讲话\n同志们：\n一、提高站位\n")
    assert outline.title == "在座谈会上的讲话"
    assert roles(outline)[1] is Role.NOISE


def test_a_title_printed_again_with_decoration_is_one_title():
    text = "股份有限公司管理制度\n股份有限公司管理制度\n******* 股份有限公司管理制度\n第一章 总则\n"
    outline = parse(text)
    assert outline.title == "股份有限公司管理制度"
    assert roles(outline)[3] is Role.NOISE


def test_a_title_in_two_lines_printed_again_is_one_title():
    text = "国务院办公厅关于加强\n政务公开工作的通知\n国务院办公厅关于加强\n政务公开工作的通知\n一、总体要求\n"
    assert title_of(text) == "国务院办公厅关于加强政务公开工作的通知"


def test_running_page_header_in_the_text_is_noise():
    text = "股份有限公司管理制度\n第一章 总则\n第一条 为了规范管理，\n******* 股份有限公司管理制度\n制定本制度。\n"
    outline = parse(text)
    assert roles(outline)[4] is Role.NOISE
    assert [p.text for p in outline.nodes[0].children[0].body] == ["制定本制度。"]


def test_a_short_title_is_not_taken_for_a_running_header():
    outline = parse("通知\n一、总体要求\n通知\n")
    assert roles(outline)[3] is Role.BODY


def test_a_complete_title_is_not_continued_by_the_next_line():
    assert title_of("消费者保护法\n第 一 章 总则\n第 1 条\n为保护消费者权益，制定本法。\n") == "消费者保护法"


@pytest.mark.parametrize("lines,title", [
    (("国务院关于印发国家职业教育改革", "实施方案的通知"), "国务院关于印发国家职业教育改革实施方案的通知"),
    (("国务院办公厅关于全面推行行政执法公示制度", "重大执法决定法制审核制度的指导意见"),
     "国务院办公厅关于全面推行行政执法公示制度重大执法决定法制审核制度的指导意见"),
    (("中华人民共和国民法典", "婚姻家庭编"), "中华人民共和国民法典婚姻家庭编"),
    (("某市数字政府建设三年行动计划", "（2024—2026年）"), "某市数字政府建设三年行动计划（2024—2026年）"),
])
def test_a_title_broken_over_lines_is_joined(lines, title):
    assert title_of("\n".join(lines) + "\n一、总体要求\n要做好。\n") == title


def test_a_page_question_gives_way_to_the_document_title_above_the_first_heading():
    text = ("期货业协会权力机构有哪些\n中国期货业协会的主要机构有( )。\n【答案】:A,B\n"
            "中国期货业协会章程\n第一章 总则\n第一条 本协会的名称为中国期货业协会。\n")
    assert title_of(text) == "中国期货业协会章程"


def test_a_document_title_is_not_replaced_by_a_line_above_the_first_heading():
    text = "国务院关于印发某某方案的通知\n现将方案印发给你们。\n某某方案\n一、总体要求\n"
    assert title_of(text) == "国务院关于印发某某方案的通知"


# --- Noise never swallows the document (class 8).

PROSE = "各级各部门要认真贯彻落实会议精神，切实加强组织领导，压实工作责任。确保各项任务落到实处，取得实效。"


def test_a_teaser_near_the_top_does_not_turn_the_speech_into_noise():
    text = (f"在全市工作会议上的讲话\n相关阅读：在全市工作会议上的讲话\n同志们：\n{PROSE}\n"
            f"一、提高站位\n{PROSE}\n二、狠抓落实\n{PROSE}\n")
    outline = parse(text)
    assert [n.line for n in outline.walk()] == [5, 7]
    assert roles(outline)[2] is Role.NOISE
    assert roles(outline)[3] is Role.SALUTATION


def test_numbered_headings_with_their_text_end_a_tail():
    text = "某某讲话\n相关阅读：某某讲话\n一、提高站位\n要提高站位。\n二、狠抓落实\n要狠抓落实。\n三、加强领导\n要加强。\n"
    assert [n.line for n in parse(text).walk()] == [3, 5, 7]


def test_a_long_paragraph_that_starts_like_a_tail_is_text():
    text = f"一、总体要求\n相关阅读材料表明，{PROSE}{PROSE}\n二、主要任务\n"
    outline = parse(text)
    assert roles(outline)[2] is Role.BODY
    assert [n.line for n in outline.walk()] == [1, 3]


def test_a_page_tail_of_short_lines_stays_noise():
    text = (f"一、总体要求\n{PROSE}\n相关推荐\n• 2023年工作总结\n"
            "2023年工作总结 一、主要工作 1.强化责任落实……\n1.在全市经济工作会议上的讲话\n2.在全市防汛工作会议上的讲话\n")
    outline = parse(text)
    assert [n.line for n in outline.walk()] == [1]
    assert all(roles(outline)[line] is Role.NOISE for line in range(3, 8))


def test_a_site_notice_in_the_tail_does_not_end_it():
    notice = "本站部分文章来源于网络，版权归原作者所有。如有侵权请联系我们删除，我们将在第一时间处理。感谢您的支持与理解，欢迎投稿。"
    text = f"一、总体要求\n{PROSE}\n上一篇：某讲话\n{notice}\n二、某某\n"
    outline = parse(text)
    assert [n.line for n in outline.walk()] == [1]


@given(doc=strategies.documents(noise=False, toc=False),
       teaser=st.sampled_from(["相关阅读：{}", "延伸阅读：{}", "导读：{}", "推荐阅读：《{}》"]))
@settings(max_examples=150, deadline=None)
def test_a_teaser_under_the_title_never_swallows_a_generated_document(doc, teaser):
    from speech_outline.anatomy import _goes_on

    proof = any(_goes_on(p.text) for p in doc.paragraphs if p.role in ("body", "preamble"))
    after_front = next((p.line for p in doc.paragraphs if p.role not in ("title", "subtitle", "meta")), None)
    if not proof or after_front is None:
        return
    lines = doc.text.splitlines(keepends=True)
    said = doc.title or doc.expected[0].title
    lines.insert(after_front - 1, teaser.format(said) + "\n")
    outline = parse("".join(lines))
    assert outline.shape()[1] == doc.shape()[1]


# --- Previews of the sections (class 9).

def test_a_preview_of_the_sections_is_a_table_of_contents():
    text = (f"同志们：\n下面我讲三点意见：\n（一）提高政治站位；\n（二）压实工作责任；\n（三）加强督促检查。\n"
            f"（一）提高政治站位。{PROSE}\n（二）压实工作责任。{PROSE}\n（三）加强督促检查。{PROSE}\n")
    outline = parse(text)
    assert [p.line for p in outline.toc] == [3, 4, 5]
    assert [n.line for n in outline.walk()] == [6, 7, 8]


def test_a_preview_before_line_headings_with_text_between():
    text = f"下面讲两个问题。\n一、形势\n二、任务\n一、形势\n{PROSE}\n二、任务\n{PROSE}\n"
    outline = parse(text)
    assert [p.line for p in outline.toc] == [2, 3]
    assert [n.line for n in outline.walk()] == [4, 6]


def test_the_same_item_list_in_two_articles_is_not_a_preview():
    text = ("第一条 有下列情形之一的，不予登记：\n（一）违反规定的；\n（二）拒不改正的。\n"
            "第二条 有下列情形之一的，予以撤销：\n（一）违反规定的；\n（二）拒不改正的。\n")
    outline = parse(text)
    assert outline.toc == ()
    assert len(list(outline.walk())) == 6


def test_short_items_whose_words_come_back_later_in_sections_are_headings_when_they_follow_a_number():
    text = (f"一、总体要求\n（一）提高站位；\n（二）压实责任。\n二、具体措施\n（一）提高站位。{PROSE}\n"
            f"（二）压实责任。{PROSE}\n")
    assert parse(text).toc == ()


def test_items_that_do_not_come_back_are_headings():
    text = f"下面讲三点：\n（一）提高站位；\n（二）压实责任；\n（三）加强督查。\n{PROSE}\n"
    outline = parse(text)
    assert outline.toc == ()
    assert [n.line for n in outline.walk()] == [2, 3, 4]


# --- Attachment lists, notes and flattened tables are not headings (class 11).

def test_attachment_list_is_metadata_not_headings():
    text = "一、总体要求\n要做好。\n附件：1.联络员登记表\n2.宣传申报单\n3.报道通知单\n附件1：\n联络员登记表\n"
    outline = parse(text)
    assert [n.line for n in outline.walk()] == [1]
    assert [p.line for p in outline.metadata] == [3, 4, 5]


def test_attachment_list_under_its_own_line():
    text = "一、总体要求\n要做好。\n附件：\n1.联络员登记表\n2.宣传申报单\n国务院办公厅\n2019年1月1日\n"
    outline = parse(text)
    assert [n.line for n in outline.walk()] == [1]
    assert [p.line for p in outline.metadata] == [3, 4, 5]


def test_an_attachment_with_numbered_sections_keeps_its_headings():
    text = f"一、总体要求\n要做好。\n附件：\n1.总体要求\n{PROSE}\n2.主要任务\n{PROSE}\n"
    outline = parse(text)
    assert [n.line for n in outline.walk()] == [1, 4, 6]
    assert outline.metadata == ()


def test_an_attachment_line_with_prose_is_not_a_list():
    text = "一、总体要求\n附件：1.本办法自发布之日起施行。原办法同时废止。\n2.各地可结合实际制定细则。\n"
    assert parse(text).metadata == ()


@pytest.mark.parametrize("notes", [
    "[1]见《论语·为政》。\n[2]同上。",
    "〔1〕见《论语·为政》。\n〔2〕同上。",
    "①见《论语·为政》。\n②同上。",
    "1.见《论语·为政》。\n2.同上。",
])
def test_endnotes_under_their_heading_are_not_headings(notes):
    text = f"在某会议上的讲话\n一、第一个问题\n我们讲问题[1]。\n二、第二个问题\n这是问题[2]。\n注释\n{notes}\n"
    outline = parse(text)
    assert [n.line for n in outline.walk()] == [2, 4]
    assert [p.line for p in outline.metadata] == [6, 7, 8]


def test_a_notes_label_followed_by_an_article_leaves_the_article_alone():
    outline = parse("第一条 为了规范，制定本法。\n【注释】\n第二条 本法适用于全国。\n")
    assert [n.line for n in outline.walk()] == [1, 3]
    assert outline.metadata == ()


def test_a_section_called_notes_with_numbered_headings_is_not_taken_for_notes():
    text = f"一、总体要求\n要做好。\n二、注意事项\n1.加强领导。{PROSE}\n2.强化保障。{PROSE}\n"
    assert [n.line for n in parse(text).walk()] == [1, 3, 4, 5]


def test_a_table_flattened_one_cell_a_line_makes_no_headings():
    text = ("一、招生计划\n各地按下表执行。\n附：招生计划表\n省份\n计划数\n备注\n北京\n1445\n新增\n天津\n2000\n"
            "1\n2\n3\n二、经费保障\n")
    outline = parse(text)
    assert [(n.line, n.marker.text) for n in outline.walk()] == [(1, "一、"), (15, "二、")]


@pytest.mark.parametrize("text,title,first", [
    ("# 关心群众生活\n（一九三四年一月）\n　　这是讲话的正文。\n", "关心群众生活", None),
    ("## 一、总则\n内容。\n## 二、分则\n内容。\n", None, "一、"),
    ("#　在全市工作会议上的讲话\n同志们：\n### （一）提高站位\n", "在全市工作会议上的讲话", "（一）"),
])
def test_markdown_heading_marks_lead_the_paragraph(text, title, first):
    outline = parse(text)
    assert outline.title == title
    assert (outline.nodes[0].marker.text if outline.nodes else None) == first
    assert rebuild(outline) == text


@pytest.mark.parametrize("line", ["#两会# 代表委员热议", "#1 关于", "###", "#号键的用法"])
def test_hash_signs_that_are_not_markdown_heading_marks_stay_text(line):
    outline = parse(f"{line}\n一、总体要求\n")
    assert outline.paragraphs[0].text == line and outline.paragraphs[0].lead == ""


def test_a_breadcrumb_laid_out_one_item_a_line_is_noise():
    text = "当前位置：\n首页\n>\n政务信息\n>\n宁夏要闻\n2026年某区政府工作报告\n各位代表：\n一、回顾\n"
    outline = parse(text)
    assert outline.title == "2026年某区政府工作报告"
    assert [roles(outline)[n] for n in (2, 3, 4, 5, 6)] == [Role.NOISE] * 5


def test_a_lone_separator_leaves_prose_and_headings_alone():
    text = "某市工作方案\n一、总体要求\n>\n各单位要认真落实本方案的各项要求，确保按时完成任务。\n二、工作措施\n"
    outline = parse(text)
    assert roles(outline)[3] is Role.NOISE
    assert roles(outline)[4] is Role.BODY and [n.line for n in outline.walk()] == [2, 5]


@pytest.mark.parametrize("label", ["接访信息详情", "新闻正文", "原文", "政策全文"])
def test_a_page_label_above_the_title_is_not_title(label):
    outline = parse(f"{label}\n关于立即开展核查的通知\n一、各地自查\n内容。\n")
    assert outline.title == "关于立即开展核查的通知" and roles(outline)[1] is Role.NOISE


def test_a_title_that_ends_like_a_page_label_stays_the_title():
    assert parse("关于公布规章目录和全文\n一、总体要求\n").title == "关于公布规章目录和全文"


def test_a_photo_caption_above_the_title_printed_again_is_noise():
    outline = parse("政府工作报告。 本报记者 李森 摄\n政府工作报告\n各位代表：\n一、回顾\n")
    assert outline.title == "政府工作报告" and roles(outline)[1] is Role.NOISE


def test_a_title_about_filming_is_not_a_caption():
    assert parse("关于加强影视拍摄\n一、总体要求\n").title == "关于加强影视拍摄"


def test_the_title_a_metadata_table_names_wins_over_what_stood_above_it():
    text = ("索 引 号：\n000014349/2018-00218\n标　　题：\n某某条例实施细则\n主 题 词：\n某某国务院令\n第707号\n"
            "现公布修订后的《某某条例实施细则》，自2019年1月1日起施行。\n某某条例实施细则\n"
            "（1994年1月28日国务院令第142号发布　根据2018年12月18日国务院令第707号修订）\n第一条 为了实施。\n")
    outline = parse(text)
    assert outline.title == "某某条例实施细则" and roles(outline)[9] is Role.TITLE
    assert roles(outline)[7] is not Role.TITLE


def test_a_metadata_table_title_never_printed_again_leaves_the_title_alone():
    text = "某某条例实施细则\n标　　题：某某条例\n第一条 为了实施。\n"
    assert parse(text).title == "某某条例实施细则"


def test_a_weak_number_at_the_top_does_not_end_the_front():
    outline = parse("365体育投注\n标  题 :关于印发预案的通知\n关于印发预案的通知\n各单位：\n1  总则\n1.1  目的\n")
    assert outline.title == "关于印发预案的通知"
    assert [n.marker.text for n in outline.walk()] == ["1", "1.1"]


def test_a_bare_numeral_heading_its_series_proves_still_starts_the_text():
    outline = parse("一　关于干部队伍的问题\n内容。\n二　关于作风的问题\n内容。\n")
    assert outline.title is None and [n.line for n in outline.walk()] == [1, 3]


@pytest.mark.parametrize("row", [
    "索引号 002482242/2011-37736 发布机构 浙江省住房和城乡建设厅",
    "公开方式 主动公开 公开范围 面向全社会",
    "文  号 yjya_20111027001 有 效 性",
    "统一编号",
])
def test_a_metadata_row_without_colons_is_metadata(row):
    outline = parse(f"{row}\n\n某省特种设备事故应急预案\n一、总则\n")
    assert outline.title == "某省特种设备事故应急预案" and roles(outline)[1] is Role.META


def test_a_title_with_one_field_word_is_not_a_metadata_row():
    assert parse("关于规范 作者 署名的通知\n一、总则\n").title == "关于规范 作者 署名的通知"


def test_the_column_a_breadcrumb_ends_with_printed_again_is_noise():
    text = "当前位置：首页 > 学校公告 > 党政办\n党政办\n关于开展创先争优活动的实施意见\n一、指导思想\n"
    outline = parse(text)
    assert outline.title == "关于开展创先争优活动的实施意见" and roles(outline)[2] is Role.NOISE


def test_a_breadcrumb_ending_with_a_document_title_leaves_that_title():
    outline = parse("首页 > 要闻 > 政府工作报告\n政府工作报告\n各位代表：\n一、回顾\n")
    assert outline.title == "政府工作报告" and roles(outline)[2] is Role.TITLE


def test_the_headline_a_breadcrumb_ends_with_is_the_title_below_its_pieces():
    text = ("最新新闻 > 往年回顾 > 温家宝赴外交学院为铜像揭幕并向师生们发表讲话\n最新动态\n往年回顾 >\n> 动态内容\n"
            "温家宝赴外交学院为铜像揭幕并向师生们发表讲话\n来源：《人民日报》 2012年9月11日\n国务院总理温家宝来到外交学院。\n")
    outline = parse(text)
    assert outline.title == "温家宝赴外交学院为铜像揭幕并向师生们发表讲话" and roles(outline)[5] is Role.TITLE
    assert roles(outline)[3] is Role.NOISE and roles(outline)[4] is Role.NOISE


def test_a_title_printed_again_without_an_html_entity_is_the_title():
    text = "关于深化“先锋工程”建设&nbsp;深入开展活动的意见\n作者：佚名\n关于深化“先锋工程”建设 深入开展活动的意见\n一、指导思想\n"
    outline = parse(text)
    assert outline.title == "关于深化“先锋工程”建设 深入开展活动的意见"
    assert roles(outline)[1] is Role.NOISE and rebuild(outline) == text


def test_a_title_with_an_ampersand_stays_the_title():
    assert parse("A&B科技有限公司章程\n第一章 总则\n").title == "A&B科技有限公司章程"


@pytest.mark.parametrize("row,title", [
    ('海南省,2026,2026年海南省政府工作报告,https://example.cn/a.html,2026-02-02,"政府工作报告', "政府工作报告"),
    ('山西省,2026,2026年山西省政府工作报告,https://example.cn/a.html,2026-02-02,"下载\n打印\n2026年山西省政府工作报告',
     "2026年山西省政府工作报告"),
])
def test_a_table_export_gives_its_column_names_and_row_to_metadata(row, title):
    text = f"province,year,title,source_url,publish_date,full_text\n{row}\n各位代表：\n一、回顾\n"
    outline = parse(text)
    assert outline.title == title and roles(outline)[1] is Role.META and rebuild(outline) == text


def test_a_title_with_commas_is_not_a_table_export():
    assert parse("关于甲,乙,丙三地合作的通知\n一、总则\n").title == "关于甲,乙,丙三地合作的通知"


def test_a_bare_section_number_its_sub_heading_proves_is_a_heading_not_a_title():
    outline = parse("1 总则\n1.1 编制目的\n为了做好。\n1.2 适用范围\n本预案适用于。\n")
    assert outline.title is None and [(n.marker.text, n.level) for n in outline.walk()] == [
        ("1", 1), ("1.1", 2), ("1.2", 2)]


def test_an_attachment_list_item_with_a_full_stop_is_metadata():
    outline = parse("一、要求\n内容。\n附件：1．名单\n2．申报表。\n")
    assert [n.line for n in outline.walk()] == [1] and roles(outline)[4] is Role.META


def test_no_line_of_furniture_reads_as_a_marker_with_a_title():
    """_scan skips the furniture patterns for paragraphs that start with a marker and have a
    title after it: that is only right while no furniture line can be one."""
    from speech_outline import anatomy
    from speech_outline.markers import CATALOGUE, match_marker

    lines = [f"{example}{tail}" for fam in CATALOGUE for example in fam.examples for tail in ("", " 评论", "页", " 1")]
    lines += ["第 3 页", "第3页 共10页", "(12)", "（1）", "1/5", "12", "[1]", "【点赞】", "-3-", "1313984"]
    for line in lines:
        m = match_marker(line, 0, True)
        if m is not None and not m.weak and m.title_start < len(line):
            assert not anatomy._noise_line(line), line


def test_a_menu_copied_one_item_a_line_at_the_top_is_noise():
    menu = "登录 | 注册\n我的信息\n普法平台\n首页\n团队动态\n以案释法\n线上教育\n启明倾听\n关于我们\n"
    outline = parse(menu + "启明倾听\n法治兴则国兴。\n一、活动目的\n内容。\n")
    assert outline.title == "启明倾听" and all(roles(outline)[n] is Role.NOISE for n in range(1, 10))
    outline = parse(menu.replace("关于我们\n", "关于我们\n通知\n") + "各单位：\n一、活动目的\n")
    assert outline.title == "通知"


def test_a_few_short_lines_at_the_top_are_not_a_menu():
    outline = parse("出席人员\n张三\n李四\n王五\n会议讨论了全年工作。\n一、议题\n")
    assert Role.NOISE not in [roles(outline)[n] for n in range(1, 5)]


def test_a_date_like_seven_dot_one_opens_the_title_not_a_heading():
    outline = parse("七.一建党节庆祝活动申报\n申报人：孙二\n一、活动主题\n内容。\n")
    assert outline.title == "七.一建党节庆祝活动申报" and roles(outline)[2] is Role.META
    assert [n.marker.text for n in outline.walk()] == ["一、"]


def test_every_breadcrumb_mark_is_found_by_the_quick_test():
    from speech_outline import anatomy

    assert all(anatomy._has_crumb_mark(f"首页{mark}新闻") for mark in anatomy._CRUMB_MARKS)
    assert not anatomy._has_crumb_mark("首页、新闻")
    assert parse("首页 ＞ 新闻 ＞ 正文\n关于开展检查的通知\n一、总则\n").title == "关于开展检查的通知"
