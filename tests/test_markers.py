"""The marker catalogue: every family at a paragraph start, every look-alike refused."""
import re

import attrs

import pytest
from hypothesis import given, settings, strategies as st

from speech_outline.markers import CATALOGUE, LAST, cut_title, family, first_chars, marker_start, match_marker


@pytest.mark.parametrize(
    "family,example",
    [(f, e) for f in CATALOGUE for e in f.examples],
    ids=lambda v: v if isinstance(v, str) else v.style,
)
def test_catalogue_examples_match_their_own_family(family, example):
    found = match_marker(example, weak=True)
    assert found is not None, example
    assert found.style == family.style
    assert found.weak == family.weak  # the examples have their separators
    assert (match_marker(example) is None) == family.weak


@pytest.mark.parametrize("text,marker,style,ordinal,title", [
    ("一、提高站位，深刻认识重要意义", "一、", "cn-dun", 1, "提高站位，深刻认识重要意义"),
    ("二十一、其他事项", "二十一、", "cn-dun", 21, "其他事项"),
    ("（一）加强建设，是贯彻部署的需要。党的十八大以来", "（一）", "cn-paren", 1, "加强建设，是贯彻部署的需要。"),
    ("(二)提升履职能力", "(二)", "cn-paren", 2, "提升履职能力"),
    ("（三)混合括号", "（三)", "cn-paren", 3, "混合括号"),
    ("(十二)第十二项", "(十二)", "cn-paren", 12, "第十二项"),
    ("〔四〕六角括号", "〔四〕", "cn-paren", 4, "六角括号"),
    ("1.坚持正确导向。增强意识", "1.", "arabic-dot", 1, "坚持正确导向。"),
    ("1、工作目标", "1、", "arabic-dun", 1, "工作目标"),
    ("1．全角句点", "1．", "arabic-dot", 1, "全角句点"),
    ("１．全角数字", "１．", "arabic-dot", 1, "全角数字"),
    ("(1)半角括号", "(1)", "arabic-paren", 1, "半角括号"),
    ("（１０）全角", "（１０）", "arabic-paren", 10, "全角"),
    ("①第一项", "①", "circled", 1, "第一项"),
    ("⑴第一项", "⑴", "paren-digit", 1, "第一项"),
    ("㈠第一项", "㈠", "cn-enclosed", 1, "第一项"),
    ("⒈第一项", "⒈", "digit-stop", 1, "第一项"),
    ("第一,要高度重视领导班子思想政治建设", "第一,", "speech-di", 1, "要高度重视领导班子思想政治建设"),
    ("第二、大力提高经济效益", "第二、", "speech-di", 2, "大力提高经济效益"),
    ("第三：落实责任", "第三：", "speech-di", 3, "落实责任"),
    ("第一编 总则", "第一编", "law-part", 1, "总则"),
    ("第二分编 所有权", "第二分编", "law-subpart", 2, "所有权"),
    ("第一章  一般规定", "第一章", "law-chapter", 1, "一般规定"),
    ("第一章总则", "第一章", "law-chapter", 1, "总则"),
    ("第二节 赔偿范围", "第二节", "law-section", 2, "赔偿范围"),
    ("第一千零四十条 本编调整因婚姻家庭产生的民事关系。", "第一千零四十条", "law-article", 1040,
     "本编调整因婚姻家庭产生的民事关系。"),
    ("第三部分 保障措施", "第三部分", "part", 3, "保障措施"),
    ("一是稳定发展粮食生产。加大投入", "一是", "speech-shi", 1, "稳定发展粮食生产。"),
    ("二要较大幅度提高粮食最低收购价", "二要", "speech-yao", 2, "较大幅度提高粮食最低收购价"),
    ("首先，思想政治建设是首要任务。大家都知道", "首先，", "speech-discourse", 1, "思想政治建设是首要任务。"),
    ("其次,要抓落实", "其次,", "speech-discourse", 2, "要抓落实"),
    ("最后，提几点要求", "最后，", "speech-discourse", 0, "提几点要求"),
    ("第二个特点是班子成员来自四面八方。现有的班子", "第二个特点是", "speech-di-ge", 2, "班子成员来自四面八方。"),
    ("首先一个好是“思想政治好”。在“六好”中", "首先一个好是", "speech-di-ge", 1, "“思想政治好”。"),
    ("第四个好就是“团结协调好”。我们都知道", "第四个好就是", "speech-di-ge", 4, "“团结协调好”。"),
    ("其一，坚持党的领导", "其一，", "speech-qi", 1, "坚持党的领导"),
    ("1.1　编制目的及依据", "1.1", "decimal", 1, "编制目的及依据"),
    ("1.2.1 国家级（Ⅰ级）：两个以上省", "1.2.1", "decimal", 1, "国家级（Ⅰ级）：两个以上省"),
    ("1　总则", "1", "decimal-bare", 1, "总则"),
    ("壹、总则", "壹、", "cap-dun", 1, "总则"),
    ("拾贰、附则", "拾贰、", "cap-dun", 12, "附则"),
    ("Ⅳ、罗马数字", "Ⅳ、", "roman", 4, "罗马数字"),
    ("一是", "一是", "speech-shi", 1, ""),
    ("一曰全国讨汪。查汪逆叛国投敌", "一曰", "speech-yue", 1, "全国讨汪。"),
    ("十曰：肃清汉奸", "十曰：", "speech-yue", 10, "肃清汉奸"),
    ("a)植物生存状态。其他", "a)", "latin-lower", 1, "植物生存状态。"),
    ("b） 四肢瘫痪程度", "b）", "latin-lower", 2, "四肢瘫痪程度"),
    ("z) pH值不小于7", "z)", "latin-lower", 26, "pH值不小于7"),
])
def test_marker_text_style_ordinal_and_title(text, marker, style, ordinal, title):
    found = match_marker(text)
    assert found is not None
    assert (found.text, found.style, found.ordinal, found.title(text)) == (marker, style, ordinal, title)


