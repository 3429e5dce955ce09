"""Chunks (JSON Lines): one chunk per section, paths, metadata, offsets, reading back."""
from __future__ import annotations

import json

import pytest

from format_cases import (CORPUS, CORPUS_IDS, LONE_SURROGATE, all_outlines, cleaned, corpus_outline, corpus_text,
                          edge_outline)
from speech_outline import Role, parse
from speech_outline.formats import chunks
from speech_outline.formats import json as json_format
from speech_outline.formats._sections import heading_line

OUTLINES = all_outlines()
NAMES = [name for name, _ in OUTLINES]


def rows(text: str) -> list[dict]:
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.split("\n") if line]


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
@pytest.mark.parametrize("prefix_path", [False, True])
def test_reads_back_to_the_same_shape(name, outline, prefix_path):
    expected = cleaned(name, outline, LONE_SURROGATE, "\ufffd")
    assert chunks.read(chunks.write(outline, prefix_path=prefix_path)).shape() == expected.shape()


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_one_chunk_per_section_with_its_own_text(path):
    outline = corpus_outline(path)
    found = [r for r in rows(chunks.write(outline)) if r["level"] > 0]
    walked = list(outline.walk())
    assert len(found) == len(walked)
    for row, node in zip(found, walked):
        assert row["text"] == "\n\n".join([heading_line(node), *node.body_texts])
        assert row["heading_path"][-1] == heading_line(node)
        assert row["level"] == node.level == len(row["heading_path"]) == len(row["ordinal_path"])
        assert row["ordinal_path"][-1] == node.marker.ordinal
        assert row["metadata"] == {f"Header {i}": h for i, h in enumerate(row["heading_path"], 1)}
        assert row["document_title"] == outline.title


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_ids_and_parents_match_the_json_tree(path):
    outline = corpus_outline(path)
    found = [r for r in rows(chunks.write(outline)) if r["level"] > 0]
    doc = json.loads(json_format.write(outline))
    by_id, stack = {}, [(n, None, []) for n in doc["children"]]
    while stack:
        node, parent, path_ = stack.pop()
        by_id[node["id"]] = (parent, [*path_, node["marker"]])
        stack.extend((c, node["id"], [*path_, node["marker"]]) for c in node["children"])
    assert [r["id"] for r in found] == sorted(by_id, key=lambda i: [int(x) for x in i.split(".")])
    for row in found:
        parent, markers = by_id[row["id"]]
        assert row["parent_id"] == parent
        assert [h[:len(m)] for h, m in zip(row["heading_path"], markers)] == markers


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_offsets_and_lines_locate_the_section_in_the_source(path):
    source = corpus_text(path)
    for row in rows(chunks.write(corpus_outline(path))):
        span = source[row["start"]:row["end"]]
        pieces = row["text"].split("\n\n")
        assert span.endswith(pieces[-1])
        assert span.startswith(pieces[0]) if row["level"] else span[0] == pieces[0][0]  # title lines joined
        assert source.count("\n", 0, row["start"]) + 1 == row["line"]
        assert source.count("\n", 0, row["end"]) + 1 == row["end_line"]


def test_prefix_path_puts_the_ancestors_first():
    outline = edge_outline("deep")
    plain, prefixed = rows(chunks.write(outline)), rows(chunks.write(outline, prefix_path=True))
    for a, b in zip(plain, prefixed):
        assert b["text"] == "".join(h + "\n" for h in a["heading_path"][:-1]) + a["text"]
        assert {k: v for k, v in a.items() if k != "text"} == {k: v for k, v in b.items() if k != "text"}
    deepest = prefixed[8]  # no title, no preamble: no front chunk
    assert deepest["id"] == "1.1.1.1.1.1.1.1.1" and deepest["level"] == 9
    assert deepest["text"] == ("第一编　总则\n第一分编　通则\n第一章　一般规定\n第一节　基本规定\n第一条　本法的目的。\n"
                               "（一）第一项内容；\n1. 第一目内容。\n（1）第一小目。\n① 圈一内容。\n\n后续文字。\n\n第二段落。")


def test_front_chunk_holds_the_text_before_the_first_heading():
    outline = corpus_outline(CORPUS[CORPUS_IDS.index("plan-grain-emergency")])
    first = rows(chunks.write(outline))[0]
    assert (first["id"], first["level"], first["parent_id"], first["heading_path"]) == ("0", 0, None, [])
    pieces = first["text"].split("\n\n")
    assert pieces[0] == outline.title
    assert pieces[1:] == [p.text for p in outline.paragraphs
                          if p.role in (Role.META, Role.PREAMBLE) and p.start < outline.nodes[0].start]
    assert not set(pieces) & {p.text for p in outline.toc}


def test_noise_and_framing_after_the_first_heading_are_not_chunked():
    written = chunks.write(corpus_outline(CORPUS[CORPUS_IDS.index("speech-political-building")]))
    assert "相关推荐" not in written
    speech = rows(chunks.write(edge_outline("speech-framing")))
    assert [r["text"] for r in speech] == ["在某会议上的讲话\n\n同志们：\n\n今天召开会议。",
                                           "一、充分认识意义\n\n正文一。", "二、抓好落实\n\n正文二。"]


@pytest.mark.parametrize("name,count", [("empty", 0), ("blank", 0), ("title-only", 1)])
def test_documents_without_sections(name, count):
    assert len(rows(chunks.write(edge_outline(name)))) == count


def test_every_line_is_one_utf8_json_object():
    written = chunks.write(edge_outline("control-chars"))
    written.encode("utf-8")
    assert written.count("\n") == len(rows(written)) == 4
    assert "\u2028" in written  # kept as itself, yet lines still split at "\n" only


