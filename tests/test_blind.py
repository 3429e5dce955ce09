"""The second blind set (tests/blind): real texts annotated before the parser first ran on them.

Its first, unretouched score is in tests/blind/FIRST_SCORE.txt (heading F1 0.923, tree F1
0.923, titles 12/19): the honest estimate of what users saw then. The rules it led to are
general ones, each with its own made-up and look-alike tests; these tests keep the scores
they reached from falling back."""
from pathlib import Path

import json

import pytest

from gold import cases, f1_scores, gold_tree, norm, predicted_tree
from speech_outline import parse_file, rebuild

BLIND = Path(__file__).parent / "blind"
CASES = cases(BLIND)


@pytest.fixture(scope="module")
def outlines():
    return {case: parse_file(BLIND / f"{case}.txt") for case in CASES}


def test_blind_set_is_present_with_its_sources():
    assert len(CASES) >= 20
    for case in CASES:
        gold = json.loads((BLIND / f"{case}.json").read_text(encoding="utf-8"))
        assert gold["id"] == case and gold["source"]


def test_heading_and_tree_f1_hold(outlines):
    headings, tree = f1_scores([gold_tree(BLIND, case)[1] for case in CASES],
                               [predicted_tree(outlines[case]) for case in CASES])
    assert headings >= HEADING_F1 and tree >= TREE_F1


def test_document_titles_hold(outlines):
    titled = [case for case in CASES if gold_tree(BLIND, case)[0]["title"] is not None]
    right = [case for case in titled if norm(outlines[case].title) == norm(gold_tree(BLIND, case)[0]["title"])]
    assert len(right) >= TITLES_RIGHT, sorted(set(titled) - set(right))


@pytest.mark.parametrize("case", CASES)
def test_input_is_rebuilt_exactly(case, outlines):
    assert rebuild(outlines[case]) == (BLIND / f"{case}.txt").read_bytes().decode("utf-8")


HEADING_F1, TREE_F1, TITLES_RIGHT = 0.92, 0.92, 18  # measured after the fixes; see the closing note
