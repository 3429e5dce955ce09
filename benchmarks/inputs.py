"""Reading speed of the .docx, .html and .pdf readers, in MB/s, on files made from tests/corpus.

    python benchmarks/inputs.py [--runs N]

The files are made as the tests make them (tests/input_fixtures.py: python-docx,
reportlab; install with `pip install -e '.[test]'`). For each format it reports the
CPU time of `inputs.read_document` alone and of `parse_bytes` (reader + pipeline), as
MB/s of the file's own bytes and of the UTF-8 text it holds (1 MB = 10⁶ bytes), the
median of N runs after a warm-up run.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from input_fixtures import make_docx, make_html, make_pdf  # noqa: E402

from speech_outline.inputs import read_document  # noqa: E402
from speech_outline.parse import parse_bytes  # noqa: E402

MAKERS = {"txt": lambda text: text.encode("utf-8"), "docx": make_docx, "html": make_html, "pdf": make_pdf}


def measure(files: list[tuple[str, bytes]], fn, runs: int) -> float:
    fn(files[0][1], files[0][0])  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        start = time.process_time()
        for name, data in files:
            fn(data, name)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    text_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} corpus documents, {text_mb:.2f} MB of text; median of {args.runs} runs, CPU time\n")
    print("| format | file MB | read only: MB/s of file | MB/s of text | read + parse: MB/s of file | MB/s of text |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for fmt, make in MAKERS.items():
        files = [(f"doc{i}.{fmt}", make(t)) for i, t in enumerate(texts)]
        file_mb = sum(len(d) for _, d in files) / 1e6
        read = measure(files, lambda data, name: read_document(data, name), args.runs)
        both = measure(files, lambda data, name: parse_bytes(data, name=name), args.runs)
        print(f"| {fmt} | {file_mb:.2f} | {file_mb / read:.2f} | {text_mb / read:.2f} "
              f"| {file_mb / both:.2f} | {text_mb / both:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
