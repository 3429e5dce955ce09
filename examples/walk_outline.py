"""Walk an Outline in Python: print the heading tree, then the headings of one level.

    python examples/walk_outline.py [DOCUMENT.txt] [LEVEL]

DOCUMENT defaults to examples/samples/regulation-port-opening.txt, LEVEL to 1.
"""
import sys
from pathlib import Path

from speech_outline import parse_file


def print_tree(nodes, depth=0):
    """Each heading indented by its depth, with its line and how much prose it has."""
    for node in nodes:
        prose = sum(len(text) for text in node.body_texts)
        title = node.title if len(node.title) <= 30 else node.title[:29] + "…"
        print(f"{'    ' * depth}{node.marker.text}{title}  (line {node.line}, {prose} chars)")
        print_tree(node.children, depth + 1)


def headings_at(outline, level):
    """The titles of every heading at `level` (1 = top), in document order."""
    return [node.title for node in outline.walk() if node.level == level]


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else (
        Path(__file__).parent / "samples" / "regulation-port-opening.txt")
    level = int(argv[2]) if len(argv) > 2 else 1
    outline = parse_file(path)

    print(f"# {outline.title or path.name}\n")
    print_tree(outline.nodes)
    print(f"\nlevel {level} headings:")
    for title in headings_at(outline, level):
        print(f"- {title}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
