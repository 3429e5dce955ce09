"""parse is linear in the size of its input, in time and in memory. No timed assertions:

* work is counted, not timed: the Python calls a parse makes (``sys.setprofile`` sees
  every function call, C function call and generator step) grow like the input, N → 4N →
  16N, for documents and for the input shapes that have been quadratic before (a document
  pasted as one line, a long run of inline points, many markers of a series that never
  opens, a heading repeated many times);
* memory is measured: the tracemalloc peak during a parse is a small multiple of the
  input, and grows like it;
* a 10 MB single line parses at all: in a child process under a CPU-time limit (RLIMIT_CPU)
  many times what a linear parse needs, so that a quadratic step (which the call count
  cannot see when it is one C call: slicing the rest of a line, searching it to its end)
  fails the test instead of hanging the suite.

benchmarks/bench.py measures the times themselves (docs/performance.md).
"""
from __future__ import annotations

import datetime
import functools
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import attrs
import pytest

from speech_outline import formats, parse, rebuild

CORPUS = Path(__file__).resolve().parent / "corpus"
SAMPLES = ["law-prison", "notice-gov-new-media", "plan-grain-emergency", "report-gov-2009",
           "speech-nansha-sixgood", "regulation-litigation-fees"]
GROWTH_SLACK = 1.25  # count(kN) may exceed k × count(N) by this factor (a quadratic step gives ~k²)
MEMORY_MULTIPLE = 10  # tracemalloc peak ≤ this × the UTF-8 size of the input
LINE_BYTES = 10_000_000
CPU_LIMIT = 30  # seconds of CPU for a 10 MB line; a linear parse needs a few


def _cn(n: int) -> str:
    """1 ≤ n ≤ 9999 as a Chinese numeral: 1040 → 一千零四十."""
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            out += ("零" if zero else "") + ("" if unit == 10 and d == 1 and not out else digits[d]) + name
            zero = False
        elif out:
            zero = True
    return out


def _block() -> str:
    """About 18 KB of real text: the first 3000 characters of six kinds of document."""
    parts = []
    for name in SAMPLES:
        text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")[:3000]
        parts.append(text[:text.rfind("\n") + 1])
    return "".join(parts)


# shape → function of k giving an input that grows linearly with k
SHAPES = {
    "documents": lambda k: _block() * k,
    "one line": lambda k: _block().replace("\n", "") * k,
    "inline points": lambda k: "表现在：" + "一是加强组织领导；" * (400 * k),
    "unopened series": lambda k: "开头文字。" + "文字文字文字。2、文字文字" * (300 * k),
    "repeated heading": lambda k: "一、总体要求\n（一）指导思想。正文。\n" * (200 * k),
    "numbered articles": lambda k: "".join(f"第{_cn(i)}条　本条例规定的事项。\n" for i in range(1, 200 * k + 1)),
}


def _pasted_corpus(k: int) -> str:
    """Every corpus document, line breaks lost, k times: a web page pasted as one line."""
    docs = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    return "".join(docs).replace("\r", "").replace("\n", "") * k


LINE_SHAPES = {
    "pasted corpus": _pasted_corpus,
    "inline points": SHAPES["inline points"],
    "unopened series": SHAPES["unopened series"],
}


