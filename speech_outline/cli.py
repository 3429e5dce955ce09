"""`speech-outline`: the command line. Argument parsing and I/O only; no parsing logic here.

Errors are one line on stderr, ``speech-outline: error: <path>: <what>``, never a
traceback. Exit codes: 0 done, 1 some input failed (or `check` found problems),
2 bad usage, 130 interrupted (Ctrl-C), 141 output pipe closed.
"""
from __future__ import annotations

import argparse
import codecs
import datetime
import os
import shutil
import stat
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from typing import IO, List, Optional

PROG = "speech-outline"
STDIN_NAME = "<stdin>"

# format → extension is batch.EXTENSIONS; this is the reverse, for `-o FILE` without `-t`
_FORMAT_OF_EXTENSION = {".json": "json", ".md": "markdown", ".markdown": "markdown",
                        ".opml": "opml", ".jsonl": "chunks"}

# writer option → its flag; an option goes to the writer only when its flag is given
_WRITER_FLAGS = {
    "include_noise": "--include-noise",
    "body_as_children": "--body-as-children",
    "prefix_path": "--prefix-path",
    "indent": "--indent",
}

MAIN_EPILOG = """\
examples:
  speech-outline convert speech.txt                   outline as JSON on stdout
  speech-outline convert -t markdown speech.txt -o speech.md
  cat speech.txt | speech-outline convert -t opml -    read stdin, write stdout
  speech-outline convert -r speeches/ -t opml --output-dir mindmaps/ -j 4
  speech-outline check draft.txt                      numbering problems, like a linter

  speech-outline fix --diff draft.txt                 what renumbering would change
  speech-outline fix --in-place draft.txt             renumber the file itself

Run `speech-outline convert --help`, `speech-outline check --help` or
`speech-outline fix --help` for details.
"""

CONVERT_EPILOG = """\
inputs:
  FILE        a text file; `-` (or no FILE at all) reads stdin
  DIR         with -r, every *.txt file below it (hidden files and folders skipped),
              in sorted order (a.txt, b/c.txt, d.txt); without -r a folder is an error
  Encodings are detected: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM,
  else GB18030 (which covers GBK and GB2312). --encoding NAME forces one.
  Line endings may be LF, CRLF or CR.
  An empty file (no bytes, or only white space) is an error: "empty file".
  A file with text but no heading converts, with the warning "no headings found".

outputs:
  stdout by default (several inputs: one output after another, in input order;
  not for opml, whose documents cannot be concatenated).
  -o FILE writes everything to FILE; its extension chooses the format when -t is
  not given (.json .md .opml .jsonl). FILE is replaced only when every input
  converted: a failure leaves it as it was.
  --output-dir DIR writes one file per input: same name, extension by format
  (.json .md .opml .jsonl); with -r the folders below DIR mirror those below
  the input folder. A file that fails leaves no output (and an older output in
  place). Files are written atomically: a temporary file, then renamed.

writer options:
  Each applies to the formats whose writer takes it; another is a usage error.
  Page furniture (breadcrumbs, footers, related links) is dropped by markdown and
  kept by json unless --include-noise / --no-include-noise says otherwise.
  OPML's <dateCreated> is the current time, or SOURCE_DATE_EPOCH when that is set
  (reproducible builds).

examples:
  speech-outline convert speech.txt -o speech.json
  speech-outline convert -t markdown < speech.txt > speech.md
  speech-outline convert -t opml -r speeches/ --output-dir mindmaps/ -j 4
  speech-outline convert -t chunks --prefix-path docs/*.txt -o chunks.jsonl
  speech-outline convert --encoding gbk old-notice.txt

exit status: 0 all converted, 1 an input failed or an output could not be
written (the other inputs still convert), 2 bad usage, 130 interrupted (Ctrl-C),
141 the reader of stdout went away (`| head`).
"""

CHECK_EPILOG = """\
Prints each numbering problem as one line, like a linter:
  draft.txt:12: '三、' follows '一、' (line 3): number 2 missing [gap]
Inputs, encodings and -r are as for `convert`; `-` or no FILE reads stdin.

examples:
  speech-outline check draft.txt
  speech-outline check -r drafts/

exit status: 0 no problem found, 1 a problem found or an input could not be
read (empty, missing, binary, undecodable), 2 bad usage, 130 interrupted.
"""