def test_decimal_markers_carry_their_path():
    assert match_marker("1.2.1 国家级").path == (1, 2, 1)
    assert match_marker("1.2.1 国家级").series == "decimal-3"


def test_series_of_di_ge_is_keyed_by_its_noun():
    assert match_marker("第二个特点是很多").series != match_marker("第二个好是很多").series
    assert match_marker("首先一个好是x").series == match_marker("第三个好是x").series


@pytest.mark.parametrize("text", [
    "第一课", "第一课：认识自己", "第一时间赶到现场", "第一书记要带头", "第一能力是学习能力",
    "一岗双责要落实", "一、二季度经济运行平稳", "三、四月份气温回升", "1.5亿元用于建设", "3.8亿人次",
    "2024年工作回顾", "十四五规划", "12.5%的增长来自出口", "11.5.14.2的试验适用于", "(0)", "（0）",
    "1.5 亿元", "2024 年", "12 月份", "第一节课上老师说", "第三条规定的情形", "3、4月份",
    "一方面要加强", "一些地方", "[1] 张三. 论文题目.", "［2］引文", "一定要抓好", "首", "第", "", "二〇二四年", "一、二、三等奖",
    "一日之计在于晨", "一日三省", "子曰：学而时习之", "曰", "a) b) c) 三种情形", "a)、b)两项", "a)和b)均适用",
    "a) the sample shall", "x)=2x+1", "e)/2 为系数", "a.植物", "A)", "(a)", "七.一建党节庆祝活动", "八．一建军节",
])
def test_look_alikes_are_not_markers(text):
    assert match_marker(text) is None


@pytest.mark.parametrize("rest,title", [
    ("加强建设，是需要的。党的十八大以来", "加强建设，是需要的。"),
    ("总体要求", "总体要求"),
    ("增长6.5%左右。其他", "增长6.5%左右。"),
    ("见1.1节的规定! 然后", "见1.1节的规定!"),
    ("　编制目的　", "编制目的"),
    ("Scope. Then", "Scope."),
    ("Scope.", "Scope."),
    ("增长5.", "增长5."),  # a full stop after a digit is part of a number: no sentence ends
    ("版本3.0 发布", "版本3.0 发布"),
    ("问题？答案", "问题？"),
])
def test_title_is_the_first_sentence(rest, title):
    assert cut_title(rest) == title


