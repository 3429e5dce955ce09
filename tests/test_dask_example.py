"""examples/dask_convert.py on a local Dask cluster (2 worker processes), as CI runs it.

The same code runs on a real cluster with --scheduler tcp://host:8786; here the cluster
is a `distributed.LocalCluster` with processes, so tasks really are pickled and sent to
other processes, as they would be to other machines.
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag", reason="the Dask example needs dask[bag] (test extras)")
distributed = pytest.importorskip("distributed", reason="the Dask example needs distributed (test extras)")

from speech_outline import parse_file  # noqa: E402
from speech_outline.formats import write  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dask_convert.py"
CORPUS = ROOT / "tests" / "corpus"
DOCS = ["law-prison", "notice-gov-new-media", "plan-grain-emergency", "report-gov-1983",
        "speech-political-building", "regulation-port-opening"]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def example():
    """The example imported as a user would import it (`import dask_convert`)."""
    spec = importlib.util.spec_from_file_location("dask_convert", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["dask_convert"] = module
    yield module
    del sys.modules["dask_convert"]


@pytest.fixture
def archive(tmp_path):
    """Six corpus documents in two folders, plus an empty and a binary file."""
    folder = tmp_path / "archive"
    for i, name in enumerate(DOCS):
        sub = folder / ("2023" if i % 2 else "2024")
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / f"{name}.txt", sub / f"{name}.txt")
    (folder / "2023" / "empty.txt").write_bytes(b"")
    (folder / "2024" / "broken.txt").write_bytes(b"\x00\x01\x02 not text")
    return folder


def run_script(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(EXAMPLE), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=180)


def test_script_on_a_running_cluster(cluster, archive, tmp_path):
    """--scheduler ADDRESS: what a user does with a real cluster."""
    out = tmp_path / "out"
    proc = run_script(archive / "**" / "*.txt", out, "-t", "json", "--scheduler", cluster.scheduler_address,
                      cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # two bad files
    inputs = sorted(str(p) for p in archive.rglob("*.txt"))
    good = [p for p in inputs if Path(p).stem in DOCS]
    # results in input order, one line each; bad files reported, the rest converted
    assert proc.stdout.splitlines() == [
        f"{p} -> {out / Path(p).parent.name / (Path(p).stem + '.json')}" for p in good]
    assert f"{archive / '2023' / 'empty.txt'}: error: empty file" in proc.stderr
    assert f"{archive / '2024' / 'broken.txt'}: error: binary data, not text" in proc.stderr
    assert "6 converted, 2 failed" in proc.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == sorted(f"{Path(p).parent.name}/{Path(p).stem}.json" for p in good)  # no temp files left
    for p in good:
        expected = write(parse_file(p), "json")
        assert (out / Path(p).parent.name / f"{Path(p).stem}.json").read_text(encoding="utf-8") == expected


def test_script_starts_its_own_local_cluster(archive, tmp_path):
    proc = run_script(archive / "2024" / "*.txt", tmp_path / "md", "-t", "markdown", "--workers", "2", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    converted = sorted(p.name for p in (tmp_path / "md").iterdir())
    assert converted == sorted(f"{n}.md" for i, n in enumerate(DOCS) if i % 2 == 0)
    for name in converted:
        source = archive / "2024" / f"{Path(name).stem}.txt"
        assert (tmp_path / "md" / name).read_text(encoding="utf-8") == write(parse_file(source), "markdown")


def test_api_returns_texts_in_order_from_both_workers(cluster, archive, example):
    paths = sorted(str(p) for p in archive.rglob("*.txt")) * 3  # 24 tasks: enough for both workers
    with distributed.Client(cluster) as client:
        client.upload_file(str(EXAMPLE))  # imported, not run as a script: ship the module
        with distributed.get_task_stream(client) as stream:
            records = example.convert(paths, "opml", npartitions=12)
    assert [r["path"] for r in records] == paths
    for record in records:
        if Path(record["path"]).stem in DOCS:
            assert record["error"] is None and record["output"] is None
            assert record["text"].startswith("<?xml") and "<opml" in record["text"]
            assert record["headings"] == sum(1 for _ in parse_file(record["path"]).walk())
        else:
            assert record["text"] is None and record["error"] in ("empty file", "binary data, not text")
    assert len({task["worker"] for task in stream.data}) == 2  # the work was shared out


def test_build_bag_checks_its_arguments(example, archive, tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        example.build_bag(str(archive / "**" / "*.txt"), "docx")
    with pytest.raises(ValueError, match="no input files"):
        example.build_bag(str(tmp_path / "nothing" / "*.txt"))
    with pytest.raises(ValueError, match="same output file"):
        example.build_bag([archive / "2024" / "law-prison.txt", archive / "2024" / "law-prison.txt"], "json", "out")
    assert example.glob_root("archive/**/*.txt") == "archive"
    assert example.glob_root("a/b/c*/d/*.txt") == "a/b"
    assert example.glob_root("*.txt") == "."


def test_docstring_says_how_to_use_a_real_cluster():
    doc = EXAMPLE.read_text(encoding="utf-8")
    assert "--scheduler tcp://host:8786" in doc
    assert 'pip install speech-outline "dask[bag]" distributed' in doc
    assert "client.upload_file" in doc