FIX_EPILOG = """\
Renumbers the headings of a draft: each series (one level under one parent) in
sequence from its first number, one spelling per level (1. or 1、, （一） or (一): the
one the series uses most), law articles (条) straight through the chapters. Nothing
but the markers changes, and a series whose renumbering would change how the outline
reads is left as it is, with a warning saying why. Cross-references to renumbered
articles (依照本法第十条) are warned about, and updated with --update-references.
Inputs and encodings are as for `convert`; `-` or no FILE reads stdin.

outputs:
  the fixed text on stdout (one input only), or
  --in-place   rewrite each file, atomically, in its own encoding, BOM and line
               endings (a failure leaves the file as it was)
  --diff       a unified diff of what would change
  --check      list what would change, FILE:LINE: OLD → NEW (reason); with --diff,
               the diff instead; nothing is written

examples:
  speech-outline fix draft.txt > fixed.txt
  speech-outline fix --diff draft.txt
  speech-outline fix --check -r drafts/               for a pre-commit hook or CI
  speech-outline fix --in-place --style gbt draft.txt

exit status: 0 done (or, with --check, nothing to change), 1 something would change
(--check) or an input could not be read or written, 2 bad usage, 130 interrupted.
"""


class _Usage(Exception):
    """A usage error found after argparse: reported by the subcommand's parser, exit 2."""


@dataclass
class _Input:
    name: str  # as shown in messages: the argument, or the file found below a folder
    path: Optional[str]  # None for stdin
    relative: Optional[str] = None  # below the folder it was found in (for --output-dir)
    error: Optional[str] = None  # known before reading: a folder without -r, an empty folder
    output: Optional[str] = None  # its --output-dir file


def main(argv: Optional[List[str]] = None) -> int:
    """The `speech-outline` command; returns the exit status."""
    reporter = _Reporter(sys.stderr)
    try:
        return _main(argv, reporter)
    except KeyboardInterrupt:
        reporter.close()
        return 130
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, and stop Python complaining at exit
        reporter.close()
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 141
    except Exception as exc:  # a bug: still one line, no traceback
        reporter.close()
        reporter.error(None, f"internal error: {type(exc).__name__}: {exc}")
        return 1


def _parser() -> argparse.ArgumentParser:
    from . import __version__
    from .formats import FORMATS

    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter, epilog=MAIN_EPILOG,
        description="Chinese speeches, official documents and laws → nested outlines\n"
                    "(JSON, Markdown, OPML, retrieval chunks).")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-r", "--recursive", action="store_true",
                        help="take the *.txt files in folders, and below them")
    common.add_argument("--encoding", metavar="NAME",
                        help="read inputs in this encoding (e.g. gbk, big5, utf-16-le) "
                             "instead of detecting it")
    common.add_argument("-j", "--jobs", metavar="N", type=_jobs, default=1,
                        help="work on N processes at once (0: one per CPU); default 1")
    common.add_argument("-q", "--quiet", action="store_true",
                        help="no warnings and no progress bar (errors are still shown)")

    convert = commands.add_parser(
        "convert", parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=CONVERT_EPILOG, help="convert documents to an outline format",
        description="Convert documents to outlines. Reads stdin and writes stdout by default.")
    convert.add_argument("inputs", nargs="*", metavar="FILE",
                         help="text files, folders (with -r) or - for stdin")
    convert.add_argument("-t", "--to", choices=list(FORMATS), metavar="FORMAT",
                         help=f"{', '.join(FORMATS)} (default: from -o's extension, else json)")
    where = convert.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="FILE",
                       help="write to FILE instead of stdout (- is stdout)")
    where.add_argument("--output-dir", metavar="DIR",
                       help="write one file per input into DIR (created if needed)")
    opts = convert.add_argument_group("writer options")
    opts.add_argument("--include-noise", action=argparse.BooleanOptionalAction, default=None,
                      help="keep (or drop) page furniture: breadcrumbs, footers, counters")
    opts.add_argument("--body-as-children", action="store_true", default=None,
                      help="opml: body paragraphs as child items, not notes "
                           "(for mind-map apps that hide notes)")
    opts.add_argument("--prefix-path", action="store_true", default=None,
                      help="chunks: start each chunk's text with its heading path")
    opts.add_argument("--indent", metavar="N", type=_count, default=None,
                      help="json: indent by N spaces")
    convert.set_defaults(run=_convert, subparser=convert)

    check = commands.add_parser(
        "check", parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=CHECK_EPILOG, help="report numbering problems (gaps, repeats, restarts…)",
        description="Check the heading numbering of documents and print each problem as\n"
                    "FILE:LINE: message [code].")
    check.add_argument("inputs", nargs="*", metavar="FILE",
                       help="text files, folders (with -r) or - for stdin")
    check.set_defaults(run=_check, subparser=check)

    fix = commands.add_parser(
        "fix", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=FIX_EPILOG,
        help="renumber headings: sequence, one spelling per level; nothing else changes",
        description="Renumber the headings of documents, leaving every other character as it is.")
    fix.add_argument("inputs", nargs="*", metavar="FILE", help="text files, folders (with -r) or - for stdin")
    fix.add_argument("-r", "--recursive", action="store_true", help="take the *.txt files in folders, and below them")
    fix.add_argument("--encoding", metavar="NAME", help="read (and write) inputs in this encoding")
    fix.add_argument("-q", "--quiet", action="store_true", help="no warnings (errors are still shown)")
    output = fix.add_mutually_exclusive_group()
    output.add_argument("-i", "--in-place", action="store_true", help="rewrite the files themselves")
    output.add_argument("--diff", action="store_true", help="print a unified diff instead of the text")
    fix.add_argument("--check", action="store_true", help="exit 1 when something would change; write nothing")
    fix.add_argument("--restart", action="store_true", help="number every series from one")
    fix.add_argument("--style", choices=["keep", "gbt"], default="keep",
                     help="keep: the spelling each series uses most (default); "
                          "gbt: GB/T 9704, 一、 （一） 1. （1）")
    fix.add_argument("--update-references", action="store_true",
                     help="also renumber cross-references to renumbered articles (依照本法第十条)")
    fix.set_defaults(run=_fix, subparser=fix)
    return parser


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _jobs(text: str) -> int:
    value = _count(text)
    return value or (os.cpu_count() or 1)


