"""batch.py: convert_many's order, per-file errors, worker processes and eager argument checks."""
from __future__ import annotations

import multiprocessing
import os
import pickle
import time

import pytest

from speech_outline import batch, parse
from speech_outline.batch import Result, convert_bytes, convert_file, convert_many
from speech_outline.formats import write

DOC = "关于{n}的通知\n一、总体要求\n（一）指导思想。\n（三）基本原则。\n二、主要任务\n"


needs_fork = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                                reason="the stand-in worker reaches the children only through fork")


@pytest.fixture
def docs(tmp_path):
    """Six documents; the first ones much bigger, so that with workers they finish last."""
    paths = []
    for n in range(6):
        text = DOC.format(n=n) + ("正文内容。" * 2000 + "\n") * (40 if n < 2 else 1)
        path = tmp_path / f"doc{n}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def titles(results):
    import json
    return [json.loads(r.output)["title"] for r in results]


def test_results_come_in_input_order_with_one_process(docs):
    results = list(convert_many(docs, "json"))
    assert [r.path for r in results] == [str(p) for p in docs]
    assert titles(results) == [f"关于{n}的通知" for n in range(6)]


def test_results_come_in_input_order_with_workers(docs):
    # the big first documents finish after the small ones; the results wait for them
    results = list(convert_many(iter(docs), "json", jobs=3))
    assert [r.path for r in results] == [str(p) for p in docs]
    assert titles(results) == [f"关于{n}的通知" for n in range(6)]


def test_output_is_what_the_writer_gives(docs):
    [result] = convert_many(docs[2:3], "json")
    expected = write(parse(docs[2].read_text(encoding="utf-8")), "json")
    assert result.ok and result.error is None
    assert result.output == expected


def test_writer_options_reach_the_writer(docs):
    [result] = convert_many(docs[2:3], "json", indent=4)
    assert result.output == write(parse(docs[2].read_text(encoding="utf-8")), "json", indent=4)


def test_one_bad_file_does_not_stop_the_others(docs, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\r\n\u3000\n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    paths = [docs[0], tmp_path / "missing.txt", empty, blank, binary, tmp_path, docs[1]]
    for jobs in (1, 2):
        results = list(convert_many(paths, "json", jobs=jobs))
        assert [r.path for r in results] == [str(p) for p in paths]
        assert [r.error for r in results] == [
            None, "no such file or directory", "empty file", "empty file",
            "binary data, not text", "is a directory", None]
        assert [r.ok for r in results] == [True, False, False, False, False, False, True]
        assert all(r.output is None for r in results if not r.ok)


def test_diagnostics_and_parse_only(docs):
    [result] = convert_many(docs[3:4], None)
    assert result.ok and result.output is None
    assert [(d.line, d.code) for d in result.diagnostics] == [(4, "gap")]


def test_no_headings_is_a_warning_not_an_error(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("只有一段正文，没有任何标题。\n", encoding="utf-8")
    result = convert_file(path, "json")
    assert result.ok
    assert result.warnings == ("no headings found",)
    assert convert_file(tmp_path / "missing.txt").warnings == ()


def test_convert_bytes_with_a_named_encoding():
    data = "一、總體要求\n二、主要任務\n".encode("big5")
    result = convert_bytes(data, "json", path="x", encoding="big5")
    assert result.ok
    assert result.output == write(parse("一、總體要求\n二、主要任務\n"), "json")
    assert convert_bytes(data, "json", encoding="nope").error == "unknown encoding 'nope'"


def test_bad_requests_raise_at_once_before_any_file_is_read(tmp_path):
    never = (tmp_path / f"{n}.txt" for n in range(3))  # iterating it would be a bug
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        convert_many(never, "docx")
    with pytest.raises(TypeError, match="takes no option 'colour'"):
        convert_many(never, "json", colour=True)
    with pytest.raises(TypeError, match="writer options without a format"):
        convert_many(never, None, indent=2)
    with pytest.raises(ValueError, match="jobs must be 0 or more"):
        convert_many(never, "json", jobs=-1)
    assert next(never) == tmp_path / "0.txt"


def test_jobs_zero_means_one_per_cpu(docs):
    assert [r.path for r in convert_many(docs, "json", jobs=0)] == [str(p) for p in docs]


def test_stopping_early_shuts_the_workers_down(docs):
    results = convert_many(docs * 5, "json", jobs=2)
    first = next(results)
    assert first.path == str(docs[0])
    results.close()  # must not hang or leave the pool running
    with pytest.raises(StopIteration):
        next(results)


def test_results_pickle():
    result = convert_bytes(DOC.format(n=1).encode(), None, path="p")
    assert pickle.loads(pickle.dumps(result)) == result


def test_result_is_frozen():
    result = Result("p", output="x")
    with pytest.raises(AttributeError):
        result.output = "y"


def _die(path, format=None, **options):  # a worker that gets killed (out of memory, say)
    if str(path).endswith("doc1.txt"):
        os._exit(3)
    return batch.Result(str(path), output="ok")


@needs_fork
def test_a_dead_worker_costs_only_its_file(docs, monkeypatch):
    monkeypatch.setattr(batch, "convert_file", _die)
    results = list(convert_many(docs, "json", jobs=2))
    assert [r.path for r in results] == [str(p) for p in docs]
    assert [r.error for r in results] == [
        None, "not converted: the worker process died (exit code 3)", None, None, None, None]


def _slow(path, format=None, **options):  # a file that takes long to convert
    time.sleep(30)
    return batch.Result(str(path), output="late")


@needs_fork
def test_closing_stops_busy_workers_at_once(docs, monkeypatch):
    monkeypatch.setattr(batch, "convert_file", _slow)
    results = convert_many(docs, "json", jobs=2)
    results._feed()  # the workers start on the first files
    workers = [process for process, _ in results._workers.values()]
    assert len(workers) == 2 and all(p.is_alive() for p in workers)
    started = time.monotonic()
    results.close()
    assert time.monotonic() - started < 10
    assert not any(p.is_alive() for p in workers)
    assert list(results) == []


def test_as_a_context_manager(docs):
    with convert_many(docs, "json", jobs=2) as results:
        first = next(results)
    assert first.ok and first.path == str(docs[0])
    assert list(results) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_outputs_are_written_by_the_workers_not_sent_back(docs, tmp_path, jobs):
    """With `outputs`, each worker writes the files it converted (the command line's
    --output-dir): the parent neither unpickles nor writes the outputs one by one."""
    outputs = {str(path): str(tmp_path / "out" / f"{path.stem}.md") for path in docs[:4]}
    results = list(convert_many([str(p) for p in docs], "markdown", jobs=jobs, outputs=outputs))
    for path, result in zip(docs, results):
        if str(path) in outputs:
            assert (result.ok, result.output, result.written) == (True, None, outputs[str(path)])
            written = (tmp_path / "out" / f"{path.stem}.md").read_text(encoding="utf-8")
            assert written == write(parse(path.read_text(encoding="utf-8")), "markdown")
        else:  # the look-alike: no output file named, the output comes back
            assert result.written is None and result.output.startswith("---\ntitle:")


def test_an_output_that_cannot_be_written_fails_its_input(docs, tmp_path):
    (tmp_path / "plain").write_text("a file, not a folder", encoding="utf-8")
    [result] = convert_many([str(docs[2])], "json", outputs={str(docs[2]): str(tmp_path / "plain" / "a.json")})
    assert not result.ok and result.written is None
    assert result.error == f"cannot write {tmp_path / 'plain' / 'a.json'}: not a directory"
