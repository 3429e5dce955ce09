"""Document anatomy: which paragraphs are title, metadata, framing, noise or contents.

It labels tokens and never deletes them: noise stays in the paragraph stream
(so the input can be rebuilt) and is only left out by writers. Paragraphs it
leaves unlabelled are for build.py to make headings, body or preamble.
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from typing import NamedTuple, Optional

from ._lazy import LazyPattern
from . import build
from .markers import match_marker
from .model import Role
from .tokenize import Token

# Lines from which the rest of a pasted web page is site furniture (each a pattern
# anchored at the paragraph start; the first character of each is literal).
_TAIL_TRIGGERS = (
    r"本文(?:内容)?由.{0,12}(?:自发贡献|用户上传|网友投稿)", r"本站仅提供信息存储", r"如若转载", r"转载请注明",
    r"未经许可.{0,6}不得转载", r"版权(?:所有|声明|归.{0,12}所有)", r"免责声明", r"声明[:：]本文",
    r"相关(?:推荐|文章|阅读|范文|内容)", r"猜你喜欢", r"热门(?:推荐|文章)", r"延伸阅读", r"推荐阅读",
    r"更多(?:精彩|相关|范文)", r"上一篇", r"下一篇", r"文章来源于网络", r"责任编辑[:：]",
)
_TAIL_START = LazyPattern("^(?:" + "|".join(_TAIL_TRIGGERS) + ")")
_TAIL_FIRST = frozenset(t[0] for t in _TAIL_TRIGGERS)  # a cheap test before the regex

# --- Vocabulary of page furniture and front matter (data: extend it here, nowhere else).
# Buttons of a page's toolbar, which copying often leaves one a line.
_TOOLBAR_WORDS = ("下载", "下載", "打印", "全屏", "收藏", "关闭", "關閉", "加大", "放大", "还原", "還原", "减小", "減小",
                  "缩小", "縮小", "默认", "默認", "字号", "字號", "字体", "字體", "大", "中", "小", "】", "【")
_TOOLBAR_FIRST = "".join(sorted({w[0] for w in _TOOLBAR_WORDS}))
_TOOLBAR_LINE = "(?:" + "|".join(_TOOLBAR_WORDS) + r")(?:[\s:：|｜/]*(?:" + "|".join(_TOOLBAR_WORDS) + "))*[:：]?"
# A page's counters: 浏览次数：1024, 阅读 1234, 人氣:2.16W, 点击量 10万+.
_COUNTER = (r"(?:浏览|瀏覽|阅读|閱讀|点击|點擊|人气|人氣|访问|訪問|热度|熱度)(?:次数|次數|量|数|數)?"
            r"\s*[:：]?\s*\d[\d,.]*\s*[万萬千wWkK]?\+?\s*次?")
# Field labels of bylines and of the metadata tables of government sites (索 引 号：…,
# 标　　题：…), compared with their letter spacing closed up.
_FIELD_LABELS = frozenset((
    "来源", "來源", "作者", "编辑", "編輯", "责编", "責編", "责任编辑", "責任編輯", "撰稿", "出处", "出處", "记者", "記者",
    "发布", "發布", "發佈", "发布时间", "發布時間", "发布日期", "發布日期", "发布机构", "发表时间", "更新时间", "更新",
    "时间", "時間", "日期", "浏览次数", "瀏覽次數", "字号", "字號", "成文日期", "发文字号", "發文字號", "发文机关", "發文機關",
    "索引号", "索引號", "主题分类", "主題分類", "主题词", "主題詞", "标题", "標題", "文号", "文號", "分类", "分類",
    "公布日期", "施行日期", "实施日期", "效力级别", "时效性", "有效性", "法宝引证码", "原文链接", "原文鏈接", "链接", "网址",
    "网站", "所属机构", "稿源", "摄影", "攝影", "公开方式", "公开范围", "公开时限", "公开形式", "统一编号", "信息来源",
    "体裁分类", "主题词", "組配分類", "组配分类", "申报人", "申报单位", "填报人", "填报单位", "联系人", "联系电话",
    "发布人", "撰写人", "起草人", "审核人",
))
_TITLE_FIELD = LazyPattern(r"^[标標]\s*[题題]\s*[:：]")
# A row of a metadata table laid out on one line without colons: 索引号 002482242 发布机构 浙江省……
_ROW_FIELD = LazyPattern("(?:^|(?<=[ \u3000\t]))(?:" + "|".join(
    r"\s*".join(label) for label in sorted(_FIELD_LABELS, key=len, reverse=True)) + r")(?=[ \u3000\t]|$)")
_ROW_FIELDS_MIN = 2
_LABEL_MIN, _LABEL_MAX = 3, 12  # a field label alone on its line (统一编号), its value left empty (标题 may be a title)
_FIELD = LazyPattern(r"^(?:【([^】]{1,10})】|([^:：【]{1,16}?)[:：])\s*(.*)$")
# Signs of a byline that carries no field label, found in one search: a counter (the
# line is noise), a date written with figures or a clock time, or a byline word (a
# byline when the line also has a date: General 更新 2024年04月19日).
_BYLINE_SIGN = LazyPattern(
    f"(?P<counter>{_COUNTER})"
    r"|(?P<date>\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?)"
    r"|(?P<word>更新|发布|發布|發佈|发表|發表|来源|來源|作者|编辑|編輯|责编|記者|记者|时间|時間|日期)")
# Where a byline, a date or a toolbar glued to the title line begins: after white space
# (在……上的讲话 来源：新华网 2019-03-05), or at a bracket (……的讲话【字体：大 中 小】).
_GLUED = LazyPattern(
    r"(?:[ \u3000\t]+(?=(?:" + "|".join(sorted(_FIELD_LABELS, key=len, reverse=True)) + r")\s*[:：]"
    r"|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|打印本页|分享到)|(?=【(?:字(?:体|号|體|號)|打印|关闭|收藏)))")
# The words a complete document title ends with (Simplified and Traditional): a title
# line ending with one of them is not continued by the next line unless that line ends
# with one too (……规划 / 实施方案的通知), and a weak title (a page's question) gives way
# to such a line standing right above the first heading.
_DOC_KINDS = (
    "通知", "通報", "通报", "意见", "意見", "方案", "办法", "辦法", "规定", "規定", "条例", "條例", "法", "讲话", "講話",
    "报告", "報告", "决定", "決定", "函", "批复", "批覆", "请示", "請示", "规划", "規劃", "计划", "計劃", "纲要", "綱要",
    "章程", "细则", "細則", "规则", "規則", "制度", "公告", "通告", "决议", "決議", "公报", "公報", "致辞", "致詞",
    "发言", "發言", "总结", "總結", "预案", "預案", "守则", "守則", "准则", "準則", "标准", "標準", "指南", "指引",
    "措施", "要点", "要點", "讲稿", "講稿", "演讲", "演講", "贺词", "賀詞", "手册", "手冊", "答记者问", "声明", "聲明",
)
_QUALIFIER_MAX = 18  # a qualifier after the kind word: （试行） （2024—2026年）
# A qualifier on a line of its own continues the title: （试行） （2024—2026年） （征求意见稿）
_TITLE_QUALIFIER = LazyPattern(r"^[(（](?:试行|試行|暂行|暫行|草案|征求意见稿|送审稿|修订稿?|修正|[^()（）]{0,12}年)[)）]$")
# Decoration a running page header puts around the title: ******* 公司管理制度
_DECORATION = LazyPattern(r"[\s*＊#＃=＝~～_＿\-－—·•]+")

# Single lines of site furniture wherever they stand: breadcrumbs (首页>新闻>正文), and
# the lines below, each with the characters it can begin with ("0" for any digit).
# The marks that separate the items of a breadcrumb (首页 > 新闻 > 正文), and the breadcrumb on
# one line (its last item may be the headline).
_CRUMB_MARKS = ">»›＞"
_BREADCRUMB = LazyPattern(rf"^(?:[^<{_CRUMB_MARKS}\s][^<{_CRUMB_MARKS}]{{0,15}}\s*[{_CRUMB_MARKS}]\s*){{2,}}"
                          rf"[^<{_CRUMB_MARKS}]{{0,60}}$")
_NOISE_LINES = (
    ("当當您你位", r"(?:当前位置|當前位置|您的位置|你的位置|位置)[:：].{0,60}"),
    ("第", r"第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?"),  # page numbers
    ("-—", r"[-—]\s*\d+\s*[-—]"),
    ("0", r"\d+\s*/\s*\d+|\d{1,12}"),  # page numbers, counters: 1313984
    ("(（", r"[(（]\d+[)）]"),  # counters: (0)
    ("【[点收分打评举关返阅浏下", r"(?:[【\[]?(?:点赞|收藏|分享|打印|评论|举报|关闭|返回顶部|返回|阅读|浏览|下载|打赏)"
                         r"(?:本页|窗口|本文|全文|次数|量|列表)?[】\]]?[:：(（\s\d]*\d*[)）]?\s*)+"),  # 打印本页
    ("分扫手", r"(?:分享到|扫一扫|扫码|手机(?:扫码)?(?:阅读|打开)).{0,40}"),
    ("【字", r"【?字(?:体|号|體|號)[:：].{0,12}"),
    (_TOOLBAR_FIRST, _TOOLBAR_LINE),  # 下载 打印 全屏, 加大 还原 减小, 】 on lines of their own
    ("投", r"投稿(?:用户|人)?"),
    ("hw", r"(?:https?://|www\.)\S+"),
    ("[", r"\[\d{1,3}\](?:\s*\[\d{1,3}\])*"),  # citation codes left alone on a line
    ("•·●◆■▪", r"[•·●◆■▪]\s*\S.{0,60}"),  # bullet lists of links
)
# By first character, the lines that can begin with it: most paragraphs are tried against
# none, and a law article (第一条) only against the page number.
_NOISE_BY_FIRST = {first: [pattern for firsts, pattern in _NOISE_LINES if first in firsts]
                   for firsts, _ in _NOISE_LINES for first in firsts}
_NOISE_PATTERNS: dict[str, Optional["re.Pattern[str]"]] = {}  # first character → its lines, compiled


def _noise_pattern(first: str) -> Optional["re.Pattern[str]"]:
    key = "0" if first.isdecimal() else first
    pattern = re.compile("^(?:" + "|".join(_NOISE_BY_FIRST[key]) + ")$") if key in _NOISE_BY_FIRST else None
    _NOISE_PATTERNS[first] = pattern
    return pattern


def _noise_line(text: str) -> bool:
    """Whether a line is furniture on its own (the test `_scan` makes inline, for speed)."""
    first = text[0]
    noise = _NOISE_PATTERNS[first] if first in _NOISE_PATTERNS else _noise_pattern(first)
    return len(text) <= _NOISE_LINE_MAX and noise is not None and noise.match(text) is not None


_NOISE_LINE_MAX = 160  # no single-line furniture above is longer
_TOC_HEAD = LazyPattern(r"^目\s*录[:：]?$")
_TOC_ENTRY = LazyPattern(r"\S(?:[.·…‥⋯．\-—_ ]{3,}|[.·…‥⋯．]{2,})\s*\d{1,4}$")  # 总则……1
_TOC_TAIL = 24  # an entry's leader and page number sit in its last characters
_TOC_PAGE = LazyPattern(r"[.…·\s]*\d*$")
# A salutation is nothing but forms of address: 同志们： 尊敬的各位领导、各位来宾：
_ADDRESS_FORMS = (r"尊敬的[^，,。！？!?:：、]{1,30}", r"亲爱的[^，,。！？!?:：、]{1,30}", "同志们",
                  r"各位[^，,。！？!?:：、]{1,12}", "女士们", "先生们", "朋友们", "老师们", "同学们", "大家(?:好)?")
_ADDRESS = "(?:" + "|".join(_ADDRESS_FORMS) + ")"
_SALUTATION = LazyPattern(rf"^{_ADDRESS}(?:[、，,和及 ]*{_ADDRESS})*[:：，,!！]$")
_SALUTATION_FIRST = frozenset(form[0] for form in _ADDRESS_FORMS)  # a cheap test before the regex
_SALUTATION_MAX = 40
_CLOSING_FORMS = (r"谢谢(?:大家|各位)?", r"以上(?:是我的|就是我的)?(?:发言|讲话)[，,]?谢谢(?:大家)?")
_CLOSING = LazyPattern("^(?:" + "|".join(_CLOSING_FORMS) + ")[。.!！]?$")
_CLOSING_FIRST = frozenset(form[0] for form in _CLOSING_FORMS)
_CLOSING_MAX = 30
_DATE = (r"(?:\d{4}|[一二三四五六七八九〇○零]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
         r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?")
_META = LazyPattern(
    r"^(?:"
    rf"[(（]?{_DATE}[)）]?.{{0,60}}"  # 2024年6月27日, 1999年4月29日 第九届全国人民代表大会……
    r"|[(（]?.{0,12}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号[)）]?"  # 国办发〔2018〕123号, （新质监办发〔2012〕24号）
    r"|.{1,12}(?:分享|整理|供稿|投稿|发布|编辑|推荐)"
    r"|[(（]此件.{1,10}[)）]"
    r")$"
)
_SUBTITLE = LazyPattern(r"^(?:——|—|--|－－|─)\s*\S.{0,80}$")
# A name alone on a line under the title: 张 明, 李晓华 (at most four characters, and
# not the end of a title broken over lines: 物权编, 实施办法).
_AUTHOR = LazyPattern(r"^[\u4e00-\u9fff](?:[ \u3000]*[\u4e00-\u9fff]){1,3}$(?<![编章节法典则例案告见知要划纲定示报书函文稿话词])")
FRONT_MAX = 30  # a government site's metadata table takes up to twenty lines above the title
_TITLE_MAX = 60
_BYLINE_MAX = 100
_FRONT_LINE_MAX = _TITLE_MAX + _BYLINE_MAX  # no line of the front (a title with a byline glued) is longer
_PROSE = LazyPattern(r"[。！？；!?;]")
TITLE_LINES_MAX = 4
# A line that leads a list that is not part of the outline: attachments (附件：1.……) and
# notes (注释, [1]……). The attachments are short titles, one a line, numbered from 1.
_ATTACHMENTS = LazyPattern(r"^(?:附\s*件|附)\s*[:：]\s*")
_NOTES_HEAD = LazyPattern(r"^[【\[〔]?(?:注释|註釋|注解|註解|尾注|尾註|脚注|腳註|参考文献|參考文獻|注|註)[】\]〕]?\s*[:：]?$")
_NOTE_LABEL = LazyPattern(r"^(?:[\[［〔【(（]\d{1,3}[\]］〕】)）]|[①-⑳]|注\s*\d{1,3}|\d{1,3}\s*[.．、])")
# A paragraph that proves the document goes on: prose with two sentences or more, too
# long for a teaser and not cut off by one (……), and not a notice of the site's.
_DOCUMENT_PROSE = 80
_SENTENCE_END = LazyPattern(r"[。！？!?]")
_SITE_WORDS = LazyPattern(r"本站|本网|網站|网站|侵权|侵權|转载|轉載|版权|版權|删除|刪除")
# Teasers near the top: a summary the page puts above the text, kept as metadata.
_TEASER = LazyPattern(r"^(?:导读|導讀|摘要|内容提要|內容提要|核心提示|编者按|編者按)\s*[:：]")


class _Found(NamedTuple):
    """What `_scan` finds for the later steps, as indices into the tokens."""

    toc_head: Optional[int]  # where 目录 stands
    toc_entries: list[int]  # lines that look like contents entries (总则……1)
    framing: list[tuple[Token, Role]]  # salutations and closings
    firsts: list[int]  # numbered paragraphs numbered one: where a preview may start
    list_leads: list[int]  # unnumbered lines that may lead a list (附件： 注释)


def label(tokens: list[Token]) -> None:
    """Give anatomy roles to the tokens that are not part of the outline proper."""
    found = _scan(tokens)
    if found.toc_head is not None:
        _label_toc_after_heading(tokens, found.toc_head)
    _label_toc_runs(tokens, found.toc_entries)
    if found.firsts:
        _label_previews(tokens, found.firsts)
    if found.list_leads:
        _label_lists(tokens, found.list_leads)
    title_key = _label_front(tokens)  # last of the steps given indices: it may split a line
    if len(title_key) >= _RUNNING_HEADER_MIN:
        _label_running_headers(tokens, title_key)
    for tok, role in found.framing:
        if tok.role is None:  # not taken for the title or metadata
            tok.role = role


def _scan(tokens: list[Token]) -> _Found:
    """One pass over the document: label the noise, and find what the later steps need
    (see `_Found`)."""
    found = _Found(None, [], [], [], [])
    toc_head = None
    toc_entries, framing, firsts, list_leads = found.toc_entries, found.framing, found.firsts, found.list_leads
    for i, tok in enumerate(tokens):
        if tok.role is not None:
            continue
        text = tok.text
        first = text[0]
        if first in _TAIL_FIRST and _TAIL_START.match(text) and not _goes_on(text):
            tok.role = Role.NOISE
            _label_tail(tokens, i)
            continue
        size = len(text)
        if size <= _NOISE_LINE_MAX:  # a single line of furniture, or a breadcrumb
            m = tok.marker
            # (no line of furniture reads as a marker with a title after it: law articles and
            # items, most short lines of a law, skip the patterns)
            noise = None if m is not None and not m.weak and m.title_start < size else \
                _NOISE_PATTERNS[first] if first in _NOISE_PATTERNS else _noise_pattern(first)
            if (noise is not None and noise.match(text)) or (
                    _has_crumb_mark(text) and _BREADCRUMB.match(text)):
                tok.role = Role.NOISE
                continue
            if size <= 2 and first in _CRUMB_FIRST and text in _CRUMB_SEPARATORS:
                _label_crumbs(tokens, i)
                continue
        if text[-1].isdigit() and _TOC_ENTRY.search(text[-_TOC_TAIL:]):
            toc_entries.append(i)
        if first == "目" and toc_head is None and _TOC_HEAD.match(text):
            toc_head = i
        if tok.marker is None:
            if first in _SALUTATION_FIRST and len(text) <= _SALUTATION_MAX and _SALUTATION.match(text):
                framing.append((tok, Role.SALUTATION))
            elif first in _CLOSING_FIRST and len(text) <= _CLOSING_MAX and _CLOSING.match(text):
                framing.append((tok, Role.CLOSING))
            elif first in _LIST_FIRST:
                list_leads.append(i)
        elif tok.marker.ordinal == 1:
            firsts.append(i)
    return found._replace(toc_head=toc_head)


# A breadcrumb laid out one item a line: 首页 / > / 政务信息 / > / 宁夏要闻
_CRUMB_SEPARATORS = frozenset((*_CRUMB_MARKS, ">>", "/"))
_CRUMB_FIRST = frozenset(separator[0] for separator in _CRUMB_SEPARATORS)
_CRUMB_MAX = 16  # an item of a breadcrumb, as in _BREADCRUMB


def _label_crumbs(tokens: list[Token], i: int) -> None:
    """A separator alone on its line (at `i`) and the short lines on either side of it
    are a breadcrumb: noise."""
    tokens[i].role = Role.NOISE
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            crumb = tokens[j]
            if crumb.role in (None, Role.NOISE) and crumb.marker is None and len(crumb.text) <= _CRUMB_MAX \
                    and not _PROSE.search(crumb.text):
                crumb.role = Role.NOISE


def _label_tail(tokens: list[Token], start: int) -> None:
    """From a line like 相关推荐 or 上一篇 (at `start`) on, the rest of a page is its
    furniture, unless the document proves to go on (a paragraph of prose, or numbered
    headings with their text): then the lines taken since the last such line are given
    back, for `_scan` to look at one by one."""
    tail: list[Token] = []  # the lines taken since the last line that starts a tail
    run = 0  # numbered paragraphs in the tail, one series, each followed by a sentence of text
    series: Optional[tuple[str, int]] = None  # …the last of them: its series and ordinal
    count = len(tokens)
    for j in range(start + 1, count):
        tok = tokens[j]
        if tok.role is not None:
            continue
        text = tok.text
        if text[0] in _TAIL_FIRST and _TAIL_START.match(text) and not _goes_on(text):
            tail, run, series = [], 0, None  # what came before it stays noise
        elif run >= 2 or _goes_on(text):
            for taken in tail:
                taken.role = None
            return
        else:
            m = tok.marker
            if m is not None and j + 1 < count and tokens[j + 1].marker is None \
                    and _SENTENCE_END.search(tokens[j + 1].text):
                run = run + 1 if series == (m.series, m.ordinal - 1) else 1
                series = (m.series, m.ordinal)
            tail.append(tok)
        tok.role = Role.NOISE


def _goes_on(text: str) -> bool:
    """Whether a paragraph is the document's own prose, which no page furniture is: two
    sentences or more, longer than a teaser, not cut off (……) and not about the site."""
    return (len(text) >= _DOCUMENT_PROSE and text[-1] not in "…." and len(_SENTENCE_END.findall(text)) >= 2
            and not _SITE_WORDS.search(text))


def _label_toc_runs(tokens: list[Token], entries: list[int]) -> None:
    """With or without 目录, runs of two or more lines that end in dot leaders and a page
    number (`entries`: the indices of such lines, in order) are a table of contents."""
    run: list[int] = []
    for i in entries + [-1]:
        if i >= 0 and tokens[i].role is None and (not run or i == run[-1] + 1):
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                tokens[j].role = Role.TOC
        run = [i] if i >= 0 and tokens[i].role is None else []


def _label_toc_after_heading(tokens: list[Token], i: int) -> None:
    """目录 (at `i`) and the entry lines after it, up to where the first entry comes back
    as a heading."""
    entries = []
    for tok in tokens[i + 1:]:
        if tok.role is not None:
            continue
        if entries and _toc_key(tok.text) == _toc_key(entries[0].text):
            break
        if len(tok.text) > _TITLE_MAX or _PROSE.search(tok.text):
            break
        entries.append(tok)
    if len(entries) >= 2:
        tokens[i].role = Role.TOC
        for tok in entries:
            tok.role = Role.TOC


def _toc_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(_TOC_PAGE.sub("", folded).split())




def _label_previews(tokens: list[Token], firsts: list[int]) -> None:
    """A preview of the sections (下面我讲四点意见： then （一）……； （二）……； one a line)
    that the same series repeats further on, as the sections themselves, is a table of
    contents, not a first set of headings. `firsts`: the numbered paragraphs numbered one.
    A run right under a numbered paragraph is that paragraph's list (第一条 有下列情形之一的：)."""
    after = 0  # where the last run ended: runs do not overlap
    last = len(tokens) - 1
    for i in firsts:
        second = tokens[i + 1].marker if i < last else None
        if i < after or second is None or second.ordinal != 2 or tokens[i].role is not None \
                or (i and tokens[i - 1].marker is not None):
            continue  # (the cheap tests first: most paragraphs numbered one start no run)
        after = _preview_end(tokens, i)
        if after - i >= 2 and _comes_back(tokens, i, after, firsts):
            for item in tokens[i:after]:
                item.role = Role.TOC