def _main(argv: Optional[List[str]], reporter: "_Reporter") -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    reporter.quiet = args.quiet
    try:
        return args.run(args, reporter)
    except _Usage as exc:
        args.subparser.error(str(exc))  # exits 2
        raise  # not reached


# ---------------------------------------------------------------- convert

def _convert(args: argparse.Namespace, reporter: "_Reporter") -> int:
    from . import batch

    fmt = args.to
    if fmt is None:
        ext = os.path.splitext(args.output or "")[1].lower()
        fmt = _FORMAT_OF_EXTENSION.get(ext, "json")
    options = {name: getattr(args, name) for name in _WRITER_FLAGS if getattr(args, name) is not None}
    try:
        batch.check_request(fmt, {})  # imports the writer
        unknown = [name for name in options if not batch.writer_accepts(fmt, name)]
    except ImportError as exc:  # an installation problem, not a usage error
        reporter.error(None, f"format {fmt} is not available: {exc}")
        return 1
    if unknown:
        flag = _WRITER_FLAGS[unknown[0]]
        if options[unknown[0]] is False:
            flag = "--no-" + flag[2:]
        raise _Usage(f"{flag} does not apply to -t {fmt}")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and batch.writer_accepts(fmt, "date_created"):
        try:
            options["date_created"] = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise _Usage(f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}") from None
    _check_encoding(args.encoding)

    inputs = _expand(args.inputs, args.recursive)
    to_stdout = args.output_dir is None and args.output in (None, "-")
    if len(inputs) > 1 and args.output_dir is None and fmt == "opml":
        raise _Usage("several OPML documents cannot be joined in one output; use --output-dir")
    if args.output_dir is not None:
        if any(item.path is None for item in inputs):
            raise _Usage("stdin has no file name to use in --output-dir; use -o FILE or stdout")
        _plan_outputs(inputs, args.output_dir, batch.EXTENSIONS[fmt])

    # Open the destination first: an unwritable -o fails before any work is done.
    sink: Optional[_AtomicFile] = None
    if args.output not in (None, "-"):
        if os.path.isdir(args.output):
            reporter.error(args.output, "is a directory")
            return 1
        try:
            sink = _AtomicFile(args.output)
        except OSError as exc:
            reporter.error(args.output, f"cannot write: {batch.os_message(exc)}")
            return 1
    elif args.output_dir is not None:
        if os.path.exists(args.output_dir) and not os.path.isdir(args.output_dir):
            reporter.error(args.output_dir, "not a directory")
            return 1
        try:
            os.makedirs(args.output_dir, exist_ok=True)
        except OSError as exc:
            reporter.error(args.output_dir, f"cannot create: {batch.os_message(exc)}")
            return 1

    stdout = sys.stdout.buffer
    failures: List[str] = []
    results = _results(inputs, fmt, args, options)
    try:
        reporter.start(len(inputs), shares_terminal=to_stdout and _isatty(sys.stdout))
        for item, result in _succeeded(results, reporter, failures):
            data = result.output.encode("utf-8")
            if item.output is not None:
                try:
                    _write_file(item.output, data)
                except OSError as exc:
                    failures.append(item.output)
                    reporter.error(item.output, f"cannot write: {batch.os_message(exc)}")
            else:
                try:
                    if sink is not None:
                        sink.write(data)
                    else:
                        reporter.clear()
                        stdout.write(data)
                        stdout.flush()
                except BrokenPipeError:
                    raise
                except OSError as exc:  # a full disk: nothing more can be written
                    reporter.error(args.output if sink is not None else "<stdout>",
                                   f"cannot write: {batch.os_message(exc)}")
                    return 1
        reporter.close()
        failed = len(failures)
        if sink is not None:
            if failed:
                sink.discard()
                if len(inputs) > 1:  # with one input, its own error says it all
                    some = "1 input" if failed == 1 else f"{failed} inputs"
                    reporter.error(args.output, f"not written: {some} failed")
            else:
                try:
                    sink.commit()
                except OSError as exc:
                    reporter.error(args.output, f"cannot write: {batch.os_message(exc)}")
                    return 1
    finally:
        results.close()  # stops the worker processes of -j, also on Ctrl-C
        reporter.close()
        if sink is not None:
            sink.discard()  # no-op once committed
    return 1 if failures else 0


