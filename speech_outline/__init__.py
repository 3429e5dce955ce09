"""speech_outline: Chinese speeches, official documents and laws → nested outlines.

>>> from speech_outline import parse
>>> outline = parse("一、总体要求\\n（一）指导思想。以……为指导。\\n")
>>> [(n.marker.text, n.title) for n in outline.walk()]
[('一、', '总体要求'), ('（一）', '指导思想。')]
"""
from __future__ import annotations

from .decode import DecodeError
from .fix import Change, fix, plan_fixes
from .model import Diagnostic, Marker, Node, Outline, Paragraph, Role, rebuild
from .parse import parse, parse_bytes, parse_file

__version__ = "0.1.0"

__all__ = [
    "Change", "DecodeError", "Diagnostic", "Marker", "Node", "Outline", "Paragraph", "Role",
    "fix", "parse", "parse_bytes", "parse_file", "plan_fixes", "rebuild", "__version__",
]
