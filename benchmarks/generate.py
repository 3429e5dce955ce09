"""Deterministic benchmark inputs built from the test corpus (tests/corpus/*.txt).

* `large_corpus` — an archive of many documents: each joins one to three corpus
  documents, renumbers the joined ones so their numbering continues (第五十一条
  after 第五十条, 六、 after 五、), and varies the surface as real files vary
  (half-width brackets, CRLF line ends, full-width indentation, blank lines).
  A joined document loses the web-page furniture at the end of its parts but the last.
* `corpus_passes` — one document made of k passes over the whole corpus, built the same
  way (for scaling: every size has the same mix of document kinds).
* `one_line` — the same text with every line break lost (a page pasted as one line).
* `inline_points`, `unopened_series` — one long paragraph of a shape that once made a
  step of the parser quadratic (see tests/test_scaling.py).

The same seed gives the same bytes on every machine and Python version: only
`random.Random` with a fixed seed and plain string operations are used.

    python benchmarks/generate.py OUT_DIR [--mb 16]   # write the large corpus as files
"""
from __future__ import annotations

import argparse
import glob
import os
import random
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
SEED = 20240607

_DIGITS = "零一二三四五六七八九"
_VALUE = {ch: i for i, ch in enumerate(_DIGITS)} | {"〇": 0, "○": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}
# Markers at a line start whose numbering a joined document continues.
_RENUMBER = re.compile(
    r"^(?P<lead>[ \t\u3000]*)(?:第(?P<law>[零〇○一二三四五六七八九十百千]+)(?P<unit>编|章|节|条)"
    r"|(?P<dun>[一二三四五六七八九十]+)、)",
    re.M,
)
_CAP = {"编": 99, "章": 999, "节": 999, "条": 2000, "、": 99}  # beyond: start again (a new volume)
# Where a web page's furniture begins (related links, copyright notes): a joined document
# loses it, or everything after it would be page furniture too (and cheap to parse).
_WEB_TAIL = re.compile(r"^[ \t\u3000]*(?:本文(?:内容)?由|相关(?:推荐|文章|阅读)|猜你喜欢|上一篇|下一篇"
                       r"|如若转载|转载请注明|版权|免责声明)", re.M)


def load_corpus(folder: Path = CORPUS) -> list[tuple[str, str]]:
    """(name, text) of every corpus document, in name order."""
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            out.append((Path(path).stem, f.read()))
    if not out:
        raise SystemExit(f"no *.txt documents in {folder}")
    return out


def cn_to_int(text: str) -> int:
    """'一千零四十' → 1040, '十二' → 12 (numerals up to 9999)."""
    total, digit = 0, None
    for ch in text:
        if ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            digit = _VALUE[ch]
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """1040 → '一千零四十', 12 → '十二' (1 ≤ n ≤ 9999)."""
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero:
                out += "零"
            out += ("" if (unit == 10 and d == 1 and not out) else _DIGITS[d]) + name
            zero = False
        elif out:
            zero = True
    return out


def renumber(text: str, offsets: dict[str, int]) -> str:
    """Shift the numbering of `text` by `offsets` (per unit: 章, 条, 、…) and record the
    highest number reached in `offsets`, so the next document continues from there."""
    highest = dict(offsets)

    def shift(m: re.Match) -> str:
        unit = m.group("unit") or "、"
        numeral = m.group("law") or m.group("dun")
        value = cn_to_int(numeral) + offsets.get(unit, 0)
        if value > _CAP[unit]:
            value = cn_to_int(numeral)
        highest[unit] = max(highest.get(unit, 0), value)
        if unit == "、":
            return f"{m.group('lead')}{int_to_cn(value)}、"
        return f"{m.group('lead')}第{int_to_cn(value)}{unit}"

    out = _RENUMBER.sub(shift, text)
    for unit, value in highest.items():
        offsets[unit] = value if value < _CAP[unit] else 0
    return out


def _surface(text: str, rng: random.Random) -> str:
    """Vary how the document is written down, not what it says."""
    if rng.random() < 0.3:  # half-width brackets: (一) (1)
        text = text.replace("（", "(").replace("）", ")")
    if rng.random() < 0.3:  # every paragraph indented by two ideographic spaces
        text = "\n".join("\u3000\u3000" + line if line.strip() and not line[:1].isspace() else line
                         for line in text.split("\n"))
    if rng.random() < 0.2:  # a blank line between paragraphs
        text = text.replace("\n", "\n\n")
    if rng.random() < 0.2:  # Windows line ends
        text = text.replace("\n", "\r\n")
    return text


def _without_tail(text: str) -> str:
    m = _WEB_TAIL.search(text)
    return text[:m.start()] if m else text


def _part(text: str, offsets: dict[str, int], last: bool) -> str:
    part = renumber(text if last else _without_tail(text), offsets)
    return part if part.endswith("\n") else part + "\n"


def _joined(docs: list[str], rng: random.Random, count: int) -> str:
    offsets: dict[str, int] = {}
    return "".join(_part(rng.choice(docs), offsets, i == count - 1) for i in range(count))


def large_corpus(target_bytes: int, seed: int = SEED, corpus: list[tuple[str, str]] | None = None
                 ) -> list[tuple[str, str]]:
    """(name, text) documents totalling at least `target_bytes` of UTF-8."""
    docs = [text for _, text in (corpus or load_corpus())]
    rng = random.Random(seed)
    out, total = [], 0
    while total < target_bytes:
        text = _surface(_joined(docs, rng, rng.choice((1, 1, 2, 3))), rng)
        out.append((f"doc-{len(out):05d}", text))
        total += len(text.encode("utf-8"))
    return out


def corpus_passes(passes: int, seed: int = SEED, corpus: list[tuple[str, str]] | None = None) -> str:
    """One document made of `passes` passes over every corpus document, in a fixed shuffled
    order, renumbered to continue one another: k passes are k times the size of one, with
    the same mix of laws, notices, reports and speeches at every size."""
    docs = [text for _, text in (corpus or load_corpus())]
    random.Random(seed).shuffle(docs)
    offsets: dict[str, int] = {}
    return "".join(_part(text, offsets, last=False) for _ in range(passes) for text in docs)


def one_line(text: str) -> str:
    """Every line break removed: a document pasted as a single line."""
    return text.replace("\r", "").replace("\n", "")


def inline_points(target_bytes: int) -> str:
    """A paragraph of inline points with no sentence end: 表现在：一是……；一是……；…"""
    unit = "一是加强组织领导；"
    return "表现在：" + unit * max(1, target_bytes // len(unit.encode("utf-8")))


def unopened_series(target_bytes: int) -> str:
    """A paragraph with many markers of a series that never opens: ……。2、……。2、……"""
    unit = "文字文字文字。2、文字文字"
    return "开头文字。" + unit * max(1, target_bytes // len(unit.encode("utf-8")))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--mb", type=float, default=16.0, help="size of the corpus in MB (default 16)")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    docs = large_corpus(int(args.mb * 1e6), args.seed)
    for name, text in docs:
        (args.out / f"{name}.txt").write_bytes(text.encode("utf-8"))
    print(f"{len(docs)} documents, {sum(len(t.encode()) for _, t in docs) / 1e6:.1f} MB -> {args.out}")


if __name__ == "__main__":
    main()
