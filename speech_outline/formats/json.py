"""Outline ⇄ JSON (provisional minimal writer; see issue 4)."""
from __future__ import annotations

import json

from ..model import Node, Outline


def _node(node: Node) -> dict:
    return {"line": node.line, "level": node.level, "marker": node.marker.text, "style": node.marker.style,
            "ordinal": node.marker.ordinal, "title": node.title,
            "children": [_node(c) for c in node.children]}


def write(outline: Outline) -> str:
    return json.dumps({"title": outline.title, "children": [_node(n) for n in outline.nodes],
                       "diagnostics": [{"line": d.line, "code": d.code, "message": d.message}
                                       for d in outline.diagnostics]},
                      ensure_ascii=False, indent=1) + "\n"
