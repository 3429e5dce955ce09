"""examples/: each script runs as a user would run it, on the sample documents."""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from speech_outline import parse_file
from speech_outline.formats import write

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SAMPLES = EXAMPLES / "samples"
DRAFT = SAMPLES / "draft-broken-numbering.txt"


def run_example(script: str, *args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(EXAMPLES / script), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120)


def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def test_the_samples_are_there():
    names = {p.name for p in sample_paths()}
    assert {"draft-broken-numbering.txt", "notice-gov-new-media.txt", "regulation-port-opening.txt",
            "speech-nansha-sixgood.txt", "speech-political-building.txt"} <= names
    assert (EXAMPLES / "README.md").is_file()
    for script in ("speeches_to_opml.py", "build_chunks.py", "check_draft.py", "walk_outline.py"):
        assert f"examples/{script}" in (EXAMPLES / "README.md").read_text(encoding="utf-8")


def test_speeches_to_opml(tmp_path):
    proc = run_example("speeches_to_opml.py", SAMPLES, tmp_path / "maps", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == [
        p.stem + ".opml" for p in sample_paths()]
    assert proc.stdout.splitlines()[0] == f"{sample_paths()[0]} -> {tmp_path / 'maps' / (sample_paths()[0].stem + '.opml')}"
    for path in sample_paths():
        root = ET.parse(tmp_path / "maps" / f"{path.stem}.opml").getroot()
        assert root.tag == "opml"
        outline = parse_file(path)
        texts = [o.get("text") for o in root.find("body").iter("outline")]
        nodes = list(outline.walk())
        assert len(texts) == len(nodes)
        assert all(text.startswith(node.marker.text) for text, node in zip(texts, nodes))


def test_speeches_to_opml_reports_a_bad_file_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("一、总体要求\n二、主要任务\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    proc = run_example("speeches_to_opml.py", folder, tmp_path / "out", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == f"skipped {folder / 'b.txt'}: empty file\n"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.opml"]


def test_build_chunks(tmp_path):
    proc = run_example("build_chunks.py", SAMPLES, "chunks.jsonl", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    chunks = [json.loads(line) for line in (tmp_path / "chunks.jsonl").read_text(encoding="utf-8").splitlines()]
    assert proc.stdout == f"{len(chunks)} chunks from {len(sample_paths())} documents -> chunks.jsonl\n"
    for path in sample_paths():
        mine = [c for c in chunks if c["source"] == path.name]
        library = [json.loads(line) for line in
                   write(parse_file(path), "chunks", prefix_path=True).splitlines()]
        assert [{k: v for k, v in c.items() if k != "source"} for c in mine] == library


def test_check_draft_finds_the_broken_numbering(tmp_path):
    proc = run_example("check_draft.py", DRAFT, cwd=tmp_path)
    assert proc.returncode == 1
    out = proc.stdout
    assert out.startswith("draft-broken-numbering.txt: 4 numbering problem(s)\n")
    assert "line 10: （二）规范督查检查考核。\n    problem: '（二）' repeats the number of '（二）' (line 9)\n" in out
    assert "    fix:     two headings share a number" in out
    assert [line.split(":")[0] for line in out.splitlines() if line.startswith("line ")] == [
        "line 10", "line 11", "line 14", "line 15"]


def test_check_draft_on_a_clean_document(tmp_path):
    proc = run_example("check_draft.py", SAMPLES / "regulation-port-opening.txt", cwd=tmp_path)
    nodes = len(list(parse_file(SAMPLES / "regulation-port-opening.txt").walk()))
    assert (proc.returncode, proc.stdout) == (
        0, f"regulation-port-opening.txt: no numbering problems in {nodes} headings\n")


@pytest.mark.parametrize("sample, level", [("regulation-port-opening.txt", 1), ("notice-gov-new-media.txt", 2)])
def test_walk_outline(tmp_path, sample, level):
    path = SAMPLES / sample
    proc = run_example("walk_outline.py", path, level, cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    outline = parse_file(path)
    lines = proc.stdout.splitlines()
    assert lines[0] == f"# {outline.title}"
    nodes = list(outline.walk())
    tree = lines[2:2 + len(nodes)]
    for line, node in zip(tree, nodes):  # indented by depth, marker first, with its line number
        assert line.startswith("    " * (node.level - 1) + node.marker.text)
        assert f"(line {node.line}, " in line
    at = lines.index(f"level {level} headings:")
    assert lines[at + 1:] == [f"- {node.title}" for node in nodes if node.level == level]
    assert len(lines[at + 1:]) > 1


def test_convert_folder_reads_word_pdf_and_text(tmp_path):
    from input_fixtures import make_docx, make_pdf

    text = (SAMPLES / "notice-gov-new-media.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notice.txt").write_text(text, encoding="utf-8")
    (folder / "word.docx").write_bytes(make_docx(text))
    (folder / "scan.pdf").write_bytes(make_pdf(text))
    (folder / "broken.docx").write_text("不是 Word 文件", encoding="utf-8")
    proc = run_example("convert_folder.py", folder, tmp_path / "out", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == f"skipped {folder / 'broken.docx'}: named .docx but the content is text\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "notice.md", "notice.opml", "scan.md", "scan.opml", "word.md", "word.opml"]
    assert "scan.pdf (pdf, 6 pages)" in proc.stdout and "word.docx (docx)" in proc.stdout

    def headings(name):
        return [line for line in (tmp_path / "out" / name).read_text(encoding="utf-8").splitlines()
                if line.startswith("#")]
    assert headings("word.md") == headings("notice.md") == headings("scan.md")
    assert len(headings("notice.md")) > 10
    assert "convert_folder.py" in (EXAMPLES / "README.md").read_text(encoding="utf-8")