def test_title_is_cut_from_a_position_without_copying_the_rest():
    text = "（一）加强建设。党的十八大以来"
    assert cut_title(text, 3) == "加强建设。"
    assert cut_title(text, len(text)) == ""


def test_latin_capitals_count_from_a_not_as_roman_numerals():
    assert [match_marker(f"{c}、甲").ordinal for c in "ABCDILMVX"] == [1, 2, 3, 4, 9, 12, 13, 22, 24]


def test_marker_found_at_a_position_inside_a_paragraph():
    text = "……的需要。（二）加强建设，是提升能力的需要。党的"
    found = match_marker(text, 6)
    assert (found.text, found.ordinal, found.title(text[6:])) == ("（二）", 2, "加强建设，是提升能力的需要。")
    assert match_marker(text, 5) is None


def test_marker_readings_stay_right_when_their_cache_is_emptied(monkeypatch):
    from speech_outline import markers, parse

    text = "".join(f"第{n}条　第{n}条的内容。\n" for n in range(1, 41))
    expected = [(n.marker.text, n.marker.ordinal, n.title) for n in parse(text).walk()]
    monkeypatch.setattr(markers, "_READINGS_MAX", 4)
    for readings in markers._READINGS.values():
        readings.clear()
    again = [(n.marker.text, n.marker.ordinal, n.title) for n in parse(text).walk()]
    assert again == expected and len(expected) == 40
    assert 0 < len(markers._READINGS["law-article"]) <= 4


_MARKERISH = "第一二三四五六七八九十百千零〇两壹贰拾佰1234567890１２（）()、，,.．:：条章节编分部点个是要其首先　 \t的年名"


@given(text=st.text(alphabet=_MARKERISH, max_size=14))
@settings(max_examples=400, deadline=None)
def test_possessive_numerals_match_as_backtracking_ones_would(text):
    """Numerals never give characters back (markers._KEEP): every family matches
    exactly what it would if they did, so no family has a numeral right after one."""
    from speech_outline import markers

    if not markers._KEEP:
        pytest.skip("Python without possessive quantifiers")
    for family in CATALOGUE:
        backtracking = re.compile(family.pattern.replace("}" + markers._KEEP, "}"))
        found, expected = re.match(family.pattern, text), backtracking.match(text)
        assert (found and found.group()) == (expected and expected.group()), (family.style, text)


_LAWISH = "第一二十百1２ -－　条條章节節编編分款部篇个个点，、：是之规定的本"


@given(text=st.text(alphabet=_LAWISH, min_size=1, max_size=12).map(lambda t: "第" + t), weak=st.booleans())
@settings(max_examples=600, deadline=None)
def test_a_shared_head_reads_as_the_families_tried_in_turn(text, weak):
    """The law units share a head (第 and the numeral), read once in the alternation: the
    marker found is the one the first family of the catalogue that accepts the text finds
    with its own pattern."""
    from speech_outline.markers import match_family

    expected = next((found for found in (match_family(f, text, 0, weak) for f in CATALOGUE if "第" in f.first_chars)
                     if found is not None), None)
    assert match_marker(text, 0, weak) == expected, text


def test_families_sharing_a_head_must_start_their_tails_apart():
    from speech_outline import markers

    law = family("law-chapter")
    clash = attrs.evolve(law, style="clash", pattern=law.head + "章程")  # starts like 章
    with pytest.raises(ValueError, match="clash"):
        markers._matcher((law, clash), 0, {})
    spaced = attrs.evolve(law, style="spaced", pattern=law.head + "　卷")  # starts with what the head reads
    with pytest.raises(ValueError, match="spaced"):
        markers._matcher((law, spaced), 0, {})
    with pytest.raises(ValueError, match="head"):
        attrs.evolve(law, head="第X")
    apart = attrs.evolve(law, style="volume", pattern=law.head + "卷")
    assert markers._matcher((law, apart), 0, {}).match("第二卷 总则", 0) is not None


