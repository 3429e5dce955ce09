"""Convert a folder of speeches to OPML, one file per speech, for a mind-map app.

Mind-map and outliner apps (XMind, MindNode, SimpleMind, iThoughts, OmniOutliner,
Workflowy…) import OPML: each heading becomes a node, its paragraphs a note.

    python examples/speeches_to_opml.py [FOLDER] [OUTPUT_FOLDER]

FOLDER defaults to examples/samples, OUTPUT_FOLDER to ./mindmaps. The same from
the shell, without Python:

    speech-outline convert -t opml -r FOLDER --output-dir OUTPUT_FOLDER -j 2
"""
import sys
from pathlib import Path

from speech_outline.batch import convert_many


def main(argv):
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent / "samples"
    output = Path(argv[2]) if len(argv) > 2 else Path("mindmaps")
    output.mkdir(parents=True, exist_ok=True)

    paths = sorted(folder.glob("*.txt"))
    failed = 0
    # Two worker processes; the results still come back in the order of `paths`.
    # A file that cannot be read comes back with .error set; the others still convert.
    # Add body_as_children=True to get paragraphs as child nodes instead of notes.
    for result in convert_many(paths, "opml", jobs=2):
        if not result.ok:
            print(f"skipped {result.path}: {result.error}", file=sys.stderr)
            failed += 1
            continue
        target = output / (Path(result.path).stem + ".opml")
        target.write_text(result.output, encoding="utf-8")
        print(f"{result.path} -> {target}")
    return 1 if failed else 0


if __name__ == "__main__":  # needed: worker processes import this file
    sys.exit(main(sys.argv))
