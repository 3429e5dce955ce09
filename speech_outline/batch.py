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
other files still convert. Outputs are returned, or, with ``outputs=``, written
atomically by the worker that converted them (what the command line's
--output-dir does).

Writer options are keyword arguments, passed to `speech_outline.formats.write`
(e.g. ``include_noise=True`` for markdown, ``prefix_path=True`` for chunks,
``indent=2`` for json; each format module lists its own). A writer that takes a
``source`` option (chunks) is given the path of each input.

Every input is read by `read_input` (bytes → text: plain text through
`speech_outline.decode`, .docx/.html/.pdf through `speech_outline.inputs`), the one
place where files become text; `errors="replace"` reads undecodable bytes of a text
file as U+FFFD instead of failing.

With ``jobs=N`` the files are converted on N worker processes. A worker that
dies (killed, out of memory) costs only the file it had; stop early with
``close()`` or a ``with`` block, which ends the workers at once:

>>> with convert_many(paths, "json", jobs=4) as results:  # doctest: +SKIP
...     first_bad = next(r for r in results if not r.ok)

An empty file (no bytes, or only white space) is an error, ``"empty file"``: it is
almost always a failed download or export, and converting it to an empty outline
would hide that. A file with text but no recognised heading converts, with the
warning ``"no headings found"`` in `Result.warnings`.
"""
from __future__ import annotations

import dataclasses
import errno
import functools
import multiprocessing
import multiprocessing.connection
import os
import signal
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

from . import diagnostics, formats
from .atomic import write_file
from .decode import DecodeError
from .inputs import Document, read_document
from .model import Diagnostic, Outline
from .parse import parse_document

__all__ = ["Batch", "Result", "check_request", "convert_bytes", "convert_file", "convert_many",
           "convert_text", "read_input"]

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Result:
    """What became of one input.

    Exactly one of `output` and `error` is set, except that `output` is None
    as well when no format was asked for (``format=None``: parse and check only)
    and when it was written to a file (`written`) instead of returned.
    """

    path: str  # the input, as given
    output: Optional[str] = None  # the converted text
    error: Optional[str] = None  # why it failed: one line, e.g. "no such file or directory"
    diagnostics: tuple[Diagnostic, ...] = ()  # the document's numbering problems
    warnings: tuple[str, ...] = ()  # e.g. "no headings found"
    title: Optional[str] = None  # the document title, if it has one
    headings: int = 0  # how many headings the outline has
    written: Optional[str] = None  # the file the output went to (convert_many's `outputs`)

    @property
    def ok(self) -> bool:
        return self.error is None


def check_request(format: Optional[str], options: dict, enable: Iterable[str] = ()) -> None:
    """Raise if `format` is unknown (ValueError), its writer cannot be imported
    (ImportError) or does not take one of `options` (TypeError), or a code of
    `enable` is not an opt-in diagnostic (ValueError)."""
    for code in enable:
        if code not in diagnostics.OPT_IN:
            raise ValueError(f"not an opt-in diagnostic: {code!r}; choose from {', '.join(diagnostics.OPT_IN)}")
    if format is None:
        if options:
            raise TypeError(f"writer options without a format: {', '.join(options)}")
        return
    writer = formats.writer(format)  # an unknown format fails here, not on every file
    for name in options:
        if not writer.accepts(name):
            raise TypeError(f"the {format} writer takes no option {name!r}")


def read_input(path: PathLike, encoding: Optional[str] = None, errors: str = "strict") -> Document:
    """One input file read (text, .docx, .html or .pdf by content). Raises OSError
    (unreadable) or DecodeError (InputError included: not a document we can read)."""
    with open(path, "rb") as f:
        data = f.read()
    return read_document(data, os.fspath(path), encoding, errors)


def convert_bytes(data: bytes, format: Optional[str] = "json", *, path: str = "<bytes>",
                  encoding: Optional[str] = None, errors: str = "strict", enable: Iterable[str] = (),
                  **options: Any) -> Result:
    """Read (text, .docx, .html or .pdf: see `inputs.read_document`), parse and write one
    document given as bytes; never raises for bad input."""
    try:
        document = read_document(data, path, encoding, errors)
    except DecodeError as exc:
        return Result(path, error=_one_line(str(exc)))
    return _convert(document, format, path, enable, options)


def convert_file(path: PathLike, format: Optional[str] = "json", *, encoding: Optional[str] = None,
                 errors: str = "strict", enable: Iterable[str] = (), output: Optional[PathLike] = None,
                 **options: Any) -> Result:
    """Read and convert one file (see `convert_bytes`); never raises for bad input.

    With `output`, the converted text is written to that file (UTF-8, atomically,
    its folder created) instead of returned: `Result.written` names it.
    """
    name = os.fspath(path)
    try:
        document = read_input(name, encoding, errors)
    except OSError as exc:
        return Result(name, error=os_message(exc))
    except DecodeError as exc:
        return Result(name, error=_one_line(str(exc)))
    result = _convert(document, format, name, enable, options)
    if output is None or not result.ok or result.output is None:
        return result
    target = os.fspath(output)
    try:
        write_file(target, result.output.encode("utf-8"))
    except OSError as exc:
        return Result(name, error=f"cannot write {target}: {os_message(exc)}")
    return dataclasses.replace(result, output=None, written=target)


def convert_text(text: str, format: Optional[str] = "json", *, path: str = "<text>",
                 enable: Iterable[str] = (), **options: Any) -> Result:
    """Parse and write one document's text; never raises for bad input.

    `enable` names opt-in diagnostics (`speech_outline.diagnostics.OPT_IN`) to add.
    """
    return _convert(Document(text), format, path, enable, options)


def _convert(document: Document, format: Optional[str], path: str, enable: Iterable[str],
             options: dict) -> Result:
    if not document.text or document.text.isspace():
        return Result(path, error="empty file")
    try:
        outline = parse_document(document)
        output = None if format is None else _write(outline, format, path, options)
        found = _diagnostics(outline, enable)
    except Exception as exc:  # a bug: report it on this file, keep the batch going
        return Result(path, error=_one_line(f"internal error: {type(exc).__name__}: {exc}"))
    warnings = () if outline.nodes else ("no headings found",)
    return Result(path, output=output, diagnostics=found, warnings=warnings,
                  title=outline.title, headings=sum(1 for _ in outline.walk()))


def _write(outline: Outline, format: str, path: str, options: dict) -> str:
    writer = formats.writer(format)
    if "source" not in options and writer.accepts("source"):
        options = {**options, "source": path}
    return writer.write(outline, **options)


def _diagnostics(outline: Outline, enable: Iterable[str]) -> tuple[Diagnostic, ...]:
    found = list(outline.diagnostics)
    for code in enable:
        found += diagnostics.OPT_IN[code](outline)
    return tuple(sorted(found, key=lambda d: d.line)) if enable else tuple(found)


def convert_many(paths: Iterable[PathLike], format: Optional[str] = "json", *, jobs: int = 1,
                 encoding: Optional[str] = None, errors: str = "strict", enable: Iterable[str] = (),
                 outputs: Optional[Mapping[str, str]] = None, **options: Any) -> "Batch":
    """Convert `paths`; yield one `Result` per path, in the order of `paths`.

    `format` is json, markdown, opml or chunks, or None to parse only (for the
    diagnostics). `jobs` worker processes convert at once (``jobs=0``: one per
    CPU; 1, the default, converts in this process). At most a few results per
    worker are held ahead of the one being yielded, so memory stays bounded
    however many paths there are (`paths` may be a lazy iterator).

    `encoding` and `errors` are `decode`'s; `enable` names opt-in diagnostics
    (`speech_outline.diagnostics.OPT_IN`, e.g. "mixed-punctuation") to report too.
    `outputs` maps a path to the file its output is written to, by the worker
    that converted it (see `convert_file`): the outputs are then not sent back,
    and the caller's process does not write them one after another.

    A bad file gives a Result with `error` set; the others still convert. A
    worker process that dies (killed, out of memory) costs only the file it
    was converting: that Result says so and a new worker takes over. An
    unknown format or a writer option the format does not take raises
    ValueError or TypeError at once, before any file is read.

    The returned iterator is also a context manager; `close()` (or leaving the
    ``with`` block, or Ctrl-C while it waits) stops the workers at once.
    """
    if jobs is None or jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs < 0:
        raise ValueError(f"jobs must be 0 or more, not {jobs}")
    enable = tuple(enable)
    check_request(format, options, enable)
    work = functools.partial(_convert_to, outputs=outputs or {}, format=format, encoding=encoding,
                             errors=errors, enable=enable, **options)
    return Batch(work, paths, jobs)


def _convert_to(path: PathLike, outputs: Mapping[str, str], **arguments: Any) -> Result:
    return convert_file(path, output=outputs.get(os.fspath(path)), **arguments)


class Batch(Iterator[Result]):
    """The results of `convert_many`, in input order.

    Each worker process has its own pipe and no helper thread is involved, so
    a worker can be stopped at any moment without leaving anything stuck.
    """

    def __init__(self, work: Callable[[PathLike], Result], paths: Iterable[PathLike], jobs: int):
        self._work = work
        self._paths = enumerate(paths)
        self._jobs = jobs
        self._window = 4 * jobs  # results running or waiting for their turn, at most
        self._workers: dict = {}  # connection → [process, (index, path) being converted or None]
        self._ready: dict[int, Result] = {}  # finished out of turn, by input index
        self._next = 0  # the index of the next result to give
        self._given = 0  # how many paths went to workers
        self._more = True  # `paths` not exhausted yet
        self._closed = False

    def __iter__(self) -> "Batch":
        return self

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __next__(self) -> Result:
        if self._closed:
            raise StopIteration
        if self._jobs == 1:
            for _, path in self._paths:
                return self._work(path)
            self.close()
            raise StopIteration
        try:
            while self._next not in self._ready:
                self._feed()
                if not any(task for _, task in self._workers.values()):
                    break  # nothing running, nothing left to start
                self._collect()
        except BaseException:  # Ctrl-C while waiting: stop the workers, do not wait for them
            self.close()
            raise
        if self._next not in self._ready:
            self.close()
            raise StopIteration
        self._next += 1
        return self._ready.pop(self._next - 1)

    def close(self) -> None:
        """Stop: the workers end now, files being converted are abandoned."""
        if self._closed:
            return
        self._closed = True
        for conn, (process, task) in list(self._workers.items()):
            if task is None:
                try:
                    conn.send(None)  # an idle worker ends by itself
                except OSError:
                    pass
            else:
                process.terminate()
        for conn, (process, _) in list(self._workers.items()):
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join()
            conn.close()
        self._workers.clear()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def _feed(self) -> None:
        """Give paths to idle workers, starting workers as needed."""
        while self._more and self._given - self._next < self._window:
            idle = next((conn for conn, (_, task) in self._workers.items() if task is None), None)
            if idle is None:
                if len(self._workers) >= self._jobs:
                    return
                idle = self._start_worker()
            try:
                index, path = next(self._paths)
            except StopIteration:
                self._more = False
                return
            self._given += 1
            self._workers[idle][1] = (index, path)
            try:
                idle.send((index, path))
            except OSError:  # it died before getting the work
                self._lost(idle)

    def _start_worker(self):
        ours, theirs = multiprocessing.Pipe()
        process = multiprocessing.Process(target=_worker, args=(theirs, self._work, os.getpid()),
                                          daemon=True, name="speech-outline worker")
        process.start()
        theirs.close()
        self._workers[ours] = [process, None]
        return ours

    def _collect(self) -> None:
        """Wait until some worker has a result (or has died), and take it."""
        busy = [conn for conn, (_, task) in self._workers.items() if task is not None]
        for conn in multiprocessing.connection.wait(busy):
            try:
                index, result = conn.recv()
            except (EOFError, OSError):
                self._lost(conn)
                continue
            self._ready[index] = result
            self._workers[conn][1] = None

    def _lost(self, conn) -> None:
        """A worker died: its file fails, the others go on (a new worker is started)."""
        process, task = self._workers.pop(conn)
        process.join(5)
        conn.close()
        if task is not None:
            index, path = task
            code = process.exitcode
            how = f" (exit code {code})" if code is not None and code >= 0 else (
                f" (signal {-code})" if code is not None else "")
            self._ready[index] = Result(os.fspath(path), error=f"not converted: the worker process died{how}")


def _worker(conn, work: Callable[[PathLike], Result], parent: int) -> None:
    """A worker process: convert the paths it is sent until it is sent None."""
    # Ctrl-C goes to the whole process group: the parent decides what to do, the
    # workers must not each print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        while not conn.poll(1.0):
            if os.getppid() != parent:  # the parent is gone (killed): nobody wants the result
                return
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        try:
            result = work(path)
        except Exception as exc:  # MemoryError reading a huge file, say: report it, go on
            result = Result(os.fspath(path), error=_one_line(f"internal error: {type(exc).__name__}: {exc}"))
        conn.send((index, result))


def os_message(exc: OSError) -> str:
    """'no such file or directory', 'is a directory', 'permission denied'…"""
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    text = exc.strerror or str(exc) or type(exc).__name__
    return _one_line(text[:1].lower() + text[1:])


def _one_line(text: str) -> str:
    return " ".join(text.split())
