"""Reading .docx, .html and .pdf: Word's automatic numbering, the readers' parity with the
text they were made from (tests/corpus), provenance, and bad files refused in one line."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from input_fixtures import make_docx, make_html, make_pdf
from speech_outline import DecodeError, parse, parse_bytes, parse_file
from speech_outline.formats import json as json_format
from speech_outline.inputs import InputError, detect, read_document
from speech_outline.inputs.numbering import format_number

CORPUS = Path(__file__).parent / "corpus"
COMMAND = shutil.which("speech-outline", path=os.path.dirname(sys.executable))
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# ---------------------------------------------------------------- hand-made .docx parts

def docx(body: str, numbering: str = "", styles: str = "", **parts: str) -> bytes:
    """A .docx holding only the parts given (written by hand, not by python-docx)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f"<w:document {W_NS}><w:body>{body}</w:body></w:document>")
        if numbering:
            z.writestr("word/numbering.xml", f"<w:numbering {W_NS}>{numbering}</w:numbering>")
        if styles:
            z.writestr("word/styles.xml", f"<w:styles {W_NS}>{styles}</w:styles>")
        for name, xml in parts.items():
            z.writestr(name.replace("__", "/").replace("_xml", ".xml"), xml)
    return out.getvalue()


def p(text: str, num: str | None = None, ilvl: int | None = None, style: str | None = None,
      outline: int | None = None) -> str:
    ppr = ""
    if style is not None:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        ppr += "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + \
               f'<w:numId w:val="{num}"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>')


def abstract(ident: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{ident}">{"".join(levels)}</w:abstractNum>'


def num(ident: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{ident}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def lines(data: bytes) -> list[str]:
    return read_document(data, "x.docx").text.splitlines()


GONGWEN = abstract(0, lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "（%2）"),
                   lvl(2, "decimal", "%3."), lvl(3, "decimal", "（%4）"))


# ---------------------------------------------------------------- numbering

@pytest.mark.parametrize("value, fmt, drawn", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (21, "chineseCounting", "二十一"), (101, "chineseCountingThousand", "一百零一"),
    (1040, "chineseCountingThousand", "一千零四十"), (5, "taiwaneseCounting", "五"),
    (12, "japaneseCounting", "十二"), (3, "ideographTraditional", "丙"), (2, "ideographZodiac", "丑"),
    (12, "decimalEnclosedCircle", "⑫"), (21, "decimalEnclosedCircle", "21"), (3, "decimalEnclosedParen", "⑶"),
    (4, "decimalEnclosedFullstop", "⒋"), (2, "ideographEnclosedCircle", "㈡"), (12, "decimalFullWidth", "１２"),
    (10, "chineseLegalSimplified", "壹拾"), (105, "ideographDigital", "一〇五"), (4, "upperRoman", "IV"),
    (9, "lowerRoman", "ix"), (28, "lowerLetter", "bb"), (3, "upperLetter", "C"), (7, "decimalZero", "07"),
    (7, "decimal", "7"), (7, "someFutureFormat", "7"),
])
def test_number_formats(value, fmt, drawn):
    assert format_number(value, fmt) == drawn


def test_levels_count_and_deeper_levels_restart():
    body = "".join(p(t, "1", i) for t, i in [("总体要求", 0), ("指导思想", 1), ("基本原则", 1), ("第一点", 2),
                                              ("第二点", 2), ("细目", 3), ("主要任务", 0), ("重点", 1), ("要点", 2)])
    assert lines(docx(body, GONGWEN + num(1, 0))) == [
        "一、总体要求", "（一）指导思想", "（二）基本原则", "1.第一点", "2.第二点", "（1）细目",
        "二、主要任务", "（一）重点", "1.要点"]


def test_lvl_text_cites_the_levels_above():
    numbering = abstract(0, lvl(0, "decimal", "%1"), lvl(1, "decimal", "%1.%2"), lvl(2, "decimal", "%1.%2.%3"))
    body = "".join(p(t, "1", i) for t, i in [("总则", 0), ("目的", 1), ("依据", 2), ("原则", 1), ("组织", 0), ("机构", 1)])
    assert lines(docx(body, numbering + num(1, 0))) == ["1总则", "1.1目的", "1.1.1依据", "1.2原则", "2组织", "2.1机构"]


