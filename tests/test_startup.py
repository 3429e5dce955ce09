"""Start-up stays quick: `import speech_outline` and `speech-outline --version` load only
what they need. Checked by the modules a fresh interpreter ends up with, not by timing
(`python -X importtime -c "import speech_outline"` shows where the time goes;
benchmarks/bench.py times it).

cn2an costs about 0.1–0.3 s to import and is needed only to read a Chinese numeral;
hypothesis is for `speech_outline.strategies` (tests); writers, the batch machinery and
the command line are loaded when used.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Never loaded by `import speech_outline` or `speech-outline --version`.
HEAVY = {"cn2an", "hypothesis", "numpy", "jsonschema", "dask", "distributed", "proces"}
# Package modules loaded on first use only.
LAZY = {"speech_outline.strategies", "speech_outline.batch", "speech_outline.cli",
        "speech_outline.formats.json", "speech_outline.formats.markdown", "speech_outline.formats.opml",
        "speech_outline.formats.chunks", "speech_outline.inputs", "speech_outline.renumber"}
# Standard-library modules the library does not need to parse text.
STDLIB_UNNEEDED = {"concurrent", "multiprocessing", "xml", "json", "tempfile", "argparse", "asyncio", "email",
                   "http", "urllib.request", "ssl", "socket", "sqlite3", "decimal"}


def run_python(*args: str) -> subprocess.CompletedProcess:
    """A fresh interpreter: what was imported before does not count."""
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc


def modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json as _j, sys as _s\n_s.__stdout__.write(_j.dumps(sorted(_s.modules)))"
    proc = run_python("-c", probe)
    # the probe itself imports json: take it out of the picture
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def baseline_modules() -> set[str]:
    return modules_after("pass")


@pytest.fixture(scope="module")
def import_modules() -> set[str]:
    return modules_after("import speech_outline")


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_import_loads_no_heavy_dependency(import_modules):
    assert not tops(import_modules) & HEAVY


def test_import_loads_no_writer_batch_or_cli(import_modules):
    assert not import_modules & LAZY


def test_import_loads_no_unneeded_stdlib(import_modules, baseline_modules):
    added = import_modules - baseline_modules  # the probe's own `import json` is in both
    assert not {m for m in added if m in STDLIB_UNNEEDED or m.split(".")[0] in STDLIB_UNNEEDED}


def test_public_api_is_there_after_the_quick_import():
    code = ("import speech_outline as so\n"
            "assert callable(so.parse) and callable(so.parse_file) and so.__version__\n"
            "import sys\n"
            "assert 'cn2an' not in sys.modules\n"
            "so.parse('总体要求\\n')  # no numeral to read: still no cn2an\n"
            "assert 'cn2an' not in sys.modules, 'cn2an imported for a document without a Chinese numeral'\n")
    run_python("-c", code)  # the asserts run in the child: it fails if one does


def test_version_loads_no_heavy_dependency_and_no_writer():
    """`speech-outline --version` (run here as `python -m speech_outline --version`)."""
    code = ("import runpy, sys, json\n"
            "sys.argv = ['speech-outline', '--version']\n"
            "try:\n"
            "    runpy.run_module('speech_outline', run_name='__main__')\n"
            "except SystemExit as exit:\n"
            "    assert exit.code in (0, None)\n"
            "sys.__stderr__.write(json.dumps(sorted(sys.modules)))\n")
    proc = run_python("-c", code)
    assert proc.stdout.startswith("speech-outline ")
    modules = set(json.loads(proc.stderr.strip().splitlines()[-1]))
    assert not tops(modules) & HEAVY
    assert not modules & (LAZY - {"speech_outline.cli"})


def test_importtime_shows_no_heavy_module():
    proc = run_python("-X", "importtime", "-c", "import speech_outline")
    imported = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "speech_outline" in imported
    assert not tops(imported) & HEAVY


# What `import speech_outline` may load beyond what `import attrs` loads: the pipeline's own
# modules and a few small built-in modules. Counted, not timed (timings on a shared machine
# vary by half): issue 15 wants the import under 1.5x `import attrs`, and everything else
# (readers, writers, dataclasses, pathlib…) loads on first use.
PIPELINE = {"speech_outline", "speech_outline._lazy", "speech_outline.anatomy", "speech_outline.breaks", "speech_outline.build",
            "speech_outline.decode", "speech_outline.diagnostics", "speech_outline.markers",
            "speech_outline.model", "speech_outline.ordinals", "speech_outline.parse", "speech_outline.tokenize"}


def test_import_loads_only_the_pipeline_beyond_attrs():
    added = modules_after("import attrs\nimport speech_outline") - modules_after("import attrs")
    assert added - PIPELINE <= {"gc", "math", "bisect", "_bisect"}, sorted(added - PIPELINE)