def count_calls(text: str, work=parse) -> int:
    """The Python calls (and C calls) `work(text)` makes."""
    calls = 0

    def profile(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        work(text)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("shape", SHAPES)
def test_work_grows_linearly(shape):
    make = SHAPES[shape]
    parse(make(16))  # warm the caches (each distinct numeral is read once), so N is not charged for them
    counts = {k: count_calls(make(k)) for k in (1, 4, 16)}
    for k in (4, 16):
        assert counts[k] <= GROWTH_SLACK * k * counts[1], (
            f"{shape}: {k}× the input made {counts[k] / counts[1]:.1f}× the calls ({counts})")


WRITER_SHAPES = ["documents", "numbered articles", "repeated heading"]
WRITERS = {
    "json": {}, "markdown": {}, "opml": {"date_created": datetime.datetime(2025, 1, 1)},
    "chunks": {"source": "a.txt"},
    "chunks split and merged": {"max_chars": 200, "min_chars": 50, "prefix_path": True},
}


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("shape", WRITER_SHAPES)
def test_every_writer_works_linearly(shape, writer):
    """Writing, like parsing, grows like the document (the chunks writer once rescanned
    the whole outline for every chunk)."""
    fmt, options = writer.split()[0], WRITERS[writer]
    outlines = {k: _parsed(shape, k) for k in (1, 8)}
    formats.write(outlines[1], fmt, **options)  # import the writer
    counts = {k: count_calls(outline, lambda o: formats.write(o, fmt, **options))
              for k, outline in outlines.items()}
    for k in (8,):
        assert counts[k] <= GROWTH_SLACK * k * counts[1], (
            f"{writer} on {shape}: {k}× the document made {counts[k] / counts[1]:.1f}× the calls ({counts})")


class _CountingTuple(tuple):
    """A tuple that counts the items its iterations have visited."""

    visits = 0

    def __iter__(self):
        for item in super().__iter__():
            _CountingTuple.visits += 1
            yield item


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_visits_each_paragraph_a_few_times(writer):
    """A rescan of the paragraph stream per section (in C, which the call count misses)
    makes a writer quadratic: the chunks writer once asked for the title per chunk."""
    fmt, options = writer.split()[0], WRITERS[writer]
    outline = _parsed("numbered articles", 8)
    counted = attrs.evolve(outline, paragraphs=_CountingTuple(outline.paragraphs))
    _CountingTuple.visits = 0
    formats.write(counted, fmt, **options)
    assert _CountingTuple.visits <= 10 * len(outline.paragraphs), _CountingTuple.visits / len(outline.paragraphs)


@functools.lru_cache(maxsize=None)
def _parsed(shape: str, k: int):
    return parse(SHAPES[shape](k))


def test_outline_views_are_computed_once():
    outline = _parsed("documents", 8)
    views = lambda o: (o.title, o.framing, o.noise, o.metadata, o.toc, o.preamble)  # noqa: E731
    once, again = count_calls(outline, views), count_calls(outline, views)
    assert again < once / 2, (once, again)
    assert outline.noise is outline.noise and outline.title is outline.title


def peak_memory(text: str) -> int:
    tracemalloc.start()
    try:
        outline = parse(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rebuild(outline) == text
    return peak


@pytest.mark.parametrize("shape", ["documents", "one line"])
def test_memory_is_a_small_multiple_of_the_input(shape):
    make = SHAPES[shape]
    parse(make(1))
    sizes = {k: len(make(k).encode("utf-8")) for k in (4, 16)}
    peaks = {k: peak_memory(make(k)) for k in (4, 16)}
    for k in (4, 16):
        assert peaks[k] <= MEMORY_MULTIPLE * sizes[k], f"{shape}: peak {peaks[k] / sizes[k]:.1f}× the input"
    assert peaks[16] <= GROWTH_SLACK * 4 * peaks[4], f"{shape}: memory grows faster than the input: {peaks}"


_CHILD = textwrap.dedent("""
    import sys, tracemalloc
    sys.path.insert(0, {tests!r})
    from test_scaling import LINE_BYTES, LINE_SHAPES, MEMORY_MULTIPLE
    from speech_outline import formats, parse, rebuild
    make = LINE_SHAPES[{shape!r}]
    unit = len(make(1).encode("utf-8"))
    text = make(max(1, LINE_BYTES // unit))
    size = len(text.encode("utf-8"))
    assert "\\n" not in text and size >= LINE_BYTES * 0.9, size
    if {memory!r}:
        tracemalloc.start()
    outline = parse(text)
    if {memory!r}:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak <= MEMORY_MULTIPLE * size, f"peak {{peak / size:.1f}}x the input"
    assert rebuild(outline) == text
""")


def _limit_cpu():
    import resource
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT + 5))


@pytest.mark.parametrize("shape", LINE_SHAPES)
def test_a_ten_megabyte_line(shape):
    # memory too for the real text (tracemalloc slows a parse down: not for the stress shapes)
    code = _CHILD.format(tests=str(Path(__file__).resolve().parent), shape=shape, memory=shape == "pasted corpus")
    preexec = _limit_cpu if sys.platform != "win32" else None
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              preexec_fn=preexec, timeout=6 * CPU_LIMIT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{shape}: a 10 MB line did not parse in {6 * CPU_LIMIT} s")
    assert proc.returncode == 0, (
        f"{shape}: a 10 MB line did not parse within {CPU_LIMIT} s of CPU (a quadratic step?)"
        if proc.returncode < 0 else f"{shape}: {proc.stderr}")


@pytest.mark.parametrize("collecting", [True, False])
def test_parse_leaves_the_garbage_collector_as_it_found_it(collecting):
    """parse switches the cyclic collector off while it runs (its objects make no cycles),
    and back to how it was when it returns or raises."""
    import gc

    was = gc.isenabled()
    try:
        (gc.enable if collecting else gc.disable)()
        seen = []
        parse("一、总体要求\n（一）指导思想\n")
        seen.append(gc.isenabled())
        with pytest.raises(TypeError):
            parse(None)  # type: ignore[arg-type]
        seen.append(gc.isenabled())
        assert seen == [collecting, collecting]
    finally:
        (gc.enable if was else gc.disable)()
