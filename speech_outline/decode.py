"""Bytes → text: BOMs, UTF-8, GB18030 or Big5 told apart by their bytes, or a named encoding.

Detection never guesses silently: when the bytes fit no encoding well enough
(Big5 that might be GB18030, say), `decode` refuses with a message that says
which encoding to name, rather than return mojibake.

One rule decides binary data, whatever the encoding and wherever in the file:
the decoded text may not hold a control character other than tab, line feed,
vertical tab, form feed, carriage return, backspace and escape. A single
0x1A at the very end (the DOS end-of-file mark) is not content: it is dropped.

`decode_stored` also says how the text was stored (encoding, BOM, end-of-file mark),
so that `fix --in-place` can write a file back as it was.
"""
from __future__ import annotations

import codecs
import re
from typing import NamedTuple, Optional

from ._lazy import LazyPattern

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters that never occur in text: a file with them is binary, whatever it decodes as.
_BINARY = LazyPattern("[\x00-\x07\x0e-\x1a\x1c-\x1f\x7f]")
DOS_EOF = "\x1a"

ERRORS = ("strict", "replace")  # what `errors` may be: refuse bad bytes, or replace them with U+FFFD

# Below this share of GB2312 characters among the non-ASCII ones, a GB18030 reading is
# doubtful: simplified text scores 0.94–1.0, traditional text in GBK 0.66–0.72, Big5 read
# as GB18030 0.33–0.43 (its punctuation lands in the private use area).
_GB_DOUBTFUL = 0.8
_GB_UNLIKELY = 0.55
_NON_ASCII = LazyPattern("[\x00-\x7f]+")
# UTF-16 read with the wrong byte order, or binary data read as UTF-16, is mostly characters
# from elsewhere in the BMP; Chinese text is mostly these. (A pattern string: re compiles
# and caches it on first use, a few milliseconds `import speech_outline` does not pay.)
_TEXT_CHARS = ("[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f"
                         "\u4e00-\u9fff\uff00-\uffef]+")
_UTF16_TEXT = 0.9


class DecodeError(ValueError):
    """The bytes are not text in any encoding we were allowed to try."""


class Decoded(NamedTuple):
    """Text and how it was stored: `bom` + `text` encoded in `encoding` (+ the DOS
    end-of-file mark) are the bytes again (when the encoding round-trips), so a file
    can be rewritten as it was."""

    text: str
    encoding: str  # a codec that writes no BOM of its own: utf-8, utf-16-le, gb18030…
    bom: bytes = b""
    eof: bool = False  # the bytes ended with a DOS end-of-file mark (0x1A)

    def encode(self, text: str) -> bytes:
        """`text` stored as this document was."""
        return self.bom + (text + DOS_EOF * self.eof).encode(self.encoding)


