"""What a reader returns: the text for the pipeline, one paragraph a line, and where each line came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import Source, SourceLine

# Characters Python's str.splitlines breaks at, besides "\n": inside a paragraph they become spaces,
# so that a line of the text is exactly one paragraph of the file.
_BREAKS = str.maketrans({ch: " " for ch in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


@dataclass(frozen=True)
class Document:
    """A document read from bytes: its text and, for .docx/.html/.pdf, its `Source`."""

    text: str
    source: Optional[Source] = None


@dataclass
class Lines:
    """The lines a reader collects, each with its `SourceLine`."""

    format: str
    texts: list[str] = field(default_factory=list)
    sources: list[SourceLine] = field(default_factory=list)
    title: Optional[str] = None
    notes: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)

    def add(self, text: str, source: SourceLine) -> None:
        """One paragraph; a line break inside it (Word's soft break, <br>) makes more lines."""
        for line in text.translate(_BREAKS).split("\n"):
            line = line.strip()
            if line:
                self.texts.append(line)
                self.sources.append(source)

    def document(self) -> Document:
        source = Source(self.format, tuple(self.sources), self.title or None,
                        tuple(self.notes), tuple(self.furniture))
        return Document("".join(t + "\n" for t in self.texts), source)