def test_legal_numbering_draws_every_counter_as_a_decimal():
    numbering = abstract(0, lvl(0, "chineseCounting", "第%1章"),
                         lvl(1, "chineseCounting", "%1.%2", extra='<w:isLgl/>'))
    assert lines(docx(p("总则", "1", 0) + p("目的", "1", 1), numbering + num(1, 0))) == ["第一章总则", "1.1目的"]


def test_lists_of_one_definition_share_counters_and_start_override_restarts():
    numbering = GONGWEN + num(1, 0) + num(2, 0) + num(3, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>')
    body = p("甲", "1", 0) + p("乙", "2", 0) + p("丙", "3", 0) + p("丁", "3", 0) + p("戊", "3", 1)
    assert lines(docx(body, numbering)) == ["一、甲", "二、乙", "五、丙", "六、丁", "（一）戊"]


def test_a_level_with_lvl_restart_zero_runs_on_across_chapters():
    law = abstract(0, lvl(0, "chineseCounting", "第%1章"),
                   lvl(1, "chineseCountingThousand", "第%2条", extra='<w:lvlRestart w:val="0"/>'))
    body = p("总则", "1", 0) + p("为了……", "1", 1) + p("本法……", "1", 1) + p("监狱", "1", 0) + p("监狱是……", "1", 1)
    assert lines(docx(body, law + num(1, 0))) == ["第一章总则", "第一条为了……", "第二条本法……", "第二章监狱", "第三条监狱是……"]


def test_without_lvl_restart_the_same_level_restarts():
    law = abstract(0, lvl(0, "chineseCounting", "第%1章"), lvl(1, "chineseCountingThousand", "第%2条"))
    body = p("总则", "1", 0) + p("为了……", "1", 1) + p("监狱", "1", 0) + p("监狱是……", "1", 1)
    assert lines(docx(body, law + num(1, 0)))[-1] == "第一条监狱是……"


def test_start_value_and_a_redefined_level():
    numbering = abstract(0, lvl(0, "decimal", "%1.", start=3)) + num(1, 0) + num(
        2, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
              + lvl(0, "ideographTraditional", "%1、") + "</w:lvlOverride>")
    assert lines(docx(p("a", "1", 0) + p("b", "1", 0) + p("c", "2", 0), numbering)) == ["3.a", "4.b", "甲、c"]


def test_numbering_on_the_paragraph_style_and_num_id_zero_removes_it():
    styles = ('<w:style w:type="paragraph" w:styleId="CnHeading1"><w:name w:val="标题 1"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="CnHeading1Child"><w:name w:val="my heading"/>'
              '<w:basedOn w:val="CnHeading1"/></w:style>')
    numbering = abstract(0, lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="CnHeading1"/>')) + num(1, 0)
    body = (p("总体要求", style="CnHeading1") + p("正文") + p("主要任务", style="CnHeading1Child")
            + p("不编号的标题", "0", style="CnHeading1"))
    document = read_document(docx(body, numbering, styles), "x.docx")
    assert document.text.splitlines() == ["一、总体要求", "正文", "二、主要任务", "不编号的标题"]
    assert [(s.level, s.style) for s in document.source.lines] == [
        (1, "标题 1"), (None, ""), (1, "my heading"), (1, "标题 1")]


def test_a_list_linked_to_a_numbering_style_uses_its_definition():
    styles = ('<w:style w:type="numbering" w:styleId="GongwenList"><w:name w:val="公文列表"/>'
              '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>')
    numbering = (GONGWEN + '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="GongwenList"/></w:abstractNum>'
                 + num(1, 1) + num(2, 0))
    assert lines(docx(p("总体要求", "1", 0) + p("指导思想", "1", 1), numbering, styles)) == ["一、总体要求", "（一）指导思想"]


def test_bullets_draw_no_marker():
    numbering = abstract(0, lvl(0, "bullet", "\uf0b7")) + num(1, 0)
    assert lines(docx(p("要点", "1", 0), numbering)) == ["要点"]


def test_heading_styles_and_outline_levels_are_evidence():
    styles = '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>'
    body = p("一、总体要求", style="Heading2") + p("（一）指导思想", outline=2) + p("正文", outline=9)
    source = read_document(docx(body, styles=styles), "x.docx").source
    assert [(s.paragraph, s.level) for s in source.lines] == [(0, 2), (1, 3), (2, None)]


# ---------------------------------------------------------------- .docx parts

def test_tables_read_row_by_row_and_revisions_and_field_codes_are_left_out():
    cell = '<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>'
    table = ("<w:tbl><w:tr>" + cell.format("甲") + cell.format("乙") + "</w:tr><w:tr>"
             + cell.format("丙") + cell.format("丁") + "</w:tr></w:tbl>")
    tracked = ('<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>'
               '<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r>'
               '<w:r><w:t>一行</w:t><w:br/><w:t>二行</w:t></w:r></w:p>')
    document = read_document(docx(p("前") + table + tracked + p("后")), "x.docx")
    assert document.text == "前\n甲\n乙\n丙\n丁\n保留插入一行\n二行\n后\n"
    assert [s.paragraph for s in document.source.lines] == [0, 1, 2, 3, 4, 5, 5, 6]


def test_headers_footers_notes_and_comments_are_kept_apart():
    data = docx(p("一、总体要求") + p("正文。"),
                word__header1_xml=f"<w:hdr {W_NS}>{p('某某市人民政府文件')}</w:hdr>",
                word__footer1_xml=f"<w:ftr {W_NS}>{p('— 1 —')}</w:ftr>",
                word__footnotes_xml=f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1">{p("")}</w:footnote>'
                                    f'<w:footnote w:id="1">{p("参见国务院令第1号。")}</w:footnote></w:footnotes>',
                word__comments_xml=f'<w:comments {W_NS}><w:comment w:id="0">{p("此处再斟酌")}</w:comment></w:comments>',
                docProps__core_xml='<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                                   'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                                   '<dc:title>关于某事的通知</dc:title></cp:coreProperties>')
    document = read_document(data, "x.docx")
    assert document.text == "一、总体要求\n正文。\n"
    assert document.source.furniture == ("某某市人民政府文件", "— 1 —")
    assert document.source.notes == ("参见国务院令第1号。", "此处再斟酌")
    assert document.source.title == "关于某事的通知"


# ---------------------------------------------------------------- parity with the text

def norm(text):
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def tree(outline):
    """What the scorer compares, and the prose: markers, titles, levels, body text (white space aside)."""
    def node(n):
        return (norm(n.marker.text), n.marker.style, n.marker.ordinal, norm(n.title),
                tuple(map(norm, n.body_texts)), n.level, tuple(map(node, n.children)))
    return norm(outline.title), tuple(map(node, outline.nodes))


TEXTS = sorted(p.stem for p in CORPUS.glob("*.txt"))
# The PDF reader is the slowest (pdfminer lays out every character): ten documents, of each kind.
PDF_TEXTS = ["law-prison", "law-state-compensation", "notice-gov-new-media", "notice-random-inspection",
             "regulation-female-workers", "regulation-port-opening", "report-gov-1984", "report-gov-2002",
             "speech-nansha-sixgood", "speech-political-building"]


def corpus_text(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", TEXTS)
def test_docx_with_automatic_numbering_gives_the_texts_outline(name):
    text = corpus_text(name)
    data = make_docx(text)
    assert b"<w:numPr>" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    outline = parse_bytes(data, name=f"{name}.docx")
    assert outline.source.format == "docx"
    assert tree(outline) == tree(parse(text))


def test_the_docx_fixtures_hold_no_markers_of_their_own():
    text = corpus_text("law-prison")
    body = zipfile.ZipFile(io.BytesIO(make_docx(text))).read("word/document.xml").decode("utf-8")
    assert "第一条" in text and "第一条" not in body and "第一章" not in body


@pytest.mark.parametrize("name", TEXTS)
def test_a_web_page_gives_the_texts_outline(name):
    text = corpus_text(name)
    outline = parse_bytes(make_html(text), name=f"{name}.html")
    assert tree(outline) == tree(parse(text))
    assert outline.source.title.endswith("_中国政府网")
    assert outline.source.lines[0].style == "h1"


def test_without_readability_the_standard_library_reads_the_page(monkeypatch):
    monkeypatch.setitem(sys.modules, "readability", None)
    for name in ("notice-gov-new-media", "law-prison", "report-gov-2025"):
        text = corpus_text(name)
        outline = parse_bytes(make_html(text), name=f"{name}.html")
        assert tree(outline) == tree(parse(text))
        assert "首页" in outline.source.furniture  # the menu: nothing but links
        assert not any("不是正文" in p.text for p in outline.paragraphs)  # a script's text


@pytest.mark.parametrize("name", PDF_TEXTS)
def test_a_pdf_gives_the_texts_outline(name):
    text = corpus_text(name)
    outline = parse_bytes(make_pdf(text), name=f"{name}.pdf")
    assert tree(outline) == tree(parse(text))
    furniture = outline.source.furniture
    assert "示例文件汇编" in furniture and "— 2 —" in furniture
    assert not any("— 2 —" in p.text or "示例文件汇编" in p.text for p in outline.paragraphs)
    assert outline.source.lines[0].level == 1 and "centred" in outline.source.lines[0].style


def test_pdf_lines_wrapped_inside_a_sentence_are_joined_and_pages_are_kept():
    sentence = "各地区、各部门要" + "认真贯彻落实" * 30 + "。"
    text = "关于试行的通知\n" + "".join(f"{n}、第{n}部分\n{sentence}\n" for n in "一二三四五六七八九十")
    document = read_document(make_pdf(text), "x.pdf")
    assert document.text.splitlines()[1:3] == ["一、第一部分", sentence]
    pages = [s.page for s in document.source.lines]
    assert pages[0] == 1 and pages[-1] > 1 and pages == sorted(pages)


@pytest.mark.parametrize("line", ["— 3 —", "-3-", "－ 12 －", "第 3 页 共 10 页", "第3页", "第3页/共10页", "3/10",
                                  "Page 3 of 10", "12"])
def test_page_numbers(line):
    from speech_outline.inputs.pdf import PAGE_NUMBER
    assert PAGE_NUMBER.fullmatch(line)


@pytest.mark.parametrize("line", ["第三条", "3月", "一、总则", "2024年", "1.1 总则", "（3）", "第3章"])
def test_lines_that_are_not_page_numbers(line):
    from speech_outline.inputs.pdf import PAGE_NUMBER
    assert not PAGE_NUMBER.fullmatch(line)


def test_a_line_repeated_in_the_body_of_each_page_is_kept():
    text = "关于试行的通知\n" + "".join(f"{n}、第{n}部分\n" + "认真贯彻落实。\n" * 12 for n in "一二三四五六七八")
    document = read_document(make_pdf(text), "x.pdf")
    assert document.text == text  # and short lines, none reaching the margin, are not joined
    assert "示例文件汇编" in document.source.furniture and "— 2 —" in document.source.furniture
    assert "认真贯彻落实。" not in document.source.furniture


# ---------------------------------------------------------------- provenance in JSON

def test_json_carries_the_source_and_reads_back(tmp_path):
    import jsonschema
    from importlib import resources

    outline = parse_bytes(make_docx(corpus_text("notice-random-inspection")), name="a.docx")
    text = json_format.write(outline)
    doc = json.loads(text)
    schema = json.loads(resources.files("speech_outline").joinpath("schema/outline.schema.json").read_text("utf-8"))
    jsonschema.validate(doc, schema)
    assert doc["source"]["format"] == "docx"
    first = doc["children"][0]
    assert doc["source"]["lines"][first["line"] - 1]["line"] == first["line"]
    assert json_format.read(text) == outline
    assert "source" not in json.loads(json_format.write(parse("一、总则\n")))


# ---------------------------------------------------------------- detection and bad files

def test_content_decides_and_the_extension_is_a_hint():
    assert detect(make_docx("一、总则\n"), "notice.txt") == "docx"
    assert detect(b"<!DOCTYPE html><p>x</p>") == "html"
    assert detect(b"<p>x</p>", "a.html") == "html"
    assert detect("<p>是标签吗</p>".encode(), "a.txt") == "text"  # markup without a page around it
    assert detect("文件格式为%PDF-1.4。\n".encode(), "a.txt") == "text"
    assert detect("《<中华人民共和国监狱法>》\n".encode(), "a.txt") == "text"


@pytest.mark.parametrize("data, name, message", [
    ("一、总则\n".encode(), "a.docx", "named .docx but the content is text"),
    (b"PK\x03\x04 word/document.xml, cut short", "a.docx", "not a .docx file (damaged zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.doc", "a Word 97–2003 .doc or a password-protected"),
    ("一、总则\n".encode(), "a.pdf", "named .pdf but the content is text"),
    (b"%PDF-1.4\n garbage", "a.pdf", "not a readable PDF"),
])
def test_bad_files_are_refused_in_one_line(data, name, message):
    with pytest.raises(InputError) as caught:
        read_document(data, name)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)
    assert isinstance(caught.value, DecodeError)


def test_a_zip_that_is_not_a_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="a zip archive but not a Word .docx"):
        read_document(out.getvalue(), "a.docx")


def test_a_zip_bomb_is_refused_before_it_inflates():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document>" + b" " * (8 << 20) + b"</w:document>")
    with pytest.raises(InputError, match="possible zip bomb"):
        read_document(out.getvalue(), "a.docx")


def test_a_part_larger_than_its_header_says_stops_at_the_budget(monkeypatch):
    from speech_outline.inputs import _safezip

    monkeypatch.setattr(_safezip, "MAX_PART", 1000)
    monkeypatch.setattr(_safezip, "MAX_RATIO", 10 ** 9)
    with pytest.raises(InputError, match="zip bomb"):
        read_document(docx(p("正文" * 1000)), "a.docx")


def test_xml_entities_are_refused():
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
              f'<w:document {W_NS}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", laughs)
    with pytest.raises(InputError, match="declares a DTD or entities"):
        read_document(out.getvalue(), "a.docx")


def test_an_encrypted_pdf_is_refused():
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt="secret")
    pdf.drawString(100, 700, "Hello")
    pdf.save()
    with pytest.raises(InputError, match="the PDF is encrypted"):
        read_document(out.getvalue(), "a.pdf")


