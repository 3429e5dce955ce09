"""Marker soup: lines made of markers, titles, punctuation and odd white space in any order.

Not documents the parser must read one way (that is speech_outline.strategies), but
inputs that reach every branch of it: every invariant must still hold.
"""
from __future__ import annotations

from hypothesis import strategies as st

from speech_outline.markers import family
from speech_outline.strategies import LOOKALIKE_STARTS, STYLES, marker_text

_WORDS = ("总体要求", "加强组织领导", "各地区各部门要高度重视", "目录", "目　　录", "同志们：", "谢谢大家！",
          "首页>新闻>正文", "相关推荐", "本文内容由互联网用户自发贡献", "附件", "附件1", "2024年6月27日",
          "——在全市工作会议上的讲话", "……3", "国办发〔2018〕123号", "一是", "二是", "首先", "其次", "最后",
          "第一章", "第一条", "第", "（", "）", "(", ")", "①", "1.1", "1.", "一、", "Ⅰ", "C、", "1.5亿元",
          "本法", "是", "要", "个方面是", "部分", "编", "节", "款")
_PUNCT = "。；;！？!?：:，,、．.…"
_SPACE = (" ", "\u3000", "\t", "\u00a0", "\u200b", "\ufeff", "\x0b", "\x0c", "\u2028", "\x85")


@st.composite
def _marker(draw):
    style = draw(st.sampled_from(STYLES))
    if style == "speech-discourse":
        ordinal = draw(st.sampled_from((0, 1, 2, 3)))
    else:
        ordinal = draw(st.integers(1, min(family(style).capacity, 30)))
    path = tuple(draw(st.lists(st.integers(1, 12), min_size=1, max_size=5))) + (ordinal,) \
        if style == "decimal" else ((ordinal,) if style == "decimal-bare" else ())
    return marker_text(style, ordinal, path)


_piece = st.one_of(_marker(), st.sampled_from(_WORDS), st.sampled_from(LOOKALIKE_STARTS),
                   st.sampled_from(_PUNCT), st.sampled_from(_SPACE), st.text(max_size=3))
_line = st.lists(_piece, max_size=6).map("".join)
_ending = st.sampled_from(("\n", "\n", "\n", "\r\n", "\r", "\n\n", "\n \n", "\n\u3000\u3000\n"))


@st.composite
def soups(draw, line_ending=None) -> str:
    """Lines of marker soup joined by mixed line endings (or `line_ending`)."""
    lines = draw(st.lists(_line, max_size=12))
    out = ""
    for i, line in enumerate(lines):
        out += line
        if i + 1 < len(lines) or draw(st.booleans()):
            out += line_ending if line_ending is not None else draw(_ending)
    return out
