"""Build retrieval chunks (JSON Lines) from a folder of documents, for search or RAG.

Each chunk is one section of a document, its text prefixed with the path of
headings above it (so "（二）压缩会议数量" keeps the "二、主要任务" it belongs to),
plus the name of the file it came from.

    python examples/build_chunks.py [FOLDER] [OUTPUT.jsonl]

FOLDER defaults to examples/samples, OUTPUT to ./chunks.jsonl. Load the result
into a vector store, or read it back with:

    [json.loads(line) for line in open("chunks.jsonl", encoding="utf-8")]
"""
import json
import sys
from pathlib import Path

from speech_outline import DecodeError, parse_file
from speech_outline.formats import write


def main(argv):
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent / "samples"
    output = Path(argv[2]) if len(argv) > 2 else Path("chunks.jsonl")

    chunks = documents = 0
    with open(output, "w", encoding="utf-8") as out:
        for path in sorted(folder.glob("*.txt")):
            try:
                outline = parse_file(path)  # UTF-8, UTF-8 with BOM or GB18030: detected
            except (OSError, DecodeError) as exc:
                print(f"skipped {path}: {exc}", file=sys.stderr)
                continue
            documents += 1
            for line in write(outline, "chunks", prefix_path=True).splitlines():
                chunk = json.loads(line)
                chunk["source"] = path.name  # where the chunk came from, for citations
                out.write(json.dumps(chunk, ensure_ascii=False) + "\n")
                chunks += 1
    print(f"{chunks} chunks from {documents} documents -> {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