def _succeeded(results, reporter: "_Reporter", failures: List[str]):
    """The (input, result) pairs that converted; failures are reported and listed."""
    for item, result in results:
        reporter.step(item.name)
        if not result.ok:
            failures.append(item.name)
            reporter.error(item.name, result.error)
            continue
        for warning in result.warnings:
            reporter.warning(item.name, warning)
        yield item, result


def _plan_outputs(inputs: List[_Input], output_dir: str, ext: str) -> None:
    """Give each input its output file; two inputs with one output, or an output
    that is its own input, are errors on the later input."""
    taken = {}
    for item in inputs:
        if item.error is not None:
            continue
        rel = item.relative or os.path.basename(item.path)
        out = os.path.join(output_dir, os.path.splitext(rel)[0] + ext)
        key = os.path.normcase(os.path.abspath(out))
        if key in taken:
            item.error = f"same output file as {taken[key]}: {out}"
        elif key == os.path.normcase(os.path.abspath(item.path)):
            item.error = f"the output would overwrite the input: {out}"
        else:
            taken[key] = item.name
            item.output = out


# ---------------------------------------------------------------- check

def _check(args: argparse.Namespace, reporter: "_Reporter") -> int:
    _check_encoding(args.encoding)
    inputs = _expand(args.inputs, args.recursive)
    failures: List[str] = []
    problems = 0
    results = _results(inputs, None, args, {})
    reporter.start(len(inputs), shares_terminal=_isatty(sys.stdout))
    try:
        for item, result in _succeeded(results, reporter, failures):
            lines = [f"{item.name}:{d.line}: {d.message} [{d.code}]"
                     for d in sorted(result.diagnostics, key=lambda d: d.line)]
            if lines:
                problems += len(lines)
                reporter.clear()
                if not _to_stdout(("\n".join(lines) + "\n").encode("utf-8"), reporter):
                    return 1
    finally:
        results.close()
        reporter.close()
    return 1 if failures or problems else 0


# ---------------------------------------------------------------- fix

