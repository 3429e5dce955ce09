"""HTML view, read as markup (the page in a real browser: test_html_browser.py).

The page is parsed with the standard library's HTML parser, which follows the
same tokenizer rules as a browser for what matters here: where text ends and
markup begins.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import given

from format_cases import ANY_LINE, LONE_SURROGATE, PROSE, all_outlines, edge_outline, one_section
from test_scaling import count_calls
from speech_outline import Outline, parse
from speech_outline.formats import html, read, write

OUTLINES = all_outlines()
NAMES = [name for name, _ in OUTLINES]
DRAFT = "实施方案\n一、总体要求\n（一）指导思想。正文。\n（三）基本原则。\n三、主要任务\n1. 甲\n2、乙\n"
HOSTILE = ["<script>window.pwned = 1</script>", "</script><script>window.pwned = 2</script>",
           '<img src="https://example.invalid/x.png" onerror="window.pwned = 3">', "<!-- <script>",
           "&lt;b&gt; &amp;amp; ]]> \"'", "<style>body{display:none}</style>"]


class Page(HTMLParser):
    """What a browser would build, as far as the tests need: elements and their text."""

    VOID = {"meta", "input", "br", "img", "link"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text_of: dict[str, str] = {}  # element id → its text
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._open: list[tuple[str, dict, list[str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in self.VOID:
            self._open.append((tag, attributes, []))

    def handle_endtag(self, tag):
        assert self._open and self._open[-1][0] == tag, f"</{tag}> closes {self._open[-1][:2]}"
        tag, attributes, texts = self._open.pop()
        text = "".join(texts)
        if "id" in attributes:
            self.text_of[attributes["id"]] = text
        if tag in self.raw:
            self.raw[tag].append(text)
        if self._open:
            self._open[-1][2].append(text)

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)

    def with_class(self, name: str) -> list[dict]:
        return [a for _, a in self.tags if name in (a.get("class") or "").split()]


def shown(text: str) -> str:
    """Text as the page shows it: lone surrogates, which no encoding can write, as U+FFFD."""
    return LONE_SURROGATE.sub("\ufffd", text)


def paragraph_texts(outline: Outline) -> dict[str, str]:
    """id → text of every line of the document that the page shows."""
    return {f"L{p.line}": shown(p.text) for p in outline.paragraphs if p.text}


@pytest.mark.parametrize("outline", [o for _, o in OUTLINES], ids=NAMES)
def test_every_paragraph_shows_its_text_and_the_page_carries_the_outline(outline):
    page_text = write(outline, "html")
    page = Page(page_text)
    for ident, text in paragraph_texts(outline).items():
        assert page.text_of[ident] == text, ident
    # what the JSON format carries, lone surrogates as U+FFFD (the policy of every writer)
    assert read(page_text, "html") == read(write(outline, "json"), "json")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_stays_text(hostile):
    outline = parse(f"关于{hostile}的通知\n一、{hostile}\n（一）标题。{hostile}\n{hostile}\n")
    page_text = write(outline, "html")
    page = Page(page_text)
    assert [t for t, _ in page.tags if t in ("script", "style", "img")] == ["style", "script", "script"]
    assert page.text_of["L1"] == f"关于{hostile}的通知"
    assert page.text_of["L2"] == "一、" + hostile
    assert page.text_of["L3"] == "（一）标题。" + hostile
    assert page.text_of["L4"] == hostile
    data = page.raw["script"][0]
    assert "<" not in data and json.loads(data) == json.loads(write(outline, "json"))


@given(PROSE, ANY_LINE)
def test_any_text_is_escaped(title, body):
    outline = one_section(title, body)
    page = Page(write(outline, "html"))
    assert page.text_of["L2"] == shown(body)
    assert page.text_of["s-1"].startswith("一、")
    assert len(page.raw["script"]) == 2


def test_the_policy_allows_exactly_the_inline_style_and_script():
    page_text = write(parse(DRAFT), "html")
    page = Page(page_text)
    policy = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == digest(page.raw["style"][0])
    assert directives["script-src"] == digest(page.raw["script"][1])
    assert [a.get("type") for t, a in page.tags if t == "script"] == ["application/json", None]
    # nothing that could load: every link stays in the page
    assert not [a for _, a in page.tags if "src" in a or a.get("rel")]
    assert {a["href"][:1] for t, a in page.tags if t == "a"} == {"#"}


def test_outline_levels_markers_and_links():
    page = Page(write(parse(DRAFT), "html"))
    links = [a["href"] for t, a in page.tags if t == "a" and a["href"].startswith("#s-")]
    assert links == ["#s-1", "#s-1.1", "#s-1.2", "#s-2", "#s-2.1", "#s-2.2"]
    assert page.text_of["s-1.2"] == "（三）基本原则。"
    assert [t for t, a in page.tags if a.get("id", "").startswith("s-")] == ["h2", "h3", "h3", "h2", "h3", "h3"]
    folds = [a.get("class") for t, a in page.tags if t == "details"]
    assert folds == ["diagnostics", None, None]  # the problems, and the headings with sub-headings
    assert [a["id"] for a in page.with_class("run-in")] == ["L3"]  # （一）指导思想。正文。: title set off from its prose


def test_deep_levels_are_headings_for_assistive_technology():
    outline = edge_outline("deep")
    page = Page(write(outline, "html"))
    deepest = max(outline.walk(), key=lambda n: n.level)
    assert deepest.level > html.MAX_HEADING_ELEMENT
    found = [a for t, a in page.tags if a.get("aria-level") == str(deepest.level + 1)]
    assert found and found[0]["role"] == "heading"


def test_summary_and_diagnostics_at_their_lines():
    outline = parse(DRAFT)
    page_text = write(outline, "html")
    page = Page(page_text)
    assert "<dt>Headings</dt><dd>6 (level 1: 2, level 2: 4)</dd>" in page_text
    assert [d.line for d in outline.diagnostics]  # the draft has numbering problems
    for number, diag in enumerate(outline.diagnostics, 1):
        assert f'<a href="#L{diag.line}">line {diag.line}</a>' in page_text
        assert diag.message in page.text_of[f"problem-{number}"]
        assert "has-problem" in next(a["class"] for _, a in page.tags if a.get("id") == f"L{diag.line}")
    styles = re.findall(r"<code>([\w-]+)</code> × (\d+)", page_text)
    assert styles == [("cn-dun", "2"), ("cn-paren", "2"), ("arabic-dot", "1"), ("arabic-dun", "1")]


def test_a_document_without_headings_says_so():
    page_text = write(parse("这是一段没有标题的文字。\n第二段。\n"), "html")
    assert "No headings found" in page_text and "Numbering problems</dt><dd>none" in page_text
    assert "The document has no text." in write(Outline(()), "html")


def test_noise_is_greyed_with_a_switch_only_when_there_is_noise():
    page_text = write(edge_outline("speech-framing"), "html")
    assert 'id="hide-noise"' not in page_text
    seed = parse("在会议上的讲话\n同志们：\n一、总体要求\n正文。\n谢谢大家。\n相关推荐\n上一篇：某某讲话\n")
    page = Page(write(seed, "html"))
    noise = [a["id"] for a in page.with_class("role-noise")]
    assert noise and all(page.text_of[i] for i in noise)
    assert [a["id"] for a in page.with_class("role-closing")]
    assert any(a.get("id") == "hide-noise" for _, a in page.tags)


def test_read_refuses_a_page_without_outline_data():
    with pytest.raises(ValueError, match="not a speech-outline HTML page"):
        read("<html><body>hi</body></html>", "html")


def test_index_lists_pages_escaped():
    text = html.index([html.IndexEntry("a%20b.html", "a b.txt", "关于<b>的通知", 3, 1),
                       html.IndexEntry("sub/c.html", "sub/c.txt", None, 0, 0)])
    page = Page(text)
    assert [a["href"] for t, a in page.tags if t == "a"] == ["a%20b.html", "sub/c.html"]
    assert "关于&lt;b&gt;的通知" in text and "<b>" not in text
    assert "2 documents" in text


@pytest.mark.parametrize("unit", [DRAFT, "一、总体要求\n（一）指导思想。正文。\n" * 20,
                                  "".join(f"第{i}条　本条例规定的事项。\n" for i in range(1, 50))])
def test_work_grows_linearly(unit):
    """The calls the writer makes grow like the document (a quadratic step gives 16× for 4×)."""
    outlines = {k: parse(unit * k) for k in (4, 16)}
    counts = {k: count_calls(o, work=html.write) for k, o in outlines.items()}
    assert counts[16] <= 1.25 * 4 * counts[4], counts


def best_time(outline: Outline) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        write(outline, "html")
        times.append(time.perf_counter() - start)
    return min(times)


def test_time_grows_linearly():
    """Time as well as calls: a quadratic step inside one C call (`x in some_list`) is one call.
    4× the document takes about 4× the time; a quadratic step would take 16×."""
    small, large = parse(DRAFT * 400), parse(DRAFT * 1600)
    write(small, "html")  # warm up
    ratio = best_time(large) / best_time(small)
    assert ratio < 8, f"4× the document took {ratio:.1f}× the time"


# ---------------------------------------------------------------- the command line: pages and their index

def convert(*args: str) -> int:
    from speech_outline.cli import main

    return main(["convert", "-q", *args])


def test_output_dir_writes_an_index_of_the_pages(tmp_path, capsys):
    source = tmp_path / "in"
    (source / "sub dir").mkdir(parents=True)
    (source / "b.txt").write_text("关于乙的通知\n一、总体要求\n二、主要任务\n", encoding="utf-8")
    (source / "sub dir" / "a.txt").write_text("关于甲的通知\n一、总体要求\n（一）指导思想\n（三）原则\n", encoding="utf-8")
    (source / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    assert convert("-r", str(source), "-t", "html", "--output-dir", str(out)) == 1  # empty.txt failed
    assert "empty.txt: empty file" in capsys.readouterr().err
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.html")) == ["b.html", "index.html", "sub dir/a.html"]
    page = Page((out / "index.html").read_text(encoding="utf-8"))
    rows = [a["href"] for t, a in page.tags if t == "a"]
    assert rows == ["b.html", "sub%20dir/a.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<td lang="zh-CN">关于甲的通知</td><td class="count">3</td><td class="count">1</td>' in index
    assert '<td lang="zh-CN">关于乙的通知</td><td class="count">2</td><td class="count"></td>' in index


def test_an_input_named_index_cannot_overwrite_the_index(tmp_path, capsys):
    (tmp_path / "index.txt").write_text("关于甲的通知\n一、总体要求\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("关于乙的通知\n一、总体要求\n", encoding="utf-8")
    out = tmp_path / "out"
    assert convert(str(tmp_path / "index.txt"), str(tmp_path / "a.txt"), "-t", "html", "--output-dir", str(out)) == 1
    assert "same output file as the index of the pages" in capsys.readouterr().err
    assert "a.html" in (out / "index.html").read_text(encoding="utf-8")


def test_other_formats_write_no_index_and_pages_cannot_share_one_output(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("关于甲的通知\n一、总体要求\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("关于乙的通知\n一、总体要求\n", encoding="utf-8")
    assert convert("-r", str(tmp_path), "-t", "markdown", "--output-dir", str(tmp_path / "md")) == 0
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == ["a.md", "b.md"]
    with pytest.raises(SystemExit) as exit:
        convert(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "all.html"))
    assert exit.value.code == 2
    assert "several HTML documents cannot be joined in one output" in capsys.readouterr().err