# BOM-consuming codecs named by a user: what they read, given the BOM found
_BY_BOM = {codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be",  # before UTF-16 LE
           codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be", codecs.BOM_UTF8: "utf-8"}
# …and what they read when there is none (Python reads UTF-16 and UTF-32 as little-endian)
_NO_BOM = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


def decode(data: bytes, encoding: Optional[str] = None, errors: str = "strict") -> str:
    """Decode a document: the named encoding, else by BOM, else detected from the bytes.

    Detection tries UTF-8, then UTF-16 without BOM (when there are NUL bytes),
    then GB18030 (which covers GBK and GB2312) or Big5, whichever the bytes fit.
    ``errors="replace"`` reads what does not decode as U+FFFD instead of
    refusing (binary data is still refused). A DecodeError names the line of
    the first bad byte.
    """
    return decode_stored(data, encoding, errors).text


def decode_stored(data: bytes, encoding: Optional[str] = None, errors: str = "strict") -> Decoded:
    """Like `decode`, also saying which encoding and BOM the bytes had."""
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {', '.join(ERRORS)}, not {errors!r}")
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
            text = _decode(data, encoding, errors)
        except LookupError as exc:  # no such codec, or not one of text (rot13)
            raise DecodeError(f"unknown encoding {encoding!r}") from exc
        # A BOM is never content: utf-8 (not utf-8-sig) and utf-16-le/-be leave it in the text.
        if text.startswith("\ufeff"):
            bom = "\ufeff".encode(encoding)
            return _stored(text[1:], encoding, bom if data.startswith(bom) else b"")
        if codec in _NO_BOM:  # it took the BOM away: say which it was
            bom = next((b for b in _BY_BOM if data.startswith(b)), b"")
            return _stored(text, _BY_BOM[bom] if bom else _NO_BOM[codec], bom)
        return _stored(text, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _stored(_decode(data, name, errors), _BY_BOM[bom], bom)
    return _stored(*_detect(data, errors))


def _stored(text: str, encoding: str, bom: bytes = b"") -> Decoded:
    eof = text.endswith(DOS_EOF)
    return Decoded(_text_only(text[:-1] if eof else text), encoding, bom, eof)


def _decode(data: bytes, name: str, errors: str) -> str:
    """`data` in encoding `name`; a DecodeError names the line of the first bad byte."""
    try:
        return data.decode(name, errors)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not valid {name} at line {_line_of(data, exc.start, name)} "
                          f"(byte {exc.start})") from exc
    except UnicodeError as exc:  # a few codecs (idna, punycode) raise the base class
        raise DecodeError(f"not valid {name}") from exc


def _line_of(data: bytes, offset: int, encoding: str) -> int:
    """The 1-based line of byte `offset` (LF, CRLF or CR line ends)."""
    before = data[:offset].decode(encoding, "replace")
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _detect(data: bytes, errors: str) -> tuple[str, str]:
    """(text, encoding) of bytes without a BOM."""
    if b"\x00" in data:
        wide = _utf16(data)
        if wide is not None:
            return wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    gb = _gb2312_share(text) if text is not None else 0.0
    if text is not None and gb >= _GB_DOUBTFUL:
        return text, "gb18030"
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        big5 = None
    if big5 is not None and gb < _GB_UNLIKELY:
        return big5, "big5"
    if text is not None and big5 is None:
        return text, "gb18030"  # it cannot be Big5: traditional characters in GBK, say
    if errors == "replace":
        return _fewest_replacements(data)
    line = _line_of(data, utf8_error.start, "utf-8")
    if big5 is not None:
        raise DecodeError(f"not UTF-8 (line {line}), and GB18030 and Big5 both fit: "
                          "name the encoding (--encoding big5 or --encoding gb18030)")
    raise DecodeError(f"neither UTF-8 (bad byte at line {line}) nor GB18030 nor Big5; "
                      "name the encoding (--encoding NAME), or read it with --errors replace")


def _gb2312_share(text: str) -> float:
    """The share of the non-ASCII characters of `text` that GB2312 has."""
    wide = _NON_ASCII.sub("", text)
    if not wide:
        return 1.0
    return len(wide.encode("gb2312", "ignore")) / 2 / len(wide)


def _utf16(data: bytes) -> Optional[tuple[str, str]]:
    """(`data` as UTF-16 without BOM, the byte order's codec), when one byte order gives
    text; else None."""
    if len(data) % 2:
        return None
    best, share = None, _UTF16_TEXT
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        fits = 1 - len(re.sub(_TEXT_CHARS, "", text)) / max(1, len(text))
        if fits >= share:
            best, share = (text, name), fits
    return best


def _fewest_replacements(data: bytes) -> tuple[str, str]:
    """(the lossy reading that replaces the fewest bytes, its encoding): UTF-8 on a tie."""
    readings = [(data.decode(name, "replace"), name) for name in ("utf-8", "gb18030", "big5")]
    return min(readings, key=lambda reading: reading[0].count("\ufffd"))


def _text_only(text: str) -> str:
    """Refuse text decoded from binary data."""
    if _BINARY.search(text):
        raise DecodeError("binary data, not text")
    return text
