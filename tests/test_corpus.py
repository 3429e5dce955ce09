"""The dev corpus (tests/corpus): real documents against their gold outlines."""
from pathlib import Path

import pytest

from gold import cases, f1_scores, gold_tree as _gold_tree, norm, predicted_tree
from speech_outline import Role, parse, parse_file, rebuild

CORPUS = Path(__file__).parent / "corpus"
CASES = cases(CORPUS)


def gold_tree(case):
    return _gold_tree(CORPUS, case)


@pytest.fixture(scope="module")
def outlines():
    return {case: parse_file(CORPUS / f"{case}.txt") for case in CASES}


def test_corpus_is_present():
    assert len(CASES) >= 25


def test_heading_and_tree_f1_over_the_corpus(outlines):
    headings, tree = f1_scores([gold_tree(case)[1] for case in CASES],
                               [predicted_tree(outlines[case]) for case in CASES])
    assert headings >= 0.995
    assert tree >= 0.995


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
