"""Document anatomy: which paragraphs are title, metadata, framing, noise or contents.

It labels tokens and never deletes them: noise stays in the paragraph stream
(so the input can be rebuilt) and is only left out by writers. Paragraphs it
leaves unlabelled are for build.py to make headings, body or preamble.
"""
from __future__ import annotations

import itertools
import unicodedata
from typing import Optional

import re

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
_TAIL_START = re.compile("^(?:" + "|".join(_TAIL_TRIGGERS) + ")")
_TAIL_FIRST = frozenset(t[0] for t in _TAIL_TRIGGERS)  # a cheap test before the regex
# Single lines of site furniture wherever they stand: breadcrumbs (首页>新闻>正文), and
# the lines below, each with the characters it can begin with ("0" for any digit).
_BREADCRUMB = re.compile(r"^(?:[^<>»›\s][^<>»›]{0,15}\s*[>»›]\s*){2,}[^<>»›]{0,30}$")
_NOISE_LINES = (
    ("当您你位", r"(?:当前位置|您的位置|你的位置|位置)[:：].{0,60}"),
    ("第", r"第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?"),  # page numbers
    ("-—", r"[-—]\s*\d+\s*[-—]"),
    ("0", r"\d+\s*/\s*\d+|\d{1,12}"),  # page numbers, counters: 1313984
    ("(（", r"[(（]\d+[)）]"),  # counters: (0)
    ("【[点收分打评举关返阅浏下", r"(?:[【\[]?(?:点赞|收藏|分享|打印|评论|举报|关闭|返回顶部|返回|阅读|浏览|下载|打赏)"
                         r"(?:本页|窗口|本文|全文|次数|量|列表)?[】\]]?[:：(（\s\d]*\d*[)）]?\s*)+"),  # 打印本页
    ("分扫手", r"(?:分享到|扫一扫|扫码|手机(?:扫码)?(?:阅读|打开)).{0,40}"),
    ("【字", r"【?字(?:体|号)[:：].{0,12}"),
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


_NOISE_LINE_MAX = 160  # no single-line furniture above is longer
_TOC_HEAD = re.compile(r"^目\s*录[:：]?$")
_TOC_ENTRY = re.compile(r"\S(?:[.·…‥⋯．\-—_ ]{3,}|[.·…‥⋯．]{2,})\s*\d{1,4}$")  # 总则……1
_TOC_TAIL = 24  # an entry's leader and page number sit in its last characters
_TOC_PAGE = re.compile(r"[.…·\s]*\d*$")
# A salutation is nothing but forms of address: 同志们： 尊敬的各位领导、各位来宾：
_ADDRESS_FORMS = (r"尊敬的[^，,。！？!?:：、]{1,30}", r"亲爱的[^，,。！？!?:：、]{1,30}", "同志们",
                  r"各位[^，,。！？!?:：、]{1,12}", "女士们", "先生们", "朋友们", "老师们", "同学们", "大家(?:好)?")
_ADDRESS = "(?:" + "|".join(_ADDRESS_FORMS) + ")"
_SALUTATION = re.compile(rf"^{_ADDRESS}(?:[、，,和及 ]*{_ADDRESS})*[:：，,!！]$")
_SALUTATION_FIRST = frozenset(form[0] for form in _ADDRESS_FORMS)  # a cheap test before the regex
_SALUTATION_MAX = 40
_CLOSING_FORMS = (r"谢谢(?:大家|各位)?", r"以上(?:是我的|就是我的)?(?:发言|讲话)[，,]?谢谢(?:大家)?")
_CLOSING = re.compile("^(?:" + "|".join(_CLOSING_FORMS) + ")[。.!！]?$")
_CLOSING_FIRST = frozenset(form[0] for form in _CLOSING_FORMS)
_CLOSING_MAX = 30
_DATE = (r"(?:\d{4}|[一二三四五六七八九〇○零]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
         r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?")
_META = re.compile(
    r"^(?:"
    rf"[(（]?{_DATE}[)）]?.{{0,60}}"  # 2024年6月27日, 1999年4月29日 第九届全国人民代表大会……
    r"|.{0,12}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号"  # 国办发〔2018〕123号
    r"|(?:来源|作者|发布(?:时间|日期|机构)?|时间|日期|编辑|撰稿|出处|浏览次数|字号|成文日期|发文字号|索引号)"
    r"\s*[:：].{0,80}"
    r"|.{1,12}(?:分享|整理|供稿|投稿|发布|编辑|推荐)"
    r"|[(（]此件.{1,10}[)）]"
    r")$"
)
_SUBTITLE = re.compile(r"^(?:——|—|--|－－|─)\s*\S.{0,80}$")
# A name alone on a line under the title: 张 明, 李晓华 (at most four characters, and
# not the end of a title broken over lines: 物权编, 实施办法).
_AUTHOR = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000]*[\u4e00-\u9fff]){1,3}$(?<![编章节法典则例案告见知要划纲定示报书函文稿话词])")
FRONT_MAX = 15
_TITLE_MAX = 60
_PROSE = re.compile(r"[。！？；!?;]")
TITLE_LINES_MAX = 4


def label(tokens: list[Token]) -> None:
    """Give anatomy roles to the tokens that are not part of the outline proper."""
    toc_head, toc_entries, framing = _scan(tokens)
    if toc_head is not None:
        _label_toc_after_heading(tokens, toc_head)
    _label_toc_runs(tokens, toc_entries)
    _label_front(tokens)
    for tok, role in framing:
        if tok.role is None:  # not taken for the title or metadata
            tok.role = role


def _scan(tokens: list[Token]) -> tuple[Optional[int], list[int], list[tuple[Token, Role]]]:
    """One pass over the document: label the noise, and find what the later steps need —
    where 目录 stands, the lines that look like contents entries, and the salutations
    and closings."""
    tail = False
    toc_head = None
    toc_entries: list[int] = []
    framing: list[tuple[Token, Role]] = []
    for i, tok in enumerate(tokens):
        if tok.role is not None:
            continue
        text = tok.text
        first = text[0]
        if tail or (first in _TAIL_FIRST and _TAIL_START.match(text)):
            tok.role = Role.NOISE
            tail = True
            continue
        if len(text) <= _NOISE_LINE_MAX:  # a single line of furniture, or a breadcrumb
            noise = _NOISE_PATTERNS[first] if first in _NOISE_PATTERNS else _noise_pattern(first)
            if (noise is not None and noise.match(text)) or (
                    (">" in text or "»" in text or "›" in text) and _BREADCRUMB.match(text)):
                tok.role = Role.NOISE
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
    return toc_head, toc_entries, framing


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


def _label_front(tokens: list[Token]) -> None:
    """Title lines, then subtitle and metadata lines, at the top of the document."""
    titles: list[Token] = []
    in_title = True
    for tok in itertools.islice((t for t in tokens if t.role is None), FRONT_MAX):
        text = tok.text
        if tok.marker is not None or _SALUTATION.match(text):
            break
        if _META.match(text) or (titles and _AUTHOR.match(text)):
            tok.role = Role.META
        elif titles and _SUBTITLE.match(text):
            tok.role = Role.SUBTITLE
        elif in_title and len(titles) < TITLE_LINES_MAX and _title_like(text):
            titles.append(tok)
            continue
        else:
            break
        in_title = False
    for tok in titles:
        tok.role = Role.TITLE


def _title_like(text: str) -> bool:
    return len(text) <= _TITLE_MAX and not _PROSE.search(text) and text[-1] not in ":：，,"