def test_a_pdf_of_scanned_pages_is_refused():
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawImage(ImageReader(Image.new("RGB", (60, 80), "white")), 50, 50, 300, 400)
    pdf.save()
    with pytest.raises(InputError, match="scanned pages with no text layer: run OCR"):
        read_document(out.getvalue(), "scan.pdf")


def test_a_page_in_big5_says_so_in_its_meta_charset():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>' \
           '<body><p>一、總體要求</p><p>（一）指導思想。</p></body></html>'
    assert read_document(page.encode("big5"), "a.htm").text == "一、總體要求\n（一）指導思想。\n"


def test_malformed_html_still_reads():
    page = "<html><body><div><p>一、总体要求<p>（一）指导思想。<div>正文<b>加粗</i></table>".encode()
    document = read_document(page, "a.html")
    assert document.text == "一、总体要求\n（一）指导思想。\n正文加粗\n"


def test_a_page_without_text_is_refused():
    with pytest.raises(InputError, match="a web page with no text"):
        read_document(b"<html><body><script>var a;</script></body></html>", "a.html")


def test_a_missing_extra_names_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(InputError) as caught:
        read_document(make_pdf("一、总则\n正文。\n"), "a.pdf")
    assert str(caught.value) == "reading .pdf files needs pdfplumber: pip install 'speech-outline[pdf]'"


