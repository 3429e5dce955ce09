"""Sphinx configuration of the speech_outline documentation.

Build (warnings are errors):

    .venv/bin/python -m sphinx -W --keep-going -b html docs docs/_build/html

Pages are MyST Markdown. The marker table, the list of diagnostic codes and the
command-line usage are generated from the code at build time by the directives in
``_ext/speech_outline_docs.py``; nothing generated is checked in.
"""
from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(ROOT))  # the package, also when it is not installed

import speech_outline  # noqa: E402

project = "speech_outline"
author = "speech_outline contributors"
copyright = "speech_outline contributors"  # no year: the build is reproducible
version = release = speech_outline.__version__
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "speech_outline_docs",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "requirements.txt", "outline.schema.json"]

# MyST: `(label)=` targets, ```{directive}``` blocks; anchors for in-page links.
myst_heading_anchors = 3
myst_enable_extensions = ["deflist"]

# Docstrings are reStructuredText with single backticks for names: make those
# cross-references where they resolve (plain code otherwise, no warning).
default_role = "py:obj"
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options: dict = {}
add_module_names = False

html_theme = "alabaster"
html_title = f"speech_outline {release}"
html_theme_options = {"page_width": "1200px", "sidebar_width": "230px"}
html_static_path = ["_static"]
html_css_files = ["wrap.css"]
html_extra_path = ["outline.schema.json"]  # served at the site root, next to index.html
html_last_updated_fmt = None
html_show_sourcelink = True
pygments_style = "sphinx"

# docs/performance.md is written by the benchmark's owner; until it exists the
# toctree leaves it out instead of failing the build on a missing page.
HAVE_PERFORMANCE = (DOCS / "performance.md").is_file()


def _drop_missing_pages(app, docname, source):
    if docname == "index" and not HAVE_PERFORMANCE:
        source[0] = source[0].replace("\nperformance\n", "\n")


def setup(app):
    app.connect("source-read", _drop_missing_pages)
