"""render → parse: every generated document parses to the outline it was written from.

The documents come from speech_outline.strategies with their true outline; see that
module's docstring for what they contain and which shapes are left out as ambiguous.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speech_outline import parse
from speech_outline.strategies import SCHEMES, documents, outline_tuples


def assert_outline(doc, outline=None):
    outline = parse(doc.text) if outline is None else outline
    # markers, titles, nesting and lines first: the clearest message when they differ
    assert outline_tuples(outline) == doc.tuples(), doc.text
    # then styles, ordinals, decimal paths, levels and each section's own text, and the title
    assert outline.shape() == doc.shape(), doc.text


@pytest.mark.parametrize("scheme", SCHEMES)
@given(data=st.data())
def test_documents_parse_to_their_outline(scheme, data):
    doc = data.draw(documents(scheme=scheme, noise=None), label="doc")
    assert_outline(doc)


@given(documents(scheme="any", min_depth=4, max_width=3, noise=None))
def test_deep_documents(doc):
    assert_outline(doc)


@given(documents(scheme="any", noise=True, title=True, toc=None, framing=None))
def test_documents_with_noise_and_front_matter(doc):
    assert_outline(doc)


@given(documents(scheme="any", noise=None))
def test_document_parts(doc):
    """Every paragraph gets its role: title, meta, noise, toc, salutation, preamble, heading, body…"""
    outline = parse(doc.text)
    got = [(p.line, p.role.value, p.text) for p in outline.paragraphs]
    want = [(p.line, p.role, p.text) for p in doc.paragraphs]
    assert got == want, doc.text
    assert outline.title == doc.title


@given(documents(scheme="any", noise=None))
def test_numbering_diagnostics(doc):
    """Well-numbered documents have no numbering diagnostics, except a late start where a
    series begins above one (an excerpt: 第五编 … 第一千零四十条)."""
    outline = parse(doc.text)
    got = sorted((d.line, d.code) for d in outline.diagnostics)
    assert got == [(line, "late-start") for line in doc.late_starts], doc.text
