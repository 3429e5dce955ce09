"""Bytes → text: BOMs, UTF-8, the GB18030 fallback Chinese files need, or a named encoding."""
from __future__ import annotations

import codecs
from typing import NamedTuple, Optional

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in text: a file with them is binary, whatever it decodes as.
_BINARY = frozenset(b"\x00\x01\x02\x03\x04\x05\x06\x07\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
                    b"\x18\x19\x1a\x1c\x1d\x1e\x1f\x7f")
_SNIFF = 8192


class DecodeError(ValueError):
    """The bytes are not text in any encoding we were allowed to try."""


class Decoded(NamedTuple):
    """Text and how it was stored: `bom` + `text` encoded in `encoding` are the bytes again
    (when the encoding round-trips), so a file can be rewritten as it was."""

    text: str
    encoding: str  # a codec that writes no BOM of its own: utf-8, utf-16-le, gb18030…
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """`text` stored as this document was."""
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, encoding: Optional[str] = None) -> str:
    """Decode a document: the named encoding, else by BOM, else UTF-8, else GB18030."""
    return decode_stored(data, encoding).text


# BOM-consuming codecs named by a user: what they read, given the BOM found
_BY_BOM = {codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be",  # before UTF-16 LE
           codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be", codecs.BOM_UTF8: "utf-8"}
# …and what they read when there is none (Python reads UTF-16 and UTF-32 as little-endian)
_NO_BOM = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


def decode_stored(data: bytes, encoding: Optional[str] = None) -> Decoded:
    """Like `decode`, also saying which encoding and BOM the bytes had."""
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError as exc:
            raise DecodeError(f"unknown encoding {encoding!r}") from exc
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {encoding} at byte {exc.start}") from exc
        except UnicodeError as exc:  # a few codecs (idna, punycode) raise the base class
            raise DecodeError(f"not valid {encoding}") from exc
        # A BOM is never content: utf-8 (not utf-8-sig) and utf-16-le/-be leave it in the text.
        if text.startswith("\ufeff"):
            bom = "\ufeff".encode(encoding)
            return Decoded(_text_only(text[1:]), encoding, bom if data.startswith(bom) else b"")
        codec = codecs.lookup(encoding).name
        if codec in _NO_BOM:  # it took the BOM away: say which it was
            bom = next((b for b in _BY_BOM if data.startswith(b)), b"")
            return Decoded(_text_only(text), _BY_BOM[bom] if bom else _NO_BOM[codec], bom)
        return Decoded(_text_only(text), encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_text_only(data.decode(name)), _BY_BOM[bom], bom)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {name} at byte {exc.start}") from exc
    if any(b in _BINARY for b in data[:_SNIFF]):
        raise DecodeError("binary data, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return Decoded(data.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            raise DecodeError(
                f"neither UTF-8 (bad byte at {utf8_error.start}) nor GB18030; name the encoding"
            ) from None


_BINARY_CHARS = frozenset(chr(b) for b in _BINARY)


def _text_only(text: str) -> str:
    """Refuse text decoded from binary data (wide encodings hide NUL bytes from the byte sniff)."""
    if any(ch in _BINARY_CHARS for ch in text[:_SNIFF]):
        raise DecodeError("binary data, not text")
    return text