def _preview_end(tokens: list[Token], i: int) -> int:
    """Where a run of short numbered lines of one series, numbered from one, that starts
    at `i` ends (`i` itself when none starts there)."""
    m = tokens[i].marker
    if m is None or m.ordinal != 1:
        return i
    end = i
    while end < len(tokens):
        tok = tokens[end]
        n = tok.marker
        if (tok.role is not None or n is None or n.series != m.series or n.ordinal != end - i + 1
                or not _preview_key(tok)):
            break
        end += 1
    return end


def _preview_key(tok: Token) -> str:
    """What a preview line says after its marker, up to its first pause: '' unless the
    line is short and has no sentence inside."""
    text = tok.text
    if len(text) > _TITLE_MAX or _PROSE.search(text, 0, len(text) - 1):
        return ""
    assert tok.marker is not None
    said = "".join(_PAUSE.split(text[tok.marker.title_start:], 1)[0].split())
    return said if len(said) >= 2 else ""


_PAUSE = LazyPattern(r"[，,；;。：:！!？?]")


def _said(tok: Token, size: int) -> str:
    """The first `size` characters after the paragraph's marker, white space left out."""
    assert tok.marker is not None
    at = tok.marker.title_start
    return "".join(tok.text[at:at + 2 * size + 8].split())[:size]


