"""speech_outline: Chinese speeches, official documents and laws → nested outlines.

>>> from speech_outline import parse
>>> outline = parse("一、总体要求\\n（一）指导思想。以……为指导。\\n")
>>> [(n.marker.text, n.title) for n in outline.walk()]
[('一、', '总体要求'), ('（一）', '指导思想。')]
"""
from __future__ import annotations

import importlib
from typing import Any

from .decode import DecodeError
from .model import Diagnostic, Marker, Node, Outline, Paragraph, Role, rebuild
from .parse import parse, parse_bytes, parse_file

__version__ = "0.1.0"

__all__ = [
    "Change", "DecodeError", "Diagnostic", "Marker", "Node", "Outline", "Paragraph", "Role",
    "fix", "parse", "parse_bytes", "parse_file", "plan_fixes", "rebuild", "__version__",
]

# Loaded when first asked for (`from speech_outline import fix`): a parse does not need them.
_LAZY = {"fix": "renumber", "plan_fixes": "renumber", "Change": "renumber"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    return value