@pytest.mark.parametrize("fam", CATALOGUE, ids=lambda f: f.style)
@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_every_family_renders_markers_that_read_back(fam, data):
    """render(n) is the marker of ordinal n: match_marker reads it back as the family and n."""
    ordinal = data.draw(st.integers(1, min(fam.capacity, 10**6)) | st.sampled_from([1, fam.capacity]))
    found = match_marker(fam.render(ordinal) + "\u3000总则", weak=True)
    assert found is not None and (found.style, found.ordinal) == (fam.style, ordinal)


def test_render_refuses_what_the_family_cannot_write():
    with pytest.raises(ValueError):
        family("circled").render(51)
    assert family("speech-discourse").render(LAST) == "最后，"


def test_first_characters_come_from_the_patterns():
    assert family("cn-paren").first_chars == frozenset("（(〔【［[﹙")
    assert family("circled").first_chars >= {"①", "㉑", "㊿"}
    assert first_chars(family("law-article").pattern, "num") >= {"一", "千", "1", "９"}
    assert "首" in marker_start() and "a" in marker_start() and "@" not in marker_start()


def test_a_renumbered_marker_keeps_its_writing():
    assert match_marker("(2)乙").renumbered(1) == "(1)"
    assert match_marker("1.2.3 乙").renumbered(1) == "1.2.1"
    assert match_marker("第二个特点是好").renumbered(1) == "第一个特点是"


@pytest.mark.parametrize("text,style,ordinal", [
    ("第1000条　本法自公布之日起施行。", "law-article", 1000),
    ("1000. 附则", "arabic-dot", 1000),
    ("1000、附则", "arabic-dun", 1000),
    ("（1000）附则", "arabic-paren", 1000),
    ("第123456条　最后一条。", "law-article", 123456),
    ("第一万零一条　本法自公布之日起施行。", "law-article", 10001),
    ("第九千九百九十九万九千九百九十九条　甲。", "law-article", 99999999),
    ("十万、附则", "cn-dun", 100000),
])
def test_ordinals_work_at_any_size(text, style, ordinal):
    found = match_marker(text)
    assert (found.style, found.ordinal) == (style, ordinal)


@pytest.mark.parametrize("text", [
    "2024年工作总结", "1.5亿元用于建设", "2019.5亿元", "1000.5万元", "1000万元投入", "2024　年", "12000人参加",
    "一万元是上限", "（1000万元）",
])
def test_big_number_look_alikes_are_not_markers(text):
    assert match_marker(text) is None


def test_decimal_numbering_deeper_than_five_levels():
    found = match_marker("1.1.1.1.1.1 第六层")
    assert found.path == (1, 1, 1, 1, 1, 1) and found.series == "decimal-6"
    assert match_marker("1.2.3.4.5.6.7.1000 第八层").path == (1, 2, 3, 4, 5, 6, 7, 1000)
    assert match_marker("1.1.1.1.1.1%的增长") is None  # look-alike: a number, not a heading


def test_a_long_law_keeps_every_article_past_999():
    from speech_outline import parse

    text = "\n".join(f"第{n}条　内容{n}。" for n in range(1, 1201))
    outline = parse(text)
    assert len(outline.nodes) == 1200 and outline.diagnostics == ()


@pytest.mark.parametrize("text,ordinal", [("甲、总则", 1), ("乙、组织机构", 2), ("癸、附则", 10)])
def test_heavenly_stems_are_ordinals(text, ordinal):
    found = match_marker(text)
    assert (found.style, found.ordinal) == ("stem", ordinal)


@pytest.mark.parametrize("text", ["甲方应当按期付款", "甲级资质", "甲、乙双方协商一致", "甲、乙、丙三方", "甲乙丙丁"])
def test_heavenly_stem_look_alikes_are_not_markers(text):
    assert match_marker(text) is None


def test_lead_is_every_white_space_but_line_breaks_and_the_zero_width_characters():
    from speech_outline.markers import LEAD, SPACE

    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()} - {"\n", "\r"}
    assert set(LEAD) == spaces | set(SPACE) | set("\u200b\u200c\u200d\u2060\ufeff")
    assert len(LEAD) == len(set(LEAD))


