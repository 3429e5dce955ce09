"""Levels, nesting and numbering diagnostics on small documents written for the purpose.

Most rules are fixtures (tests/fixtures/build/*.txt, run by test_build_fixtures.py):
an input and the outline expected of it. What a fixture cannot say is tested here."""
from pathlib import Path

import attrs
from hypothesis import assume, given, settings, strategies as st

from speech_outline import parse


def tree(text):
    """(level, line, marker) of every heading."""
    return [(n.level, n.line, n.marker.text) for n in parse(text).walk()]


def test_lone_discourse_ordinal_is_body_text():
    text = "一、甲\n首先要处理好关系。\n第一，分配。\n第二，管理。\n二、乙\n"
    assert tree(text) == [(1, 1, "一、"), (2, 3, "第一，"), (2, 4, "第二，"), (1, 5, "二、")]
    outline = parse(text)
    assert outline.nodes[0].body[0].text == "首先要处理好关系。"


def test_skipped_number_is_reported_and_the_tree_holds():
    text = "一、甲\n（一）子\n（二）子\n（四）子\n二、乙\n"
    assert tree(text) == [(1, 1, "一、"), (2, 2, "（一）"), (2, 3, "（二）"), (2, 4, "（四）"), (1, 5, "二、")]
    outline = parse(text)
    assert [(d.line, d.code) for d in outline.diagnostics] == [(4, "gap")]
    assert "number 3 missing" in outline.diagnostics[0].message


def test_run_in_heading_title_and_body():
    outline = parse("（一）加强建设，是需要的。党的十八大以来，成效明显。\n后续段落。\n")
    node = outline.nodes[0]
    assert node.title == "加强建设，是需要的。"
    assert node.run_in == "党的十八大以来，成效明显。"
    assert node.body_texts == ("党的十八大以来，成效明显。", "后续段落。")


def test_positions_of_headings():
    text = "标题\n\n\u3000\u3000一、甲\r\n（一）乙\n"
    outline = parse(text)
    first, second = outline.walk()
    assert (first.line, first.start) == (3, 6)
    assert text[first.start:first.start + 2] == "一、"
    assert (second.line, second.start) == (4, 11)
    assert text[second.start] == "（"


def _exhaustive_place(items):
    """build.place as it was before its look-ahead stopped early: every close option is
    followed over the whole horizon, the lowest total wins, the earlier on a tie."""
    import math

    from speech_outline import build

    state, out = build._State(), []
    for i, item in enumerate(items):
        if item.match is None:
            del state.stack[item.keep_depth:]
            out.append(None)
            continue
        placement = build._place_plainly(state, item)
        if placement is None:
            options = build._options(state, item)
            best = options[0]
            close = [o for o in options[1:] if o.cost - best.cost < build.AMBIGUITY]
            if close:
                scored = []
                for rank, option in enumerate([best, *close]):
                    trial = state.copy()
                    build._apply(trial, item, option)
                    future = build._future_cost(trial, items[i + 1:i + 1 + build.HORIZON], 0.0, math.inf)
                    scored.append((option.cost + future, rank))
                best = [best, *close][min(scored)[1]]
            placement = build._apply(state, item, best)
        out.append(placement)
    return out


_CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.txt"))


def _edited_corpus_items(data):
    """Heading candidates of a corpus document with lines dropped and repeated: real
    numbering with the faults that make options close."""
    from speech_outline import anatomy, build
    from speech_outline.breaks import split_run_together
    from speech_outline.tokenize import tokenize

    lines = data.draw(st.sampled_from(_CORPUS)).read_text(encoding="utf-8").split("\n")
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(lines) - 1), st.booleans()), max_size=12))
    for at, repeat in sorted(edits, reverse=True):
        lines[at:at + 1] = [lines[at]] * 2 if repeat else []
    tokens = tokenize("\n".join(lines))
    anatomy.label(tokens)
    return build._candidates(split_run_together(tokens), set())[1]


@given(data=st.data())
@settings(max_examples=100, deadline=None)
def test_headings_placed_plainly_go_where_weighing_every_option_puts_them(data):
    """The plain placement (a number that follows on, a free new series) skips the weighing:
    the weighing must agree, with no other option close enough to look ahead for."""
    from speech_outline import build

    state = build._State()
    plain = 0
    for item in _edited_corpus_items(data):
        if item.match is None:
            del state.stack[item.keep_depth:]
            continue
        trial = state.copy()
        placed = build._place_plainly(trial, item)
        options = build._options(state, item)
        chosen = build._apply(state, item, options[0])
        if placed is not None:
            plain += 1
            assert options[0].cost == 0.0 and all(o.cost >= build.AMBIGUITY for o in options[1:])
            assert attrs.astuple(placed, recurse=False) == attrs.astuple(chosen, recurse=False)
            same = {id(placed): chosen}  # the states agree, the new placement aside
            assert [same.get(id(p), p) for p in trial.stack] == state.stack
            assert {k: same.get(id(p), p) for k, p in trial.last_seen.items()} == state.last_seen
            assert trial.next_id == state.next_id
    assume(plain)


@given(data=st.data())
@settings(max_examples=150, deadline=None)
def test_look_ahead_that_stops_early_chooses_as_the_exhaustive_one(data):
    """The look-ahead drops an option once its cost reaches the best so far (costs never
    fall): the tree must be the one that weighing every option to the horizon gives."""
    from speech_outline import build

    items = _edited_corpus_items(data)
    fast, slow = build.place(items), _exhaustive_place(items)
    assert [(p.depth, p.kind, p.series_id) if p else None for p in fast] == \
           [(p.depth, p.kind, p.series_id) if p else None for p in slow]