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
import sys
import unicodedata
from dataclasses import dataclass
from typing import List, Optional

from .atomic import AtomicFile, write_file, write_fully

PROG = "speech-outline"
STDIN_NAME = "<stdin>"
INDEX_PAGE = "index.html"  # written beside the pages of `-t html --output-dir`

# writer option → its flag; an option goes to the writer only when its flag is given
_WRITER_FLAGS = {
    "include_noise": "--include-noise",
    "body_as_children": "--body-as-children",
    "prefix_path": "--prefix-path",
    "indent": "--indent",
    "max_chars": "--max-chars",
    "min_chars": "--min-chars",
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
  FILE        a text file, a Word .docx, a web page (.html) or a PDF with a text layer
              (the content decides; see the docs' Inputs page for the optional extras);
              `-` (or no FILE at all) reads stdin
  DIR         with -r, every .txt, .docx, .html, .htm and .pdf file below it (hidden
              files and folders skipped), in sorted order (a.txt, b/c.docx, d.pdf);
              without -r a folder is an error
  Encodings are detected: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM,
  UTF-16 without BOM, GB18030 (which covers GBK and GB2312) or Big5, told apart
  by their bytes; bytes that fit no encoding well are refused with a hint, never
  read as mojibake. --encoding NAME forces one; --errors replace reads bytes that
  do not decode as U+FFFD. A file with control characters (NUL…) anywhere is
  binary, an error; a trailing DOS end-of-file byte (0x1A) is dropped.
  Line endings may be LF, CRLF or CR.
  An empty file (no bytes, or only white space) is an error: "empty file".
  A file with text but no heading converts, with the warning "no headings found".

outputs:
  stdout by default (several inputs: one output after another, in input order;
  not for opml and html, whose documents cannot be concatenated).
  -o FILE writes everything to FILE; its extension chooses the format when -t is
  not given (.json .md .opml .jsonl .html; a warning when -t says otherwise). FILE is
  replaced only when every input converted (with --keep-going, when any did): a
  failure leaves it as it was. FILE may not be an input (links followed).
  --output-dir DIR writes one file per input: same name, extension by format
  (.json .md .opml .jsonl .html); with -r the folders below DIR mirror those below
  the input folder; when two inputs share a name, the folders of all inputs are
  mirrored (x/a.txt y/a.txt → DIR/x/a.json DIR/y/a.json); -t html also writes
  DIR/index.html, which lists the pages. A file that fails leaves no output (and
  an older output in place). Files are written atomically: a temporary file,
  then renamed.

writer options:
  Each applies to the formats whose writer takes it; another is a usage error.
  Page furniture (breadcrumbs, footers, related links) is dropped by markdown and
  kept by json unless --include-noise / --no-include-noise says otherwise.
  OPML's <dateCreated> is the current time, or SOURCE_DATE_EPOCH when that is set
  (reproducible builds). Chunks carry their input's path as "source" and in their
  ids ("a.txt#1.2"), unique across a batch.

examples:
  speech-outline convert speech.txt -o speech.json
  speech-outline convert -t markdown < speech.txt > speech.md
  speech-outline convert -t opml -r speeches/ --output-dir mindmaps/ -j 4
  speech-outline convert -t chunks --prefix-path docs/*.txt -o chunks.jsonl
  speech-outline convert -t chunks --max-chars 500 --min-chars 50 docs/*.txt
  speech-outline convert --encoding gbk old-notice.txt

exit status: 0 all converted, 1 an input failed or an output could not be
written (the other inputs still convert), 2 bad usage, 130 interrupted (Ctrl-C),
141 the reader of stdout went away (`| head`).
"""

CHECK_EPILOG = """\
Prints each numbering problem as one line, like a linter:
  draft.txt:12: '三、' follows '一、' (line 3): number 2 missing [gap]
Inputs, encodings and -r are as for `convert`; `-` or no FILE reads stdin.
--enable mixed-punctuation also reports `1.` / `2、` / `3.` in one series;
--lang zh prints the messages in Chinese.

examples:
  speech-outline check draft.txt
  speech-outline check -r drafts/
  speech-outline check --lang zh --enable mixed-punctuation draft.txt

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


class _Failed(Exception):
    """An error that stops the command before or while it writes: one line, exit 1."""

    def __init__(self, path: Optional[str], what: str) -> None:
        super().__init__(what)
        self.path, self.what = path, what


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
    from .decode import ERRORS
    from .diagnostics import LANGUAGES, OPT_IN
    from .formats import FORMATS

    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter, epilog=MAIN_EPILOG,
        description="Chinese speeches, official documents and laws → nested outlines\n"
                    "(JSON, Markdown, OPML, retrieval chunks).")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-r", "--recursive", action="store_true",
                        help="take the .txt, .docx, .html and .pdf files in folders, and below them")
    common.add_argument("--encoding", metavar="NAME",
                        help="read inputs in this encoding (e.g. gbk, big5, utf-16-le) "
                             "instead of detecting it")
    common.add_argument("--errors", choices=ERRORS, default="strict",
                        help="strict: an input with bytes that do not decode fails (default); "
                             "replace: read them as U+FFFD (a lossy read)")
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
    convert.add_argument("--keep-going", action="store_true",
                         help="with -o FILE: write the inputs that converted even if others "
                              "failed (the exit status is still 1)")
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
    opts.add_argument("--max-chars", metavar="N", type=_positive, default=None,
                      help="chunks: split sections longer than N characters (paragraphs, then "
                           "sentences); e.g. 500 for 512-token Chinese embedding models")
    opts.add_argument("--min-chars", metavar="N", type=_positive, default=None,
                      help="chunks: merge sections shorter than N characters (a bare heading) "
                           "into the next or previous chunk; e.g. 50")
    convert.set_defaults(run=_convert, subparser=convert)

    check = commands.add_parser(
        "check", parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=CHECK_EPILOG, help="report numbering problems (gaps, repeats, restarts…)",
        description="Check the heading numbering of documents and print each problem as\n"
                    "FILE:LINE: message [code].")
    check.add_argument("inputs", nargs="*", metavar="FILE",
                       help="text files, folders (with -r) or - for stdin")
    check.add_argument("--enable", metavar="CODE", action="append", choices=list(OPT_IN),
                       help=f"also report this opt-in code ({', '.join(OPT_IN)}); may be repeated")
    check.add_argument("--lang", choices=LANGUAGES, default="en",
                       help="language of the messages: en (default) or zh (中文)")
    check.set_defaults(run=_check, subparser=check)

    fix = commands.add_parser(
        "fix", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=FIX_EPILOG,
        help="renumber headings: sequence, one spelling per level; nothing else changes",
        description="Renumber the headings of documents, leaving every other character as it is.")
    fix.add_argument("inputs", nargs="*", metavar="FILE", help="text files, folders (with -r) or - for stdin")
    fix.add_argument("-r", "--recursive", action="store_true",
                     help="take the text files in folders, and below them (other documents are skipped)")
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


def _positive(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
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
    except _Failed as exc:
        reporter.close()
        reporter.error(exc.path, exc.what)
        return 1


# ---------------------------------------------------------------- convert

def _convert(args: argparse.Namespace, reporter: "_Reporter") -> int:
    """Format and options, then inputs, then where the outputs go, then the work."""
    fmt = _output_format(args, reporter)
    options = _writer_options(args, fmt)
    _check_encoding(args.encoding)
    inputs = _expand(args.inputs, args.recursive)
    destination = _destination(args, inputs, fmt, reporter)
    try:
        return _convert_all(inputs, fmt, args, options, destination, reporter)
    finally:
        destination.close()


def _output_format(args: argparse.Namespace, reporter: "_Reporter") -> str:
    """-t, else the format of -o's extension, else json; a warning when -t and the
    extension of -o disagree."""
    from . import formats

    ext = os.path.splitext(args.output or "")[1].lower() if args.output != "-" else ""
    try:
        fmt = args.to or formats.format_of_extension(ext) or "json"
        writer = formats.writer(fmt)
    except ImportError as exc:  # an installation problem, not a usage error
        raise _Failed(None, f"format {args.to or ext} is not available: {exc}") from None
    if args.to is not None and ext and ext not in writer.extensions:
        reporter.warning(args.output, f"writing {fmt} into a file named {ext}, "
                                      f"which is not a {fmt} extension ({writer.extension})")
    return fmt


def _writer_options(args: argparse.Namespace, fmt: str) -> dict:
    """The writer options given on the command line; one for another format is a usage error."""
    from . import formats

    writer = formats.writer(fmt)
    options = {name: getattr(args, name) for name in _WRITER_FLAGS if getattr(args, name) is not None}
    for name, value in options.items():
        if not writer.accepts(name):
            flag = _WRITER_FLAGS[name]
            raise _Usage(f"{'--no-' + flag[2:] if value is False else flag} does not apply to -t {fmt}")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and writer.accepts("date_created"):
        try:
            options["date_created"] = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise _Usage(f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}") from None
    return options


def _destination(args: argparse.Namespace, inputs: List[_Input], fmt: str,
                 reporter: "_Reporter") -> "_Destination":
    """Where the outputs go, checked and opened before any work: stdout, one file, a folder."""
    from . import formats

    if args.output_dir is not None:
        if any(item.path is None for item in inputs):
            raise _Usage("stdin has no file name to use in --output-dir; use -o FILE or stdout")
        index = os.path.join(args.output_dir, INDEX_PAGE) if fmt == "html" else None
        _plan_outputs(inputs, args.output_dir, formats.writer(fmt).extension, reserved=index)
        return _Folder(args.output_dir, index, reporter)
    if len(inputs) > 1 and fmt in ("opml", "html"):
        raise _Usage(f"several {fmt.upper()} documents cannot be joined in one output; use --output-dir")
    if args.output in (None, "-"):
        return _Stdout(reporter)
    for item in inputs:
        if item.path is not None and item.error is None and _same_file(args.output, item.path):
            raise _Failed(item.name, f"the output would overwrite the input: {args.output}")
    return _OneFile(args.output, args.keep_going, len(inputs), reporter)


def _convert_all(inputs: List[_Input], fmt: str, args: argparse.Namespace, options: dict,
                 destination: "_Destination", reporter: "_Reporter") -> int:
    """Convert the inputs in order and hand each output to `destination`."""
    failures: List[str] = []
    results = _results(inputs, fmt, args, options, reporter)
    try:
        reporter.start(len(inputs), shares_terminal=destination.shares_terminal)
        for item, result in _succeeded(results, reporter, failures):
            if result.written is None:  # --output-dir: the worker wrote it
                destination.write(item, result.output.encode("utf-8"))
            destination.converted(item, result)
        reporter.close()
        destination.finish(len(failures))
    finally:
        results.close()  # stops the worker processes of -j, also on Ctrl-C
        reporter.close()
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


def _plan_outputs(inputs: List[_Input], output_dir: str, ext: str, reserved: Optional[str] = None) -> None:
    """Give each input its output file: its name (with -r, its path below the folder given)
    in `output_dir`. When two inputs would share an output, the folders of all inputs are
    mirrored below `output_dir` instead (x/a.txt → DIR/x/a.json, y/a.txt → DIR/y/a.json).
    An output still shared, one that is its own input, or one that is the `reserved` file
    (the index of html pages), is an error on the later input."""
    files = [item for item in inputs if item.error is None]
    names = [item.relative or os.path.basename(item.path) for item in files]
    if len({os.path.normcase(os.path.splitext(name)[0]) for name in names}) < len(names):
        top = os.path.commonpath([os.path.dirname(os.path.abspath(item.path)) for item in files])
        names = [os.path.relpath(os.path.abspath(item.path), top) for item in files]
    taken: dict = {}
    if reserved is not None:
        taken[os.path.normcase(os.path.abspath(reserved))] = "the index of the pages"
    for item, name in zip(files, names):
        out = os.path.join(output_dir, os.path.splitext(name)[0] + ext)
        key = os.path.normcase(os.path.abspath(out))
        if key in taken:
            item.error = f"same output file as {taken[key]}: {out}"
        elif key == os.path.normcase(os.path.abspath(item.path)) or _same_file(out, item.path):
            item.error = f"the output would overwrite the input: {out}"
        else:
            taken[key] = item.name
            item.output = out


def _same_file(a: str, b: str) -> bool:
    """Whether two paths are one file (same device and inode, links followed)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


# ---------------------------------------------------------------- check

def _check(args: argparse.Namespace, reporter: "_Reporter") -> int:
    from . import diagnostics

    _check_encoding(args.encoding)
    inputs = _expand(args.inputs, args.recursive)
    failures: List[str] = []
    problems = 0
    out = _Stdout(reporter)
    results = _results(inputs, None, args, {}, reporter, enable=args.enable or ())
    reporter.start(len(inputs), shares_terminal=out.shares_terminal)
    try:
        for item, result in _succeeded(results, reporter, failures):
            lines = [f"{item.name}:{d.line}: {diagnostics.message(d, args.lang)} [{d.code}]"
                     for d in sorted(result.diagnostics, key=lambda d: d.line)]
            if lines:
                problems += len(lines)
                out.write(item, ("\n".join(lines) + "\n").encode("utf-8"))
    finally:
        results.close()
        reporter.close()
    return 1 if failures or problems else 0


# ---------------------------------------------------------------- fix

def _fix(args: argparse.Namespace, reporter: "_Reporter") -> int:
    import difflib

    from . import batch
    from .decode import DecodeError, decode_stored
    from .renumber import plan
    from .inputs import detect

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
    out = _Stdout(reporter)
    for item in inputs:
        try:
            data = _read_input(item, reporter)
            kind = detect(data, item.path or "")
            if kind != "text" and item.relative is not None:  # found with -r beside the text files
                reporter.warning(item.name, f"skipped: fix rewrites text files, not {kind}")
                continue
            if kind != "text":
                raise _Unreadable(f"fix rewrites text files; this is a {kind} file")
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
                write_file(item.path, stored.encode(fixed.text))
            except OSError as exc:
                failed += 1
                reporter.error(item.name, f"cannot write: {batch.os_message(exc)}")
            continue
        else:  # the fixed text, stored as the input was (fix - < a.txt > b.txt keeps the encoding)
            report = fixed.text
        out.write(item, stored.encode(report) if to_stdout else report.encode("utf-8"))
    return 1 if failed or (args.check and changed) else 0


class _Unreadable(Exception):
    """An input that cannot be read, or not by this command."""


def _read_input(item: _Input, reporter: "_Reporter") -> bytes:
    """The bytes of an input (a file, or stdin); OSError or _Unreadable when it cannot be read."""
    if item.error is not None:
        raise _Unreadable(item.error)
    if item.path is not None:
        with open(item.path, "rb") as f:
            return f.read()
    if _isatty(sys.stdin):
        reporter.note("reading standard input (Ctrl-D to end)")
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
    """The arguments as inputs: `-` is stdin, folders (with -r) the documents below them."""
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
                inputs.append(_Input(arg, arg, error="is a directory (use -r for the documents in it)"))
                continue
            found = _folder_inputs(arg)
            inputs.extend(found or [_Input(arg, arg, error="no .txt, .docx, .html or .pdf files in this directory")])
        else:
            inputs.append(_Input(arg, arg))
    return inputs


def _folder_inputs(folder: str) -> List[_Input]:
    """The documents below `folder` (.txt, .docx, .html, .htm, .pdf; hidden ones skipped) and
    the folders that could not be read (an error each), in the order of `find | sort`:
    a.txt, b/c.docx, d.pdf."""
    from . import batch
    from .inputs import EXTENSIONS

    found = []

    def unreadable(exc: OSError) -> None:
        rel = os.path.relpath(exc.filename, folder) if exc.filename else "."
        found.append((rel, _Input(os.path.normpath(os.path.join(folder, rel)) if rel != "." else folder,
                                  None, error=f"cannot read: {batch.os_message(exc)}")))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if os.path.splitext(name)[1].lower() in EXTENSIONS and not name.startswith("."):
                rel = os.path.relpath(os.path.join(root, name), folder)
                found.append((rel, _Input(os.path.join(folder, rel), os.path.join(folder, rel), relative=rel)))
    return [item for _, item in sorted(found, key=lambda pair: pair[0].split(os.sep))]


def _results(inputs: List[_Input], fmt: Optional[str], args: argparse.Namespace, options: dict,
             reporter: "_Reporter", enable=()):
    """(input, Result) in input order; files go through batch.convert_many (-j), which
    reads them with batch.read_input; stdin is read here and decoded alike."""
    from . import batch

    files = [item for item in inputs if item.error is None and item.path is not None]
    outputs = {item.path: item.output for item in files if item.output is not None}
    results = batch.convert_many([item.path for item in files], fmt,
                                 jobs=args.jobs if len(files) > 1 else 1, encoding=args.encoding,
                                 errors=args.errors, enable=enable, outputs=outputs, **options)
    try:
        for item in inputs:
            if item.error is not None:
                yield item, batch.Result(item.name, error=item.error)
            elif item.path is None:
                if _isatty(sys.stdin):
                    reporter.note("reading standard input (Ctrl-D to end)")
                try:
                    data = sys.stdin.buffer.read()
                except (AttributeError, ValueError):  # no stdin at all (closed)
                    yield item, batch.Result(item.name, error="cannot read: stdin is closed")
                    continue
                except OSError as exc:
                    yield item, batch.Result(item.name, error=f"cannot read: {batch.os_message(exc)}")
                    continue
                yield item, batch.convert_bytes(data, fmt, path=item.name, encoding=args.encoding,
                                                errors=args.errors, enable=enable, **options)
            else:
                yield item, next(results)
    finally:
        results.close()  # stop the worker processes (at once when interrupted)


# ---------------------------------------------------------------- outputs

class _Destination:
    """Where converted outputs go. A failure to write raises _Failed (and stops)."""

    shares_terminal = False  # outputs on the terminal the progress bar would be drawn on

    def write(self, item: _Input, data: bytes) -> None:
        raise NotImplementedError

    def converted(self, item: _Input, result) -> None:
        """`item` converted to `result` (and its output was written)."""

    def finish(self, failed: int) -> None:
        """All inputs are done, `failed` of them failed."""

    def close(self) -> None:
        """Undo what `finish` did not make permanent (also after an error or Ctrl-C)."""


class _Stdout(_Destination):
    """One output after another on stdout."""

    def __init__(self, reporter: "_Reporter") -> None:
        self.reporter = reporter
        self.shares_terminal = _isatty(sys.stdout)

    def write(self, item: _Input, data: bytes) -> None:
        from . import batch

        self.reporter.clear()
        stdout = sys.stdout.buffer
        try:
            write_fully(stdout, data)
            stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # a full disk: nothing more can be written
            raise _Failed("<stdout>", f"cannot write: {batch.os_message(exc)}") from None


class _OneFile(_Destination):
    """-o FILE: every output into one file, which replaces FILE only when every input
    converted (or with --keep-going, when any did)."""

    def __init__(self, path: str, keep_going: bool, total: int, reporter: "_Reporter") -> None:
        from . import batch

        self.path, self.keep_going, self.total, self.reporter = path, keep_going, total, reporter
        if os.path.isdir(path):
            raise _Failed(path, "is a directory")
        try:
            self.sink = AtomicFile(path)
        except OSError as exc:
            raise _Failed(path, f"cannot write: {batch.os_message(exc)}") from None

    def write(self, item: _Input, data: bytes) -> None:
        from . import batch

        try:
            self.sink.write(data)
        except OSError as exc:
            raise _Failed(self.path, f"cannot write: {batch.os_message(exc)}") from None

    def finish(self, failed: int) -> None:
        from . import batch

        if failed and (not self.keep_going or failed == self.total):
            self.sink.discard()
            if self.total > 1:  # with one input, its own error says it all
                some = "1 input" if failed == 1 else f"{failed} inputs"
                self.reporter.error(self.path, f"not written: {some} failed"
                                    + ("" if self.keep_going else " (--keep-going writes the others)"))
            return
        try:
            self.sink.commit()
        except OSError as exc:
            raise _Failed(self.path, f"cannot write: {batch.os_message(exc)}") from None

    def close(self) -> None:
        self.sink.discard()  # no-op once committed


class _Folder(_Destination):
    """--output-dir DIR: one file per input, written atomically by the worker that
    converted it (batch.convert_many's `outputs`), so that -j writes in parallel."""

    def __init__(self, folder: str, index: Optional[str], reporter: "_Reporter") -> None:
        from . import batch

        if os.path.exists(folder) and not os.path.isdir(folder):
            raise _Failed(folder, "not a directory")
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise _Failed(folder, f"cannot create: {batch.os_message(exc)}") from None
        self.folder, self.index, self.reporter = folder, index, reporter
        self.pages: list = []  # formats.html.IndexEntry of each page written, for the index

    def converted(self, item: _Input, result) -> None:
        if self.index is None:
            return
        import urllib.parse

        from .formats.html import IndexEntry

        href = urllib.parse.quote(os.path.relpath(item.output, self.folder).replace(os.sep, "/"))
        self.pages.append(IndexEntry(href, item.relative or os.path.basename(item.path), result.title,
                                     result.headings, len(result.diagnostics)))

    def finish(self, failed: int) -> None:
        """-t html: write the index of the pages (even when some inputs failed: it lists the others)."""
        if self.index is None:
            return
        from . import batch
        from .formats.html import index

        try:
            write_file(self.index, index(self.pages).encode("utf-8"))
        except OSError as exc:
            raise _Failed(self.index, f"cannot write: {batch.os_message(exc)}") from None


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

    def note(self, what: str) -> None:
        """A line that is neither an error nor a warning (not with --quiet)."""
        if not self.quiet:
            self._line(None, None, what)

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def close(self) -> None:
        self.clear()
        self.bar = False

    def _line(self, kind: Optional[str], path: Optional[str], what: str) -> None:
        self.clear()
        where = f"{path}: " if path is not None else ""
        self.stream.write(f"{PROG}: {kind + ': ' if kind else ''}{where}{what}\n")
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