@pytest.mark.parametrize("text,marker,style,ordinal,sub,title", [
    ("第 1 條", "第 1 條", "law-article", 1, 0, ""),
    ("第 一 章 總則", "第 一 章", "law-chapter", 1, 0, "總則"),
    ("第 一 節 健康與安全保障", "第 一 節", "law-section", 1, 0, "健康與安全保障"),
    ("第二編 物權", "第二編", "law-part", 2, 0, "物權"),
    ("第 7-1 條", "第 7-1 條", "law-article", 7, 1, ""),
    ("第二十二条之一　本条内容。", "第二十二条之一", "law-article", 22, 1, "本条内容。"),
    ("第一條、為了使員工瞭解", "第一條、", "law-article", 1, 0, "為了使員工瞭解"),
    ("第一章:總則", "第一章:", "law-chapter", 1, 0, "總則"),
    ("一 、总体要求", "一 、", "cn-dun", 1, 0, "总体要求"),
    ("（ 一 ）指导思想", "（ 一 ）", "cn-paren", 1, 0, "指导思想"),
    ("1 、坚持导向", "1 、", "arabic-dun", 1, 0, "坚持导向"),
    ("( 2 )细项", "( 2 )", "arabic-paren", 2, 0, "细项"),
    ("貳、組織", "貳、", "cap-dun", 2, 0, "組織"),
    ("參、附則", "參、", "cap-dun", 3, 0, "附則"),
    ("第二點，各得其所。", "第二點，", "speech-di", 2, 0, "各得其所。"),
    ("第二個特點是團結。", "第二個特點是", "speech-di-ge", 2, 0, "團結。"),
    ("最后一点，农业问题。", "最后一点，", "speech-discourse", LAST, 0, "农业问题。"),
    ("最后一点，第八点：抓思想。", "最后一点，第八点：", "speech-discourse", LAST, 0, "抓思想。"),
    ("【篇一】", "【篇一】", "collection-label", 1, 0, ""),
    ("范文二：", "范文二：", "collection-label", 2, 0, ""),
    ("第三篇 讲话稿", "第三篇", "collection", 3, 0, "讲话稿"),
])
def test_spaced_traditional_and_collection_markers(text, marker, style, ordinal, sub, title):
    found = match_marker(text)
    assert (found.text, found.style, found.ordinal, found.sub, found.title(text), found.weak) == \
        (marker, style, ordinal, sub, title, False)


@pytest.mark.parametrize("text,marker,style,ordinal,title", [
    ("第一条本协会的名称为中国期货业协会。", "第一条", "law-article", 1, "本协会的名称为中国期货业协会。"),
    ("第十條員、工可按本廠制度規定", "第十條", "law-article", 10, "員、工可按本廠制度規定"),
    ("1做好春节期间值班工作。", "1", "decimal-bare", 1, "做好春节期间值班工作。"),
    ("1 总则", "1", "decimal-bare", 1, "总则"),
    ("二　关于干部队伍的问题", "二", "cn-bare", 2, "关于干部队伍的问题"),
    ("三", "三", "cn-bare", 3, ""),
    ("2, 组织实施年度计划；", "2,", "arabic-comma", 2, "组织实施年度计划；"),
])
def test_weak_markers_are_read_only_when_asked_for(text, marker, style, ordinal, title):
    """A marker whose separator was lost, or a bare numeral, is a weak reading: build keeps
    it only where its series proves it. Without `weak` it is no marker."""
    assert match_marker(text) is None
    found = match_marker(text, weak=True)
    assert (found.text, found.style, found.ordinal, found.title(text), found.weak) == \
        (marker, style, ordinal, title, True)


@pytest.mark.parametrize("text", [
    "2024年工作回顾", "1.5亿元用于建设", "3个项目", "5G基站", "1 个项目", "3 月份", "2024 年底", "10 万元",
    "2024", "12", "第1页", "第 1 页", "第三条规定的情形", "第 3 条规定的情形", "第一篇文章是我写的", "第一课",
    "一岗双责", "第一时间", "第一能力是学习能力", "一、二季度", "1,000元", "3，4月份", "这一篇",
])
def test_weak_look_alikes_are_not_even_weak_markers(text):
    assert match_marker(text, weak=True) is None
