"""The pipeline: decode → tokenize → anatomy → build. Nothing else lives here."""
from __future__ import annotations

import gc
import os
from typing import Optional, Union

from . import anatomy, build
from .decode import decode
from .model import Outline
from .breaks import split_run_together
from .tokenize import tokenize


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


def parse_bytes(data: bytes, encoding: Optional[str] = None) -> Outline:
    """Parse encoded bytes: UTF-8 (BOM or not), UTF-16/32 with BOM, else GB18030."""
    return parse(decode(data, encoding))


def parse_file(path: Union[str, os.PathLike], encoding: Optional[str] = None) -> Outline:
    """Read and parse a file; see `parse_bytes` for how it is decoded."""
    with open(path, "rb") as f:
        return parse_bytes(f.read(), encoding)
