"""Throughput, scaling, memory, batch and start-up benchmark of speech_outline.

    python benchmarks/bench.py            # the full run, about 4 minutes on 2 cores
    python benchmarks/bench.py --quick    # a smoke run, under a minute
    python benchmarks/bench.py --json     # the results as JSON on stdout, not Markdown

Throughput is MB/s of UTF-8 input (1 MB = 10^6 bytes), from `time.process_time`
(CPU time of this process, so other programs on the machine disturb it less than
wall time), the median of several runs, after one warm-up run. In each run
speech_outline and the hand-written baseline (benchmarks/baseline.py) take turns on
each megabyte of input, so the ratio of the two compares them under the same load.

Sections (skip any with --skip):

corpus   parse, parse + JSON writer, baseline, baseline + json.dumps over tests/corpus
large    the same over a generated archive (benchmarks/generate.py, deterministic)
scaling  one document of N, 4N, 16N, 64N bytes, with line breaks and as a single line,
         and two stress shapes (a long run of inline points, many markers of a series that
         never opens); each size in a fresh process: CPU time, tracemalloc peak, RSS growth
batch    speech_outline.batch.convert_many and `speech-outline convert -j N` over the
         generated archive written as files, 1..cores processes (wall time)
startup  `import speech_outline`, `speech-outline --version`, modules imported

The RAGFlow figure (about 5 MB/s on the corpus on the reference machine, where the
baseline ran at about 90 MB/s) is quoted from the project's research notes, not rerun:
RAGFlow's pipeline is not installed here.
"""
from __future__ import annotations

import argparse
import datetime
import gc
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import baseline  # noqa: E402
import generate  # noqa: E402

RAGFLOW_MBPS = 5.0  # quoted from research (peers.md, the issue), not measured here
RAGFLOW_BASELINE_MBPS = 90.0  # the baseline's speed in that same quoted run
PER_LINE = "baseline, re.match per line"  # the variant that runs at the quoted 90 MB/s here
TARGET_VS_BASELINE = 1 / 3
TARGET_VS_RAGFLOW = 5.0
MEMORY_TARGET = 10.0  # tracemalloc peak of parse ≤ this × the UTF-8 input
LINEAR_EXPONENT = 1.15  # time ∝ size^k from the smallest size to the largest; k ≤ this counts as linear
SCALES = (1, 4, 16, 64)


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- machine

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import speech_outline
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    info = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "speech_outline": speech_outline.__version__,
        "load_before": _load(),
    }
    # versions of the third-party packages a parse uses
    from importlib import metadata
    speech_outline.parse("第一章 总则\n第一条 为了……\n")
    info["packages"] = {}
    for module, dist in (("regex", "regex"), ("attr", "attrs"), ("cn2an", "cn2an")):
        if module in sys.modules:
            try:
                info["packages"][dist] = metadata.version(dist)
            except metadata.PackageNotFoundError:
                pass
    return info


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


# ---------------------------------------------------------------- throughput

def _cpu(fn, docs) -> float:
    t = time.process_time()
    for text in docs:
        fn(text)
    return time.process_time() - t


CHUNK_MB = 1.0  # the systems take turns on this much input at a time


def _chunks(docs: list[str], mb: float = CHUNK_MB) -> list[list[str]]:
    """`docs` in consecutive groups of about `mb` of UTF-8 each."""
    chunks: list[list[str]] = [[]]
    size = 0
    for text in docs:
        if size >= mb * 1e6:
            chunks.append([])
            size = 0
        chunks[-1].append(text)
        size += len(text.encode("utf-8"))
    return chunks


def throughput(docs: list[str], runs: int) -> dict:
    """MB/s of each pipeline over `docs`. The pipelines take turns on each megabyte of
    input, so that when the machine changes speed within a run (it does, see "Reading
    the figures"), each has been timed in the same mix of speeds."""
    from speech_outline import parse
    from speech_outline.formats import write

    def parse_json(text):
        return write(parse(text), "json")

    systems = {
        "parse": parse,
        "parse+json": parse_json,
        "baseline": baseline.outline,
        "baseline+json": baseline.to_json,
        PER_LINE: baseline.outline_uncompiled,
    }
    mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    for fn in systems.values():  # warm-up: lazy imports (cn2an), caches
        _cpu(fn, docs)
    times: dict[str, list[float]] = {name: [] for name in systems}
    chunks = _chunks(docs)
    for _ in range(runs):
        for name in systems:
            times[name].append(0.0)
        for chunk in chunks:
            for name, fn in systems.items():
                gc.collect()
                times[name][-1] += _cpu(fn, chunk)
    out = {"mb": round(mb, 3), "documents": len(docs), "runs": runs}
    for name, ts in times.items():
        out[name] = {"mbps": mb / statistics.median(ts), "mbps_min": mb / max(ts), "mbps_max": mb / min(ts),
                     "seconds": [round(t, 4) for t in ts]}
    per_run = [b / p for p, b in zip(times["parse"], times["baseline"])]
    out["ratio_parse_to_baseline"] = statistics.median(per_run)
    out["ratio_parse_to_per_line"] = statistics.median([b / p for p, b in zip(times["parse"], times[PER_LINE])])
    out["ratio_parse_json_to_baseline_json"] = statistics.median(
        [b / p for p, b in zip(times["parse+json"], times["baseline+json"])])
    return out


