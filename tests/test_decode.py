"""decode.py: bytes → text (BOMs, UTF-8, the GB18030 fallback, a named encoding, binary data)."""
from __future__ import annotations

import codecs

import pytest

from speech_outline import DecodeError, parse_bytes
from speech_outline.decode import decode

TEXT = "关于推进政务新媒体健康有序发展的意见\n一、总体要求\n（一）指导思想。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "gb2312"])
def test_detects_utf8_and_the_gb_family(encoding):
    assert decode(TEXT.encode(encoding)) == TEXT


@pytest.mark.parametrize("bom, encoding", [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_a_bom_names_the_encoding_and_is_dropped(bom, encoding):
    assert decode(bom + TEXT.encode(encoding)) == TEXT


def test_gb18030_only_characters():
    # 𠀀 (U+20000) and € are outside GBK but in GB18030; the text is not valid UTF-8
    text = "一、𠀀字与€符号\n"
    data = text.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data) == text


def test_ascii_is_utf8():
    assert decode(b"1. Scope\n2. Terms\n") == "1. Scope\n2. Terms\n"


def test_empty_bytes_are_empty_text():
    assert decode(b"") == ""
    assert decode(codecs.BOM_UTF8) == ""


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    b"\x7fELF\x02\x01\x01\x00",
    TEXT.encode("utf-8") * 1000 + b"\x00" + TEXT.encode("utf-8"),  # a NUL far past the start
    TEXT.encode("gb18030") * 1000 + b"\x01",
    TEXT.encode("utf-8") + b"\x1a\x1a",  # only one end-of-file mark is tolerated
    TEXT.encode("utf-8") + b"\x1a" + TEXT.encode("utf-8"),
])
def test_binary_data_is_refused(data):
    with pytest.raises(DecodeError, match="^binary data, not text$"):
        decode(data)


def test_a_trailing_dos_end_of_file_mark_is_dropped():
    assert decode(TEXT.encode("utf-8") + b"\x1a") == TEXT
    assert decode(TEXT.encode("gb18030") + b"\x1a") == TEXT


def test_neither_utf8_nor_gb18030_names_the_problem_and_its_line():
    data = b"line one\nline two\r\n\x81\x30\xff\x80 abc"  # 0x81 0x30 needs two more bytes in GB18030
    with pytest.raises(DecodeError, match=r"^neither UTF-8 \(bad byte at line 3\) nor GB18030 nor Big5; "
                                          r"name the encoding \(--encoding NAME\), or read it with --errors replace$"):
        decode(data)


def test_errors_replace_reads_what_does_not_decode_as_replacement_characters():
    data = TEXT.encode("utf-8") + b"\x81\x30\xff\x80 abc"
    assert decode(data, errors="replace").startswith(TEXT)
    assert "\ufffd" in decode(data, errors="replace")
    assert decode(b"\xff" + TEXT.encode("utf-8"), "utf-8", errors="replace") == "\ufffd" + TEXT
    with pytest.raises(DecodeError, match="^binary data, not text$"):
        decode(b"\x00\x01\x02abc", errors="replace")
    with pytest.raises(ValueError, match="errors must be"):
        decode(b"abc", errors="ignore")


# Traditional text: Big5 bytes mostly fit GB18030 too, and read as it they are mojibake.
TRADITIONAL = "關於推進政務公開的通知\n一、總體要求\n（一）指導思想。堅持以人民為中心的發展思想。\n"


def test_big5_is_told_from_gb18030_by_its_bytes():
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # fits, as mojibake
    assert decode(data) == TRADITIONAL
    # the look-alike: the same traditional text in GBK, which Big5 cannot read, stays GB18030
    assert decode(TRADITIONAL.encode("gbk")) == TRADITIONAL


@pytest.mark.parametrize("name", ["gb18030", "gbk"])
def test_simplified_text_that_big5_also_reads_stays_gb18030(name):
    text = "一、总体要求\n"
    data = text.encode(name)
    data.decode("big5")  # fits, as mojibake
    assert decode(data) == text