# --- sizes, sources, ids

LONG = ("关于加强管理的通知\n一、总体要求\n"
        "（一）指导思想。" + "坚持以人民为中心的发展思想，推动高质量发展。" * 12 + "\n"
        + "第二段正文，认真贯彻落实各项部署。" * 3 + "\n"
        "（二）基本原则。\n"
        "二、主要任务\n三、保障措施\n（一）加强领导。各级部门要高度重视。\n")


def test_max_chars_splits_at_paragraphs_then_sentences_and_keeps_the_heading_path():
    outline = parse(LONG)
    found = list(chunks.chunks(outline, max_chars=120))
    assert max(len(c["text"]) for c in found) <= 120
    pieces = [c for c in found if c["id"].startswith("1.1/")]
    assert [c["id"] for c in pieces] == [f"1.1/{n}" for n in range(1, len(pieces) + 1)] and len(pieces) > 2
    assert all(c["heading_path"] == ["一、总体要求", "（一）指导思想。"] and c["parent_id"] == "1" for c in pieces)
    # cut at sentence ends: every piece but the last of a paragraph ends with 。
    assert all(c["text"].endswith("。") for c in pieces)
    # nothing lost: the pieces' texts are the section's text
    whole = next(c for c in chunks.chunks(outline) if c["id"] == "1.1")["text"]
    assert "".join(c["text"].replace("\n\n", "") for c in pieces) == whole.replace("\n\n", "")
    # positions still point into the input
    for c in pieces:
        first = c["text"].split("\n\n")[0]
        assert LONG[c["start"]:c["start"] + len(first)] == first
    # the look-alike: sections short enough are not touched
    assert [c for c in found if c["id"] == "2"] == [c for c in chunks.chunks(outline) if c["id"] == "2"]


def test_a_sentence_longer_than_max_chars_is_cut_anyway():
    outline = parse("一、总体要求\n" + "甲" * 250 + "\n")
    found = list(chunks.chunks(outline, max_chars=100))
    assert [len(c["text"]) for c in found] == [6, 100, 100, 50]


def test_prefix_path_counts_towards_max_chars_and_repeats_the_heading_in_later_pieces():
    found = list(chunks.chunks(parse(LONG), prefix_path=True, max_chars=120))
    pieces = [c for c in found if c["id"].startswith("1.1/")]
    assert all(len(c["text"]) <= 120 for c in found)
    assert pieces[0]["text"].startswith("一、总体要求\n（一）指导思想。\n\n")
    assert pieces[1]["text"].startswith("一、总体要求\n（一）指导思想。\n") and pieces[1]["text"].count("（一）") == 1


def test_min_chars_merges_a_bare_heading_into_its_first_sub_section():
    outline = parse(LONG)
    found = list(chunks.chunks(outline, min_chars=20))
    by_id = {c["id"]: c for c in found}
    # 三、保障措施 has no prose: it opens its first sub-section, which keeps its own path
    assert "3" not in by_id
    assert by_id["3.1"]["text"] == "三、保障措施\n\n（一）加强领导。\n\n各级部门要高度重视。"
    assert by_id["3.1"]["heading_path"] == ["三、保障措施", "（一）加强领导。"]
    assert by_id["3.1"]["start"] == LONG.index("三、保障措施") and by_id["3.1"]["parent_id"] is None
    # 一、总体要求 opens （一）; the short （二）基本原则。 then joins the chunk before it, in the
    # same parent section: the chunk is the whole of section 1, with its path
    assert by_id["1"]["text"].startswith("一、总体要求\n\n（一）指导思想。")
    assert by_id["1"]["text"].endswith("\n\n（二）基本原则。") and by_id["1"]["heading_path"] == ["一、总体要求"]
    assert "1.1" not in by_id and "1.2" not in by_id
    # 二、主要任务, short, has no sub-section and no chunk before it in its parent: alone
    assert by_id["2"]["text"] == "二、主要任务"
    # the look-alike: without min_chars nothing merges
    assert {"1", "1.1", "1.2", "2", "3", "3.1"} <= {c["id"] for c in chunks.chunks(outline)}


def test_min_chars_never_merges_past_max_chars():
    found = list(chunks.chunks(parse(LONG), min_chars=20, max_chars=120))
    assert max(len(c["text"]) for c in found) <= 120


def test_source_makes_ids_unique_and_stable_and_metadata_has_no_null():
    outline = parse(LONG)
    found = list(chunks.chunks(outline, source="docs/a.txt"))
    assert [c["id"] for c in found][:3] == ["docs/a.txt#0", "docs/a.txt#1", "docs/a.txt#1.1"]
    assert found[2]["parent_id"] == "docs/a.txt#1" and found[1]["parent_id"] is None
    assert all(c["source"] == c["metadata"]["source"] == "docs/a.txt" for c in found)
    assert list(chunks.chunks(outline, source="docs/a.txt")) == found
    untitled = parse("一、总体要求\n正文。\n")
    assert untitled.title is None
    for c in [*found, *chunks.chunks(untitled), *chunks.chunks(outline, max_chars=50, min_chars=30)]:
        assert None not in c["metadata"].values()


def test_split_chunks_read_back_with_their_sections():
    outline = parse(LONG)
    for options in ({"max_chars": 120}, {"max_chars": 120, "prefix_path": True}):
        again = chunks.read(chunks.write(outline, **options))
        assert [heading_line(n) for n in again.walk()] == [heading_line(n) for n in outline.walk()]


@pytest.mark.parametrize("option", ["max_chars", "min_chars"])
def test_sizes_must_be_positive(option):
    with pytest.raises(ValueError, match=f"{option} must be 1 or more"):
        chunks.write(parse(LONG), **{option: 0})
