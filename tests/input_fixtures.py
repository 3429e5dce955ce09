"""Test files made from a corpus text: a .docx with automatic numbering, a web page, a PDF.

Each holds the same document as the text, the way people's files hold it: the .docx
has the heading markers taken out of the paragraphs and drawn by numbering.xml, the
page has navigation and a footer around the text, the PDF has wrapped lines, a
running header and page numbers. The readers must give back the text's outline.
"""
from __future__ import annotations

import html
import io
import re
from typing import Optional

from speech_outline import parse
from speech_outline.inputs.numbering import format_number

# Word number formats a marker's numeral may be drawn in, tried in this order.
FORMATS = ("chineseCounting", "decimal", "decimalFullWidth", "decimalEnclosedCircle",
           "decimalEnclosedParen", "decimalEnclosedFullstop", "ideographEnclosedCircle",
           "chineseLegalSimplified", "ideographTraditional")
NUMERAL = re.compile(r"[一二三四五六七八九十百千零〇○]+|[0-9]+|[０-９]+|[①-⑳⑴-⒇⒈-⒛㈠-㈩]|[壹贰叁肆伍陆柒捌玖拾佰仟零]+|[甲乙丙丁戊己庚辛壬癸]")


def word_level(marker: str, ordinal: int) -> Optional[tuple[str, str]]:
    """(numFmt, lvlText with %1) that draws `marker` for `ordinal`, or None (decimal paths, 一是…)."""
    found = NUMERAL.search(marker)
    if found is None or "." in marker[found.end():found.end() + 2].rstrip(".．") or ordinal < 1:
        return None
    for fmt in FORMATS:
        if format_number(ordinal, fmt) == found.group():
            return fmt, marker[:found.start()] + "%1" + marker[found.end():]
    return None


# ---------------------------------------------------------------- .docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(text: str, *, header: str = "", footer: str = "", style_numbering: bool = True) -> bytes:
    """`text` as a .docx whose heading markers are Word automatic numbering.

    One multi-level list: each marker family met gets the next level. Where Word's
    counting would not give the marker's number (a gap, a restart the levels do not
    make), the paragraph starts a new list instance with a startOverride. A level
    whose numbers run on across its parents (第六条 after 第二章) gets lvlRestart 0.
    With `style_numbering`, level-1 headings take their numbering from a paragraph
    style (w:numPr on the style, with w:outlineLvl), as templates do.
    """
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    outline = parse(text)
    headings = {}  # id(heading paragraph) → (ilvl, ordinal, marker)
    levels: dict[tuple[str, str], int] = {}  # (numFmt, lvlText) → ilvl
    spaced: dict[int, bool] = {}  # ilvl → the text has a space after its markers
    for node in outline.walk():
        found = word_level(node.marker.text, node.marker.ordinal)
        if found is None:
            continue
        if found not in levels:
            if len(levels) == 9:
                continue
            levels[found] = len(levels)
            after = node.heading.text[len(node.marker.text):len(node.marker.text) + 1]
            spaced[levels[found]] = after == " "  # Word's suff "space"; "\u3000" stays in the text
        headings[id(node.heading)] = (levels[found], node.marker.ordinal, node.marker.text)
    continuing = _continuing_levels([headings[id(p)] for p in outline.paragraphs if id(p) in headings],
                                    len(levels))

    document = docx.Document()
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + ('<w:lvlRestart w:val="0"/>' if ilvl in continuing else "")
        + ('<w:pStyle w:val="OutlineOne"/>' if ilvl == 0 and style_numbering else "")
        + f'<w:lvlText w:val="{html.escape(lvl_text.replace("%1", f"%{ilvl + 1}"))}"/>'
        + f'<w:suff w:val="{"space" if spaced[ilvl] else "nothing"}"/></w:lvl>'
        for (fmt, lvl_text), ilvl in levels.items())
    numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">'
                                  f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'))
    next_id = [100]

    def new_list(overrides: dict[int, int]) -> str:
        next_id[0] += 1
        over = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                       for i, v in overrides.items())
        numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{next_id[0]}">'
                                   f'<w:abstractNumId w:val="90"/>{over}</w:num>'))
        return str(next_id[0])

    first_list = new_list({})
    current = first_list
    if style_numbering:
        style = document.styles.add_style("OutlineOne", 1)  # a paragraph style
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(16)
        style.element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="{first_list}"/></w:numPr>'))
        style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W_NS}" w:val="0"/>'))
    counters: list[Optional[int]] = [None] * 9  # as Word counts
    starts: dict[int, int] = {}  # the start overrides of the list instance in use
    for paragraph in outline.paragraphs:
        line = paragraph.text
        if id(paragraph) not in headings:
            document.add_paragraph(line)
            continue
        ilvl, ordinal, marker = headings[id(paragraph)]
        expected = starts.get(ilvl, 1) if counters[ilvl] is None else counters[ilvl] + 1
        if expected != ordinal:  # a list instance of its own, starting there
            starts = {ilvl: ordinal}
            current = new_list(starts)
        counters[ilvl] = ordinal
        for deeper in range(ilvl + 1, 9):
            if deeper not in continuing:
                counters[deeper] = None
        stripped = line.strip()
        assert stripped.startswith(marker), (stripped, marker)
        rest = stripped[len(marker):]
        para = document.add_paragraph(rest.lstrip(" ") if spaced[ilvl] else rest)
        if style_numbering and ilvl == 0:
            para.style = document.styles["OutlineOne"]
            if current == first_list:
                continue  # the style's numbering
        para._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{current}"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _continuing_levels(headings: list, count: int) -> set[int]:
    """Levels whose numbers mostly run on after a shallower heading (第六条 after 第二章)."""
    run_on = {i: 0 for i in range(count)}
    restart = {i: 0 for i in range(count)}
    last: dict[int, int] = {}
    reset: set[int] = set()
    for ilvl, ordinal, _marker in headings:
        if ilvl in reset and ilvl in last:
            if ordinal == last[ilvl] + 1:
                run_on[ilvl] += 1
            elif ordinal == 1:
                restart[ilvl] += 1
        reset.discard(ilvl)
        last[ilvl] = ordinal
        reset.update(range(ilvl + 1, count))
    return {i for i in range(count) if run_on[i] > restart[i]}