def per_document(named: list[tuple[str, str]], runs: int) -> list[dict]:
    """parse MB/s of each document (the spread behind the corpus figure)."""
    from speech_outline import parse
    rows = []
    for name, text in named:
        parse(text)
        ts = []
        for _ in range(runs):
            t = time.process_time()
            parse(text)
            ts.append(time.process_time() - t)
        mb = len(text.encode("utf-8")) / 1e6
        rows.append({"document": name, "kb": round(mb * 1000, 1), "parse_mbps": mb / statistics.median(ts)})
    return rows


# ---------------------------------------------------------------- scaling (child processes)

def _rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="utf-8") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _calibrate(reference: list[str]) -> float:
    """CPU time of a fixed reference task (the baseline over the corpus, three times): the
    machine's speed at this moment, to divide parse times by."""
    t = time.process_time()
    for _ in range(3):
        for text in reference:
            baseline.outline(text)
    return time.process_time() - t


def child_scaling(spec: dict) -> dict:
    """Run in a fresh process: time and memory of parse (and parse + JSON) on one file."""
    import resource
    import tracemalloc

    from speech_outline import parse
    from speech_outline.formats import write

    with open(spec["path"], "rb") as f:
        text = f.read().decode("utf-8")
    nbytes = len(text.encode("utf-8"))
    parse("一、预热\n（一）预热。正文。\n")  # lazy imports out of the way
    reference = [t for _, t in generate.load_corpus()]
    _calibrate(reference)
    gc.collect()
    rss_before = _rss_kb()
    out: dict = {"bytes": nbytes, "chars": len(text)}
    times, scaled = [], []
    for i in range(spec["runs"]):
        gc.collect()
        before = _calibrate(reference)
        t = time.process_time()
        outline = parse(text)
        times.append(time.process_time() - t)
        if i == 0:
            out["headings"] = sum(1 for _ in outline.walk())
            out["paragraphs"] = len(outline.paragraphs)
        # the reference is timed without the outline alive: its millions of objects would
        # make the reference's garbage collections (not parse's) slower at large sizes
        del outline
        gc.collect()
        scaled.append(times[-1] / ((before + _calibrate(reference)) / 2))
        if sum(times) > spec["budget"]:
            break
    out["parse_s"] = statistics.median(times)
    out["parse_min_s"] = min(times)
    out["parse_scaled"] = statistics.median(scaled)
    out["parse_runs"] = len(times)
    out["rss_growth_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    if spec["json"]:
        times = []
        for _ in range(spec["runs"]):
            gc.collect()
            t = time.process_time()
            write(parse(text), "json")
            times.append(time.process_time() - t)
            if sum(times) > spec["budget"]:
                break
        out["parse_json_s"] = statistics.median(times)
    if spec["memory"]:
        gc.collect()
        tracemalloc.start()
        outline = parse(text)
        out["parse_peak"] = tracemalloc.get_traced_memory()[1]
        out["outline_kept"] = tracemalloc.get_traced_memory()[0]
        if spec["json"]:
            tracemalloc.reset_peak()
            output = write(outline, "json")
            out["json_peak"] = tracemalloc.get_traced_memory()[1]
            out["json_bytes"] = len(output.encode("utf-8"))
            del output
        tracemalloc.stop()
    return out


def scaling(scales: tuple[int, ...], stress_bytes: int, runs: int, timeout: float, with_json: bool, memory: bool,
            tmp: Path) -> dict:
    """Sizes N, 4N, 16N, 64N of each shape, each in a fresh process. N is one pass over the
    whole corpus for the document shapes (so every size has the same mix of kinds), and
    `stress_bytes` for the stress shapes. A size that takes more than 8× the time of the one
    before (plus 20 s), or more than `timeout`, is stopped: linear growth takes 4×, a
    quadratic step 16×."""
    shapes = {
        "lines": (1, generate.corpus_passes),
        "one line": (1, lambda k: generate.one_line(generate.corpus_passes(k))),
        "inline points": (stress_bytes, generate.inline_points),
        "unopened series": (stress_bytes, generate.unopened_series),
    }
    results: dict = {}
    for shape, (base, make) in shapes.items():
        rows = []
        limit = timeout
        for k in scales:
            doc = make(base * k)
            path = tmp / f"scaling-{shape.replace(' ', '-')}-{k}.txt"
            path.write_bytes(doc.encode("utf-8"))
            spec = {"path": str(path), "runs": runs, "json": with_json, "memory": memory, "budget": limit / 4}
            log(f"  scaling {shape} {k}N = {len(doc.encode()) / 1e6:.2f} MB (limit {limit:.0f} s)")
            started = time.perf_counter()
            try:
                proc = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)],
                                      capture_output=True, text=True, timeout=limit)
            except subprocess.TimeoutExpired:
                rows.append({"scale": k, "bytes": len(doc.encode()), "timeout": limit})
                log(f"  ... stopped after {limit:.0f} s: larger sizes of this shape skipped")
                break
            finally:
                path.unlink()
            if proc.returncode != 0:
                raise RuntimeError(f"scaling child failed:\n{proc.stderr}")
            row = json.loads(proc.stdout)
            row["scale"] = k
            rows.append(row)
            limit = min(timeout, 8 * (time.perf_counter() - started) + 20)
        _exponents(rows)
        results[shape] = {"base_bytes": rows[0]["bytes"], "rows": rows, "exponent": overall_exponent(rows)}
    return {"scales": list(scales), "shapes": results}


