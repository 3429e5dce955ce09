"""parse never crashes and never loses text: arbitrary Unicode, byte garbage, marker soup,
generated documents. The invariants are in outline_checks.check_outline."""
from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from outline_checks import check_outline
from soup import soups
from speech_outline import DecodeError, parse, parse_bytes
from speech_outline.inputs import read_document
from speech_outline.strategies import documents


@given(st.text())
@example("")
@example("\n\n")
@example("\u3000\u3000\r\n")
@example("第")
@example("（")
@example("①")
@example("一、\r二、\r\n（一）\n")
@example("\x0b一、总体要求\x0c")
@example("\ufeff一、总体要求\n")
def test_any_text(text):
    check_outline(parse(text), text)


@given(soups())
def test_marker_soup(text):
    check_outline(parse(text), text)


@given(st.binary())
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf\xe4\xb8\x80\xe3\x80\x81")
@example(b"<head")  # read as a web page
@example(b"PK\x03\x04word/document.xml")  # a damaged .docx
@example(b"%PDF-1.4")
@example("一、总体要求".encode("gb18030"))
def test_any_bytes(data):
    check_bytes(data)


@given(soups().map(lambda t: t.encode("gb18030", errors="replace")))
def test_gb18030_soup(data):
    check_bytes(data)


def check_bytes(data: bytes) -> None:
    """Bytes either fail to read with DecodeError or parse to a sound outline of the text read
    from them (decoded, or from a web page, a .docx or a PDF when they are one)."""
    try:
        outline = parse_bytes(data)
    except DecodeError:
        return
    check_outline(outline, read_document(data).text)


@given(documents(noise=None))
def test_generated_documents(doc):
    check_outline(parse(doc.text), doc.text)