def _comes_back(tokens: list[Token], start: int, end: int, firsts: list[int]) -> bool:
    """Whether every line of the run tokens[start:end] comes back, in order, after it, as
    sections: numbered paragraphs with text of their own, or text between them (not one
    more list of the same short lines, as two articles of a law may have)."""
    keys = [_preview_key(tok) for tok in tokens[start:end]]
    found: list[int] = []
    for j in itertools.chain(firsts[bisect.bisect_left(firsts, end):], (None,)):
        if j is None:
            return False
        if tokens[j].role is None and _repeats(tokens[j], tokens[start], keys[0]):
            found.append(j)
            break
    want = start + 1
    for j in range(found[0] + 1, len(tokens)):
        if want == end:
            break
        if tokens[j].marker is not None and tokens[j].role is None \
                and _repeats(tokens[j], tokens[want], keys[want - start]):
            found.append(j)
            want += 1
    if want < end:
        return False
    return found[-1] - found[0] > end - start - 1 or not all(_preview_key(tokens[j]) for j in found)


def _repeats(tok: Token, item: Token, key: str) -> bool:
    """Whether a numbered paragraph says again what a preview line says (`key`, see
    `_preview_key`), marker and all."""
    assert tok.marker is not None and item.marker is not None
    return tok.marker.text == item.marker.text and _said(tok, len(key)) == key