def _exponents(rows: list[dict]) -> None:
    """Growth exponent of time between consecutive sizes (1 linear, 2 quadratic).

    From the parse times divided by the time of a reference task measured around each
    parse in the same process (`_calibrate`): on a machine whose speed changes with what
    else runs on it, that ratio moves much less than the time itself."""
    for prev, row in zip(rows, rows[1:]):
        if _scaled(row) and _scaled(prev):
            row["exponent"] = math.log(_scaled(row) / _scaled(prev)) / math.log(row["bytes"] / prev["bytes"])


def _scaled(row: dict) -> float | None:
    return row.get("parse_scaled", row.get("parse_min_s"))


def overall_exponent(rows: list[dict]) -> float | None:
    """The exponent from the smallest size to the largest (less noisy than each step)."""
    done = [r for r in rows if _scaled(r)]
    if len(done) < 2 or "timeout" in rows[-1]:
        return None
    first, last = done[0], done[-1]
    return math.log(_scaled(last) / _scaled(first)) / math.log(last["bytes"] / first["bytes"])


# ---------------------------------------------------------------- batch

_SPIN = "x = 0\nfor i in range(8_000_000):\n    x += i\n"


def parallel_ceiling(jobs: int) -> float:
    """How much faster N independent CPU-bound processes finish N units of work than one
    process finishes one, on this machine now: the best speed-up any batch can get.
    (A virtual machine's "cores" may share physical cores, or other work may hold them.)"""
    def wall(n: int) -> float:
        t = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(n)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - t
    return jobs * wall(1) / wall(jobs)


