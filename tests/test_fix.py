"""`fix`: renumbering a draft changes the markers, and nothing else.

Each rule has a made-up example and a look-alike beside it (text `fix` must leave alone).
The property tests (tests/properties/test_fix_properties.py) scramble the numbers of
generated documents and of the corpus and check that `fix` gives the original back.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from speech_outline import fix, parse, plan_fixes
from speech_outline.renumber import plan

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
DEV = Path("/work/shared/corpus/dev")  # the development corpus, where it is at hand
CORPUS_FILES = CORPUS + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])


def changes(text: str, **options) -> list[tuple[int, str, str]]:
    return [(c.line, c.old, c.new) for c in plan_fixes(text, **options)]


# ---------------------------------------------------------------- the rules, and their look-alikes

def test_a_gap_and_a_repeat_are_renumbered_in_sequence():
    text = "方案\n一、总体要求\n（一）指导思想。\n（三）基本原则。\n（三）工作目标。\n三、主要任务\n"
    assert fix(text) == "方案\n一、总体要求\n（一）指导思想。\n（二）基本原则。\n（三）工作目标。\n二、主要任务\n"
    assert changes(text) == [(4, "（三）", "（二）"), (6, "三、", "二、")]


def test_numbers_in_sequence_are_left_to_the_character():
    text = "方案\n一、总体要求\n（一）指导思想。\n（二）基本原则。\n二、主要任务\n"
    assert fix(text) == text and changes(text) == []


def test_a_series_keeps_its_first_value_or_starts_at_one_with_restart():
    text = "（节选）\n五、保障措施\n七、组织实施\n"
    assert fix(text) == "（节选）\n五、保障措施\n六、组织实施\n"
    assert fix(text, restart=True) == "（节选）\n一、保障措施\n二、组织实施\n"


def test_one_spelling_per_level_the_series_majority_wins():
    text = "一、任务\n1.加强领导。\n2、压实责任。\n3.强化监督。\n"
    assert changes(text) == [(3, "2、", "2.")]
    wide = "一、任务\n（一）统一思想。\n(二)压实责任。\n(三)强化监督。\n"
    assert fix(wide) == "一、任务\n(一)统一思想。\n(二)压实责任。\n(三)强化监督。\n"  # half-width wins 2:1


def test_enclosed_and_full_stop_spellings_of_a_level():
    text = "一、任务\n⒈加强领导。\n⒉压实责任。\n3.强化监督。\n"
    assert fix(text) == "一、任务\n⒈加强领导。\n⒉压实责任。\n⒊强化监督。\n"


def test_style_gbt_writes_gb_t_9704():
    text = "一．任务\n(一)统一思想。\n1、加强领导。\n⑴抓落实。\n二．保障\n"
    assert fix(text, style="gbt") == "一、任务\n（一）统一思想。\n1.加强领导。\n（1）抓落实。\n二、保障\n"
    assert fix(text) == text  # without --style gbt each series keeps its own spelling


def test_other_families_keep_their_own_punctuation():
    # 就是 / 是 is the speaker's wording, not a spelling of a level
    text = "讲话\n第一个好是团结。\n第二个好就是务实。\n第四个好是清廉。\n"
    assert fix(text) == "讲话\n第一个好是团结。\n第二个好就是务实。\n第三个好是清廉。\n"


def test_law_articles_are_numbered_straight_through_chapters():
    text = ("第一章 总则\n第一条 为了规范管理，制定本法。\n第三条 国家依法管理。\n第二章 附则\n"
            "第五章 其他\n第三条 本法自公布之日起施行。\n")
    assert changes(text) == [(3, "第三条", "第二条"), (5, "第五章", "第三章")]  # line 6 is number 3 already


def test_law_sections_start_again_in_each_chapter():
    text = ("第一章 总则\n第一节 一般规定\n第一条 甲应当遵守本法。\n第二章 附则\n第一节 定义\n第二条 乙应当遵守本法。\n"
            "第三节 施行\n第三条 丙应当遵守本法。\n")
    assert changes(text) == [(7, "第三节", "第二节")]


def test_arabic_law_numbers_stay_arabic():
    text = "第1章 总则\n第1条 甲应当遵守本法。\n第3条 乙应当遵守本法。\n"
    assert changes(text) == [(3, "第3条", "第2条")]


def test_inline_enumerations_and_look_alikes_are_never_touched():
    text = ("报告\n一、总体要求\n表现在：一是思想统一；三是行动一致。\n一、二季度，经济平稳。\n"
            "1.5亿元资金已全部拨付。\n2024年，工作推进。\n三、主要任务\n")
    assert fix(text) == text.replace("三、主要", "二、主要")


def test_numbers_standing_inline_in_the_paragraph_before_count():
    text = "报告\n一是突出重点。\n二是发展经济。\n三是健全政策，狠抓落实。四是开展行动。\n五是强化治理。\n"
    assert fix(text) == text
    look_alike = "报告\n一是突出重点。\n二是发展经济。\n三是健全政策，狠抓落实。\n五是强化治理。\n"
    assert changes(look_alike) == [(5, "五是", "四是")]


def test_a_step_back_to_one_is_a_new_list_and_is_noted():
    text = ("第一条 有下列情形之一的，不予受理：\n（一）超过期限；\n（二）不属于范围。\n"
            "有下列情形之一的，予以驳回：\n（一）无理由；\n（二）已撤回。\n")
    result = plan(text)
    assert result.text == text
    assert [(n.line, n.text) for n in result.notes] == [(5, "（一）")]


def test_a_table_of_contents_is_noted_not_changed():
    text = "目录\n一、总体要求……1\n三、主要任务……2\n一、总体要求\n三、主要任务\n"
    result = plan(text)
    assert result.text == "目录\n一、总体要求……1\n三、主要任务……2\n一、总体要求\n二、主要任务\n"
    assert [(n.line, n.text) for n in result.notes] == [(1, "目录")]


def test_discourse_words_are_not_renumbered():
    text = "讲话\n首先，要提高认识。\n其次，要压实责任。\n其次，要强化监督。\n"
    result = plan(text)
    assert result.text == text
    assert [n.line for n in result.notes] == [4]


def test_a_number_the_family_cannot_write_is_left_with_a_note():
    text = "说明\n" + "".join(f"{chr(0x3220 + i)}项目甲。\n" for i in range(10)) + "㈩项目乙。\n"  # ㈠…㈩ ㈩
    result = plan(text)
    assert result.text == text
    assert [(n.line, n.text) for n in result.notes] == [(12, "㈩")]
    assert "has no marker for number 11" in result.notes[0].reason


def test_a_series_whose_renumbering_would_change_the_outline_is_left():
    """The safety net: changes are checked by parsing the fixed text again, and a series
    whose changes would change the outline is left, with a note."""
    from speech_outline.renumber import Change, _verified

    text = "方案\n一、总体要求\n（一）指导思想。\n（三）基本原则。\n二、主要任务\n"
    harmless = [Change(4, text.index("（三）"), "（三）", "（二）", "numbered 2")]
    harmful = [Change(5, text.index("二、"), "二、", "二", "not a marker any more")]
    notes: list = []
    assert _verified(text, parse(text), [harmless, harmful], notes) == [harmless]
    assert [(n.line, n.text) for n in notes] == [(5, "二、")]
    assert "would change how the outline reads" in notes[0].reason


# ---------------------------------------------------------------- cross-references

LAW = ("第一章 总则\n第一条 为了规范管理，制定本法。\n第三条 依照本法第四条的规定办理。"
       "《刑法》第四条另有规定的除外。\n第四条 违反第三条、第四条规定的，依法处理。\n")


def test_references_to_renumbered_articles_are_reported_not_changed():
    result = plan(LAW)
    assert result.text == LAW.replace("第三条 依照", "第二条 依照").replace("第四条 违反", "第三条 违反")
    reported = [(n.line, n.text, n.reason) for n in result.notes]
    assert [r for r in reported if "now 第三条: not updated" in r[2]] == [
        (3, "第四条", "refers to article 4, now 第三条: not updated (--update-references updates it)"),
        (4, "第四条", "refers to article 4, now 第三条: not updated (--update-references updates it)")]
    assert len([r for r in reported if "may not refer" in r[2]]) == 1  # 《刑法》第四条


def test_update_references_renumbers_references_to_this_law_only():
    fixed = fix(LAW, update_references=True)
    assert "依照本法第三条的规定" in fixed
    assert "《刑法》第四条另有规定" in fixed  # another law's article
    assert "违反第二条、第三条规定的" in fixed  # a joined pair: both follow the first


def test_a_measure_word_is_not_a_reference():
    text = "第一条 甲应当遵守本法。\n第三条 走出第三条道路。\n"
    assert "第三条道路" in fix(text, update_references=True)


# ---------------------------------------------------------------- the corpus


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_published_documents_need_no_fix(path):
    """Published documents are numbered right: fix proposes nothing (docs/fix.md lists the
    proposals earlier rules made, and why they were wrong)."""
    assert plan_fixes(path.read_text(encoding="utf-8")) == []
