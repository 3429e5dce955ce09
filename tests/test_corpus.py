"""The dev corpus (tests/corpus): real documents against their gold outlines."""
import json
import unicodedata
from pathlib import Path

import pytest

from speech_outline import Role, parse, parse_file, rebuild

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.stem for p in CORPUS.glob("*.json"))
TRAILING = "。.!！?？;；:：,，、 \t"


def norm(title):
    """The scorer's comparison: NFKC, no white space, no trailing punctuation."""
    return "".join(unicodedata.normalize("NFKC", title or "").split()).rstrip(TRAILING)


def gold_tree(case):
    gold = json.loads((CORPUS / f"{case}.json").read_text(encoding="utf-8"))
    flat = {}

    def walk(nodes, parent):
        for node in nodes:
            flat[node["line"]] = (parent, norm(node["title"]))
            walk(node["children"], node["line"])

    walk(gold["outline"], 0)
    return gold, flat


def predicted_tree(outline):
    flat = {}

    def walk(nodes, parent):
        for node in nodes:
            flat[node.line] = (parent, norm(node.title))
            walk(node.children, node.line)

    walk(outline.nodes, 0)
    return flat


@pytest.fixture(scope="module")
def outlines():
    return {case: parse_file(CORPUS / f"{case}.txt") for case in CASES}


def test_corpus_is_present():
    assert len(CASES) >= 25


def test_heading_and_tree_f1_over_the_corpus(outlines):
    gold_total = pred_total = found = right_parent = 0
    for case in CASES:
        _, gold = gold_tree(case)
        pred = predicted_tree(outlines[case])
        hits = [line for line in pred if line in gold]
        gold_total += len(gold)
        pred_total += len(pred)
        found += len(hits)
        right_parent += sum(pred[line][0] == gold[line][0] for line in hits)

    def f1(k):
        p, r = k / pred_total, k / gold_total
        return 2 * p * r / (p + r)

    assert f1(found) >= 0.97
    assert f1(right_parent) >= 0.95


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("speech-")])
def test_seed_speeches_come_out_exactly(case, outlines):
    _, gold = gold_tree(case)
    assert predicted_tree(outlines[case]) == gold


@pytest.mark.parametrize("case", CASES)
def test_titles_of_found_headings_match_gold(case, outlines):
    _, gold = gold_tree(case)
    pred = predicted_tree(outlines[case])
    wrong = {line: (pred[line][1], gold[line][1]) for line in pred if line in gold and pred[line][1] != gold[line][1]}
    assert wrong == {}


@pytest.mark.parametrize("case", CASES)
def test_document_title_matches_gold(case, outlines):
    gold, _ = gold_tree(case)
    if gold["title"] is None:
        assert outlines[case].title is None
    else:
        assert norm(outlines[case].title) == norm(gold["title"])


@pytest.mark.parametrize("case", CASES)
def test_input_is_rebuilt_exactly(case, outlines):
    text = (CORPUS / f"{case}.txt").read_text(encoding="utf-8")
    assert rebuild(outlines[case]) == text


@pytest.mark.parametrize("case", CASES)
def test_every_paragraph_belongs_to_exactly_one_part(case, outlines):
    outline = outlines[case]
    owned = []
    for node in outline.walk():
        owned.append(node.heading)
        owned.extend(node.body)
    for part in (outline.title_paragraphs, outline.metadata, outline.framing, outline.preamble,
                 outline.noise, outline.toc):
        owned.extend(part)
    assert sorted(map(id, owned)) == sorted(map(id, outline.paragraphs))


def test_web_noise_of_the_seed_page_is_kept_as_noise(outlines):
    outline = outlines["speech-political-building"]
    noise = [p.text for p in outline.noise]
    assert noise[0].startswith("本文内容由互联网用户自发贡献")
    assert "相关推荐" in noise
    assert all(p.role is Role.NOISE for p in outline.paragraphs if p.line >= 13)


def test_parse_is_the_same_on_crlf(outlines):
    text = (CORPUS / "speech-nansha-sixgood.txt").read_text(encoding="utf-8")
    crlf = parse(text.replace("\n", "\r\n"))
    assert crlf.shape() == outlines["speech-nansha-sixgood"].shape()
    assert rebuild(crlf) == text.replace("\n", "\r\n")
