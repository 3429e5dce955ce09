"""Files people have → the text the pipeline reads: plain text, Word .docx, web pages, PDF.

>>> from speech_outline.inputs import detect
>>> detect(b"%PDF-1.7 ...", "notice.pdf"), detect("一、总则\\n".encode(), "a.txt")
('pdf', 'text')

`read_document` chooses the reader by content (a zip with word/document.xml, `%PDF-`,
markup), with the file name's extension as a hint, and returns the text, one paragraph
a line, with a `Source` saying where each line came from. The pipeline after it
(tokenize → anatomy → build) is the same for every input. A file whose content
contradicts its .docx/.pdf/.html extension, or that a reader cannot read, raises
`InputError` (a `DecodeError`) with a one-line message.

.docx needs only the standard library; .html uses readability-lxml when installed
(``pip install 'speech-outline[html]'``) and else a standard-library reader; .pdf
needs pdfplumber (``pip install 'speech-outline[pdf]'``).
"""
from __future__ import annotations

import os
from typing import Optional

from ..decode import decode
from ._document import Document
from ._errors import InputError

__all__ = ["FORMATS", "EXTENSIONS", "Document", "InputError", "detect", "read_document"]

FORMATS = ("text", "docx", "html", "pdf")
# extension → the format its name promises (and the files `-r` takes)
EXTENSIONS = {".txt": "text", ".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf"}

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 .doc, and any password-protected .docx
_MARKUP = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")
_MARKUP_HINTED = (b"<!", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p", b"<title", b"<h")
_WHITESPACE_AND_BOMS = b" \t\r\n\xef\xbb\xbf"


def detect(data: bytes, name: str = "") -> str:
    """The format of a file's bytes: "docx", "html", "pdf" or "text".

    Content decides; the extension of `name` only lets weaker markup evidence count.
    Raises InputError for a zip that is not a .docx and for a Word 97–2003 or
    password-protected file.
    """
    if data.startswith(_ZIP):
        if b"word/document.xml" in data:  # the name is stored in the zip's directory
            return "docx"
        raise InputError("a zip archive but not a Word .docx (no word/document.xml)")
    if data.startswith(_OLE):
        raise InputError("a Word 97–2003 .doc or a password-protected Office file: "
                         "save it as .docx without a password")
    head = data[:1024].lstrip(_WHITESPACE_AND_BOMS).lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith(_MARKUP) and (not head.startswith(b"<?xml") or b"<html" in data[:4096].lower()):
        return "html"
    if EXTENSIONS.get(_extension(name)) == "html" and head.startswith(_MARKUP_HINTED):
        return "html"
    return "text"


def read_document(data: bytes, name: str = "", encoding: Optional[str] = None,
                  errors: str = "strict") -> Document:
    """The text of a file's bytes and, for .docx/.html/.pdf, its `Source`.

    `encoding` applies to text and web pages (a page's own charset otherwise), `errors`
    to text (see `decode`). Raises InputError (or DecodeError for text) with a one-line
    message.
    """
    kind = detect(data, name)
    promised = EXTENSIONS.get(_extension(name), "text")
    if promised != "text" and kind != promised:
        looks = {"text": "text", "html": "a web page", "docx": "a Word file", "pdf": "a PDF"}[kind]
        raise InputError(f"named {_extension(name)} but the content is {looks}")
    if kind == "docx":
        from .docx import read_docx
        return read_docx(data)
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(data)
    if kind == "html":
        from .html import read_html
        return read_html(data, encoding)
    return Document(decode(data, encoding, errors))


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()
