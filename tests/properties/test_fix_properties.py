"""`fix` on generated text: scrambled numbers come back, a second fix changes nothing, only
marker spans ever change and the outline stays, whatever the input."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import assume, example, given, strategies as st

from outline_checks import outline_tree, renumbered_as_written
from soup import soups
from speech_outline import fix, parse
from speech_outline.renumber import _headings, plan
from speech_outline.markers import CATALOGUE, match_marker
from speech_outline.strategies import DISCOURSE_STYLES, documents


def _scramble(text: str, doc, rnd: random.Random) -> str:
    """Scramble the numbers of some headings (not the first of a list, one per list): skip,
    repeat, swap with the next, or another spelling of the level group."""
    lines = text.split("\n")
    for siblings in _lists(doc.expected):
        if len(siblings) < 3 or siblings[0].style in DISCOURSE_STYLES or rnd.random() < 0.5:
            continue
        i = rnd.randrange(1, len(siblings) - 1)
        heading = siblings[i]
        line = lines[heading.line - 1]
        at = line.index(heading.marker)
        match = match_marker(line, at, weak=True)
        between = "\n".join(lines[siblings[i - 1].line:heading.line - 1] + lines[heading.line:siblings[i + 1].line - 1])
        if match.family.inline and any(match.renumbered(k) in between for k in range(1, heading.ordinal + 3)):
            continue  # 三是 run on in the text before: fix counts it (三是……。四是…… then 五是)
        kind = rnd.choice(("skip", "repeat", "swap", "spell"))
        if kind in ("swap", "repeat") and match.family.point:
            continue  # 三是 (or 二是 again) after 二是 and a lead paragraph is a fresh list (build's reading)
        if kind == "skip":
            new = renumbered_as_written(match, heading.ordinal + 1)
        elif kind == "repeat" and heading.ordinal > 2:  # a repeated one is a list begun again
            new = renumbered_as_written(match, heading.ordinal - 1)
        elif kind == "swap":
            new = renumbered_as_written(match, heading.ordinal + 1)
            nxt = siblings[i + 1]
            other = lines[nxt.line - 1]
            o_at = other.index(nxt.marker)
            swapped = renumbered_as_written(match_marker(other, o_at, weak=True), heading.ordinal)
            lines[nxt.line - 1] = other[:o_at] + swapped + other[o_at + len(nxt.marker):]
        else:
            fam = match.family
            others = [f for f in CATALOGUE if f.level and f.level == fam.level and f is not fam
                      and f.capacity >= heading.ordinal]
            if not others:
                continue
            new = rnd.choice(others).render(heading.ordinal)
        if new is None:
            continue
        lines[heading.line - 1] = line[:at] + new + line[at + len(heading.marker):]
    return "\n".join(lines)


def _lists(headings) -> list:
    found = [list(headings)]
    for h in headings:
        if h.children:
            found.extend(_lists(h.children))
    return found


SCHEMES = documents(scheme="gbt9704", max_depth=4) | documents(scheme="law", max_depth=4) | \
    documents(scheme="speech", max_depth=3) | documents(scheme="decimal", max_depth=3)


@given(SCHEMES, st.integers(0, 2**32))
def test_scrambled_numbers_are_fixed_back(doc, seed):
    scrambled = _scramble(doc.text, doc, random.Random(seed))
    assume(scrambled != doc.text and outline_tree(scrambled) == outline_tree(doc.text))
    assert fix(scrambled) == doc.text


@given(SCHEMES, st.integers(0, 2**32))
def test_fix_is_idempotent_and_changes_only_marker_spans(doc, seed):
    text = _scramble(doc.text, doc, random.Random(seed))
    result = plan(text)
    _only_markers_changed(text, result)
    assert fix(result.text) == result.text


def _only_markers_changed(text: str, result) -> None:
    spans = {(n.start, n.marker.text) for n in parse(text).walk()}
    assert {(c.start, c.old) for c in result.changes} <= spans
    out, at = [], 0
    for c in result.changes:
        out.append(text[at:c.start] + c.new)
        at = c.start + len(c.old)
    assert "".join(out) + text[at:] == result.text
    assert outline_tree(result.text) == outline_tree(text)


@given(st.text() | soups())
@example("")
@example("一、\r二、\r\n（三）\n（三）\n")
@example("\ufeff一、总体要求\n三、主要任务\n")
def test_any_text_is_safe(text):
    result = plan(text)
    _only_markers_changed(text, result)


# ---------------------------------------------------------------- the corpus: real text

CORPUS = sorted((Path(__file__).parent.parent / "corpus").glob("*.txt"))
DEV = Path("/work/shared/corpus/dev")  # the development corpus, where it is at hand
CORPUS_FILES = CORPUS + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_documents_with_a_skipped_number_are_fixed_back(path):
    """Real text: each heading (not the first of its series, not a discourse word) written
    one number too high, one at a time in a few places; fix gives the document back."""
    text = path.read_text(encoding="utf-8")
    rnd = random.Random(path.name)
    # weak markers (a bare 二 on its line) are headings only while their series runs on: a
    # skipped number leaves them body text, with nothing for fix to give back
    headings = [h for h in _headings(text) if h.match.family.style not in DISCOURSE_STYLES and not h.match.weak]
    tried = 0
    for heading in rnd.sample(headings, min(len(headings), 12)):
        match = heading.match
        if heading.placement.kind != 0 or match.ordinal == 1 or match.path or match.sub:  # the first of a list; an inserted article
            continue
        new = renumbered_as_written(match, match.ordinal + 1)
        start = heading.token.start
        scrambled = text[:start] + new + text[start + len(match.text):]
        if outline_tree(scrambled) != outline_tree(text):
            continue  # the parser reads the draft otherwise: nothing to give back
        tried += 1
        assert fix(scrambled) == text, (heading.token.line, match.text, new)
    assert tried or len(headings) < 3