def test_parse_file_reads_each_kind(tmp_path):
    text = corpus_text("notice-gov-new-media")
    want = tree(parse(text))
    for suffix, data in ((".docx", make_docx(text)), (".html", make_html(text)), (".pdf", make_pdf(text))):
        path = tmp_path / f"doc{suffix}"
        path.write_bytes(data)
        assert tree(parse_file(path)) == want, suffix


# ---------------------------------------------------------------- the command line

def run(*args, cwd):
    return subprocess.run([COMMAND, *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, timeout=120)


def test_convert_takes_every_kind_in_a_folder(tmp_path):
    text = corpus_text("speech-political-building")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.docx").write_bytes(make_docx(text))
    (folder / "sub" / "c.html").write_bytes(make_html(text))
    (folder / "sub" / "d.pdf").write_bytes(make_pdf(text))
    (folder / "e.md").write_text("不是输入", encoding="utf-8")
    proc = run("convert", "-r", "in", "-t", "markdown", "--output-dir", "out", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    made = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.md"))
    assert made == ["a.md", "b.md", os.path.join("sub", "c.md"), os.path.join("sub", "d.md")]
    outlines = {name: [line for line in (tmp_path / "out" / name).read_text(encoding="utf-8").splitlines()
                       if line.startswith("#")] for name in made}
    assert len({tuple(v) for v in outlines.values()}) == 1


def test_convert_refuses_a_bad_file_without_traceback_or_output(tmp_path):
    (tmp_path / "fake.docx").write_text("一、总则\n", encoding="utf-8")
    proc = run("convert", "fake.docx", "-o", "out.json", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == "speech-outline: error: fake.docx: named .docx but the content is text\n"
    assert not (tmp_path / "out.json").exists()
    assert sorted(os.listdir(tmp_path)) == ["fake.docx"]


def test_convert_gives_the_source_in_json(tmp_path):
    (tmp_path / "a.pdf").write_bytes(make_pdf(corpus_text("report-gov-1984")))
    proc = run("convert", "a.pdf", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    source = json.loads(proc.stdout)["source"]
    assert source["format"] == "pdf" and source["lines"][-1]["page"] > 1
