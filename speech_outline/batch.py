"""Convert many documents at once: ordered results, one error per bad file, several processes.

>>> from speech_outline.batch import convert_many
>>> for result in convert_many(["a.txt", "b.txt"], "markdown", jobs=4):  # doctest: +SKIP
...     if result.ok:
...         print(result.path, len(result.output))
...     else:
...         print(result.path, "failed:", result.error)

`convert_many` yields one `Result` per path, in the order of the paths, whatever
order the worker processes finish in. A file that cannot be read, decoded or
converted gives a `Result` whose `error` says why (one line, no traceback); the
other files still convert. Nothing here writes files: what to do with the
output is the caller's choice (the command line writes it atomically).

Writer options are keyword arguments, passed to `speech_outline.formats.write`
(e.g. ``include_noise=True`` for markdown, opml and chunks, ``indent=2`` for json).

An empty file (no bytes, or only white space) is an error, ``"empty file"``: it is
almost always a failed download or export, and converting it to an empty outline
would hide that. A file with text but no recognised heading converts, with the
warning ``"no headings found"`` in `Result.warnings`.
"""
from __future__ import annotations

import collections
import concurrent.futures
import errno
import functools
import inspect
import os
import signal
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional, Union

from . import formats
from .decode import DecodeError, decode
from .model import Diagnostic
from .parse import parse

__all__ = ["EXTENSIONS", "Result", "check_request", "convert_bytes", "convert_file",
           "convert_many", "writer_accepts"]

# format name → file extension of its output
EXTENSIONS = {"json": ".json", "markdown": ".md", "opml": ".opml", "chunks": ".jsonl"}

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Result:
    """What became of one input.

    Exactly one of `output` and `error` is set, except that `output` is None
    as well when no format was asked for (``format=None``: parse and check only).
    """

    path: str  # the input, as given
    output: Optional[str] = None  # the converted text
    error: Optional[str] = None  # why it failed: one line, e.g. "no such file or directory"
    diagnostics: tuple[Diagnostic, ...] = ()  # the document's numbering problems
    warnings: tuple[str, ...] = ()  # e.g. "no headings found"

    @property
    def ok(self) -> bool:
        return self.error is None


def writer_accepts(format: str, option: str) -> bool:
    """Whether the writer of `format` takes the keyword option `option`.

    Raises ValueError for an unknown format.
    """
    write = formats._module(format).write
    params = inspect.signature(write).parameters.values()
    return any(p.kind is p.VAR_KEYWORD for p in params) or any(
        p.name == option and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)


def check_request(format: Optional[str], options: dict) -> None:
    """Raise if `format` is unknown (ValueError), its writer cannot be imported
    (ImportError) or does not take one of `options` (TypeError)."""
    if format is None:
        if options:
            raise TypeError(f"writer options without a format: {', '.join(options)}")
        return
    formats._module(format)  # an unknown format fails here, not on every file
    for name in options:
        if not writer_accepts(format, name):
            raise TypeError(f"the {format} writer takes no option {name!r}")


def convert_bytes(data: bytes, format: Optional[str] = "json", *, path: str = "<bytes>",
                  encoding: Optional[str] = None, **options: Any) -> Result:
    """Decode, parse and write one document given as bytes; never raises for bad input."""
    try:
        text = decode(data, encoding)
    except DecodeError as exc:
        return Result(path, error=_one_line(str(exc)))
    if not text or text.isspace():
        return Result(path, error="empty file")
    try:
        outline = parse(text)
        output = None if format is None else formats.write(outline, format, **options)
    except Exception as exc:  # a bug: report it on this file, keep the batch going
        return Result(path, error=_one_line(f"internal error: {type(exc).__name__}: {exc}"))
    warnings = () if outline.nodes else ("no headings found",)
    return Result(path, output=output, diagnostics=tuple(outline.diagnostics), warnings=warnings)


def convert_file(path: PathLike, format: Optional[str] = "json", *,
                 encoding: Optional[str] = None, **options: Any) -> Result:
    """Read and convert one file (see `convert_bytes`); never raises for bad input."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as exc:
        return Result(name, error=os_message(exc))
    return convert_bytes(data, format, path=name, encoding=encoding, **options)


def convert_many(paths: Iterable[PathLike], format: Optional[str] = "json", *, jobs: int = 1,
                 encoding: Optional[str] = None, **options: Any) -> Iterator[Result]:
    """Convert `paths`; yield one `Result` per path, in the order of `paths`.

    `format` is json, markdown, opml or chunks, or None to parse only (for the
    diagnostics). `jobs` worker processes convert at once (``jobs=0``: one per
    CPU; 1, the default, converts in this process). At most a few results per
    worker are held in memory ahead of the one being yielded.

    A bad file gives a Result with `error` set; the others still convert. An
    unknown format or a writer option the format does not take raises
    ValueError or TypeError at once, before any file is read.
    """
    if jobs is None or jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs < 0:
        raise ValueError(f"jobs must be 0 or more, not {jobs}")
    check_request(format, options)
    work = functools.partial(convert_file, format=format, encoding=encoding, **options)
    if jobs == 1:
        return map(work, paths)
    return _in_pool(work, paths, jobs)


def _in_pool(work, paths: Iterable[PathLike], jobs: int) -> Iterator[Result]:
    pending: collections.deque = collections.deque()  # (path, future), in input order
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
    broken = False

    def outcome(path, future) -> Result:
        nonlocal broken
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:
                broken = True
        return Result(os.fspath(path), error="not converted: a worker process died")

    try:
        for path in paths:
            future = None
            if not broken:  # once a worker died (killed, out of memory), the pool takes no work
                try:
                    future = pool.submit(work, path)
                except BrokenProcessPool:
                    broken = True
            pending.append((path, future))
            if len(pending) >= 4 * jobs:
                yield outcome(*pending.popleft())
        while pending:
            yield outcome(*pending.popleft())
    finally:  # also when the consumer stops early or is interrupted
        for _, future in pending:
            if future is not None:
                future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: the parent decides what to do, the
    # workers must not each print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def os_message(exc: OSError) -> str:
    """'no such file or directory', 'is a directory', 'permission denied'…"""
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    text = exc.strerror or str(exc) or type(exc).__name__
    return _one_line(text[:1].lower() + text[1:])


def _one_line(text: str) -> str:
    return " ".join(text.split())