def _label_front(tokens: list[Token]) -> str:
    """Title lines, then subtitle and metadata lines, at the top of the document.

    Site furniture may stand above the title (a site name, a metadata table), bylines,
    dates, counters and the title printed again below it. Returns the title's key
    (see `_title_key`), '' when the document has none."""
    front = list(itertools.islice((t for t in tokens if t.role is None), FRONT_MAX))
    _drop_menu(front)
    crumb = _crumb_last(tokens)  # the last item of a breadcrumb above: the page's headline, or its column
    if crumb and len(crumb) <= _CRUMB_MAX and not _complete_title(crumb):
        for tok in front[:2]:
            if tok.text == crumb:  # the column's name printed again (党政办): furniture
                tok.role = Role.NOISE
                front.remove(tok)
    titles: list[Token] = []
    closed = False  # metadata came after the title lines: no more of them
    value_next = False  # the line before is a field label with its value on the next line
    row_next = False  # the line before is the column names of a table export: this line is a row
    title_role, meta_role = Role.TITLE, Role.META  # (an enum member read off its class costs 0.2 µs)
    unproved: Optional[set[int]] = None  # weak markers their series does not prove, when first asked
    listed = ""  # the title a metadata table gives (标　　题：……), as a key
    titled_field = False  # the line before is that table's title label
    reprinted = False  # the title has been printed again
    stop = len(front)
    for n, tok in enumerate(front):
        if tok.marker is not None and tok.marker.weak and unproved is None:
            unproved = build.unproved(tokens)
        if (tok.marker is not None and not (tok.marker.weak and id(tok) in unproved)) \
                or len(tok.text) > _FRONT_LINE_MAX:
            stop = n  # the text itself (a weak number its series does not prove, 365体育投注, is not)
            break
        if not titles and _split_glued_byline(tokens, tok):
            rest = tokens[tokens.index(tok) + 1]
            if _noise_line(rest.text):
                rest.role = Role.NOISE
            else:
                front.insert(n + 1, rest)
        text = tok.text
        if value_next and not (listed and listed.startswith(_title_key(text))):
            tok.role, value_next = Role.META, False
            if titled_field:
                listed = _title_key(text)
            continue
        value_next = False
        if row_next:
            row_next = False
            if text.count(",") >= _CSV_FIELDS_MIN - 1:  # the row's fields up to its text: metadata
                tok.role = Role.META
                cut = text.rfind(",") + 1
                cut += text[cut:cut + 1] == '"'
                if cut < len(text) and _title_like(text[cut:]):  # the text's first line, glued: 2026,"政府工作报告
                    rest = _split_at(tokens, tok, cut, cut)
                    if _noise_line(rest.text):
                        rest.role = Role.NOISE
                    else:
                        front.insert(n + 1, rest)
                continue
        if _SALUTATION.match(text):
            stop = n
            break
        role = _front_role(text, bool(titles))
        if role is title_role:
            if not titles:
                titles.append(tok)
                continue
            copy = _copy_of(titles, text)
            if copy is not None:  # the title printed again: what stood above it was not title
                if not reprinted:
                    for furniture in titles[:copy]:
                        furniture.role = Role.NOISE
                    del titles[:copy]
                    reprinted = True
                if len(titles) == 1 and text == titles[0].text:
                    titles.append(tok)
                elif len(titles) == 1 and _ENTITY.search(titles[0].text) and not _ENTITY.search(text):
                    titles[0].role, titles[0] = Role.NOISE, tok  # the copy without HTML entities (&nbsp;)
                else:
                    tok.role = Role.NOISE
                continue
            if closed or not _continues(titles, text):
                stop = n
                break
            titles.append(tok)
            continue
        if role is None:
            stop = n
            break
        tok.role = role
        row_next = role is meta_role and "," in text and _CSV_HEADER.match(text) is not None
        value = _field_value(text) if role is meta_role else None
        titled_field = value is not None and _TITLE_FIELD.match(text) is not None
        value_next = value == ""
        if value and titled_field:
            listed = _title_key(value)
        closed = bool(titles)
    listed = listed or _listed_title(front[stop:]) or (_title_key(crumb) if crumb else "")
    if listed and _title_key("".join(tok.text for tok in titles)) != listed:
        named = _named_title(front, listed)
        if named is not None:  # the metadata table names the title: that line, not what stood above it
            for tok in titles:
                tok.role = None
            titles = [named]
    if titles and not _complete_title(titles[-1].text):
        titles = _own_title(front, stop) or titles
    for tok in titles:
        tok.role = Role.TITLE
    return _title_key(" ".join(tok.text for tok in titles))


