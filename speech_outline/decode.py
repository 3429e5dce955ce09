"""Bytes → text: BOMs, UTF-8, the GB18030 fallback Chinese files need, or a named encoding."""
from __future__ import annotations

import codecs
from typing import Optional

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


def decode(data: bytes, encoding: Optional[str] = None) -> str:
    """Decode a document: the named encoding, else by BOM, else UTF-8, else GB18030."""
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
        return _text_only(text[1:] if text.startswith("\ufeff") else text)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _text_only(data.decode(name))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {name} at byte {exc.start}") from exc
    if any(b in _BINARY for b in data[:_SNIFF]):
        raise DecodeError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
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