def _fix(args: argparse.Namespace, reporter: "_Reporter") -> int:
    import difflib

    from . import batch
    from .decode import DecodeError, decode_stored
    from .fix import plan

    _check_encoding(args.encoding)
    inputs = _expand(args.inputs, args.recursive)
    if args.check and args.in_place:
        raise _Usage("--check writes nothing: use it without --in-place")
    if args.in_place and any(item.path is None for item in inputs):
        raise _Usage("stdin cannot be fixed in place")
    to_stdout = not (args.in_place or args.diff or args.check)
    if to_stdout and len(inputs) > 1:
        raise _Usage("several inputs: use --in-place, --diff or --check")
    failed = changed = 0
    for item in inputs:
        try:
            data = _read_input(item)
            stored = decode_stored(data, args.encoding)
        except (OSError, DecodeError, _Unreadable) as exc:
            failed += 1
            reporter.error(item.name, batch.os_message(exc) if isinstance(exc, OSError) else str(exc))
            continue
        if not stored.text or stored.text.isspace():
            failed += 1
            reporter.error(item.name, "empty file")
            continue
        fixed = plan(stored.text, restart=args.restart, style=args.style,
                     update_references=args.update_references)
        for note in fixed.notes:
            reporter.warning(f"{item.name}:{note.line}", f"{note.text}: {note.reason}")
        changed += bool(fixed.changes)
        if args.diff:
            report = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                             for line in difflib.unified_diff(stored.text.splitlines(keepends=True),
                                                              fixed.text.splitlines(keepends=True),
                                                              item.name, item.name))
        elif args.check:
            report = "".join(f"{item.name}:{c.line}: {c.old} → {c.new} ({c.reason})\n" for c in fixed.changes)
        elif args.in_place:
            if not fixed.changes:
                continue
            if stored.encode(stored.text) != data:
                failed += 1
                reporter.error(item.name, f"not rewritten: its bytes do not read back the same in {stored.encoding}")
                continue
            try:
                _write_file(item.path, stored.encode(fixed.text))
            except OSError as exc:
                failed += 1
                reporter.error(item.name, f"cannot write: {batch.os_message(exc)}")
            continue
        else:  # the fixed text, stored as the input was (fix - < a.txt > b.txt keeps the encoding)
            report = fixed.text
        if not _to_stdout(stored.encode(report) if to_stdout else report.encode("utf-8"), reporter):
            return 1
    return 1 if failed or (args.check and changed) else 0


def _to_stdout(data: bytes, reporter: "_Reporter") -> bool:
    """Write `data` to stdout; False, and the error reported, when it cannot (a full disk)."""
    from . import batch

    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        reporter.error("<stdout>", f"cannot write: {batch.os_message(exc)}")
        return False
    return True


class _Unreadable(Exception):
    """stdin could not be read."""


def _read_input(item: _Input) -> bytes:
    """The bytes of an input (a file, or stdin); OSError or _Unreadable when it cannot be read."""
    if item.error is not None:
        raise _Unreadable(item.error)
    if item.path is not None:
        with open(item.path, "rb") as f:
            return f.read()
    try:
        return sys.stdin.buffer.read()
    except (AttributeError, ValueError):  # no stdin at all (closed)
        raise _Unreadable("cannot read: stdin is closed") from None


# ---------------------------------------------------------------- inputs

def _check_encoding(name: Optional[str]) -> None:
    if name is None:
        return
    try:
        codecs.lookup(name)
    except LookupError:
        raise _Usage(f"unknown encoding {name!r}") from None


def _expand(args: List[str], recursive: bool) -> List[_Input]:
    """The arguments as inputs: `-` is stdin, folders (with -r) their *.txt files."""
    inputs: List[_Input] = []
    seen_stdin = False
    for arg in args or ["-"]:
        if arg == "-":
            if seen_stdin:
                raise _Usage("stdin (-) given more than once")
            seen_stdin = True
            inputs.append(_Input(STDIN_NAME, None))
        elif os.path.isdir(arg):
            if not recursive:
                inputs.append(_Input(arg, arg, error="is a directory (use -r for the .txt files in it)"))
                continue
            found = [_Input(os.path.join(arg, rel), os.path.join(arg, rel), relative=rel)
                     for rel in _text_files(arg)]
            inputs.extend(found or [_Input(arg, arg, error="no .txt files in this directory")])
        else:
            inputs.append(_Input(arg, arg))
    return inputs