def _drop_menu(front: list[Token]) -> None:
    """A site's menu copied one item a line at the top (首页 / 团队动态 / 以案释法 / …, five
    short lines or more, maybe under a 登录 | 注册 bar) is noise, and leaves the front."""
    for start in (0, 1):
        end = start
        while end < len(front) and _menu_item(front[end]):
            end += 1
        if end - start < _MENU_MIN:
            continue
        last = front[end - 1].text
        if end < len(front) and (_complete_title(last) or any(tok.text == last for tok in front[start:end - 1])):
            end -= 1  # a short title under the menu (通知), or the menu's item of the page printed again
        if end - start >= _MENU_MIN:
            for tok in front[:end]:
                tok.role = Role.NOISE
            del front[:end]
            return


def _menu_item(tok: Token) -> bool:
    text = tok.text
    return tok.marker is None and len("".join(text.split())) <= _MENU_ITEM_MAX and not _PROSE.search(text) \
        and text[-1] not in ":："


_MENU_MIN = 5
_MENU_ITEM_MAX = 8


def _crumb_last(tokens: list[Token]) -> str:
    """The last item of the first breadcrumb at the top (首页 > 学校公告 > 党政办), '' if none."""
    noise = Role.NOISE  # (an enum member read off its class costs 0.2 µs)
    for tok in itertools.islice(tokens, FRONT_MAX):
        if tok.role is noise and _has_crumb_mark(tok.text):
            return _CRUMB_SPLIT.split(tok.text)[-1].strip()
    return ""