def batch(named: list[tuple[str, str]], jobs_list: list[int], runs: int, tmp: Path) -> dict:
    from speech_outline.batch import convert_many

    folder = tmp / "archive"
    folder.mkdir()
    paths = []
    for name, text in named:
        path = folder / f"{name}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    mb = sum(p.stat().st_size for p in paths) / 1e6
    load_before = _load()
    rows = []
    cli = shutil.which("speech-outline", path=str(Path(sys.executable).parent)) or shutil.which("speech-outline")
    import resource

    def cpu_now() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # worker processes, once joined
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    # The process counts take turns in every run, and the machine's ceiling is measured in
    # the same run, so a change of the machine's speed reaches all of them; a speed-up is
    # the median of the runs' own ratios.
    api: dict[int, list[float]] = {jobs: [] for jobs in jobs_list}
    ceilings: dict[int, list[float]] = {jobs: [] for jobs in jobs_list}
    cmd: dict[int, list[float]] = {jobs: [] for jobs in jobs_list}
    used: dict[int, list[float]] = {jobs: [] for jobs in jobs_list}
    for _ in range(runs):
        for jobs in jobs_list:
            gc.collect()
            t, c = time.perf_counter(), cpu_now()
            results = list(convert_many(paths, "json", jobs=jobs))
            api[jobs].append(time.perf_counter() - t)
            used[jobs].append((cpu_now() - c) / api[jobs][-1])
            assert len(results) == len(paths) and all(r.ok for r in results), "batch conversion failed"
            del results
            if cli:
                out = tmp / "out"
                t = time.perf_counter()
                subprocess.run([cli, "convert", "-r", str(folder), "-t", "json", "--output-dir", str(out),
                                "-j", str(jobs)], check=True, capture_output=True)
                cmd[jobs].append(time.perf_counter() - t)
                shutil.rmtree(out)
            ceilings[jobs].append(1.0 if jobs == 1 else parallel_ceiling(jobs))
    first = jobs_list[0]
    for jobs in jobs_list:
        row = {"jobs": jobs, "api_s": statistics.median(api[jobs]), "api_mbps": mb / statistics.median(api[jobs]),
               "cores_used": statistics.median(used[jobs]),
               "speedup": statistics.median(a / b for a, b in zip(api[first], api[jobs])),
               "ceiling": statistics.median(ceilings[jobs])}
        if cmd[jobs]:
            row.update(cli_s=statistics.median(cmd[jobs]), cli_mbps=mb / statistics.median(cmd[jobs]))
        rows.append(row)
        log(f"  batch -j {jobs}: {row['api_mbps']:.1f} MB/s")
    return {"mb": round(mb, 3), "files": len(paths), "runs": runs, "rows": rows, "load_before": load_before,
            "load_after": _load()}


# ---------------------------------------------------------------- start-up

