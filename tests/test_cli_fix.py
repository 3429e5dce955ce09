"""`speech-outline fix`: what a drafter sees, and that the only copy of a document is safe."""
from __future__ import annotations

import codecs
import os
import subprocess
from pathlib import Path

import pytest

from speech_outline import atomic, cli
from test_cli import command, run  # noqa: F401 (fixtures)

CORPUS = Path(__file__).parent / "corpus"
DRAFT = "实施方案\n一、总体要求\n（一）指导思想。\n(三)基本原则。\n三、主要任务\n"
FIXED = "实施方案\n一、总体要求\n（一）指导思想。\n（二）基本原则。\n二、主要任务\n"
CLEAN = FIXED


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_fix_writes_the_fixed_text_to_stdout(run, tmp_path):
    write(tmp_path, "draft.txt", DRAFT.encode())
    result = run("fix", "draft.txt")
    assert (result.rc, result.out, result.err) == (0, FIXED, "")
    assert (tmp_path / "draft.txt").read_bytes() == DRAFT.encode()  # the input is not touched


def test_fix_reads_stdin(run):
    result = run("fix", "-", stdin=DRAFT.encode())
    assert (result.rc, result.out) == (0, FIXED)


def test_diff_is_a_unified_diff(run, tmp_path):
    write(tmp_path, "draft.txt", DRAFT.encode())
    result = run("fix", "--diff", "draft.txt")
    assert result.rc == 0
    assert result.out.splitlines() == [
        "--- draft.txt", "+++ draft.txt", "@@ -1,5 +1,5 @@", " 实施方案", " 一、总体要求", " （一）指导思想。",
        "-(三)基本原则。", "-三、主要任务", "+（二）基本原则。", "+二、主要任务"]


def test_check_lists_changes_and_exits_1_and_writes_nothing(run, tmp_path):
    write(tmp_path, "draft.txt", DRAFT.encode())
    write(tmp_path, "clean.txt", CLEAN.encode())
    result = run("fix", "--check", "draft.txt", "clean.txt")
    assert result.rc == 1
    assert result.out.splitlines() == [
        "draft.txt:4: (三) → （二） (numbered 2: in sequence after line 3; one spelling per level: "
        "the series writes （一）)",
        "draft.txt:5: 三、 → 二、 (numbered 2: in sequence after line 2)"]
    assert (tmp_path / "draft.txt").read_bytes() == DRAFT.encode()
    assert run("fix", "--check", "clean.txt").rc == 0


def test_check_passes_on_the_corpus(run):
    """The seed speeches and every corpus document are numbered right (notes are warnings)."""
    result = run("fix", "--check", "-r", CORPUS)
    assert (result.rc, result.out) == (0, ""), result.err
    assert "speech-nansha-sixgood.txt" not in result.err and "speech-political-building.txt" not in result.err


@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\n"), ("utf-8", codecs.BOM_UTF8, "\r\n"), ("gb18030", b"", "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"), ("utf-16-be", codecs.BOM_UTF16_BE, "\r"),
])
def test_in_place_keeps_encoding_bom_and_line_endings(run, tmp_path, encoding, bom, newline):
    path = write(tmp_path, "draft.txt", bom + DRAFT.replace("\n", newline).encode(encoding))
    os.chmod(path, 0o640)
    result = run("fix", "--in-place", "draft.txt")
    assert (result.rc, result.out, result.err) == (0, "", "")
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(os.listdir(tmp_path)) == ["draft.txt"]


def test_stdout_keeps_the_input_encoding(command, tmp_path):
    path = write(tmp_path, "draft.txt", DRAFT.encode("gb18030"))
    assert subprocess.run([command, "fix", path], capture_output=True).stdout == FIXED.encode("gb18030")


