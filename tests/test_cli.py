"""The installed `speech-outline` command, run as a subprocess: what a user sees."""
from __future__ import annotations

import codecs
import json
import os
import platform
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import speech_outline
from speech_outline import batch, parse
from speech_outline import formats
from speech_outline.formats import FORMATS, write

COMMAND = shutil.which("speech-outline", path=os.path.dirname(sys.executable))
SAMPLES = Path(__file__).resolve().parent.parent / "examples" / "samples"
SAMPLE = SAMPLES / "notice-gov-new-media.txt"
EXTENSIONS = {"json": ".json", "markdown": ".md", "opml": ".opml", "chunks": ".jsonl", "html": ".html"}
EPOCH = "1700000000"  # SOURCE_DATE_EPOCH: OPML's <dateCreated>, so outputs can be compared

DOC = "关于{name}的通知\n一、总体要求\n（一）指导思想。以新思想为指导。\n（二）基本原则。\n二、主要任务\n"
DRAFT = "实施方案\n一、总体要求\n（一）指导思想。\n（三）基本原则。\n三、主要任务\n"
DRAFT_PROBLEMS = [
    "4: '（三）' follows '（一）' (line 3): number 2 missing [gap]",
    "5: '三、' follows '一、' (line 2): number 2 missing [gap]",
]


class Run:
    def __init__(self, proc: subprocess.CompletedProcess, cwd: Path):
        self.cwd = cwd
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.out = proc.stdout.decode("utf-8")
        self.err = proc.stderr.decode("utf-8")

    def __repr__(self):
        return f"<rc={self.rc} out={self.out[:200]!r} err={self.err!r}>"


@pytest.fixture(scope="session")
def command():
    if COMMAND is None:
        pytest.fail(f"speech-outline is not installed next to {sys.executable}; "
                    "run `.venv/bin/pip install -e .`")
    return COMMAND


@pytest.fixture
def run(command, tmp_path):
    """Run `speech-outline ARGS` in tmp_path; stdin is bytes (empty unless given)."""
    def run(*args, stdin=b"", cwd=None, env=None, umask=None):
        environment = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, **(env or {}))
        proc = subprocess.run([command, *map(str, args)], input=stdin, capture_output=True,
                              cwd=cwd or tmp_path, env=environment, timeout=120,
                              preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)
        return Run(proc, Path(cwd or tmp_path))
    return run


def expected(text: str, fmt: str = "json", source: str | None = None, **options) -> str:
    """What the library gives for `text`: the command must give exactly this (chunks name
    their `source`, the input as given on the command line)."""
    if source is not None and formats.writer(fmt).accepts("source"):
        options["source"] = source
    if formats.writer(fmt).accepts("date_created"):
        import datetime
        options["date_created"] = datetime.datetime.fromtimestamp(int(EPOCH), datetime.timezone.utc)
    return write(parse(text), fmt, **options)


