"""Convert an archive of documents with Dask: on every core of this machine, or on a cluster.

    python examples/dask_convert.py 'archive/**/*.txt' out/                 # JSON, a local cluster
    python examples/dask_convert.py 'archive/**/*.txt' out/ -t markdown --workers 4
    python examples/dask_convert.py 'archive/**/*.txt' out/ --scheduler tcp://host:8786

A `dask.bag` of the matching files (sorted) goes through `speech_outline.parse_file` and a
writer (`speech_outline.formats.write`, the format chosen with -t) on the workers. Each
worker writes its outputs itself, atomically (a temporary file in the target folder, then
a rename), under the output folder: the folders below the pattern's fixed prefix are
mirrored (`archive/2023/a.txt` → `out/2023/a.json`). Only a small record per file comes
back: the script prints `input -> output` per file, in input order, and
`input: error: why` on stderr for a file that could not be read, decoded or converted
(the others still convert). Exit status 1 if any file failed.

From Python (any Dask scheduler: a `distributed.Client` you created, or Dask's default)::

    from dask_convert import build_bag, convert
    records = convert("archive/**/*.txt", "json", "out")   # one dict per file, in order
    records = convert(paths, "markdown")                    # no folder: the text comes back
    bag = build_bag(paths, "opml", "out")                   # to combine with other Dask work

Running on a real cluster
-------------------------
1. Start a scheduler and workers, e.g. ``dask scheduler`` on one host (it listens on
   tcp://host:8786) and ``dask worker tcp://host:8786 --nworkers 8 --nthreads 1`` on each
   machine, or the same through dask-jobqueue (SLURM, PBS), dask-kubernetes or a hosted
   service. Give workers one thread each: parsing is pure Python and holds the GIL, so
   cores are used by worker processes, not threads.
2. Install on every worker what the client has: the same Python minor version,
   ``speech-outline`` (this project; it brings regex, attrs and cn2an) and the same
   versions of ``dask[bag]`` and ``distributed``:
   ``pip install speech-outline "dask[bag]" distributed``.
3. Inputs and the output folder must be at the same path on every worker and on the
   client (a shared file system: NFS, Lustre, a mounted bucket): workers open the inputs
   and write the outputs themselves.
4. Run this script with ``--scheduler tcp://host:8786``. It does not have to be installed
   on the workers: run as a script, its functions are sent to them by value. If you
   import it from your own code instead, ship it first with
   ``client.upload_file("dask_convert.py")``.

Same results as ``speech-outline convert --output-dir out -t FORMAT`` on one machine
(which uses ``speech_outline.batch.convert_many`` and its ``-j N`` processes); Dask is
for archives that need more than one machine.
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import math
import os
import sys
import tempfile
from typing import Any, Optional, Sequence, Union

# format → extension of its output (as speech_outline.batch.EXTENSIONS and the command line)
EXTENSIONS = {"json": ".json", "markdown": ".md", "opml": ".opml", "chunks": ".jsonl"}
_MAGIC = "*?["


def find_files(pattern: str) -> list[str]:
    """The files matching a glob pattern (`**` for any depth), sorted."""
    return sorted(p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))


def glob_root(pattern: str) -> str:
    """The folder part of a pattern before its first wildcard: 'archive/**/*.txt' → 'archive'."""
    parts = []
    for part in os.path.dirname(pattern).split(os.sep):
        if any(ch in part for ch in _MAGIC):
            break
        parts.append(part)
    return os.sep.join(parts) or "."


def output_path(path: str, root: str, output_dir: str, format: str) -> str:
    """Where the output of `path` goes: its place below `root`, mirrored below `output_dir`."""
    rel = os.path.relpath(path, root)
    if rel.startswith(os.pardir + os.sep):  # not below root: keep the name only
        rel = os.path.basename(path)
    return os.path.join(output_dir, os.path.splitext(rel)[0] + EXTENSIONS[format])


def write_atomically(target: str, text: str) -> None:
    """Write `text` to `target` so that readers see the old file or the whole new one."""
    folder = os.path.dirname(target) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def convert_one(job: tuple[str, Optional[str]], format: str, options: dict) -> dict:
    """Runs on a worker: parse one file, write its output. Never raises for a bad file.

    `job` is (input path, output path or None to return the text instead)."""
    from speech_outline import DecodeError, parse_file
    from speech_outline.formats import write

    path, target = job
    record: dict[str, Any] = {"path": path, "output": None, "text": None, "error": None, "headings": 0}
    try:
        outline = parse_file(path)
        if not any(p.text for p in outline.paragraphs):
            raise ValueError("empty file")
        text = write(outline, format, **options)
        if target is None:
            record["text"] = text
        else:
            write_atomically(target, text)
            record["output"] = target
        record["headings"] = sum(1 for _ in outline.walk())
    except OSError as exc:
        record["error"] = (exc.strerror or str(exc)).lower()
    except (DecodeError, ValueError) as exc:
        record["error"] = " ".join(str(exc).split())
    except Exception as exc:  # a bug in the library: report it on this file, go on with the others
        record["error"] = " ".join(f"internal error: {type(exc).__name__}: {exc}".split())
    return record


def build_bag(files: Union[str, Sequence[str]], format: str = "json", output_dir: Optional[str] = None, *,
              root: Optional[str] = None, npartitions: Optional[int] = None, **options: Any):
    """A dask.bag of one record per file, in input order (nothing runs until computed).

    `files` is a glob pattern or a list of paths. With `output_dir`, workers write the
    outputs there (below it, the folders below `root` are mirrored; `root` defaults to the
    pattern's fixed prefix, or the folder the paths have in common) and records carry the
    output path; without, records carry the converted text. `options` go to the writer
    (e.g. ``indent=2`` for json, ``prefix_path=True`` for chunks)."""
    import dask.bag as db

    if format not in EXTENSIONS:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(EXTENSIONS)}")
    if isinstance(files, str):
        root = glob_root(files) if root is None else root
        paths = find_files(files)
    else:
        paths = [os.fspath(p) for p in files]
    if not paths:
        raise ValueError("no input files")
    if output_dir is None:
        targets: list[Optional[str]] = [None] * len(paths)
    else:
        if root is None:
            root = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])
        targets = [output_path(p, root, output_dir, format) for p in paths]
        if len(set(targets)) < len(targets):
            raise ValueError("two inputs would write the same output file; rename one or pass root=")
    if npartitions is None:  # enough tasks to balance uneven files, not so many that scheduling costs
        npartitions = min(len(paths), max(32, math.ceil(len(paths) / 200)))
    return db.from_sequence(list(zip(paths, targets)), npartitions=npartitions).map(
        convert_one, format=format, options=options)


def convert(files: Union[str, Sequence[str]], format: str = "json", output_dir: Optional[str] = None,
            **kwargs: Any) -> list[dict]:
    """Build the bag and compute it with the current Dask scheduler; see `build_bag`."""
    return build_bag(files, format, output_dir, **kwargs).compute()


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(
        description="Convert documents matching a glob with speech_outline on a Dask cluster.",
        epilog="Quote the pattern so that the shell leaves ** to the script.")
    ap.add_argument("pattern", help="input files, e.g. 'archive/**/*.txt'")
    ap.add_argument("output_dir", help="folder for the outputs (created if needed)")
    ap.add_argument("-t", "--to", dest="format", default="json", choices=sorted(EXTENSIONS),
                    help="output format (default json)")
    ap.add_argument("--scheduler", metavar="ADDRESS",
                    help="a running Dask scheduler, e.g. tcp://host:8786 (default: start a local cluster)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="local cluster only: worker processes (default: one per core)")
    ap.add_argument("--partitions", type=int, help="tasks to split the files into (default: automatic)")
    args = ap.parse_args(argv)

    paths = find_files(args.pattern)
    if not paths:
        ap.error(f"no files match {args.pattern!r}")
    from distributed import Client, LocalCluster

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        records = convert(paths, args.format, args.output_dir, root=glob_root(args.pattern),
                          npartitions=args.partitions)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    failed = 0
    for record in records:
        if record["error"] is None:
            print(f"{record['path']} -> {record['output']}")
        else:
            failed += 1
            print(f"{record['path']}: error: {record['error']}", file=sys.stderr)
    print(f"{len(records) - failed} converted, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