# ---------------------------------------------------------------- .html

def make_html(text: str, title: str = "") -> bytes:
    """`text` as a saved government web page: navigation, breadcrumb, the article, related links, a footer."""
    lines = text.splitlines()
    first = html.escape(lines[0].strip()) if lines else ""
    body = "\n".join(
        f"<h1>{html.escape(line.strip())}</h1>" if i == 0 else f"<p>{html.escape(line.strip())}</p>"
        for i, line in enumerate(lines) if line.strip())
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title) or first}_中国政府网</title>
<style>p {{ text-indent: 2em }}</style><script>var x = "<p>不是正文</p>";</script></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zhengce">政策</a></li>
<li><a href="/hudong">互动</a></li><li><a href="/fuwu">服务</a></li></ul></div>
<nav class="crumb"><a href="/">首页</a> &gt; <a href="/zhengce">政策</a> &gt; 正文</nav>
<div class="article"><div class="content" id="UCAP-CONTENT">
{body}
</div></div>
<footer><p>主办单位：国务院办公厅　运行维护单位：中国政府网运行中心</p>
<p>版权所有：中国政府网　中文域名：中国政府网.政务</p></footer>
</body></html>""".encode("utf-8")


# ---------------------------------------------------------------- .pdf

def make_pdf(text: str, *, running_header: str = "示例文件汇编", size: float = 12,
             width_chars: int = 28) -> bytes:
    """`text` set as a Chinese PDF: paragraphs indented two characters and wrapped at the
    margin, the first line larger and centred, a running header and a page number
    (`— 3 —`) on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    page_width, page_height = A4
    left = (page_width - width_chars * size) / 2
    right = left + width_chars * size
    top, bottom = page_height - 80, 80
    page = [1]
    y = [top]

    def furniture() -> None:
        pdf.setFont(font, 9)
        pdf.drawCentredString(page_width / 2, page_height - 45, running_header)
        pdf.drawCentredString(page_width / 2, 40, f"— {page[0]} —")

    def new_line(step: float) -> None:
        y[0] -= step
        if y[0] < bottom:
            pdf.showPage()
            page[0] += 1
            furniture()
            y[0] = top

    furniture()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if i == 0:  # the title: larger, centred
            pdf.setFont(font, size * 1.6)
            pdf.drawCentredString(page_width / 2, y[0], line)
            new_line(size * 3)
            continue
        x = left + 2 * size
        row = ""
        for ch in line:
            if pdfmetrics.stringWidth(row + ch, font, size) > right - x:
                pdf.setFont(font, size)
                pdf.drawString(x, y[0], row)
                new_line(size * 1.6)
                x, row = left, ""
            row += ch
        pdf.setFont(font, size)
        pdf.drawString(x, y[0], row)
        new_line(size * 1.6)
    pdf.save()
    return out.getvalue()
