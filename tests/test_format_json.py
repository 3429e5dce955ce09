"""JSON format: lossless round trip, the published schema, ids and positions."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import attrs
import jsonschema
import pytest

from format_cases import (CORPUS, CORPUS_IDS, EDGE_CASES, LONE_SURROGATE, SUBSTITUTIONS, all_outlines, cleaned,
                          corpus_outline, corpus_text, edge_outline)
from speech_outline import Role, parse, rebuild
from speech_outline.formats import json as json_format
from speech_outline.formats import ReadError, read, write

ROOT = Path(__file__).parent.parent
OUTLINES = all_outlines()
NAMES = [name for name, _ in OUTLINES]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("speech_outline").joinpath("schema/outline.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def nodes_of(doc: dict) -> list[dict]:
    """Every node of a JSON document, in document order."""
    found, stack = [], list(reversed(doc["children"]))
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(node["children"]))
    return found


def test_corpus_is_there():
    assert len(CORPUS) >= 25


def test_edge_cases_have_what_they_are_for():
    """The edge cases only test something while the parser still gives them their features."""
    deep = edge_outline("deep")
    assert max(n.level for n in deep.walk()) == 9
    assert edge_outline("empty").paragraphs == ()
    assert [p.role for p in edge_outline("blank").paragraphs] == [Role.BLANK]
    title_only = edge_outline("title-only")
    assert title_only.title and title_only.nodes == ()
    framing = edge_outline("speech-framing")
    assert [p.text for p in framing.framing] == ["同志们：", "同志们！", "谢谢大家。"]
    specials = [t for n in edge_outline("markdown-specials").walk() for t in n.body_texts]
    assert {*SUBSTITUTIONS["markdown-specials"].values(), "# 不是标题", "> 不是引用", "---"} <= set(specials)
    controls = [t for n in edge_outline("control-chars").walk() for t in n.body_texts]
    assert any("\x00" in t and "\ud800" in t for t in controls)
    xml = edge_outline("xml-specials")
    assert "<b>粗</b>" in xml.nodes[0].children[0].body_texts[0] and "&" in xml.title


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
def test_round_trip_is_exact(name, outline):
    """Exact but for lone surrogates, which every writer writes as U+FFFD."""
    again = json_format.read(json_format.write(outline))
    expected = cleaned(name, outline, LONE_SURROGATE, "\ufffd")
    assert again == expected
    assert rebuild(again) == rebuild(expected)


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_rebuilds_the_input(path):
    assert rebuild(json_format.read(json_format.write(corpus_outline(path)))) == corpus_text(path)


@pytest.mark.parametrize("name,outline", OUTLINES, ids=NAMES)
def test_output_is_valid_per_schema(name, outline, validator):
    validator.validate(json.loads(json_format.write(outline)))
    validator.validate(json.loads(json_format.write(outline, include_noise=False)))


def test_schema_copies_are_identical():
    shipped = resources.files("speech_outline").joinpath("schema/outline.schema.json").read_bytes()
    assert (ROOT / "docs" / "outline.schema.json").read_bytes() == shipped


@pytest.mark.parametrize("breakage", [
    lambda d: d.pop("title"),
    lambda d: d.update(version=2),
    lambda d: d["children"][0].update(id="0"),
    lambda d: d["children"][0].pop("line"),
    lambda d: d["children"][0]["heading"].update(role="chapter"),
    lambda d: d["children"][0].update(extra=1),
    lambda d: d["preamble"].append({"role": "preamble", "text": "x", "start": -1, "line": 1,
                                    "lead": "", "trail": ""}),
], ids=["no-title", "version", "id", "no-line", "role", "extra-key", "negative-offset"])
def test_schema_rejects_broken_documents(breakage, validator):
    doc = json.loads(json_format.write(parse(EDGE_CASES["speech-framing"])))
    validator.validate(doc)
    breakage(doc)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(doc)


def test_document_level_keys():
    outline = corpus_outline(CORPUS[CORPUS_IDS.index("plan-grain-emergency")])
    doc = json.loads(json_format.write(outline))
    assert (doc["format"], doc["version"]) == ("speech-outline", 1)
    assert "1-based" in doc["positions"] and "0-based" in doc["positions"]
    assert doc["title"] == outline.title == "国务院办公厅关于印发国家粮食应急预案的函"
    assert [p["text"] for p in doc["toc"]] == [p.text for p in outline.toc] != []
    assert [p["text"] for p in doc["title_lines"]] == [p.text for p in outline.title_paragraphs]
    assert [p["text"] for p in doc["preamble"]] == [p.text for p in outline.preamble] != []


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_nodes_carry_what_the_scorer_reads(path):
    outline = corpus_outline(path)
    doc = json.loads(json_format.write(outline))
    nodes = nodes_of(doc)
    walked = list(outline.walk())
    assert [(n["line"], n["marker"], n["title"], n["level"], n["style"], n["ordinal"], n["path"])
            for n in nodes] == [(n.line, n.marker.text, n.title, n.level, n.marker.style, n.marker.ordinal,
                                 list(n.marker.path)) for n in walked]
    assert [len(n["children"]) for n in nodes] == [len(n.children) for n in walked]
    assert [[p["text"] for p in n["body"]] for n in nodes] == [[p.text for p in n.body] for n in walked]


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_ids_are_unique_position_paths(path):
    doc = json.loads(json_format.write(corpus_outline(path)))
    ids = [n["id"] for n in nodes_of(doc)]
    assert len(ids) == len(set(ids))
    assert [n["id"] for n in doc["children"]] == [str(i) for i in range(1, len(doc["children"]) + 1)]
    for node in nodes_of(doc):
        assert [c["id"] for c in node["children"]] == [f"{node['id']}.{i}" for i in range(1, len(node["children"]) + 1)]
        assert node["level"] == node["id"].count(".") + 1


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_positions_point_into_the_input(path):
    text = corpus_text(path)
    doc = json.loads(json_format.write(corpus_outline(path)))
    paragraphs = [p for n in nodes_of(doc) for p in (n["heading"], *n["body"])]
    paragraphs += [p for part in ("title_lines", "metadata", "framing", "preamble", "toc", "noise", "other")
                   for p in doc[part]]
    for p in paragraphs:
        assert text[p["start"]:p["start"] + len(p["text"])] == p["text"]
        assert text[p["start"] - len(p["lead"]):p["start"]] == p["lead"]
        assert text.count("\n", 0, p["start"]) + 1 == p["line"]
    for node in nodes_of(doc):
        assert (node["start"], node["line"]) == (node["heading"]["start"], node["heading"]["line"])
        last = node
        while last["children"]:
            last = last["children"][-1]
        final = (last["body"] or [last["heading"]])[-1]
        assert node["end"] == final["start"] + len(final["text"]) > node["start"]


def test_noise_is_kept_by_default_and_can_be_dropped():
    outline = corpus_outline(CORPUS[CORPUS_IDS.index("speech-political-building")])
    assert len(outline.noise) > 40
    kept = json.loads(json_format.write(outline))
    assert [p["text"] for p in kept["noise"]] == [p.text for p in outline.noise]
    dropped = json_format.read(json_format.write(outline, include_noise=False))
    assert dropped.noise == () and dropped.shape() == outline.shape()
    assert dropped.paragraphs == tuple(p for p in outline.paragraphs if p.role is not Role.NOISE)


def test_indent_option():
    outline = edge_outline("speech-framing")
    assert json_format.write(outline).count("\n") == 1  # compact: one line
    two = json_format.write(outline, indent=2)
    assert two.splitlines()[1].startswith('  "format"')
    assert json_format.read(two) == outline


def test_lone_surrogates_are_replaced_so_the_output_encodes_and_strict_readers_take_it():
    written = json_format.write(edge_outline("control-chars"))
    assert "\\ud800" not in written and "\ufffd" in written
    written.encode("utf-8")  # would raise on a raw lone surrogate


def test_diagnostics_are_written():
    outline = parse("一、甲\n三、乙\n")
    assert outline.diagnostics
    doc = json.loads(json_format.write(outline))
    assert doc["diagnostics"] == [{"line": d.line, "code": d.code, "message": d.message} for d in outline.diagnostics]


@pytest.mark.parametrize("text", ['{"format": "speech-outline", "version": 2, "children": []}',
                                  '{"title": null, "children": []}', "[]"])
def test_read_rejects_other_json(text):
    with pytest.raises(ReadError, match="^not speech-outline JSON version 1$"):
        json_format.read(text)


def _deep_opml(depth: int) -> str:
    return ('<opml version="2.0"><head><title/></head><body>' + '<outline text="一、甲">' * depth
            + "</outline>" * depth + "</body></opml>")


HEADER = '{"format": "speech-outline", "version": 1, '
HOSTILE = [
    ("json", HEADER + '"title": null}', "^not a valid JSON outline: missing key 'children'$"),
    ("json", HEADER + '"children": [{"id": "1"}]}', "^not a valid JSON outline: missing key 'marker'$"),
    ("json", HEADER + '"children": 5}', "^not a valid JSON outline: "),
    ("json", "[" * 100_000 + "]" * 100_000, "^not a valid JSON outline: nested too deeply$"),
    ("json", "{", "^not JSON: "),
    ("opml", _deep_opml(100_000), r"^an outline nested deeper than 100 levels \(line 1\)$"),
    ("opml", "<opml", "^not well-formed OPML: "),
    ("chunks", '{"level": 1, "text": "x"}\n', "^not a valid chunks outline: missing key 'heading_path'$"),
    ("chunks", "not json\n", "^not a valid chunks outline: "),
    ("markdown", "# 一、甲\n" + "".join("  " * k + "- 一、乙\n" for k in range(200)),
     "^an outline nested deeper than 100 levels"),
]


@pytest.mark.parametrize("fmt,text,message", HOSTILE, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(HOSTILE)])
def test_every_reader_raises_one_documented_error_with_a_message(fmt, text, message):
    with pytest.raises(ReadError, match=message):
        read(text, fmt)
    assert issubclass(ReadError, ValueError)


def test_registry_finds_every_format():
    outline = edge_outline("speech-framing")
    for name in ("json", "markdown", "opml", "chunks"):
        assert read(write(outline, name), name).shape() == outline.shape()


def test_outline_made_by_hand_with_equal_copies_writes_as_the_parsed_one():
    """Sections of a parsed outline hold the paragraph stream's own objects; one put
    together by hand may hold equal copies, and must still list each paragraph once."""
    parsed = corpus_outline(next(p for p in CORPUS if p.stem == "speech-political-building"))

    def copied(node):
        return node._replace(heading=node.heading._replace(), body=tuple(p._replace() for p in node.body),
                             children=tuple(copied(c) for c in node.children))

    by_hand = attrs.evolve(parsed, nodes=tuple(copied(n) for n in parsed.nodes))
    assert by_hand.nodes[0].heading is not parsed.nodes[0].heading
    assert write(by_hand, "json") == write(parsed, "json")


@pytest.mark.parametrize("fmt", ["json", "markdown", "opml", "chunks"])
def test_every_writer_writes_a_lone_surrogate_as_the_replacement_character(fmt):
    outline = parse("标题\ud800\n一、总体\udfff要求\n正文\ud83d。\n")
    written = write(outline, fmt)
    written.encode("utf-8")  # encodable
    assert "\\ud8" not in written and "\\udf" not in written  # no escapes strict readers refuse
    assert written.count("\ufffd") >= 2
    assert any("正文\ufffd。" in text for node in read(written, fmt).walk() for text in node.body_texts)
