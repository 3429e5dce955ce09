"""Sphinx directives that generate reference material from the code at build time.

Nothing generated here is checked in, so the pages cannot drift from the code:

``marker-catalogue``
    A table of every marker family in ``speech_outline.markers.CATALOGUE``.
``marker-ladders``
    For each scheme, its families from outermost to innermost (by ``rank``).
``diagnostic-codes``
    A table of ``speech_outline.diagnostics.CODES``; each code links to the
    section labelled ``diag-<code>`` of the page, so a code without a written
    section is an undefined label, which ``sphinx -W`` turns into an error.
``cli-help``
    The ``--help`` text of ``speech-outline`` (or of a subcommand given as the
    directive's argument), produced by running ``speech_outline.cli.main``.
``verbatim-docstring``
    A function's signature and docstring, or a module's docstring, shown as
    preformatted text: for docstrings written as plain text rather than
    reStructuredText, which autodoc would misread.
"""
from __future__ import annotations

import contextlib
import io
import os
from typing import Sequence

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

SCHEME_NAMES = {
    "gbt9704": "Official documents (GB/T 9704)",
    "law": "Laws and regulations",
    "speech": "Speeches",
    "decimal": "Decimal numbering (plans, standards, emergency plans)",
    "other": "Other",
}
HELP_COLUMNS = "80"  # argparse wraps to $COLUMNS: fix it, so the page does not depend on the terminal


# --- small builders of docutils nodes


def _paragraph(*children: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    para.extend(children)
    return para


def _literals(texts: Sequence[str]) -> nodes.paragraph:
    """Each text as inline code, separated by spaces."""
    para = nodes.paragraph()
    for i, text in enumerate(texts):
        if i:
            para += nodes.Text(" ")
        para += nodes.literal(text, text)
    return para


def _table(header: Sequence[str], rows: Sequence[Sequence[nodes.Node]], widths: Sequence[int],
           classes: Sequence[str] = ()) -> nodes.table:
    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row([_paragraph(nodes.Text(h)) for h in header])
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells)
    return table