_CRUMB_SPLIT = LazyPattern(rf"\s*[{_CRUMB_MARKS}]\s*")


def _has_crumb_mark(text: str) -> bool:
    return ">" in text or "»" in text or "›" in text or "＞" in text  # (one test per mark: faster than a search)


def _listed_title(lines: list[Token]) -> str:
    """The title a metadata table gives (标　　题：……) below where the top ended, as a key."""
    for tok in lines:
        if tok.role is None and tok.text[0] in "标標" and _TITLE_FIELD.match(tok.text):
            value = _field_value(tok.text)
            if value:
                return _title_key(value)
    return ""


def _named_title(lines: list[Token], listed: str) -> Optional[Token]:
    """The line at the top that prints the title the page names: in a metadata table
    (标　　题：……), or as the last item of a breadcrumb (`listed`, as a key)."""
    return next((tok for tok in lines if tok.role is None and _title_key(tok.text) == listed), None)


def _split_glued_byline(tokens: list[Token], tok: Token) -> bool:
    """Cut a byline, date or toolbar glued to the end of a title line into a paragraph of
    its own, placed after it in `tokens` (the two keep the line's text between them)."""
    text = tok.text
    if not (" " in text or "\u3000" in text or "\t" in text or "【" in text):
        return False
    m = _GLUED.search(text, _GLUED_TITLE_MIN)
    if m is None or not _title_like(text[:m.start()]) or _complete_title(text):
        return False
    _split_at(tokens, tok, m.start(), m.end())
    return True


