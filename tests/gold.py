"""Gold outlines (the case format of tests/corpus/FORMAT.md) and the scorer's measures."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

TRAILING = "。.!！?？;；:：,，、 \t"


def norm(title):
    """The scorer's comparison: NFKC, no white space, no trailing punctuation."""
    return "".join(unicodedata.normalize("NFKC", title or "").split()).rstrip(TRAILING)


def cases(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.json"))


def gold_tree(folder: Path, case: str) -> tuple[dict, dict[int, tuple[int, str]]]:
    """The gold JSON, and its headings flat: line → (parent's line or 0, normalised title)."""
    gold = json.loads((folder / f"{case}.json").read_text(encoding="utf-8"))
    flat = {}

    def walk(nodes, parent):
        for node in nodes:
            flat[node["line"]] = (parent, norm(node["title"]))
            walk(node["children"], node["line"])

    walk(gold["outline"], 0)
    return gold, flat


def predicted_tree(outline) -> dict[int, tuple[int, str]]:
    flat = {}

    def walk(nodes, parent):
        for node in nodes:
            flat[node.line] = (parent, norm(node.title))
            walk(node.children, node.line)

    walk(outline.nodes, 0)
    return flat


def f1_scores(golds: list[dict], preds: list[dict]) -> tuple[float, float]:
    """Heading F1 and tree F1 (a heading found under the right parent) over documents, as the scorer counts."""
    gold_total = pred_total = found = right_parent = 0
    for gold, pred in zip(golds, preds):
        hits = [line for line in pred if line in gold]
        gold_total += len(gold)
        pred_total += len(pred)
        found += len(hits)
        right_parent += sum(pred[line][0] == gold[line][0] for line in hits)

    def f1(k):
        p, r = k / pred_total, k / gold_total
        return 2 * p * r / (p + r) if k else 0.0

    return f1(found), f1(right_parent)
