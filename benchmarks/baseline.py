"""The hand-written baseline: the outline script people write before they find a library.

Four regular expressions, tried at the start of each stripped line, give a fixed level
(一、 → 1, （一） → 2, 1. → 3, （1） → 4), and a stack nests the headings. No 章/条, no
speech ordinals, no noise filter, no diagnostics, no positions beyond the line number:
it is here to say how fast the simplest possible tool is, not how good it is
(the research notes, ``peers.md``, call it the naive baseline and score it).

Two ways of writing it are timed. `outline_uncompiled` calls
``re.match(pattern_string, line)`` on every line, as such scripts are usually first
written; on this machine it runs at the ~90 MB/s the issue quotes for "the baseline"
(in the run that put RAGFlow at ~5 MB/s), so the targets are read against it.
`outline` compiles the patterns once and runs about twice as fast: the benchmark
reports parse against it too, as the strict reading.

    python benchmarks/baseline.py FILE.txt       # print the tree
"""
from __future__ import annotations

import json
import re
import sys

# (level, pattern): 一、 → 1, （一） → 2, 1. → 3, （1） → 4
PATTERNS = (
    (1, r"[一二三四五六七八九十]+、"),
    (2, r"[(（][一二三四五六七八九十]+[)）]"),
    (3, r"\d{1,2}[.．、](?!\d)"),
    (4, r"[(（]\d{1,2}[)）]"),
)
COMPILED = tuple((level, re.compile(pattern)) for level, pattern in PATTERNS)


def outline(text: str) -> list:
    """The heading tree: a list of {level, marker, title, line, body, children} dicts."""
    return _outline(text, re.Pattern.match, COMPILED)


def outline_uncompiled(text: str) -> list:
    """The same script as most people first write it: `re.match` with the pattern text on
    every line (Python's pattern cache makes this work, at a cost per call)."""
    return _outline(text, re.match, PATTERNS)


def _outline(text: str, match, patterns: tuple) -> list:
    root = {"level": 0, "children": [], "body": []}
    stack = [root]
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        for level, pattern in patterns:
            m = match(pattern, line)
            if m:
                break
        else:
            stack[-1]["body"].append(line)
            continue
        node = {"level": level, "marker": m.group(), "title": line[m.end():], "line": number,
                "body": [], "children": []}
        while stack[-1]["level"] >= level:  # under the nearest open heading of a higher level
            stack.pop()
        stack[-1]["children"].append(node)
        stack.append(node)
    return root["children"]


def to_json(text: str) -> str:
    """The tree as JSON (the baseline's counterpart of parse + the JSON writer)."""
    return json.dumps(outline(text), ensure_ascii=False)


def _print(nodes: list, depth: int = 0) -> None:
    for node in nodes:
        print("  " * depth + node["marker"] + node["title"])
        _print(node["children"], depth + 1)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        _print(outline(f.read()))