def _row(cells: Sequence[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell
        row += entry
    return row


def _ref(label: str, text: str) -> addnodes.pending_xref:
    """A link to a section label (MyST ``(label)=`` or reST ``.. _label:``)."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=label,
                                refexplicit=True, refwarn=True)
    ref += nodes.literal(text, text)
    return ref


# --- directives


class MarkerCatalogue(SphinxDirective):
    """Every family of the marker catalogue, in catalogue order (the order they are tried)."""

    has_content = False
    option_spec = {"scheme": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from speech_outline.markers import CATALOGUE

        self.env.note_dependency(_module_file("speech_outline.markers"))
        wanted = self.options.get("scheme")
        rows = []
        for fam in CATALOGUE:
            if wanted and fam.scheme != wanted:
                continue
            notes = []
            if fam.discourse:
                notes.append("a heading only in a series of two or more")
            if fam.weak:
                notes.append("a heading only where its series proves it")
            if fam.needs_separator:
                notes.append("without a space after it (a wide one for a bare number)"
                             + (" and not a short line" if fam.short_title else "")
                             + ", a heading only where its series proves it")
            if fam.inline:
                notes.append("may run on inside a paragraph")
            notes.append(f"{fam.numerals.name} numerals, up to {fam.render(fam.capacity)}"
                         if fam.capacity < 10**9 else f"{fam.numerals.name} numerals, any size")
            rows.append([
                _literals([fam.style]),
                _literals(fam.examples),
                _paragraph(nodes.Text(fam.description)),
                _paragraph(nodes.Text(f"{fam.scheme} {fam.rank}")),
                _paragraph(nodes.Text("; ".join(notes))),
            ])
        return [_table(["style", "examples", "what it is", "scheme, rank", "notes"], rows,
                       [16, 22, 32, 10, 20], classes=["marker-catalogue"])]


class MarkerLadders(SphinxDirective):
    """Each scheme's families by rank: the usual order of levels, outermost first."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from speech_outline.markers import CATALOGUE

        self.env.note_dependency(_module_file("speech_outline.markers"))
        schemes: dict[str, dict[int, list]] = {}
        for fam in CATALOGUE:
            schemes.setdefault(fam.scheme, {}).setdefault(fam.rank, []).append(fam)
        items = nodes.bullet_list()
        for scheme in sorted(schemes, key=lambda s: list(SCHEME_NAMES).index(s)
                             if s in SCHEME_NAMES else len(SCHEME_NAMES)):
            para = nodes.paragraph()
            para += nodes.strong(text=SCHEME_NAMES.get(scheme, scheme))
            para += nodes.Text(f" ({scheme}): ")
            for i, rank in enumerate(sorted(schemes[scheme])):
                if i:
                    para += nodes.Text(" > ")
                for j, fam in enumerate(schemes[scheme][rank]):
                    if j:
                        para += nodes.Text(" | ")
                    marker = fam.examples[0].split()[0]
                    para += nodes.literal(marker, marker)
            item = nodes.list_item()
            item += para
            items += item
        return [items]


class DiagnosticCodes(SphinxDirective):
    """Every diagnostic code with its message template, linked to its section."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from speech_outline.diagnostics import CODES

        self.env.note_dependency(_module_file("speech_outline.diagnostics"))
        rows = [[_paragraph(_ref(f"diag-{code}", code)), _literals([template])]
                for code, template in CODES.items()]
        return [_table(["code", "message template"], rows, [20, 80], classes=["diagnostic-codes"])]


class CliHelp(SphinxDirective):
    """``speech-outline [SUBCOMMAND] --help``, as the installed command prints it."""

    has_content = False
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        from speech_outline import cli

        self.env.note_dependency(_module_file("speech_outline.cli"))
        argv = [*self.arguments, "--help"]
        text = cli_help(argv)
        block = nodes.literal_block(text, text, language="text")
        return [block]


class VerbatimDocstring(SphinxDirective):
    """``dotted.name``: a py:function entry (or, for a module, the text alone) whose
    body is the docstring as written, preformatted."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        import importlib
        import inspect
        import types

        name = self.arguments[0]
        try:
            obj = importlib.import_module(name)
            module_name, short = name, None
        except ImportError:
            module_name, _, short = name.rpartition(".")
            obj = getattr(importlib.import_module(module_name), short)
        self.env.note_dependency(_module_file(module_name))
        doc = inspect.getdoc(obj) or ""
        block = nodes.literal_block(doc, doc, language="text", classes=["docstring"])
        if isinstance(obj, types.ModuleType):
            return [block]
        from sphinx.domains.python import PyFunction

        signature = f"{short}{inspect.signature(obj)}"
        entry = PyFunction("py:function", [signature], {"module": module_name}, StringList(),
                           self.lineno, self.content_offset, self.block_text, self.state,
                           self.state_machine).run()
        for node in entry:
            for content in node.findall(addnodes.desc_content):
                content.append(block)
                return entry
        raise self.error(f"no description made for {name}")


def cli_help(argv: list[str]) -> str:
    """What ``speech-outline ARGV`` prints, run in this process with a fixed width."""
    from speech_outline import cli

    out = io.StringIO()
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_COLUMNS
    try:
        with contextlib.redirect_stdout(out):
            try:
                status = cli.main(argv)
            except SystemExit as exc:  # argparse exits after printing help
                status = exc.code
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    if status not in (0, None):
        raise RuntimeError(f"speech-outline {' '.join(argv)} exited {status}")
    return out.getvalue().rstrip() + "\n"


def _module_file(name: str) -> str:
    import importlib

    return importlib.import_module(name).__file__


def setup(app):
    app.add_directive("marker-catalogue", MarkerCatalogue)
    app.add_directive("marker-ladders", MarkerLadders)
    app.add_directive("diagnostic-codes", DiagnosticCodes)
    app.add_directive("cli-help", CliHelp)
    app.add_directive("verbatim-docstring", VerbatimDocstring)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
