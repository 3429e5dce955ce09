"""Check the numbering of a draft and say what to fix, heading by heading.

    python examples/check_draft.py [DRAFT.txt]

DRAFT defaults to examples/samples/draft-broken-numbering.txt. Exits 1 when
something needs fixing, 0 when the numbering is clean, so it can guard a
commit or a publishing step. For a terse linter-style report, use the command:

    speech-outline check DRAFT.txt
"""
import sys
from pathlib import Path

from speech_outline import parse_file

# what to do about each kind of problem (the codes are listed in speech_outline/diagnostics.py)
ADVICE = {
    "gap": "add the missing item, or renumber the ones after it",
    "duplicate": "two headings share a number: renumber the second and those after it",
    "restart": "the numbering starts again: continue it, or check the level of this heading",
    "backwards": "the number goes back: renumber from here",
    "late-start": "this series does not start at 1: add the first items or renumber",
    "mixed-series": "use one marker style for the whole series",
    "out-of-order": "this marker style is usually a level higher: check the nesting",
}


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else (
        Path(__file__).parent / "samples" / "draft-broken-numbering.txt")
    outline = parse_file(path)
    headings = {node.line: node for node in outline.walk()}  # line → heading on it

    if not outline.diagnostics:
        print(f"{path.name}: no numbering problems in {len(headings)} headings")
        return 0
    print(f"{path.name}: {len(outline.diagnostics)} numbering problem(s)\n")
    for problem in sorted(outline.diagnostics, key=lambda d: d.line):
        node = headings.get(problem.line)
        where = f"{node.marker.text}{node.title}" if node else ""
        print(f"line {problem.line}: {where}")
        print(f"    problem: {problem.message}")
        print(f"    fix:     {ADVICE.get(problem.code, 'check the numbering here')}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