def test_options_reach_fix(run, tmp_path):
    write(tmp_path, "draft.txt", "方案\n三．总体要求\n(一)指导思想。\n四．主要任务\n".encode())
    assert run("fix", "draft.txt").out == "方案\n三．总体要求\n(一)指导思想。\n四．主要任务\n"
    assert run("fix", "--restart", "--style", "gbt", "draft.txt").out == \
        "方案\n一、总体要求\n（一）指导思想。\n二、主要任务\n"
    law = "第一条 为了规范管理，制定本法。\n第三条 依照本法第四条办理。\n第四条 本法自公布之日起施行。\n"
    write(tmp_path, "law.txt", law.encode())
    reported = run("fix", "law.txt")
    assert reported.err == ("speech-outline: warning: law.txt:2: 第四条: refers to article 4, now 第三条: "
                            "not updated (--update-references updates it)\n")
    assert "依照本法第三条办理" in run("fix", "--update-references", "law.txt").out
    assert run("fix", "-q", "law.txt").err == ""


@pytest.mark.parametrize("args, message", [
    (("fix", "a.txt", "b.txt"), "several inputs: use --in-place, --diff or --check"),
    (("fix", "--in-place", "-"), "stdin cannot be fixed in place"),
    (("fix", "--in-place", "--check", "a.txt"), "--check writes nothing"),
    (("fix", "--in-place", "--diff", "a.txt"), "not allowed with argument"),
    (("fix", "--style", "apa", "a.txt"), "invalid choice"),
])
def test_usage_errors(run, tmp_path, args, message):
    write(tmp_path, "a.txt", DRAFT.encode())
    write(tmp_path, "b.txt", DRAFT.encode())
    result = run(*args)
    assert result.rc == 2 and message in result.err
    assert (tmp_path / "a.txt").read_bytes() == DRAFT.encode()


@pytest.mark.parametrize("name, data, message", [
    ("missing.txt", None, "no such file or directory"),
    ("empty.txt", b"  \n", "empty file"),
    ("binary.txt", b"\x00\x01PK\x03\x04", "binary data, not text"),
    ("latin.txt", "实施".encode("utf-8")[:-1] + b"\xff\xfe", "neither UTF-8"),
])
def test_bad_input_is_one_line_and_the_file_is_left(run, tmp_path, name, data, message):
    if data is not None:
        write(tmp_path, name, data)
    result = run("fix", "--in-place", name)
    assert result.rc == 1 and result.out == ""
    assert result.err.startswith(f"speech-outline: error: {name}: ") and message in result.err
    assert len(result.err.splitlines()) == 1
    if data is not None:
        assert (tmp_path / name).read_bytes() == data
    assert sorted(os.listdir(tmp_path)) == ([] if data is None else [name])


def test_a_bad_file_does_not_stop_the_others(run, tmp_path):
    write(tmp_path, "a.txt", DRAFT.encode())
    write(tmp_path, "b.txt", b"")
    result = run("fix", "--in-place", "a.txt", "b.txt")
    assert result.rc == 1 and "b.txt: empty file" in result.err
    assert (tmp_path / "a.txt").read_bytes() == FIXED.encode()


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_in_place_never_loses_the_original_when_writing_fails(tmp_path, monkeypatch, capsys, failing):
    """A failure injected at each step of the atomic write: the original stays whole, no
    temporary file is left, the error is one line."""
    path = write(tmp_path, "draft.txt", DRAFT.encode())

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        monkeypatch.setattr(atomic.AtomicFile, "write", broken)
    else:
        monkeypatch.setattr(os, failing, broken)
    assert cli.main(["fix", "--in-place", str(path)]) == 1
    assert path.read_bytes() == DRAFT.encode()
    assert os.listdir(tmp_path) == ["draft.txt"]
    err = capsys.readouterr().err
    assert err == f"speech-outline: error: {path}: cannot write: no space left on device\n"


def test_in_place_leaves_a_file_that_needs_nothing_alone(run, tmp_path):
    path = write(tmp_path, "clean.txt", CLEAN.encode())
    os.utime(path, (1, 1))
    assert run("fix", "--in-place", "clean.txt").rc == 0
    assert path.stat().st_mtime == 1
