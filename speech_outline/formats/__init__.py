"""Writers and readers, one module per format, looked up by name.

Each format module has `write(outline, **options) -> str` and
`read(text) -> Outline`; the command line's `-t NAME` is a key of `FORMATS`.
"""
from __future__ import annotations

import importlib
from typing import Any

from ..model import Outline

# format name → module (imported on first use, so `import speech_outline` stays quick)
FORMATS = {
    "json": "json",
    "markdown": "markdown",
    "opml": "opml",
    "chunks": "chunks",
    "html": "html",
}


def _module(name: str):
    try:
        return importlib.import_module(f"{__name__}.{FORMATS[name]}")
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}") from None


def write(outline: Outline, format: str, **options: Any) -> str:
    """Render `outline` in `format` (json, markdown, opml, chunks, html)."""
    return _module(format).write(outline, **options)


def read(text: str, format: str) -> Outline:
    """Read an outline back from text written in `format`."""
    return _module(format).read(text)
