"""Convert a folder of mixed documents (.docx, .pdf, .html, .txt) to Markdown and OPML.

Word files keep their automatic numbering (一、 （一） 第一条 drawn by Word are read
from the list definitions), web pages are cut down to their text, PDFs lose their
running headers and page numbers. Each document gives <name>.md and <name>.opml.

    python examples/convert_folder.py [FOLDER] [OUTPUT_FOLDER]

FOLDER defaults to examples/samples, OUTPUT_FOLDER to ./converted. Reading PDFs
needs `pip install 'speech-outline[pdf]'` (and web pages read best with
`speech-outline[html]`). The same from the shell, one format at a time:

    speech-outline convert -r FOLDER -t markdown --output-dir OUTPUT_FOLDER
"""
import sys
from pathlib import Path

from speech_outline import DecodeError, parse_file
from speech_outline.formats import write
from speech_outline.inputs import EXTENSIONS

OUTPUTS = {"markdown": ".md", "opml": ".opml"}


def main(argv):
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent / "samples"
    output = Path(argv[2]) if len(argv) > 2 else Path("converted")
    output.mkdir(parents=True, exist_ok=True)

    failed = 0
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in EXTENSIONS):
        try:
            outline = parse_file(path)  # the content decides how it is read
        except (DecodeError, OSError) as exc:  # not a readable .docx, a scanned PDF…
            print(f"skipped {path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        # Two documents with one name (a.docx, a.pdf) would share an output: keep the extension.
        stem = path.stem if sum(p.stem == path.stem for p in folder.iterdir()) == 1 else path.name
        for fmt, ext in OUTPUTS.items():
            (output / (stem + ext)).write_text(write(outline, fmt), encoding="utf-8")
        kind = outline.source.format if outline.source else "text"
        pages = f", {outline.source.lines[-1].page} pages" if kind == "pdf" else ""
        print(f"{path} ({kind}{pages}): {sum(1 for _ in outline.walk())} headings -> "
              f"{output / (stem + '.md')}, {output / (stem + '.opml')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
