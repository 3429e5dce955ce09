"""Documents the format tests share: the corpus and hand-made edge cases.

Edge cases are source texts, parsed like any document, so that their outlines
are real parser output; `check_edge_cases` (a test in test_format_json.py)
asserts that each one still has the feature it exists for.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from hypothesis import strategies as st

from speech_outline import Marker, Node, Outline, Paragraph, Role, parse, parse_file

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
CORPUS_IDS = [p.stem for p in CORPUS]

# Characters XML 1.0 forbids, even as references.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def as_xml(found: re.Match[str]) -> str:
    """What OPML makes of a character XML forbids: U+FFFD for a lone surrogate (the policy of
    every writer), nothing for the others. For `cleaned(name, outline, NOT_XML, as_xml)`."""
    return "\ufffd" if LONE_SURROGATE.match(found.group()) else ""


def xml_text(text: str) -> str:
    return NOT_XML.sub(as_xml, text)

EDGE_CASES: dict[str, str] = {
    # control characters pasted from web pages and lone surrogates/non-characters
    "control-chars": "国务院关于\x01印发\x7f方案的通知\n一、总体\x0b要求\x1f\n（一）指导\x08思想。正文\x00含\ud800控制\ufffe字符\uffff。\n"
                     "第二段\x0c正文\u2028含行分隔符。\n（二）基本原则\n",
    # XML and HTML specials in title, heading and body
    "xml-specials": "R&D 方案 < 5 > 3 \"q\" 'a' 的通知\n一、R&D 中心 < 5 > 3 \"双\" '单'\n"
                    "（一）甲&乙。正文 &amp; &lt; <b>粗</b> ]]> A&B \"引\" '号'\n",
    # body text Markdown would read as block markup (甲乙丙 become "1. …", "1) …", "(1) …":
    # the parser would take those lines for headings)
    "markdown-specials": "关于测试的通知\n一、总体要求\n（一）列表\n甲甲甲\n乙乙乙\n丙丙丙\n"
                        "（二）横线。- 不是项目\n丁丁丁\n> 不是引用\n"
                        "- 不是列表\n+ 加号\n* 星号\n---\n***\n___\n= 等号\n"
                        "`代码` *强调* _下划线_ [链接](http://x.cn) <div>块</div> &copy; 反\\斜杠 结尾 #\n"
                        "    四个空格缩进的正文\n2025. 年份开头\n#号开头\n",
    # nine levels: 编 分编 章 节 条 （一） 1. （1） ①
    "deep": "第一编　总则\n第一分编　通则\n第一章　一般规定\n第一节　基本规定\n第一条　本法的目的。正文内容。\n"
            "（一）第一项内容；\n1. 第一目内容。\n（1）第一小目。\n① 圈一内容。后续文字。\n第二段落。\n"
            "② 圈二内容。\n（2）第二小目。\n2. 第二目内容。\n（二）第二项。\n第二条　第二条内容。\n",
    "empty": "",
    "blank": "  \n\n",
    "title-only": "国务院关于印发某某方案的通知\n",
    # a salutation between sections and a closing after the last one
    "speech-framing": "在某会议上的讲话\n同志们：\n今天召开会议。\n一、充分认识意义\n正文一。\n同志们！\n"
                      "二、抓好落实\n正文二。\n谢谢大家。\n",
}


@functools.lru_cache(maxsize=None)
def corpus_outline(path: Path) -> Outline:
    return parse_file(path)


def corpus_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# Paragraph texts put into a parsed edge case afterwards (see `with_texts`).
SUBSTITUTIONS: dict[str, dict[str, str]] = {
    # texts no parse makes (a line starting '# ' is a Markdown heading: its marks are lead)
    "markdown-specials": {"甲甲甲": "1. 不是列表", "乙乙乙": "1) 也不是", "丙丙丙": "(1) 还不是", "丁丁丁": "# 不是标题"},
}


@functools.lru_cache(maxsize=None)
def edge_outline(name: str) -> Outline:
    return with_texts(parse(EDGE_CASES[name]), SUBSTITUTIONS.get(name, {}))


def with_texts(outline: Outline, replace: dict[str, str]) -> Outline:
    """The outline with some paragraph texts replaced, positions moved to match."""
    new: dict[int, Paragraph] = {}
    at, line = 0, 1
    for p in outline.paragraphs:
        text = replace.get(p.text, p.text)
        start = at + len(p.lead)
        line += p.lead.count("\n")
        new[id(p)] = p._replace(text=text, start=start, line=line)
        at = start + len(text) + len(p.trail)
        line += text.count("\n") + p.trail.count("\n")

    def node(n: Node) -> Node:
        return n._replace(heading=new[id(n.heading)], body=tuple(new[id(b)] for b in n.body),
                          children=tuple(node(c) for c in n.children))

    return Outline(tuple(new[id(p)] for p in outline.paragraphs), tuple(node(n) for n in outline.nodes),
                   outline.diagnostics)


def all_outlines() -> list[tuple[str, Outline]]:
    """(name, outline) for every corpus document and edge case."""
    return [(p.stem, corpus_outline(p)) for p in CORPUS] + [(n, edge_outline(n)) for n in EDGE_CASES]


def cleaned(name: str, outline: Outline, pattern: re.Pattern[str], replacement: str = "") -> Outline:
    """The outline of the same document once `pattern` is replaced in its source.

    What a format that cannot carry some characters (XML, UTF-8 text) should read back.
    """
    if name not in EDGE_CASES:
        return outline
    return with_texts(parse(pattern.sub(replacement, EDGE_CASES[name])), SUBSTITUTIONS.get(name, {}))


# Paragraph text as the parser makes it: one line, no spaces or tabs at either end
# (they are lead and trail), but any Markdown or XML special inside.
PROSE = st.text(st.sampled_from("#>-+*_`[]()<>&|~\\!=.:;'\"1234567890 \t一二（）。、abc\u3000"),
                min_size=1).map(lambda s: s.strip(" \t")).filter(bool)
# Anything a Python string can hold, lone surrogates included, except line breaks.
ANY_LINE = st.text(st.characters(exclude_categories=(), exclude_characters="\r\n"), min_size=1)


def one_section(title: str, *body: str) -> Outline:
    """An outline of one heading 一、`title` with `body` paragraphs, built by hand."""
    heading = Paragraph(Role.HEADING, "一、" + title, 0, 1, trail="\n")
    paragraphs, at = [heading], heading.end + 1
    for line, text in enumerate(body, 2):
        paragraphs.append(Paragraph(Role.BODY, text, at, line, trail="\n"))
        at += len(text) + 1
    node = Node(Marker("一、", "cn-dun", 1), title, heading, 1, tuple(paragraphs[1:]))
    return Outline(tuple(paragraphs), (node,))