def _split_at(tokens: list[Token], tok: Token, at: int, resume: int) -> Token:
    """Cut `tok` into two paragraphs of one line: its text up to `at`, and from `resume` on
    (what lies between becomes the first one's trail), the second placed after it in
    `tokens`; returns the second."""
    text = tok.text
    rest = Token(text[resume:], tok.start + resume, tok.line, "", tok.trail)
    tok.text, tok.trail = text[:at], text[at:resume]
    tokens.insert(tokens.index(tok) + 1, rest)
    return rest


_GLUED_TITLE_MIN = 4  # characters of title before what is glued to it


def _front_role(text: str, titled: bool) -> Optional[Role]:
    """What a line at the top is: TITLE for a line that may be (part of) the title, None
    for the first line of the text itself. (The cheap tests of characters keep most
    lines from the regular expressions.)"""
    if (len(text) <= _PAGE_LABEL_MAX and text.endswith(_PAGE_LABELS)) or (text[-1] == "摄" and _CAPTION.search(text)) \
            or (len(text) <= _CRUMB_MAX + 2 and (text[0] in _CRUMB_MARKS or text[-1] in _CRUMB_MARKS)):
        return Role.NOISE  # a page label, a photo caption, a piece of a breadcrumb (往年回顾 >)
    if text.count(",") >= _CSV_FIELDS_MIN - 1 and _CSV_HEADER.match(text):
        return Role.META  # the column names of a table export: province,year,title,…
    labelled = "：" in text or ":" in text or text[0] == "【"
    if (labelled and (_field_value(text) is not None or _TEASER.match(text))) or _META.match(text) \
            or ((" " in text or "\u3000" in text) and len(_ROW_FIELD.findall(text)) >= _ROW_FIELDS_MIN) \
            or (_LABEL_MIN <= len(text) <= _LABEL_MAX and "".join(text.split()) in _FIELD_LABELS) \
            or (titled and len(text) <= _AUTHOR_MAX and _AUTHOR.match(text)):
        return Role.META
    if len(text) <= _BYLINE_MAX and not _complete_title(text):
        for sign in _BYLINE_SIGN.finditer(text):
            if sign.lastgroup != "word" or re.search(_DATE, text):
                return Role.NOISE if sign.lastgroup == "counter" else Role.META
    if titled and text[0] in _SUBTITLE_FIRST and _SUBTITLE.match(text):
        return Role.SUBTITLE
    return Role.TITLE if _title_like(text) else None


_AUTHOR_MAX = 7  # 张 明, 李晓华: four characters, maybe spaced
_CSV_HEADER = LazyPattern(r"^[A-Za-z_][\w .-]*(?:,[A-Za-z_][\w .-]*)+$", re.ASCII)
_CSV_FIELDS_MIN = 3
# A page's label for the text below it (接访信息详情, 新闻正文), short, above the title.
_PAGE_LABELS = ("详情", "詳情", "正文", "全文", "原文")
_PAGE_LABEL_MAX = 8
# A photo caption at the top: ……。 本报记者 李森 摄 (a name, spaced off, before 摄).
_CAPTION = LazyPattern(r"(?:^|[\s　])[\u4e00-\u9fff]{2,4}[\s　]?摄$")
_SUBTITLE_FIRST = frozenset("—-－─")