def _text_files(folder: str) -> List[str]:
    """*.txt files below `folder`, relative to it, hidden ones skipped, in the order of
    `find | sort`: a.txt, b/c.txt, d.txt."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.lower().endswith(".txt") and not name.startswith("."):
                found.append(os.path.relpath(os.path.join(root, name), folder))
    return sorted(found, key=lambda rel: rel.split(os.sep))


def _results(inputs: List[_Input], fmt: Optional[str], args: argparse.Namespace, options: dict):
    """(input, Result) in input order; files go through batch.convert_many (-j)."""
    from . import batch

    files = [item for item in inputs if item.error is None and item.path is not None]
    results = batch.convert_many([item.path for item in files], fmt,
                                 jobs=args.jobs if len(files) > 1 else 1,
                                 encoding=args.encoding, **options)
    try:
        for item in inputs:
            if item.error is not None:
                yield item, batch.Result(item.name, error=item.error)
            elif item.path is None:
                try:
                    data = sys.stdin.buffer.read()
                except (AttributeError, ValueError):  # no stdin at all (closed)
                    yield item, batch.Result(item.name, error="cannot read: stdin is closed")
                    continue
                except OSError as exc:
                    yield item, batch.Result(item.name, error=f"cannot read: {batch.os_message(exc)}")
                    continue
                yield item, batch.convert_bytes(data, fmt, path=item.name,
                                                encoding=args.encoding, **options)
            else:
                yield item, next(results)
    finally:
        results.close()  # stop the worker processes (at once when interrupted)


# ---------------------------------------------------------------- outputs

def _write_file(path: str, data: bytes) -> None:
    """Write `data` to `path` atomically, creating its folder."""
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    sink = _AtomicFile(path)
    try:
        sink.write(data)
        sink.commit()
    finally:
        sink.discard()


class _AtomicFile:
    """A file that appears at `path` whole, or not at all.

    Written to a temporary file in the same folder, flushed to disk, then
    renamed over `path`: a reader never sees it half-written and a failure
    leaves the old file. A symlink is followed (the link stays a link); a
    device or FIFO (-o /dev/null) is written directly.
    """

    def __init__(self, path: str) -> None:
        self.path = os.path.realpath(path)
        self.tmp: Optional[str] = None
        self.file: Optional[IO[bytes]] = None
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.file = open(self.path, "wb")
            return
        self.mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
        fd, self.tmp = tempfile.mkstemp(dir=os.path.dirname(self.path),
                                        prefix=f".{os.path.basename(self.path)}.", suffix=".tmp")
        self.file = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.file.write(data)

    def commit(self) -> None:
        self.file.flush()
        if self.tmp is None:
            self.file.close()
            return
        os.fsync(self.file.fileno())
        self.file.close()
        os.chmod(self.tmp, self.mode)
        os.replace(self.tmp, self.path)
        self.tmp = None
        try:  # make the rename itself durable
            fd = os.open(os.path.dirname(self.path), os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def discard(self) -> None:
        """Forget the temporary file (nothing happens after `commit`)."""
        if self.file is not None and not self.file.closed:
            try:
                self.file.close()
            except OSError:
                pass
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


_UMASK: Optional[int] = None


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Reporter:
    """Errors and warnings on stderr, one line each, and the progress bar.

    The bar is drawn only for more than one input, when stderr is a terminal,
    not with --quiet, and not when the outputs go to the same terminal.
    """

    def __init__(self, stream) -> None:
        self.stream = stream
        self.quiet = False
        self.total = self.done = 0
        self.bar = False
        self.drawn = False
        self.name = ""  # the input last done, shown after the bar

    def start(self, total: int, shares_terminal: bool = False) -> None:
        self.total, self.done = total, 0
        self.bar = total > 1 and not self.quiet and not shares_terminal and _isatty(self.stream)
        self._draw("")

    def step(self, name: str) -> None:
        self.done += 1
        self._draw(name)

    def error(self, path: Optional[str], what: str) -> None:
        self._line("error", path, what)

    def warning(self, path: Optional[str], what: str) -> None:
        if not self.quiet:
            self._line("warning", path, what)

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def close(self) -> None:
        self.clear()
        self.bar = False

    def _line(self, kind: str, path: Optional[str], what: str) -> None:
        self.clear()
        where = f"{path}: " if path is not None else ""
        self.stream.write(f"{PROG}: {kind}: {where}{what}\n")
        self.stream.flush()
        self._draw(None)

    def _draw(self, name: Optional[str]) -> None:
        if not self.bar:
            return
        if name is not None:
            self.name = name
        try:
            width = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            width = shutil.get_terminal_size((80, 24)).columns
        count = f" {self.done}/{self.total} "
        cells = max(10, min(30, width // 3))
        full = cells * self.done // max(1, self.total)
        bar = f"[{'#' * full}{'.' * (cells - full)}]{count}"
        line = bar + _fit(self.name, width - 1 - len(bar))
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self.drawn = True


def _fit(text: str, columns: int) -> str:
    """`text`, or its end after '…', in at most `columns` terminal columns (CJK: two each)."""
    def width(ch: str) -> int:
        return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    if columns <= 0:
        return ""
    if sum(map(width, text)) <= columns:
        return text
    kept, used = [], 1
    for ch in reversed(text):
        used += width(ch)
        if used > columns:
            break
        kept.append(ch)
    return "…" + "".join(reversed(kept))
