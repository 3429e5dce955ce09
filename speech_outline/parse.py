"""The pipeline: read (decode, or a .docx/.html/.pdf reader) → tokenize → anatomy → build. Nothing else lives here."""
from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Optional, Union

import attrs

from . import anatomy, build
from .model import Outline
from .breaks import split_run_together
from .tokenize import tokenize

if TYPE_CHECKING:
    from .inputs import Document


def parse(text: str) -> Outline:
    """Parse a document's text into its outline."""
    # The pipeline makes many small objects and no reference cycles: the cyclic garbage
    # collector would only rescan them (a quarter of the time on a 4 MB document).
    collecting = gc.isenabled()
    gc.disable()
    try:
        tokens = tokenize(text)
        anatomy.label(tokens)
        tokens = split_run_together(tokens)
        paragraphs, nodes, problems = build.build(tokens)
        return Outline(paragraphs, nodes, problems)
    finally:
        if collecting:
            gc.enable()


def parse_document(document: Document) -> Outline:
    """Parse a document a reader gave; the outline keeps the reader's `Source`."""
    outline = parse(document.text)
    return outline if document.source is None else attrs.evolve(outline, source=document.source)


def parse_bytes(data: bytes, encoding: Optional[str] = None, name: str = "") -> Outline:
    """Parse a file's bytes: .docx, .html or .pdf by content (the extension of `name` as a hint),
    else text: UTF-8 (BOM or not), UTF-16/32 with BOM, else GB18030. Raises DecodeError."""
    from .inputs import read_document  # noqa: PLC0415 (the readers load when a file is read, not at import)

    return parse_document(read_document(data, name, encoding))


def parse_file(path: Union[str, os.PathLike], encoding: Optional[str] = None) -> Outline:
    """Read and parse a file (text, .docx, .html or .pdf); see `parse_bytes`."""
    with open(path, "rb") as f:
        return parse_bytes(f.read(), encoding, os.fspath(path))
