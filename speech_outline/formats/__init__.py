"""Writers and readers, one module per format, looked up by name.

Each format module has `write(outline, **options) -> str`, `read(text) -> Outline`
and `EXTENSIONS`, the file extensions of the format (the first is the one
written). `writer(name)` gives all three as one `Format` record; the command
line's `-t NAME` is a key of `FORMATS`.

Every reader raises `ReadError` (a ValueError) with a message for text it cannot
read, whatever is wrong with it: another format, a missing key, nesting too deep.
Every writer writes a lone surrogate (which no UTF can encode) as U+FFFD, the
replacement character.
"""
from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..model import Outline
from ._sections import ReadError

__all__ = ["FORMATS", "Format", "ReadError", "format_of_extension", "read", "write", "writer"]

# format name → module (imported on first use, so `import speech_outline` stays quick)
FORMATS = {
    "json": "json",
    "markdown": "markdown",
    "opml": "opml",
    "chunks": "chunks",
    "html": "html",
}


@dataclass(frozen=True)
class Format:
    """One format: its writer, its reader and the file extensions of its files."""

    name: str
    write: Callable[..., str]  #: `write(outline, **options) -> str`
    read: Callable[[str], Outline]  #: `read(text) -> Outline`; raises ReadError
    extensions: tuple[str, ...]  #: ".md", ".markdown": the first is the one written

    @property
    def extension(self) -> str:
        """The extension of the files written: ".json", ".md", ".opml", ".jsonl"."""
        return self.extensions[0]

    def accepts(self, option: str) -> bool:
        """Whether `write` takes the keyword option `option`."""
        params = inspect.signature(self.write).parameters.values()
        return any(p.kind is p.VAR_KEYWORD for p in params) or any(
            p.name == option and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)


_LOADED: dict[str, Format] = {}


def writer(name: str) -> Format:
    """The format called `name`; ValueError for an unknown one (ImportError if it cannot load)."""
    if name not in _LOADED:
        if name not in FORMATS:
            raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
        module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
        _LOADED[name] = Format(name, module.write, module.read, tuple(module.EXTENSIONS))
    return _LOADED[name]


def format_of_extension(extension: str) -> Optional[str]:
    """The format whose files have `extension` (".md" → "markdown"), or None."""
    extension = extension.lower()
    return next((name for name in FORMATS if extension in writer(name).extensions), None)


def write(outline: Outline, format: str, **options: Any) -> str:
    """Render `outline` in `format` (json, markdown, opml, chunks, html)."""
    return writer(format).write(outline, **options)


def read(text: str, format: str) -> Outline:
    """Read an outline back from text written in `format`; ReadError if it cannot."""
    return writer(format).read(text)
