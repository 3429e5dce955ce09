"""Regular expressions compiled on first use.

Compiling the patterns of a module costs more than importing it: `import
speech_outline` would pay for every pattern of the title rules, noise lists and
renumbering before parsing anything. A `LazyPattern` compiles on its first use and
then keeps the compiled pattern's bound methods as its own attributes, so a
call costs what calling the compiled pattern costs.
"""
from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """`re.compile(pattern, flags)`, done when one of its methods is first asked for."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what the instance does not hold yet
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(re.compile(*self._source), name)
        setattr(self, name, value)
        return value