def test_bytes_that_fit_big5_and_gb18030_equally_are_refused_with_a_hint():
    data = "關關於".encode("big5")  # three characters: too few to tell
    data.decode("big5")
    with pytest.raises(DecodeError, match=r"GB18030 and Big5 both fit: name the encoding "
                                          r"\(--encoding big5 or --encoding gb18030\)"):
        decode(data)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected(encoding):
    assert decode(TEXT.encode(encoding)) == TEXT
    assert decode(TRADITIONAL.encode(encoding)) == TRADITIONAL


def test_decode_error_is_a_value_error():
    assert issubclass(DecodeError, ValueError)


def test_a_named_encoding_wins_over_detection():
    text = "一、总体要求\n"
    data = text.encode("gbk")
    assert decode(data) == text
    assert decode(data, "big5") != text


def test_a_named_encoding_drops_a_bom_it_leaves_in_the_text():
    assert decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8") == TEXT
    assert decode(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le") == TEXT
    assert decode(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16") == TEXT


def test_a_named_encoding_reads_utf16_without_bom():
    assert decode(TEXT.encode("utf-16-le"), "utf-16-le") == TEXT


def test_a_named_encoding_that_does_not_fit():
    with pytest.raises(DecodeError, match=r"^not valid utf-8 at line 2 \(byte 3\)$"):
        decode(b"ab\n" + "中文".encode("gbk"), "utf-8")


@pytest.mark.parametrize("name", ["no-such-encoding", "rot13", "base64"])
def test_an_unknown_or_non_text_encoding(name):
    with pytest.raises(DecodeError, match=f"^unknown encoding '{name}'$"):
        decode(b"abc", name)


def test_a_codec_raising_the_base_unicode_error_is_a_decode_error():
    with pytest.raises(DecodeError, match="^not valid idna"):
        decode(b"\xff\xfe\x00\x00abc", "idna")


def test_a_named_encoding_still_refuses_binary_data():
    with pytest.raises(DecodeError, match="^binary data, not text$"):
        decode(b"\x00\x01\x02\x03abc", "latin-1")


def test_a_bom_file_of_binary_data_is_refused():
    with pytest.raises(DecodeError, match="^binary data, not text$"):
        decode(codecs.BOM_UTF8 + b"\x00\x00\x01\x02")


def test_a_bom_file_that_does_not_decode():
    with pytest.raises(DecodeError, match=r"^not valid utf-8-sig at line 1 \(byte"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_endings_survive_decoding_and_give_the_same_outline(ending):
    text = TEXT.replace("\n", ending)
    assert decode(text.encode("gb18030")) == text
    outline = parse_bytes(text.encode("gb18030"))
    reference = parse_bytes(TEXT.encode("utf-8"))
    assert outline.shape() == reference.shape()
    assert [n.line for n in outline.walk()] == [2, 3]


@pytest.mark.parametrize("data, named, encoding, bom", [
    (TEXT.encode("utf-8"), None, "utf-8", b""),
    (TEXT.encode("gb18030"), None, "gb18030", b""),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), None, "utf-8", codecs.BOM_UTF8),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), None, "utf-16-be", codecs.BOM_UTF16_BE),
    (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), None, "utf-32-le", codecs.BOM_UTF32_LE),
    (TEXT.encode("gbk"), "gbk", "gbk", b""),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", "utf-8", codecs.BOM_UTF8),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", "utf-8", codecs.BOM_UTF8),
    (TEXT.encode("utf-8"), "utf-8-sig", "utf-8", b""),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", "utf-16-be", codecs.BOM_UTF16_BE),
    (TEXT.encode("utf-16-le"), "utf-16-le", "utf-16-le", b""),
])
def test_decode_stored_says_how_to_store_the_text_again(data, named, encoding, bom):
    """What `fix --in-place` writes back with: the same bytes for the same text."""
    from speech_outline.decode import decode_stored

    stored = decode_stored(data, named)
    assert (stored.text, stored.encoding, stored.bom) == (TEXT, encoding, bom)
    assert stored.encode(stored.text) == data