def _field_value(text: str) -> Optional[str]:
    """The value of a byline or metadata field (来源：新华社, 索 引 号：), None if the
    line is not one."""
    m = _FIELD.match(text)
    if m is None or "".join((m.group(1) or m.group(2)).split()) not in _FIELD_LABELS:
        return None
    return m.group(3)


def _copy_of(titles: list[Token], text: str) -> Optional[int]:
    """Which title line `text` prints again (decoration aside), if any."""
    key = _title_key(text)
    for k, tok in enumerate(titles):
        if _title_key(tok.text) == key:
            return k
    return None


def _continues(titles: list[Token], text: str) -> bool:
    """Whether a title-like line goes on with the title lines above it: a title broken
    over lines, or a qualifier on a line of its own; not a line after a complete title,
    unless it ends like one too (……公示制度 / ……审核制度的指导意见)."""
    if len(titles) >= TITLE_LINES_MAX:
        return False
    if not _complete_title(titles[-1].text) or _TITLE_QUALIFIER.match(text):
        return True
    return _complete_title(text)


def _own_title(front: list[Token], stop: int) -> list[Token]:
    """For a page whose first title-like line is no document's title (a question, a
    site's heading), the article's own title: a line ending like a document's title
    right above its first numbered paragraph."""
    for n in range(stop, len(front)):
        if front[n].marker is not None:
            above = front[n - 1] if n > stop else None
            if above is not None and above.role is None and above.marker is None and _title_like(above.text) \
                    and _complete_title(above.text):
                return [above]
            return []
    return []


def _complete_title(text: str) -> bool:
    """Whether a title (line) ends like a document's title: a kind word, maybe with a
    qualifier after it (……管理办法（试行））."""
    if text[-1] in ")）":
        opening = max(text.rfind("("), text.rfind("（"))
        if 0 < opening and len(text) - opening <= _QUALIFIER_MAX:
            text = text[:opening]
    return text.endswith(_DOC_KINDS)


def _title_key(text: str) -> str:
    """A title without its spacing, decoration and HTML entities, for finding it printed again."""
    return _DECORATION.sub("", _ENTITY.sub("", text) if "&" in text else text)


def _title_like(text: str) -> bool:
    if "&" in text:
        text = _ENTITY.sub(" ", text)  # an HTML entity left in a copied title (&nbsp;) is no sentence's end
    return len(text) <= _TITLE_MAX and not _PROSE.search(text) and text[-1:] not in ":：，,"


_ENTITY = LazyPattern(r"&(?:[A-Za-z]{2,8}|#\d{2,5}|#x[0-9A-Fa-f]{2,4});")


def _label_running_headers(tokens: list[Token], key: str) -> None:
    """The title printed again further down (a page header left in a PDF's text) is noise."""
    shortest, longest, last = len(key), len(key) + 24, key[-1]
    for tok in tokens:
        text = tok.text
        if shortest <= len(text) <= longest and text[-1] == last and tok.role is None and tok.marker is None \
                and _title_key(text) == key:
            tok.role = Role.NOISE


_RUNNING_HEADER_MIN = 4  # a shorter title (通知) is too common a line to be a page header


def _label_lists(tokens: list[Token], leads: list[int]) -> None:
    """Lists that are not part of the outline, kept as metadata: attachments
    (附件：1.…… then 2.…… one a line) and notes (注释 then [1]…… ①…… 1.……).
    `leads`: the unnumbered paragraphs that begin like the line leading one."""
    for i in leads:
        text = tokens[i].text
        if tokens[i].role is None:
            if _ATTACHMENTS.match(text):
                _label_attachments(tokens, i)
            elif _NOTES_HEAD.match(text):
                _label_notes(tokens, i)


_LIST_FIRST = frozenset("附注註尾脚腳参參【[〔")


def _label_attachments(tokens: list[Token], i: int) -> None:
    """附件： with its list of attachments, one short title a line numbered from 1 (the
    first may share the 附件 line)."""
    lead = tokens[i].text
    inline = lead[_ATTACHMENTS.match(lead).end():]  # type: ignore[union-attr]
    first = match_marker(inline) if inline else None
    if inline and (first is None or first.ordinal != 1 or not _title_like(inline)):
        return
    items: list[Token] = []
    style = first.style if first is not None else None
    j = i + 1
    while j < len(tokens):
        tok, m = tokens[j], tokens[j].marker
        if tok.role is not None or m is None or (style or m.style) != m.style \
                or m.ordinal != len(items) + (2 if first is not None else 1) or not _title_like(tok.text.rstrip("。.")):
            break
        style = m.style
        items.append(tok)
        j += 1
    if first is None and (len(items) < 2 or (j < len(tokens) and _is_text(tokens[j]))):
        return  # numbered lines with their text after 附件： are its sections
    for tok in [tokens[i], *items]:
        tok.role = Role.META


def _is_text(tok: Token) -> bool:
    return tok.role is None and tok.marker is None and not _title_like(tok.text)


def _label_notes(tokens: list[Token], i: int) -> None:
    """注释 and the notes under it ([1]…… 〔2〕…… ①…… 1.……)."""
    j = i + 1
    while j < len(tokens) and tokens[j].role is None and _NOTE_LABEL.match(tokens[j].text):
        j += 1
    if j == i + 1:
        return
    for tok in tokens[i:j]:
        tok.role = Role.META
