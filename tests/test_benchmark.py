"""benchmarks/bench.py runs and reports (its figures are for people, not asserted here)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
BENCH = ROOT / "benchmarks" / "bench.py"


def bench(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(BENCH), *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_corpus_and_archive_run_reports_both_baselines_and_updates_the_performance_page(tmp_path):
    proc = bench("--json", "--runs", "1", "--large-mb", "0.2", "--skip", "scaling", "--skip", "batch",
                 "--skip", "startup")
    results = json.loads(proc.stdout)
    corpus = results["corpus"]
    assert corpus["documents"] == len(list((ROOT / "tests" / "corpus").glob("*.txt")))
    assert corpus["ratio_parse_to_per_line"] > corpus["ratio_parse_to_baseline"] > 0
    assert any("per-line" in verdict for verdict in results["verdicts"])
    archive = results["large"]
    assert archive["ratio_parse_to_per_line"] > archive["ratio_parse_to_baseline"] > 0
    assert any("generated archive" in verdict for verdict in results["verdicts"])

    saved = tmp_path / "results.json"
    saved.write_text(proc.stdout, encoding="utf-8")
    page = tmp_path / "performance.md"
    shutil.copy(ROOT / "docs" / "performance.md", page)
    bench("--from-json", str(saved), "--update-doc", str(page))
    summary = page.read_text(encoding="utf-8").split("<!-- bench:summary -->")[1]
    assert "per-line `re.match`" in summary and "RAGFlow" in summary
    assert f"{corpus['ratio_parse_to_per_line']:.3f}" in summary
    assert f"{archive['ratio_parse_to_per_line']:.3f}" in summary and "generated archive" in summary


def test_the_systems_take_turns_on_consecutive_megabytes_of_the_input():
    """Each chunk the systems take turns on holds whole documents, in order, and reaches
    the chunk size before the next begins: every document is timed once per run."""
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench as bench_module
    finally:
        sys.path.remove(str(BENCH.parent))
    docs = ["甲" * n for n in (100, 250_000, 90_000, 1, 400_000, 20, 333_333)]  # 3 bytes a character
    chunks = bench_module._chunks(docs, mb=1.0)
    assert [text for chunk in chunks for text in chunk] == docs
    sizes = [sum(len(t.encode("utf-8")) for t in chunk) for chunk in chunks]
    assert all(size >= 1e6 for size in sizes[:-1])
    assert all(size - len(chunk[-1].encode("utf-8")) < 1e6 for size, chunk in zip(sizes, chunks))
    assert bench_module._chunks(docs[:1], mb=1.0) == [docs[:1]]


def test_the_process_counts_of_the_batch_take_turns_in_every_run(tmp_path, monkeypatch):
    """One and two processes alternate run by run, with the machine's ceiling measured in
    each run, so a change of the machine's speed reaches all of them, and the speed-up is
    the median of the runs' own ratios."""
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench as bench_module
    finally:
        sys.path.remove(str(BENCH.parent))
    import speech_outline.batch

    order = []
    durations = iter([4.0, 1.0, 2.0, 2.0, 9.0, 3.0])  # per run: one process, then two

    def fake_convert_many(paths, format, jobs):
        order.append(jobs)
        clock[0] += next(durations)
        return [speech_outline.batch.Result(str(path), output="{}") for path in paths]

    clock = [0.0]
    monkeypatch.setattr(speech_outline.batch, "convert_many", fake_convert_many)
    monkeypatch.setattr(bench_module.time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(bench_module.shutil, "which", lambda *args, **kwargs: None)
    ceilings = iter([1.5, 1.9, 1.2])

    def fake_ceiling(jobs):
        order.append(f"ceiling {jobs}")
        return next(ceilings)

    monkeypatch.setattr(bench_module, "parallel_ceiling", fake_ceiling)
    result = bench_module.batch([("a", "一、甲\n")], [1, 2], runs=3, tmp=tmp_path)
    assert order == [1, 2, "ceiling 2"] * 3
    one, two = result["rows"]
    assert two["speedup"] == 3.0  # ratios 4, 1 and 3: their median, not the medians' ratio (4 / 2)
    assert (one["speedup"], one["ceiling"], two["ceiling"]) == (1.0, 1.0, 1.5)
