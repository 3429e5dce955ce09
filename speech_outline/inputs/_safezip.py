"""Reading the parts of an Office zip safely: bounded sizes, no DTDs, no entities.

A .docx is a zip of XML parts. A crafted one can be a zip bomb (a few kilobytes that
inflate to gigabytes) or carry XML entity definitions (billion laughs, external
entities). Word never writes a DTD, so any part declaring one is refused outright, and
no part is inflated past a fixed budget whatever its header claims.
"""
from __future__ import annotations

import io
import zipfile
import xml.etree.ElementTree as ET
from typing import Optional

from ._errors import InputError

MAX_PART = 128 << 20  # bytes one XML part may inflate to (a long law's document.xml is ~10 MB)
MAX_TOTAL = 256 << 20  # bytes all parts read from one file may inflate to
MAX_RATIO = 200  # inflated/compressed; XML compresses 5–20×, a bomb thousands of times


class SafeZip:
    """The parts of one zip archive, each read at most once within the size budget."""

    def __init__(self, data: bytes, kind: str) -> None:
        self.kind = kind
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
            raise InputError(f"not a {kind} file (damaged zip: {exc})") from None
        self.budget = MAX_TOTAL

    def read(self, name: str) -> Optional[bytes]:
        """The inflated bytes of part `name`, or None when the archive has no such part."""
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.flag_bits & 0x1:
            raise InputError(f"{self.kind} is encrypted (password-protected)")
        limit = min(MAX_PART, self.budget)
        if info.file_size > limit or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
            raise InputError(f"{self.kind} part {name} would inflate to {info.file_size} bytes: "
                             "refused as a possible zip bomb")
        try:
            with self.zip.open(info) as part:
                data = part.read(limit + 1)  # never trust the header: stop past the budget
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
            raise InputError(f"cannot read {self.kind} part {name}: {exc}") from None
        if len(data) > limit:
            raise InputError(f"{self.kind} part {name} inflates past {limit} bytes: "
                             "refused as a possible zip bomb")
        self.budget -= len(data)
        return data

    def xml(self, name: str) -> Optional[ET.Element]:
        """Part `name` parsed as XML (None when absent); a DTD or entity declaration is refused."""
        data = self.read(name)
        if data is None:
            return None
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise InputError(f"{self.kind} part {name} declares a DTD or entities: refused")
        try:
            return ET.fromstring(data)
        except ET.ParseError as exc:
            raise InputError(f"{self.kind} part {name} is not well-formed XML ({exc})") from None