def _wall(cmd: list[str], runs: int) -> float:
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def startup(runs: int) -> dict:
    py = sys.executable
    out = {"runs": runs}
    out["python_s"] = _wall([py, "-c", "pass"], runs)
    out["import_s"] = _wall([py, "-c", "import speech_outline"], runs)
    out["version_module_s"] = _wall([py, "-m", "speech_outline", "--version"], runs)
    cli = shutil.which("speech-outline", path=str(Path(py).parent))
    if cli:
        out["version_cli_s"] = _wall([cli, "--version"], runs)
    # what `import speech_outline` loads, and its own cumulative import time (median)
    cumulative = []
    for _ in range(runs):
        proc = subprocess.run([py, "-X", "importtime", "-c", "import speech_outline"],
                              capture_output=True, text=True, check=True)
        for line in proc.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| speech_outline$", line)
            if m:
                cumulative.append(int(m.group(2)) / 1e6)
    if cumulative:
        out["importtime_cumulative_s"] = statistics.median(cumulative)
    proc = subprocess.run([py, "-c", "import sys, json, speech_outline; print(json.dumps(sorted(sys.modules)))"],
                          capture_output=True, text=True, check=True)
    modules = json.loads(proc.stdout)
    out["third_party"] = sorted({m.split(".")[0] for m in modules} & {
        "cn2an", "hypothesis", "attr", "attrs", "regex", "numpy", "dask", "distributed", "jsonschema"})
    out["package_modules"] = [m for m in modules if m.startswith("speech_outline")]
    proc = subprocess.run([py, "-c", "import cn2an"], capture_output=True)
    if proc.returncode == 0:
        out["cn2an_import_s"] = _wall([py, "-c", "import cn2an"], max(3, runs // 2)) - out["python_s"]
    return out


# ---------------------------------------------------------------- report

def verdicts(res: dict) -> dict:
    v = {}
    c = res.get("corpus")
    if c:
        v["parse ≥ 1/3 of the baseline as quoted (per-line script, corpus, same run)"] = (
            c["ratio_parse_to_per_line"] >= TARGET_VS_BASELINE)
        v["parse ≥ 1/3 of the compiled baseline (corpus, same run)"] = c["ratio_parse_to_baseline"] >= TARGET_VS_BASELINE
        v[f"parse ≥ {TARGET_VS_RAGFLOW:g}× RAGFlow, scaled by this run's baseline (corpus)"] = (
            _vs_ragflow(c) >= TARGET_VS_RAGFLOW)
    g = res.get("large")
    if g:
        v["parse ≥ 1/3 of the baseline as quoted (per-line script, generated archive, same run)"] = (
            g["ratio_parse_to_per_line"] >= TARGET_VS_BASELINE)
        v[f"parse ≥ {TARGET_VS_RAGFLOW:g}× RAGFlow, scaled by this run's baseline (generated archive)"] = (
            _vs_ragflow(g) >= TARGET_VS_RAGFLOW)
    s = res.get("scaling")
    if s:
        for shape, entry in s["shapes"].items():
            rows = entry["rows"]
            complete = len(rows) == len(s["scales"]) and all("timeout" not in r for r in rows)
            exponent = entry.get("exponent")
            v[f"linear time, {shape} (N → {s['scales'][-1]}N exponent ≤ {LINEAR_EXPONENT})"] = (
                complete and exponent is not None and exponent <= LINEAR_EXPONENT)
    return v


def _vs_ragflow(c: dict) -> float:
    """parse ÷ RAGFlow's quoted speed, scaled by how fast the same baseline runs in this run
    as in the quoted one: the machine's state moves both."""
    return c["ratio_parse_to_per_line"] * RAGFLOW_BASELINE_MBPS / RAGFLOW_MBPS


def _f(x, nd=1):
    return "–" if x is None else f"{x:.{nd}f}"


def machine_markdown(res: dict) -> str:
    m = res["machine"]
    return (f"{m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable), {m['python']}, "
            f"{m['platform']}; speech_outline {m['speech_outline']}"
            + "".join(f", {name} {version}" for name, version in m.get("packages", {}).items()) + "; "
            f"{m['date']}; load average (1, 5, 15 min) {m['load_before']} before the run, "
            f"{res.get('load_after')} after.")


def summary_markdown(res: dict) -> str:
    """The headline figures against the issue's targets."""
    rows = []
    c = res.get("corpus")
    if c:
        base = c["baseline"]["mbps"]
        per_line = c[PER_LINE]["mbps"]
        rows.append(("parse, corpus", f"{c['parse']['mbps']:.1f} MB/s", "", None))
        rows.append((f"parse ÷ RAGFlow (quoted {RAGFLOW_MBPS:g} MB/s where the per-line baseline ran at "
                     f"{RAGFLOW_BASELINE_MBPS:g}; scaled by this run's {per_line:.0f})",
                     f"{_vs_ragflow(c):.1f} ×", f"≥ {TARGET_VS_RAGFLOW:g} ×", _vs_ragflow(c) >= TARGET_VS_RAGFLOW))
        rows.append(("parse ÷ hand-written baseline as quoted (per-line `re.match`), same run",
                     f"{c['ratio_parse_to_per_line']:.3f} (baseline {per_line:.0f} MB/s)",
                     f"≥ {TARGET_VS_BASELINE:.3f}", c["ratio_parse_to_per_line"] >= TARGET_VS_BASELINE))
        rows.append(("parse ÷ the same baseline with its patterns compiled once, same run",
                     f"{c['ratio_parse_to_baseline']:.3f} (baseline {base:.0f} MB/s)",
                     f"≥ {TARGET_VS_BASELINE:.3f} (strict reading)",
                     c["ratio_parse_to_baseline"] >= TARGET_VS_BASELINE))
        rows.append(("parse + JSON, corpus", f"{c['parse+json']['mbps']:.1f} MB/s", "", None))
    g = res.get("large")
    if g:
        rows.append((f"parse, generated archive ({g['mb']:.0f} MB)", f"{g['parse']['mbps']:.1f} MB/s "
                     f"(parse + JSON {g['parse+json']['mbps']:.1f})", "", None))
        rows.append(("parse ÷ RAGFlow scaled, generated archive", f"{_vs_ragflow(g):.1f} ×",
                     f"≥ {TARGET_VS_RAGFLOW:g} ×", _vs_ragflow(g) >= TARGET_VS_RAGFLOW))
        rows.append(("parse ÷ per-line baseline, generated archive, same run",
                     f"{g['ratio_parse_to_per_line']:.3f} (÷ compiled {g['ratio_parse_to_baseline']:.3f})",
                     f"≥ {TARGET_VS_BASELINE:.3f}", g["ratio_parse_to_per_line"] >= TARGET_VS_BASELINE))
    s = res.get("scaling")
    if s:
        entries = s["shapes"]
        last = s["scales"][-1]
        for shape, entry in entries.items():
            rows_ = entry["rows"]
            top = rows_[-1]
            size = f"{top['bytes'] / 1e6:.1f} MB" if "timeout" not in top else "stopped"
            exponent = entry.get("exponent")
            rows.append((f"time from N to {last}N, {shape} (up to {size})",
                         f"exponent {_f(exponent, 2)}", f"linear (≤ {LINEAR_EXPONENT})",
                         exponent is not None and exponent <= LINEAR_EXPONENT and "timeout" not in top))
        lines_rows = entries.get("lines", {}).get("rows", [])
        peaks = [r["parse_peak"] / r["bytes"] for r in lines_rows if "parse_peak" in r]
        json_peaks = [r["json_peak"] / r["bytes"] for r in lines_rows if "json_peak" in r]
        if peaks:
            value = f"{min(peaks):.1f}–{max(peaks):.1f} × the input, at every size"
            if json_peaks:
                value += f" (parse + JSON: {max(json_peaks):.1f} ×, the output string included)"
            rows.append(("peak memory of parse (tracemalloc)", value,
                         f"a small multiple (≤ {MEMORY_TARGET:g} ×)", max(peaks) <= MEMORY_TARGET))
    st = res.get("startup")
    if st:
        rows.append(("`import speech_outline`", f"{st['import_s']:.3f} s (`python -c pass`: {st['python_s']:.3f} s); "
                     f"loads {', '.join(st['third_party']) or 'no third-party package'}",
                     "quick; no cn2an", "cn2an" not in st["third_party"]))
        if "version_cli_s" in st:
            rows.append(("`speech-outline --version`", f"{st['version_cli_s']:.3f} s", "quick", None))
    b = res.get("batch")
    if b and len(b["rows"]) > 1:
        top = b["rows"][-1]
        ceiling = f"; the machine's ceiling: {top['ceiling']:.2f}×" if "ceiling" in top else ""
        rows.append((f"batch, {top['jobs']} processes", f"{top['speedup']:.2f}× one process, "
                     f"{top['cores_used']:.2f} cores busy{ceiling}", "uses every core", None))
    out = ["| | measured | target | met |", "| --- | --- | --- | --- |"]
    for what, value, target, ok in rows:
        out.append(f"| {what} | {value} | {target} | {'' if ok is None else ('yes' if ok else '**no**')} |")
    return "\n".join(out)


def markdown(res: dict, with_machine: bool = True, with_targets: bool = True) -> str:
    lines = [f"Machine: {machine_markdown(res)}", ""] if with_machine else []
    for key, label in (("corpus", "Corpus (tests/corpus)"), ("large", "Generated archive")):
        c = res.get(key)
        if not c:
            continue
        lines += [f"### {label}: {c['documents']} documents, {c['mb']:.2f} MB, median of {c['runs']} runs",
                  "",
                  "| pipeline | MB/s (median) | min–max | vs baseline |",
                  "| --- | ---: | ---: | ---: |"]
        base = c["baseline"]["mbps"]
        for name in ("parse", "parse+json", "baseline", "baseline+json", PER_LINE):
            if name not in c:
                continue
            r = c[name]
            lines.append(f"| {name} | {r['mbps']:.1f} | {r['mbps_min']:.1f}–{r['mbps_max']:.1f} | "
                         f"{r['mbps'] / base:.2f} |")
        lines += ["",
                  f"Medians of the per-run ratios: parse / per-line baseline **{c['ratio_parse_to_per_line']:.3f}**, "
                  f"parse / compiled baseline **{c['ratio_parse_to_baseline']:.3f}** "
                  f"(target ≥ {TARGET_VS_BASELINE:.3f}); parse+json / baseline+json: "
                  f"{c['ratio_parse_json_to_baseline_json']:.3f}.", ""]
        if key == "corpus":
            rag = RAGFLOW_MBPS * c[PER_LINE]["mbps"] / RAGFLOW_BASELINE_MBPS
            lines += [f"RAGFlow (quoted, not rerun): {RAGFLOW_MBPS:g} MB/s in a run where the per-line baseline "
                      f"gave {RAGFLOW_BASELINE_MBPS:g} MB/s. It gives {c[PER_LINE]['mbps']:.0f} MB/s in this run, so "
                      f"RAGFlow would run at about {rag:.1f} MB/s, and parse at {_vs_ragflow(c):.1f}× it "
                      f"(target ≥ {TARGET_VS_RAGFLOW:g}×).", ""]
    docs = res.get("per_document")
    if docs:
        docs = sorted(docs, key=lambda d: d["parse_mbps"])
        lines += ["### Per document (parse MB/s)", "", "| document | KB | MB/s |", "| --- | ---: | ---: |"]
        for d in docs:
            lines.append(f"| {d['document']} | {d['kb']:.1f} | {d['parse_mbps']:.1f} |")
        lines.append("")
    s = res.get("scaling")
    if s:
        lines += ["### Scaling: sizes " + ", ".join(f"{k}N" for k in s["scales"]) + " of each shape, "
                  "each in a fresh process", "",
                  "N is one pass over the whole corpus (renumbered) for *lines* and *one line* (the same "
                  f"text with its line breaks lost), {s['shapes']['inline points']['base_bytes'] / 1e3:.0f} KB "
                  "for the two stress shapes.", "",
                  "| shape | size | MB | headings | parse s (median) | parse s (best) | MB/s (median) "
                  "| exponent | parse+json s | parse peak / input | json peak / input | RSS growth / input |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for shape, entry in s["shapes"].items():
            for r in entry["rows"]:
                mb = r["bytes"] / 1e6
                if "timeout" in r:
                    lines.append(f"| {shape} | {r['scale']}N | {mb:.2f} | | stopped > {r['timeout']:.0f} "
                                 "| | | | | | | |")
                    continue
                lines.append(
                    f"| {shape} | {r['scale']}N | {mb:.2f} | {r['headings']} | {r['parse_s']:.3f} | "
                    f"{r.get('parse_min_s', r['parse_s']):.3f} | {mb / r['parse_s']:.1f} | "
                    f"{_f(r.get('exponent'), 2)} | {_f(r.get('parse_json_s'), 3)} | "
                    f"{_f(r['parse_peak'] / r['bytes'] if 'parse_peak' in r else None)} | "
                    f"{_f(r['json_peak'] / r['bytes'] if 'json_peak' in r else None)} | "
                    f"{_f(r['rss_growth_kb'] * 1024 / r['bytes'])} |")
        overall = ", ".join(f"{shape} {_f(entry.get('exponent'), 2)}" for shape, entry in s["shapes"].items())
        lines += ["", "Exponent: log(t₂/t₁) / log(size₂/size₁) between consecutive sizes; 1 is linear, "
                      "2 quadratic. t is the parse time divided by the time of a fixed reference task "
                      "(the baseline over the corpus) measured just before and after it in the same "
                      "process, which cancels most of the machine's changes of speed. "
                      f"From N to {s['scales'][-1]}N: {overall}. Peaks are tracemalloc peaks during the call, as "
                      "multiples of the UTF-8 input size; RSS growth is the process's peak resident "
                      "memory minus its resident memory before the first parse (it includes allocator "
                      "slack, and at small sizes mostly that).", ""]
    b = res.get("batch")
    if b:
        lines += [f"### Batch: {b['files']} files, {b['mb']:.1f} MB → JSON, wall time, median of {b['runs']} runs",
                  "", "| processes | convert_many MB/s | speed-up | machine's ceiling | cores busy (CPU s / wall s) "
                  "| `speech-outline convert -j N` MB/s |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in b["rows"]:
            ceiling = f"{r['ceiling']:.2f}×" if "ceiling" in r else "–"
            lines.append(f"| {r['jobs']} | {r['api_mbps']:.1f} | {r['speedup']:.2f}× | {ceiling} "
                         f"| {_f(r.get('cores_used'), 2)} | {_f(r.get('cli_mbps'))} |")
        lines += ["", "The process counts take turns in each run; a speed-up is the median of the runs' "
                      "own ratios. The machine's ceiling is how much faster N independent CPU-bound processes "
                      "(a plain Python loop, no speech_outline) finish N units of work than one process "
                      "finishes one, measured in each run right after the batches (the median of those): "
                      "the best speed-up any batch can get here. "
                      f"Load average before and after the batch runs: {b.get('load_before')}, "
                      f"{b.get('load_after')}.", ""]
    st = res.get("startup")
    if st:
        lines += [f"### Start-up: wall time, median of {st['runs']} runs", "", "| command | s |", "| --- | ---: |",
                  f"| `python -c pass` | {st['python_s']:.3f} |",
                  f"| `python -c 'import speech_outline'` | {st['import_s']:.3f} |",
                  f"| `python -m speech_outline --version` | {st['version_module_s']:.3f} |"]
        if "version_cli_s" in st:
            lines.append(f"| `speech-outline --version` | {st['version_cli_s']:.3f} |")
        lines.append("")
        extra = []
        if "importtime_cumulative_s" in st:
            extra.append(f"`-X importtime` cumulative for speech_outline: {st['importtime_cumulative_s'] * 1000:.0f} ms")
        if "cn2an_import_s" in st:
            extra.append(f"importing cn2an alone: {st['cn2an_import_s'] * 1000:.0f} ms")
        extra.append("third-party packages `import speech_outline` loads: " + (", ".join(st["third_party"]) or "none"))
        lines += ["; ".join(extra) + ".", ""]
    v = res.get("verdicts")
    if v and with_targets:
        lines += ["### Targets", "", "| target | met |", "| --- | --- |"]
        lines += [f"| {k} | {'yes' if ok else '**no**'} |" for k, ok in v.items()]
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def update_doc(path: Path, res: dict) -> None:
    """Replace the generated blocks of a page (between `<!-- bench:NAME -->` and
    `<!-- /bench:NAME -->`) with this run's figures."""
    blocks = {"summary": summary_markdown(res), "machine": machine_markdown(res),
              "date": res["machine"]["date"], "results": markdown(res, with_machine=False, with_targets=False)}
    text = path.read_text(encoding="utf-8")
    for name, body in blocks.items():
        pattern = re.compile(rf"(<!-- bench:{name} -->)(.*?)(<!-- /bench:{name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"{path}: no <!-- bench:{name} --> … <!-- /bench:{name} --> block")
        inline = "\n" not in body
        text = pattern.sub(lambda m: m.group(1) + (body if inline else f"\n\n{body.strip()}\n\n") + m.group(3), text)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Sections: corpus, large, scaling, batch, startup.")
    ap.add_argument("--quick", action="store_true", help="fewer runs, smaller inputs: a smoke test")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of Markdown")
    ap.add_argument("--runs", type=int, help="timed runs per measurement (default 7, quick 3)")
    ap.add_argument("--corpus", type=Path, default=generate.CORPUS, help="folder of *.txt (default tests/corpus)")
    ap.add_argument("--large-mb", type=float, help="size of the generated archive (default 16, quick 2)")
    ap.add_argument("--scales", type=lambda s: tuple(int(k) for k in s.split(",")),
                    help="multiples of N for the scaling table (default 1,4,16,64; quick 1,4,16); "
                         "N is the whole corpus, 0.73 MB")
    ap.add_argument("--stress-kb", type=float,
                    help="N for the stress shapes of the scaling table, in KB (default 64; quick 16)")
    ap.add_argument("--timeout", type=float, default=180.0,
                    help="give up on a scaling size after this many seconds (default 180)")
    ap.add_argument("--jobs", type=lambda s: [int(j) for j in s.split(",")],
                    help="process counts for the batch section, e.g. 1,2,4 (default 1..cores)")
    ap.add_argument("--skip", action="append", default=[], choices=["corpus", "large", "scaling", "batch", "startup"],
                    help="leave a section out (repeatable)")
    ap.add_argument("--update-doc", type=Path, metavar="PAGE",
                    help="also write the figures into PAGE's generated blocks (docs/performance.md)")
    ap.add_argument("--from-json", type=Path, metavar="FILE",
                    help="do not measure: report (or --update-doc) the results saved by --json")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child_scaling(json.loads(args.child))))
        return 0

    if args.from_json:
        res = json.loads(args.from_json.read_text(encoding="utf-8"))
        if args.update_doc:
            update_doc(args.update_doc, res)
        print(json.dumps(res, ensure_ascii=False, indent=1) if args.json else markdown(res))
        return 0

    runs = args.runs or (3 if args.quick else 7)
    large_mb = args.large_mb or (2.0 if args.quick else 16.0)
    scales = args.scales or (SCALES[:-1] if args.quick else SCALES)
    stress_kb = args.stress_kb or (16.0 if args.quick else 64.0)
    cores = os.cpu_count() or 1
    jobs = args.jobs or list(range(1, cores + 1))

    res: dict = {"machine": machine(), "options": {"quick": args.quick, "runs": runs}}
    log(f"machine: {res['machine']['cpu']}, {cores} cores, load {res['machine']['load_before']}")
    corpus = generate.load_corpus(args.corpus)
    if "corpus" not in args.skip:
        log("corpus throughput…")
        res["corpus"] = throughput([t for _, t in corpus], runs)
        res["per_document"] = per_document(corpus, max(3, runs // 2))
    large = None
    if "large" not in args.skip or "batch" not in args.skip:
        large = generate.large_corpus(int(large_mb * 1e6), corpus=corpus)
    if "large" not in args.skip:
        log(f"generated archive throughput ({large_mb:g} MB)…")
        res["large"] = throughput([t for _, t in large], max(3, runs // 2))
    with tempfile.TemporaryDirectory(prefix="speech-outline-bench-") as tmp:
        if "scaling" not in args.skip:
            log("scaling…")
            res["scaling"] = scaling(scales, int(stress_kb * 1000), 1 if args.quick else 3,
                                     args.timeout, with_json=True, memory=True, tmp=Path(tmp))
        if "batch" not in args.skip:
            log("batch…")
            res["batch"] = batch(large, jobs, 1 if args.quick else 3, Path(tmp))
    if "startup" not in args.skip:
        log("start-up…")
        res["startup"] = startup(5 if args.quick else 11)
    res["load_after"] = _load()
    res["verdicts"] = verdicts(res)
    if args.update_doc:
        update_doc(args.update_doc, res)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print(markdown(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
