"""The build rules as fixtures (tests/fixtures/build/*.txt): an input and its outline."""
import pytest

from outline_fixtures import FIXTURES, outline_text, read_cases
from speech_outline import parse

CASES = [case for path in sorted((FIXTURES / "build").glob("*.txt")) for case in read_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.where} {c.title}" for c in CASES])
def test_fixture(case):
    assert outline_text(parse(case.text)) == case.expected, case.where


def test_there_are_fixtures():
    assert len(CASES) >= 15
