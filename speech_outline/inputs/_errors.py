"""The errors of the readers: one line each, shown to the user as is."""
from __future__ import annotations

from ..decode import DecodeError


class InputError(DecodeError):
    """The file is not a readable document of the kind its content says it is.

    A DecodeError, so every caller that reports undecodable text reports this too.
    """


def missing_extra(extra: str, package: str) -> InputError:
    """The one-line error for a reader whose optional dependency is not installed."""
    return InputError(f"reading .{extra} files needs {package}: pip install 'speech-outline[{extra}]'")