def doc(tmp_path: Path, name: str, text: str | None = None, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((DOC.format(name=Path(name).stem) if text is None else text).encode(encoding))
    return path


def json_stream(text: str) -> list:
    """Several JSON documents one after another (what several inputs give on stdout)."""
    decoder, docs, at = json.JSONDecoder(), [], 0
    while at < len(text.rstrip()):
        value, at = decoder.raw_decode(text, at)
        docs.append(value)
        while at < len(text) and text[at].isspace():
            at += 1
    return docs


def headings(outline: dict) -> list[tuple]:
    """(line, level, marker, title) of every heading in a JSON outline, in document order."""
    found = []

    def walk(nodes):
        for node in nodes:
            found.append((node["line"], node["level"], node["marker"], node["title"]))
            walk(node["children"])
    walk(outline["children"])
    return found


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------- the command itself

def test_version(run):
    r = run("--version")
    assert (r.rc, r.out, r.err) == (0, f"speech-outline {speech_outline.__version__}\n", "")


def test_python_dash_m_is_the_same_command(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "speech_outline", "--version"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, f"speech-outline {speech_outline.__version__}\n")


def test_help_shows_examples(run):
    r = run("--help")
    assert r.rc == 0
    assert "examples:" in r.out
    assert "speech-outline convert -r speeches/ -t opml --output-dir mindmaps/ -j 4" in r.out
    assert "check" in r.out


def test_convert_help_documents_inputs_outputs_and_exit_status(run):
    r = run("convert", "--help")
    assert r.rc == 0
    for text in ("examples:", 'An empty file (no bytes, or only white space) is an error: "empty file"',
                 "--output-dir DIR", "--encoding NAME", "-j N", "exit status: 0 all converted, 1"):
        assert text in r.out


def test_check_help_shows_the_line_shape(run):
    r = run("check", "--help")
    assert r.rc == 0
    assert "FILE:LINE: message [code]" in r.out
    assert "exit status: 0 no problem found, 1" in r.out


def test_no_command_is_a_usage_error(run):
    r = run()
    assert r.rc == 2
    assert r.err.startswith("usage: speech-outline")
    assert r.err.splitlines()[-1].startswith("speech-outline: error:")


# ---------------------------------------------------------------- convert: formats, stdin, stdout

def test_convert_writes_json_to_stdout_by_default(run, tmp_path):
    path = doc(tmp_path, "a.txt")
    r = run("convert", "a.txt")
    assert (r.rc, r.err) == (0, "")
    assert r.out == expected(path.read_text(encoding="utf-8"))
    assert json.loads(r.out)["title"] == "关于a的通知"


@pytest.mark.parametrize("args", [(), ("-",)], ids=["no-file", "dash"])
def test_convert_reads_stdin(run, args):
    text = DOC.format(name="stdin")
    r = run("convert", *args, stdin=text.encode("utf-8"))
    assert (r.rc, r.err) == (0, "")
    assert r.out == expected(text)


@pytest.mark.parametrize("fmt, flags, options", [
    ("json", ["--indent", "3"], {"indent": 3}),
    ("json", ["--no-include-noise"], {"include_noise": False}),
    ("markdown", ["--include-noise"], {"include_noise": True}),
    ("opml", ["--body-as-children"], {"body_as_children": True}),
    ("chunks", ["--prefix-path"], {"prefix_path": True}),
])
def test_writer_options_reach_the_writer(run, fmt, flags, options):
    sample = SAMPLES / "speech-political-building.txt"  # has page furniture (noise)
    r = run("convert", "-t", fmt, *flags, sample)
    assert (r.rc, r.err) == (0, "")
    text = sample.read_text(encoding="utf-8")
    assert r.out == expected(text, fmt, str(sample), **options)
    assert r.out != expected(text, fmt, str(sample))  # the option changed something


@pytest.mark.parametrize("fmt, flag", [("json", "--body-as-children"), ("markdown", "--indent")])
def test_an_option_for_another_format_is_a_usage_error(run, tmp_path, fmt, flag):
    option = flag[2:].replace("-", "_")
    if formats.writer(fmt).accepts(option):
        pytest.skip(f"the {fmt} writer takes {option}")
    doc(tmp_path, "a.txt")
    args = [flag, "2"] if flag == "--indent" else [flag]
    r = run("convert", "-t", fmt, *args, "a.txt")
    assert (r.rc, r.out) == (2, "")
    assert r.err.splitlines()[-1] == f"speech-outline convert: error: {flag} does not apply to -t {fmt}"


@pytest.mark.parametrize("args", [["-t", "docx"], ["--indent", "-1"], ["-j", "-2"], ["-j", "many"]])
def test_bad_option_values_are_usage_errors(run, tmp_path, args):
    doc(tmp_path, "a.txt")
    r = run("convert", *args, "a.txt")
    assert (r.rc, r.out) == (2, "")
    assert r.err.splitlines()[-1].startswith("speech-outline convert: error: argument")


# ---------------------------------------------------------------- convert: output files

@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_format_is_what_the_library_writes_and_the_extension_chooses_it(run, fmt):
    r = run("convert", SAMPLE, "-o", f"out{EXTENSIONS[fmt]}")
    assert (r.rc, r.out, r.err) == (0, "", "")
    written = (r.cwd / f"out{EXTENSIONS[fmt]}").read_text(encoding="utf-8")
    assert written == expected(SAMPLE.read_text(encoding="utf-8"), fmt, str(SAMPLE))


def test_to_wins_over_the_output_extension(run, tmp_path):
    path = doc(tmp_path, "a.txt")
    assert run("convert", "-t", "markdown", "a.txt", "-o", "out.json").rc == 0
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == expected(
        path.read_text(encoding="utf-8"), "markdown")


def test_output_dash_is_stdout(run, tmp_path):
    path = doc(tmp_path, "a.txt")
    r = run("convert", "a.txt", "-o", "-")
    assert (r.rc, r.out) == (0, expected(path.read_text(encoding="utf-8")))
    assert files_in(tmp_path) == ["a.txt"]


def test_new_output_files_follow_the_umask_and_old_ones_keep_their_mode(run, tmp_path):
    doc(tmp_path, "a.txt")
    assert run("convert", "a.txt", "-o", "new.json", umask=0o022).rc == 0
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644
    old = tmp_path / "old.json"
    old.write_text("old", encoding="utf-8")
    old.chmod(0o640)
    assert run("convert", "a.txt", "-o", "old.json", umask=0o022).rc == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert old.read_text(encoding="utf-8") != "old"


def test_output_through_a_symlink_keeps_the_link(run, tmp_path):
    doc(tmp_path, "a.txt")
    (tmp_path / "real.json").write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to("real.json")
    assert run("convert", "a.txt", "-o", "link.json").rc == 0
    assert (tmp_path / "link.json").is_symlink()
    assert json.loads((tmp_path / "real.json").read_text(encoding="utf-8"))["title"] == "关于a的通知"


def test_output_to_a_device_writes_to_it_and_does_not_replace_it(run, tmp_path):
    doc(tmp_path, "a.txt")
    r = run("convert", "a.txt", "-o", os.devnull)
    assert (r.rc, r.out, r.err) == (0, "", "")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.parametrize("fmt", ["markdown", "chunks"])
def test_output_dir_writes_one_file_per_input(run, tmp_path, fmt):
    a, b = doc(tmp_path, "in/a.txt"), doc(tmp_path, "in/b.txt")
    r = run("convert", "-t", fmt, "in/a.txt", "in/b.txt", "--output-dir", "out/new")
    assert (r.rc, r.out, r.err) == (0, "", "")
    ext = EXTENSIONS[fmt]
    assert files_in(tmp_path / "out") == [f"new/a{ext}", f"new/b{ext}"]
    for path in (a, b):
        written = (tmp_path / "out" / "new" / f"{path.stem}{ext}").read_text(encoding="utf-8")
        assert written == expected(path.read_text(encoding="utf-8"), fmt, f"in/{path.name}")


def test_recursive_takes_txt_files_mirrors_folders_and_skips_hidden_ones(run, tmp_path):
    for name in ("docs/a.txt", "docs/sub/b.TXT", "docs/sub/deeper/c.txt", "docs/.hidden/d.txt",
                 "docs/sub/.e.txt", "docs/notes.md"):
        doc(tmp_path, name)
    r = run("convert", "-r", "docs", "--output-dir", "out")
    assert (r.rc, r.err) == (0, "")
    assert files_in(tmp_path / "out") == ["a.json", "sub/b.json", "sub/deeper/c.json"]


def test_recursive_to_stdout_goes_in_sorted_path_order(run, tmp_path):
    for name in ("d/z.txt", "d/m/b.txt", "d/a.txt", "d/m/a.txt"):
        doc(tmp_path, name)
    r = run("convert", "-r", "d")
    assert r.rc == 0
    assert [d["title"] for d in json_stream(r.out)] == ["关于a的通知", "关于a的通知", "关于b的通知", "关于z的通知"]


def test_several_inputs_to_stdout_come_one_after_another_in_order(run, tmp_path):
    for name in ("c.txt", "a.txt", "b.txt"):
        doc(tmp_path, name)
    r = run("convert", "-t", "chunks", "c.txt", "a.txt", "b.txt")
    assert r.rc == 0
    titles = [json.loads(line)["document_title"] for line in r.out.splitlines()]
    assert list(dict.fromkeys(titles)) == ["关于c的通知", "关于a的通知", "关于b的通知"]


def test_several_inputs_into_one_file(run, tmp_path):
    for name in ("b.txt", "a.txt"):
        doc(tmp_path, name)
    r = run("convert", "b.txt", "a.txt", "-o", "all.json")
    assert (r.rc, r.out, r.err) == (0, "", "")
    assert [d["title"] for d in json_stream((tmp_path / "all.json").read_text(encoding="utf-8"))] == [
        "关于b的通知", "关于a的通知"]


def test_several_opml_documents_cannot_share_stdout(run, tmp_path):
    doc(tmp_path, "a.txt"), doc(tmp_path, "b.txt")
    r = run("convert", "-t", "opml", "a.txt", "b.txt")
    assert (r.rc, r.out) == (2, "")
    assert r.err.splitlines()[-1] == ("speech-outline convert: error: several OPML documents "
                                      "cannot be joined in one output; use --output-dir")


def test_stdin_cannot_go_to_an_output_dir(run):
    r = run("convert", "-", "--output-dir", "out", stdin=DOC.encode())
    assert (r.rc, r.out) == (2, "")
    assert "stdin has no file name" in r.err.splitlines()[-1]


def test_output_and_output_dir_exclude_each_other(run, tmp_path):
    doc(tmp_path, "a.txt")
    r = run("convert", "a.txt", "-o", "x.json", "--output-dir", "out")
    assert r.rc == 2
    assert "not allowed with argument" in r.err


# ---------------------------------------------------------------- convert: bad input, one line each

BAD_INPUTS = [  # name, content (None: no such file), the message
    ("missing.txt", None, "no such file or directory"),
    ("empty.txt", b"", "empty file"),
    ("blank.txt", " \r\n\n\u3000\t\n".encode("utf-8"), "empty file"),
    ("bom-only.txt", codecs.BOM_UTF8, "empty file"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data, not text"),
    ("garbled.txt", b"\x81\x30\xff\x80 abc", "neither UTF-8 (bad byte at line 1) nor GB18030 nor Big5; "
                                            "name the encoding (--encoding NAME), or read it with --errors replace"),
]


def test_bad_input_is_one_error_line_each_and_no_output(run, tmp_path):
    for name, data, _ in BAD_INPUTS:
        if data is not None:
            (tmp_path / name).write_bytes(data)
    r = run("convert", *[name for name, _, _ in BAD_INPUTS], "--output-dir", "out")
    assert (r.rc, r.out) == (1, "")
    assert r.err.splitlines() == [f"speech-outline: error: {name}: {message}" for name, _, message in BAD_INPUTS]
    assert files_in(tmp_path / "out") == []


def test_one_bad_input_alone_exits_1(run, tmp_path):
    (tmp_path / "picture.txt").write_bytes(BAD_INPUTS[4][1])
    r = run("convert", "picture.txt")
    assert (r.rc, r.out, r.err) == (1, "", "speech-outline: error: picture.txt: binary data, not text\n")


def test_bad_input_leaves_no_output_file_and_keeps_an_old_one(run, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run("convert", "empty.txt", "-o", "new.json")
    assert r.rc == 1
    (tmp_path / "good.json").write_text("GOOD", encoding="utf-8")
    r = run("convert", "empty.txt", "-o", "good.json")
    assert (r.rc, r.err) == (1, "speech-outline: error: empty.txt: empty file\n")
    assert (tmp_path / "good.json").read_text(encoding="utf-8") == "GOOD"
    assert files_in(tmp_path) == ["empty.txt", "good.json"]  # no new.json, no temporary file


def test_empty_stdin_is_an_error(run):
    r = run("convert", stdin=b"")
    assert (r.rc, r.out, r.err) == (1, "", "speech-outline: error: <stdin>: empty file\n")


def test_a_directory_needs_r(run, tmp_path):
    doc(tmp_path, "docs/a.txt")
    r = run("convert", "docs")
    assert (r.rc, r.out) == (1, "")
    assert r.err == "speech-outline: error: docs: is a directory (use -r for the documents in it)\n"


def test_a_directory_without_txt_files(run, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("x", encoding="utf-8")
    r = run("convert", "-r", "docs")
    assert (r.rc, r.out) == (1, "")
    assert r.err == "speech-outline: error: docs: no .txt, .docx, .html or .pdf files in this directory\n"


def test_text_without_headings_converts_with_a_warning(run, tmp_path):
    doc(tmp_path, "prose.txt", "只有一段正文，没有标题。\n")
    r = run("convert", "prose.txt")
    assert r.rc == 0
    assert json.loads(r.out)["format"] == "speech-outline"
    assert r.err == "speech-outline: warning: prose.txt: no headings found\n"
    r = run("convert", "-q", "prose.txt")
    assert (r.rc, r.err) == (0, "")


def test_unwritable_output_file(run, tmp_path):
    doc(tmp_path, "a.txt")
    (tmp_path / "plain").write_text("a file, not a folder", encoding="utf-8")
    r = run("convert", "a.txt", "-o", "plain/out.json")
    assert (r.rc, r.out) == (1, "")
    assert r.err == "speech-outline: error: plain/out.json: cannot write: not a directory\n"
    r = run("convert", "a.txt", "-o", "nowhere/out.json")
    assert r.err == "speech-outline: error: nowhere/out.json: cannot write: no such file or directory\n"
    (tmp_path / "folder").mkdir()
    r = run("convert", "a.txt", "-o", "folder")
    assert (r.rc, r.err) == (1, "speech-outline: error: folder: is a directory\n")


def test_unwritable_output_dir(run, tmp_path):
    doc(tmp_path, "a.txt")
    (tmp_path / "plain").write_text("a file", encoding="utf-8")
    r = run("convert", "a.txt", "--output-dir", "plain")
    assert (r.rc, r.err) == (1, "speech-outline: error: plain: not a directory\n")
    r = run("convert", "a.txt", "--output-dir", "plain/sub")
    assert (r.rc, r.err) == (1, "speech-outline: error: plain/sub: cannot create: not a directory\n")


def test_a_full_disk_on_stdout_is_one_line(run, tmp_path, command):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    doc(tmp_path, "a.txt")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([command, "convert", "a.txt"], stdout=full, stderr=subprocess.PIPE,
                              cwd=tmp_path, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.decode() == "speech-outline: error: <stdout>: cannot write: no space left on device\n"


# ---------------------------------------------------------------- batches

def test_one_bad_file_in_a_batch_the_others_still_convert(run, tmp_path):
    for name in ("a.txt", "d.txt"):
        doc(tmp_path, name)
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "c.json").write_text("GOOD", encoding="utf-8")
    r = run("convert", "a.txt", "missing.txt", "c.txt", "d.txt", "--output-dir", "out")
    assert (r.rc, r.out) == (1, "")
    assert r.err.splitlines() == ["speech-outline: error: missing.txt: no such file or directory",
                                  "speech-outline: error: c.txt: empty file"]
    assert files_in(tmp_path / "out") == ["a.json", "c.json", "d.json"]
    assert (tmp_path / "out" / "c.json").read_text(encoding="utf-8") == "GOOD"


def test_one_bad_file_on_stdout_the_others_are_written(run, tmp_path):
    doc(tmp_path, "a.txt"), doc(tmp_path, "b.txt")
    r = run("convert", "a.txt", "missing.txt", "b.txt")
    assert r.rc == 1
    assert [d["title"] for d in json_stream(r.out)] == ["关于a的通知", "关于b的通知"]
    assert r.err == "speech-outline: error: missing.txt: no such file or directory\n"


def test_one_output_file_is_written_only_when_every_input_converted(run, tmp_path):
    doc(tmp_path, "a.txt")
    (tmp_path / "all.json").write_text("GOOD", encoding="utf-8")
    r = run("convert", "a.txt", "missing.txt", "-o", "all.json")
    assert (r.rc, r.out) == (1, "")
    assert r.err.splitlines() == ["speech-outline: error: missing.txt: no such file or directory",
                                  "speech-outline: error: all.json: not written: 1 input failed "
                                  "(--keep-going writes the others)"]
    assert (tmp_path / "all.json").read_text(encoding="utf-8") == "GOOD"
    assert files_in(tmp_path) == ["a.txt", "all.json"]


def test_keep_going_writes_what_converted_and_reports_what_failed(run, tmp_path):
    doc(tmp_path, "a.txt"), doc(tmp_path, "b.txt")
    (tmp_path / "all.json").write_text("OLD", encoding="utf-8")
    r = run("convert", "--keep-going", "a.txt", "missing.txt", "b.txt", "-o", "all.json")
    assert (r.rc, r.out) == (1, "")
    assert r.err == "speech-outline: error: missing.txt: no such file or directory\n"
    written = (tmp_path / "all.json").read_text(encoding="utf-8")
    assert [d["title"] for d in json_stream(written)] == ["关于a的通知", "关于b的通知"]
    # nothing converted: the old file stays
    r = run("convert", "--keep-going", "missing.txt", "gone.txt", "-o", "all.json")
    assert r.rc == 1 and r.err.splitlines()[-1] == "speech-outline: error: all.json: not written: 2 inputs failed"
    assert (tmp_path / "all.json").read_text(encoding="utf-8") == written


def test_two_inputs_with_one_output_name_mirror_their_folders(run, tmp_path):
    doc(tmp_path, "x/a.txt", DOC.format(name="x")), doc(tmp_path, "y/a.txt", DOC.format(name="y"))
    doc(tmp_path, "x/b.txt")
    r = run("convert", "x/a.txt", "y/a.txt", "x/b.txt", "--output-dir", "out")
    assert (r.rc, r.err) == (0, "")
    assert files_in(tmp_path / "out") == ["x/a.json", "x/b.json", "y/a.json"]
    assert json.loads((tmp_path / "out" / "y" / "a.json").read_text(encoding="utf-8"))["title"] == "关于y的通知"
    # the look-alike: no clash, no folders
    assert run("convert", "x/a.txt", "x/b.txt", "--output-dir", "flat").rc == 0
    assert files_in(tmp_path / "flat") == ["a.json", "b.json"]


def test_two_folders_with_r_and_one_file_name_mirror_their_folders(run, tmp_path):
    doc(tmp_path, "2023/notice.txt"), doc(tmp_path, "2024/notice.txt")
    r = run("convert", "-r", "2023", "2024", "--output-dir", "out")
    assert (r.rc, r.err) == (0, "")
    assert files_in(tmp_path / "out") == ["2023/notice.json", "2024/notice.json"]


def test_one_input_twice_is_still_one_output(run, tmp_path):
    doc(tmp_path, "a.txt")
    r = run("convert", "a.txt", "./a.txt", "--output-dir", "out")
    assert r.rc == 1
    assert r.err == "speech-outline: error: ./a.txt: same output file as a.txt: out/a.json\n"


@pytest.mark.parametrize("output", ["a.txt", "./a.txt", "link.json", "hard.json"])
def test_output_onto_an_input_is_refused(run, tmp_path, output):
    doc(tmp_path, "a.txt"), doc(tmp_path, "b.txt")
    (tmp_path / "link.json").symlink_to("a.txt")
    os.link(tmp_path / "a.txt", tmp_path / "hard.json")
    before = (tmp_path / "a.txt").read_bytes()
    r = run("convert", "b.txt", "a.txt", "-o", output)
    assert (r.rc, r.out) == (1, "")
    assert r.err == f"speech-outline: error: a.txt: the output would overwrite the input: {output}\n"
    assert (tmp_path / "a.txt").read_bytes() == before
    assert (tmp_path / "link.json").is_symlink()


def test_output_through_a_link_to_another_file_is_not_an_input(run, tmp_path):
    doc(tmp_path, "a.txt")
    (tmp_path / "out.json").write_text("OLD", encoding="utf-8")
    (tmp_path / "link.json").symlink_to("out.json")
    assert run("convert", "a.txt", "-o", "link.json").rc == 0
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["title"] == "关于a的通知"


def test_an_output_never_overwrites_its_input(run, tmp_path):
    doc(tmp_path, "notes.md", DOC.format(name="notes"))
    before = (tmp_path / "notes.md").read_bytes()
    r = run("convert", "-t", "markdown", "notes.md", "--output-dir", ".")
    assert r.rc == 1
    assert r.err == "speech-outline: error: notes.md: the output would overwrite the input: ./notes.md\n"
    assert (tmp_path / "notes.md").read_bytes() == before


def _batch(tmp_path, count=6):
    """Inputs whose first ones are much bigger: on several processes they finish last."""
    names = []
    for n in range(count):
        body = ("正文内容，认真贯彻落实。" * 400 + "\n") * (60 if n < 2 else 1)
        doc(tmp_path, f"in/{n}.txt", DOC.format(name=n) + body)
        names.append(f"in/{n}.txt")
    return names


def test_jobs_keep_the_input_order_on_stdout(run, tmp_path):
    names = _batch(tmp_path)
    r = run("convert", "-j", "3", *names)
    assert (r.rc, r.err) == (0, "")
    assert [d["title"] for d in json_stream(r.out)] == [f"关于{n}的通知" for n in range(6)]


def test_jobs_write_the_same_files(run, tmp_path):
    names = _batch(tmp_path)
    assert run("convert", "-t", "markdown", "-j", "2", *names, "--output-dir", "j2").rc == 0
    assert run("convert", "-t", "markdown", *names, "--output-dir", "j1").rc == 0
    assert files_in(tmp_path / "j2") == [f"{n}.md" for n in range(6)]
    for n in range(6):
        assert (tmp_path / "j2" / f"{n}.md").read_bytes() == (tmp_path / "j1" / f"{n}.md").read_bytes()


def test_jobs_report_errors_in_input_order(run, tmp_path):
    names = _batch(tmp_path, 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run("convert", "-j", "2", names[0], "missing.txt", names[1], "empty.txt", *names[2:],
            "--output-dir", "out")
    assert r.rc == 1
    assert r.err.splitlines() == ["speech-outline: error: missing.txt: no such file or directory",
                                  "speech-outline: error: empty.txt: empty file"]
    assert files_in(tmp_path / "out") == [f"{n}.json" for n in range(4)]


# ---------------------------------------------------------------- encodings and line endings

ENCODINGS = [("utf-8", b"", "utf-8"), ("utf-8-bom", codecs.BOM_UTF8, "utf-8"), ("gb18030", b"", "gb18030"),
             ("gbk", b"", "gbk"), ("utf-16le", codecs.BOM_UTF16_LE, "utf-16-le"),
             ("utf-16be", codecs.BOM_UTF16_BE, "utf-16-be"), ("utf-32le", codecs.BOM_UTF32_LE, "utf-32-le")]


def test_encodings_are_detected(run, tmp_path):
    text = DOC.format(name="编码")
    for name, bom, encoding in ENCODINGS:
        (tmp_path / f"{name}.txt").write_bytes(bom + text.encode(encoding))
    r = run("convert", *[f"{name}.txt" for name, _, _ in ENCODINGS], "--output-dir", "out")
    assert (r.rc, r.err) == (0, "")
    for name, _, _ in ENCODINGS:
        assert (tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8") == expected(text), name


def test_encoding_can_be_named(run, tmp_path):
    text = "关于推进政务公开的通知\n一、总体要求\n（一）指导思想。\n"
    (tmp_path / "gbk.txt").write_bytes(text.encode("gbk"))
    r = run("convert", "--encoding", "big5", "gbk.txt")
    assert r.out != expected(text)
    r = run("convert", "--encoding", "gbk", "gbk.txt")
    assert (r.rc, r.err, r.out) == (0, "", expected(text))


def test_big5_is_detected_or_refused_with_a_hint_never_mojibake(run, tmp_path):
    text = "關於推進政務公開的通知\n一、總體要求\n（一）指導思想。堅持以人民為中心。\n"
    (tmp_path / "big5.txt").write_bytes(text.encode("big5"))
    r = run("convert", "big5.txt")
    assert (r.rc, r.err, r.out) == (0, "", expected(text))
    (tmp_path / "short.txt").write_bytes("關關於".encode("big5"))  # too short to tell from GB18030
    r = run("convert", "short.txt")
    assert (r.rc, r.out) == (1, "")
    assert r.err == ("speech-outline: error: short.txt: not UTF-8 (line 1), and GB18030 and Big5 both fit: "
                     "name the encoding (--encoding big5 or --encoding gb18030)\n")
    assert run("convert", "--encoding", "big5", "short.txt").rc == 0


def test_utf16_without_a_bom_is_detected(run, tmp_path):
    text = DOC.format(name="编码")
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16-le"))
    r = run("convert", "wide.txt")
    assert (r.rc, r.err, r.out) == (0, "", expected(text))


def test_errors_replace_reads_undecodable_bytes_as_replacement_characters(run, tmp_path):
    data = "一、总体要求\n".encode("utf-8") + b"\xff\xfe\x81 \n" + "二、主要任务\n".encode("utf-8")
    (tmp_path / "bad.txt").write_bytes(data)
    r = run("convert", "--encoding", "utf-8", "bad.txt")
    assert (r.rc, r.err) == (1, "speech-outline: error: bad.txt: not valid utf-8 at line 2 (byte 19)\n")
    r = run("convert", "--encoding", "utf-8", "--errors", "replace", "-t", "markdown", "bad.txt")
    assert (r.rc, r.err) == (0, "")
    assert r.out == "# 一、总体要求\n\n\ufffd\ufffd\ufffd\n\n# 二、主要任务\n"
    for subcommand in ("convert", "check"):
        r = run(subcommand, "--errors", "ignore", "bad.txt")
        assert r.rc == 2 and "invalid choice: 'ignore'" in r.err


def test_binary_data_anywhere_in_the_file_is_refused_but_a_dos_end_of_file_mark_is_not(run, tmp_path):
    text = DOC.format(name="a") * 2000  # far more than the first 8 KB
    (tmp_path / "late-nul.txt").write_bytes(text.encode("utf-8") + b"\x00" + text.encode("utf-8"))
    (tmp_path / "dos.txt").write_bytes(text.encode("gb18030") + b"\x1a")
    r = run("convert", "-t", "markdown", "late-nul.txt")
    assert (r.rc, r.out, r.err) == (1, "", "speech-outline: error: late-nul.txt: binary data, not text\n")
    r = run("convert", "-t", "markdown", "dos.txt")
    assert (r.rc, r.err) == (0, "")
    assert r.out == expected(text, "markdown")


def test_a_named_encoding_that_does_not_fit(run, tmp_path):
    (tmp_path / "gbk.txt").write_bytes(DOC.format(name="中文").encode("gbk"))
    r = run("convert", "--encoding", "utf-8", "gbk.txt")
    assert (r.rc, r.out) == (1, "")
    assert r.err.startswith("speech-outline: error: gbk.txt: not valid utf-8 at line 1 (byte 0)")


def test_an_unknown_encoding_is_a_usage_error(run, tmp_path):
    doc(tmp_path, "a.txt")
    for subcommand in ("convert", "check"):
        r = run(subcommand, "--encoding", "klingon", "a.txt")
        assert (r.rc, r.out) == (2, "")
        assert r.err.splitlines()[-1] == f"speech-outline {subcommand}: error: unknown encoding 'klingon'"


def test_crlf_and_cr_line_endings(run, tmp_path):
    doc(tmp_path, "lf.txt", DRAFT)
    doc(tmp_path, "crlf.txt", DRAFT.replace("\n", "\r\n"))
    doc(tmp_path, "cr.txt", DRAFT.replace("\n", "\r"))
    outlines = json_stream(run("convert", "lf.txt", "crlf.txt", "cr.txt").out)
    assert [o["title"] for o in outlines] == ["实施方案"] * 3
    assert [headings(o) for o in outlines] == [[
        (2, 1, "一、", "总体要求"), (3, 2, "（一）", "指导思想。"), (4, 2, "（三）", "基本原则。"),
        (5, 1, "三、", "主要任务")]] * 3
    r = run("check", "crlf.txt", "cr.txt")
    assert r.out.splitlines() == [f"{name}:{line}" for name in ("crlf.txt", "cr.txt") for line in DRAFT_PROBLEMS]


# ---------------------------------------------------------------- check

def test_check_a_clean_document(run, tmp_path):
    doc(tmp_path, "clean.txt")
    r = run("check", "clean.txt")
    assert (r.rc, r.out, r.err) == (0, "", "")


def test_check_prints_problems_like_a_linter(run, tmp_path):
    doc(tmp_path, "draft.txt", DRAFT)
    r = run("check", "draft.txt")
    assert (r.rc, r.err) == (1, "")
    assert r.out.splitlines() == [f"draft.txt:{line}" for line in DRAFT_PROBLEMS]


def test_check_the_sample_draft(run):
    draft = SAMPLES / "draft-broken-numbering.txt"
    r = run("check", draft)
    assert r.rc == 1
    assert [line.split(": ", 1)[0] for line in r.out.splitlines()] == [
        f"{draft}:{n}" for n in (10, 11, 14, 15)]
    assert r.out.splitlines()[0].endswith("[duplicate]")


def test_check_several_files_and_a_bad_one(run, tmp_path):
    doc(tmp_path, "clean.txt"), doc(tmp_path, "draft.txt", DRAFT)
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run("check", "clean.txt", "missing.txt", "draft.txt", "empty.txt")
    assert r.rc == 1
    assert r.out.splitlines() == [f"draft.txt:{line}" for line in DRAFT_PROBLEMS]
    assert r.err.splitlines() == ["speech-outline: error: missing.txt: no such file or directory",
                                  "speech-outline: error: empty.txt: empty file"]


def test_check_a_bad_file_alone_fails(run, tmp_path):
    r = run("check", "missing.txt")
    assert (r.rc, r.out, r.err) == (1, "", "speech-outline: error: missing.txt: no such file or directory\n")


def test_check_stdin(run):
    r = run("check", stdin=DRAFT.encode("gb18030"))
    assert r.rc == 1
    assert r.out.splitlines() == [f"<stdin>:{line}" for line in DRAFT_PROBLEMS]
    assert run("check", "-", stdin=DOC.encode()).rc == 0


def test_check_a_folder(run, tmp_path):
    doc(tmp_path, "drafts/b.txt", DRAFT), doc(tmp_path, "drafts/a.txt", DRAFT), doc(tmp_path, "drafts/ok.txt")
    r = run("check", "-r", "drafts", "-j", "2")
    assert r.rc == 1
    assert r.out.splitlines() == [f"drafts/{name}:{line}" for name in ("a.txt", "b.txt")
                                  for line in DRAFT_PROBLEMS]
    r = run("check", "drafts")
    assert (r.rc, r.err) == (1, "speech-outline: error: drafts: is a directory (use -r for the documents in it)\n")


MIXED = "实施方案\n一、总体要求\n1.指导思想。\n2、基本原则。\n3.工作目标。\n二、主要任务\n（一）甲。\n(二)乙。\n"


def test_check_mixed_punctuation_is_opt_in(run, tmp_path):
    doc(tmp_path, "mixed.txt", MIXED)
    assert (run("check", "mixed.txt").rc, run("check", "mixed.txt").out) == (0, "")
    r = run("check", "--enable", "mixed-punctuation", "mixed.txt")
    assert r.rc == 1
    assert r.out.splitlines() == [
        "mixed.txt:4: '2、' is punctuated unlike '1.' (line 3) in the same series [mixed-punctuation]",
        "mixed.txt:8: '(二)' is punctuated unlike '（一）' (line 7) in the same series [mixed-punctuation]"]
    doc(tmp_path, "clean.txt", MIXED.replace("2、", "2.").replace("(二)", "（二）"))
    assert run("check", "--enable", "mixed-punctuation", "clean.txt").rc == 0
    r = run("check", "--enable", "no-such-code", "clean.txt")
    assert r.rc == 2 and "invalid choice: 'no-such-code'" in r.err


def test_check_speaks_chinese_on_request(run, tmp_path):
    doc(tmp_path, "draft.txt", DRAFT)
    r = run("check", "--lang", "zh", "draft.txt")
    assert r.rc == 1
    assert r.out.splitlines() == ["draft.txt:4: '（三）'接在'（一）'（第3行）之后，缺少第2项 [gap]",
                                  "draft.txt:5: '三、'接在'一、'（第2行）之后，缺少第2项 [gap]"]
    doc(tmp_path, "mixed.txt", MIXED)
    r = run("check", "--lang", "zh", "--enable", "mixed-punctuation", "mixed.txt")
    assert r.out.splitlines()[0] == "mixed.txt:4: '2、'与同组的'1.'（第3行）标点不一致 [mixed-punctuation]"


def test_an_output_extension_that_does_not_match_the_format_is_a_warning(run, tmp_path):
    doc(tmp_path, "a.txt")
    r = run("convert", "-t", "markdown", "a.txt", "-o", "a.json")
    assert r.rc == 0
    assert r.err == ("speech-outline: warning: a.json: writing markdown into a file named .json, "
                     "which is not a markdown extension (.md)\n")
    assert (tmp_path / "a.json").read_text(encoding="utf-8").startswith("---\ntitle:")
    for ok in (["-t", "markdown", "-o", "b.markdown"], ["-o", "b.md"], ["-t", "json", "-o", "b"]):
        assert run("convert", "a.txt", *ok).err == "", ok


def test_chunks_carry_their_source_and_ids_unique_across_a_batch(run, tmp_path):
    doc(tmp_path, "a.txt"), doc(tmp_path, "sub/b.txt")
    r = run("convert", "-t", "chunks", "a.txt", "sub/b.txt")
    assert (r.rc, r.err) == (0, "")
    rows = [json.loads(line) for line in r.out.splitlines()]
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids) and ids[:2] == ["a.txt#0", "a.txt#1"]
    assert {row["source"] for row in rows} == {"a.txt", "sub/b.txt"}
    assert all(row["metadata"]["source"] == row["source"] for row in rows)
    assert [row["parent_id"] for row in rows if row["id"] == "sub/b.txt#1.1"] == ["sub/b.txt#1"]
    assert run("convert", "-t", "chunks", "a.txt", "sub/b.txt").out == r.out  # stable


def test_chunk_sizes_on_request(run):
    sample = SAMPLES / "speech-political-building.txt"
    plain = [json.loads(line) for line in run("convert", "-t", "chunks", sample).out.splitlines()]
    r = run("convert", "-t", "chunks", "--max-chars", "300", "--min-chars", "40", sample)
    assert (r.rc, r.err) == (0, "")
    sized = [json.loads(line) for line in r.out.splitlines()]
    assert max(len(c["text"]) for c in plain) > 300 and max(len(c["text"]) for c in sized) <= 300
    assert len(sized) > len(plain)
    for flag in ("--max-chars", "--min-chars"):
        assert run("convert", "-t", "chunks", flag, "0", sample).rc == 2
        assert run("convert", "-t", "json", flag, "10", sample).rc == 2


def test_an_unreadable_folder_under_r_is_an_error(monkeypatch, tmp_path):
    from speech_outline import cli

    doc(tmp_path, "docs/a.txt"), doc(tmp_path, "docs/locked/b.txt"), doc(tmp_path, "docs/z.txt")
    real = os.scandir

    def scandir(path):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    found = cli._expand(["docs"], recursive=True)
    assert [(item.name, item.error) for item in found] == [
        ("docs/a.txt", None), ("docs/locked", "cannot read: permission denied"), ("docs/z.txt", None)]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_under_r_fails_the_command(run, tmp_path):
    doc(tmp_path, "docs/a.txt"), doc(tmp_path, "docs/locked/b.txt")
    (tmp_path / "docs" / "locked").chmod(0)
    try:
        r = run("convert", "-r", "docs", "--output-dir", "out")
    finally:
        (tmp_path / "docs" / "locked").chmod(0o755)
    assert r.rc == 1
    assert r.err == "speech-outline: error: docs/locked: cannot read: permission denied\n"
    assert files_in(tmp_path / "out") == ["a.json"]


# ---------------------------------------------------------------- progress bar, interrupts, pipes

def _with_terminal_stderr(command, args, cwd):
    """Run with stderr on a pseudo-terminal; return (exit status, what the terminal got)."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen([command, *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=slave, cwd=cwd)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        seen += chunk
    proc.stdout.read()
    rc = proc.wait(timeout=60)
    os.close(master)
    return rc, seen.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_for_batches(command, tmp_path):
    names = [str(doc(tmp_path, f"{n}.txt")) for n in range(3)]
    rc, seen = _with_terminal_stderr(command, ["convert", *names, "--output-dir", "out"], tmp_path)
    assert rc == 0
    assert "3/3" in seen and "\r" in seen
    assert seen.endswith("\r\x1b[K")  # the bar is cleared at the end


def test_no_progress_bar_for_one_input_or_quiet(command, tmp_path):
    names = [str(doc(tmp_path, f"{n}.txt")) for n in range(3)]
    assert _with_terminal_stderr(command, ["convert", names[0], "-o", "x.json"], tmp_path) == (0, "")
    assert _with_terminal_stderr(command, ["convert", "-q", *names, "--output-dir", "o"], tmp_path) == (0, "")


def test_no_progress_bar_when_stderr_is_piped(run, tmp_path):
    names = [doc(tmp_path, f"{n}.txt") for n in range(3)]
    r = run("convert", *names, "--output-dir", "out")
    assert (r.rc, r.err) == (0, "")


def test_errors_on_a_terminal_clear_the_bar_first(command, tmp_path):
    names = [str(doc(tmp_path, f"{n}.txt")) for n in range(2)]
    rc, seen = _with_terminal_stderr(command, ["convert", names[0], "missing.txt", names[1],
                                               "--output-dir", "out"], tmp_path)
    assert rc == 1
    assert "\r\x1b[Kspeech-outline: error: missing.txt: no such file or directory\r\n" in seen


def _blocked_reading_stdin(pid: int) -> bool:
    read = {"x86_64": "0", "aarch64": "63"}.get(platform.machine())
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return read is not None and fields[:2] == [read, "0x0"]


def test_ctrl_c_exits_130_quietly(command, tmp_path):
    proc = subprocess.Popen([command, "convert"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path)
    deadline = time.monotonic() + 20
    if os.path.exists(f"/proc/{proc.pid}/syscall") and platform.machine() in ("x86_64", "aarch64"):
        while not _blocked_reading_stdin(proc.pid):
            assert time.monotonic() < deadline, "the command never read stdin"
            time.sleep(0.02)
    else:
        time.sleep(2)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert (proc.returncode, out, err) == (130, b"", b"")


def _descendants(pid: int) -> list[int]:
    """Live processes below `pid` (workers, and a fork server if the start method has one)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        below = [child for child, parent in parents.items() if parent in frontier]
        found += below
        frontier = below
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_stops_a_batch_and_its_workers_at_once(command, tmp_path):
    for n in range(4):  # FIFOs nobody writes to: the workers block opening them, forever
        os.mkfifo(tmp_path / f"{n}.txt")
    proc = subprocess.Popen([command, "convert", "-j", "2", *[f"{n}.txt" for n in range(4)],
                             "--output-dir", "out"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=tmp_path, start_new_session=True)
    deadline = time.monotonic() + 20
    while len(_descendants(proc.pid)) < 2:  # the workers (and the pool's manager) have started
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.05)
    time.sleep(0.3)
    workers = _descendants(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    out, err = proc.communicate(timeout=20)
    assert (proc.returncode, out, err) == (130, b"", b"")
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "worker processes left running"
        time.sleep(0.05)
    assert not (tmp_path / "out").exists() or files_in(tmp_path / "out") == []


@pytest.mark.parametrize("inputs", [1, 3])
def test_a_reader_that_leaves_mid_output_gives_141_quietly(command, tmp_path, inputs):
    """`| head`: the reader takes a little and goes while the output is still being
    written. A pipe write cut short then reports no error: the rest must still be tried."""
    fcntl, termios = pytest.importorskip("fcntl"), pytest.importorskip("termios")
    import array
    names = [str(doc(tmp_path, f"{n}.txt", DOC.format(name=n) + "正文内容，认真贯彻落实。" * 9000 + "\n"))
             for n in range(inputs)]
    proc = subprocess.Popen([command, "convert", "-t", "markdown", *names], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path)
    deadline = time.monotonic() + 60
    waiting = array.array("i", [0])
    while waiting[0] < 65536 and proc.poll() is None:  # the pipe is full: the writer waits
        assert time.monotonic() < deadline
        fcntl.ioctl(proc.stdout.fileno(), termios.FIONREAD, waiting)
        time.sleep(0.02)
    time.sleep(0.2)
    os.read(proc.stdout.fileno(), 100)
    proc.stdout.close()
    assert proc.wait(timeout=60) == 141
    assert proc.stderr.read() == b""


def test_reading_stdin_from_a_terminal_says_how_to_end_it(command, tmp_path):
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen([command, "convert", "-t", "markdown"], stdin=slave, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path)
    os.close(slave)
    os.write(master, "一、总体要求\n".encode("utf-8"))
    time.sleep(0.5)
    os.write(master, b"\x04")  # Ctrl-D at the start of a line: end of input
    out, err = proc.communicate(timeout=60)
    os.close(master)
    assert (proc.returncode, out, err) == (0, "# 一、总体要求\n".encode("utf-8"),
                                           b"speech-outline: reading standard input (Ctrl-D to end)\n")


def test_a_closed_pipe_on_stdout_is_quiet(command, tmp_path):
    names = _batch(tmp_path, 3)
    proc = subprocess.Popen([command, "convert", *names], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path)
    proc.stdout.close()  # like `| head -c0`
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 141
    assert err == b""


# ---------------------------------------------------------------- big inputs

def test_a_few_megabytes_convert(run, tmp_path):
    parts = ["大型文件测试\n"]
    for n in range(1, 1201):
        parts.append(f"{n}. 第{n}项工作。" + "要坚持以人民为中心的发展思想，推动高质量发展。" * 60 + "\n")
    (tmp_path / "big.txt").write_text("".join(parts), encoding="utf-8")
    assert (tmp_path / "big.txt").stat().st_size > 4_000_000
    r = run("convert", "big.txt", "-o", "big.json")
    assert (r.rc, r.err) == (0, "")
    outline = json.loads((tmp_path / "big.json").read_text(encoding="utf-8"))
    assert outline["title"] == "大型文件测试"


def test_a_single_line_of_megabytes_converts(run, tmp_path):
    line = "一、" + "要坚持以人民为中心的发展思想，推动高质量发展。" * 150_000  # 10 MB, no newline
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    assert (tmp_path / "line.txt").stat().st_size > 10_000_000
    r = run("convert", "line.txt", "-t", "chunks")
    assert (r.rc, r.err) == (0, "")
    chunks = [json.loads(text) for text in r.out.splitlines()]
    assert chunks[-1]["text"].startswith("一、要坚持") and len(chunks[-1]["text"]) > 3_000_000
