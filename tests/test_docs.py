"""The documentation in docs/: its examples run, its reference is complete, the site builds.

* Python examples (``>>>`` lines in ```pycon or ```python fences) run as one
  doctest per page, in order, from the repository root. A ```python fence without
  ``>>>`` is not run, and must say so in its first line (``# Not executed …``).
* Shell examples (``$ …`` lines in ```console fences) run with bash in a fresh
  folder per fence that has the repository's ``examples/`` in it, with this
  Python's ``bin`` first on PATH (so ``speech-outline`` and ``python`` are the
  ones under test). The lines after a command are its expected output, stdout
  and stderr together as a terminal shows them (``...`` matches anything); a
  command must exit 0, unless the next line is ``$ echo $?``, whose output is
  the expected status. ```sh fences (installing, running the tests) are not run.
* Every diagnostic code has its section in diagnostics.md, with an example and a fix.
* The site builds with ``sphinx -W`` (warnings are errors) into a temporary folder,
  and the generated reference (markers, diagnostic codes, command-line usage) is
  in it. This needs docs/requirements.txt; without it the build is skipped,
  except on CI (``CI`` set), where the build is required.
"""
from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from speech_outline.diagnostics import CODES
from speech_outline.markers import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
BUILD_COMMAND = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html"]

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")


@dataclass
class Block:
    """A fenced code block of a page."""

    page: Path
    info: str  # the fence's info string: "pycon", "console", "{literalinclude} …"
    line: int  # 1-based line of its first content line
    lines: list[str] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.info.split()[0] if self.info.split() else ""

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def fenced_blocks(page: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page (CommonMark fences, not nested)."""
    blocks: list[Block] = []
    current: Block | None = None
    closing = ""
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        m = FENCE.match(line)
        if current is None:
            if m:
                closing = m.group("fence")
                current = Block(page, m.group("info").strip(), number + 1)
        elif m and m.group("fence")[0] == closing[0] and len(m.group("fence")) >= len(closing) \
                and not m.group("info").strip():
            blocks.append(current)
            current = None
        else:
            current.lines.append(line)
    assert current is None, f"{page.name}: a code fence is not closed"
    return blocks


def all_blocks(language: str) -> list[Block]:
    return [b for page in PAGES for b in fenced_blocks(page) if b.language == language]


def test_the_pages_are_there():
    names = {p.stem for p in PAGES}
    assert {"index", "getting-started", "markers", "formats", "cli", "examples", "api",
            "property-testing", "diagnostics"} <= names
    toctree = next(b for b in fenced_blocks(DOCS / "index.md") if b.language == "{toctree}")
    listed = {line.strip() for line in toctree.lines if line.strip() and not line.startswith(":")}
    assert names - {"index"} <= listed, "every page is in the index's toctree"
    assert "performance" in listed


# --- Python examples


def page_doctest(page: Path) -> doctest.DocTest | None:
    """The page's >>> examples, in order, as one doctest with the page's line numbers."""
    parser = doctest.DocTestParser()
    examples = []
    for block in fenced_blocks(page):
        if block.language in ("pycon", "python") and ">>>" in block.text:
            for example in parser.get_examples(block.text, name=page.name):
                example.lineno += block.line - 1
                examples.append(example)
    if not examples:
        return None
    return doctest.DocTest(examples, {"__name__": f"docs.{page.stem}"}, page.name, str(page), 0, None)


PAGES_WITH_DOCTESTS = [p for p in PAGES if page_doctest(p) is not None]


@pytest.mark.parametrize("page", PAGES_WITH_DOCTESTS, ids=lambda p: p.name)
def test_python_examples(page, monkeypatch):
    monkeypatch.chdir(ROOT)
    test = page_doctest(page)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=report.append)
    failed = runner.summarize(verbose=False).failed
    assert failed == 0, "".join(report)


def test_python_examples_not_run_say_so():
    for block in all_blocks("python"):
        if ">>>" not in block.text:
            assert block.lines and block.lines[0].startswith("# Not executed"), (
                f"{block.where}: a Python example that the tests do not run must begin "
                f"with '# Not executed…' (or be written as a >>> example)")


def test_every_page_has_a_python_example_or_command():
    for page in PAGES:
        if page.stem in ("index", "performance"):
            continue
        languages = {b.language for b in fenced_blocks(page)}
        assert page_doctest(page) is not None or "console" in languages, page.name


# --- Shell examples


@dataclass
class Command:
    line: int
    command: str
    output: list[str]
    status: int = 0


def console_commands(block: Block) -> list[Command]:
    commands: list[Command] = []
    for offset, line in enumerate(block.lines):
        if line.startswith("$ "):
            command = line[2:]
            if command.strip() == "echo $?":
                assert commands, f"{block.where}: 'echo $?' needs a command before it"
            commands.append(Command(block.line + offset, command, []))
        else:
            assert commands, f"{block.where}: output before the first '$ ' command"
            commands[-1].output.append(line)
    # fold each `echo $?` into the command before it
    folded: list[Command] = []
    for command in commands:
        if command.command.strip() == "echo $?":
            previous = folded[-1]
            assert len(command.output) == 1 and command.output[0].strip().isdigit(), (
                f"{block.where}: 'echo $?' must show one number")
            previous.status = int(command.output[0])
        else:
            folded.append(command)
    return folded


CONSOLE_BLOCKS = all_blocks("console")


def shell_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env.update(COLUMNS="80", PYTHONUTF8="1", PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


@pytest.mark.parametrize("block", CONSOLE_BLOCKS, ids=lambda b: f"{b.page.name}:{b.line}")
def test_shell_examples(block, tmp_path):
    commands = console_commands(block)
    assert commands, f"{block.where}: a console block without a '$ ' command"
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    checker = doctest.OutputChecker()
    env = shell_environment()
    for command in commands:
        done = subprocess.run(["bash", "-c", command.command], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        got = done.stdout.decode("utf-8", "replace")
        want = "".join(line + "\n" for line in command.output)
        where = f"{block.page.relative_to(ROOT)}:{command.line}: $ {command.command}"
        assert done.returncode == command.status, (
            f"{where}\nexited {done.returncode}, the page says {command.status}\n{got}")
        assert checker.check_output(want, got, doctest.ELLIPSIS), (
            f"{where}\n--- the page shows:\n{want}--- the command printed:\n{got}")


def test_shell_examples_use_the_samples():
    commands = [c.command for b in CONSOLE_BLOCKS for c in console_commands(b)]
    assert any(c.startswith("speech-outline convert") for c in commands)
    assert any(c.startswith("speech-outline check") for c in commands)
    for path in re.findall(r"examples/samples/[\w.-]+\.txt", "\n".join(commands)):
        if "no-such-file" not in path:
            assert (ROOT / path).is_file(), path


def test_the_writer_options_table_matches_the_writers():
    from speech_outline.formats import FORMATS, writer

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `--([\w-]+)[^`]*`[^|]*\| ([\w, ]+) \|", text, re.M)
    assert {flag for flag, _ in rows} == {"include-noise", "body-as-children", "prefix-path", "indent",
                                          "max-chars", "min-chars"}
    for flag, listed in rows:
        option = flag.replace("-", "_")
        assert set(listed.replace(" ", "").split(",")) == {f for f in FORMATS if writer(f).accepts(option)}, flag


def test_getting_started_has_the_readme_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme[readme.index("## Set up and run"):readme.index("## Command line")]
    commands = re.findall(r"```console\n(.*?)```", setup, re.S)
    assert len(commands) == 2
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    for command in commands:
        assert command.strip() in page, f"getting-started.md lacks the README's command {command.strip()!r}"


# --- Reference completeness


def test_every_diagnostic_code_has_a_section_with_an_example_and_a_fix():
    text = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^\(diag-([\w-]+)\)=\n## \1\n(.*?)(?=^\(diag-|^## |\Z)", text, re.S | re.M))
    assert set(sections) == set(CODES), "one section per code of diagnostics.CODES, and no other"
    for code, body in sections.items():
        assert f"[{code}]" in body and ">>> " in body, f"{code}: no example that shows the code"
        assert "**Fix:**" in body, f"{code}: no fix"
    assert "```{diagnostic-codes}" in text


def test_generated_tables_are_generated_not_copied():
    markers = (DOCS / "markers.md").read_text(encoding="utf-8")
    assert "```{marker-catalogue}" in markers and "```{marker-ladders}" in markers
    assert "```{cli-help}" in (DOCS / "cli.md").read_text(encoding="utf-8")
    # no checked-in file under docs/ holds a copy of what is generated
    sources = [p for p in DOCS.rglob("*") if p.is_file() and "_build" not in p.parts
               and "__pycache__" not in p.parts and p.suffix in (".md", ".rst", ".txt", ".inc", ".py")]
    generated = [fam.description for fam in CATALOGUE] + list(CODES.values()) + ["--body-as-children  "]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for piece in generated:
            assert piece not in text, f"{path.relative_to(ROOT)} has a copy of generated text: {piece!r}"


# --- The site


def sphinx_available() -> bool:
    try:
        import myst_parser  # noqa: F401
        import sphinx  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not sphinx_available():
        if os.environ.get("CI"):
            pytest.fail("the documentation build needs docs/requirements.txt installed "
                        "(pip install -r docs/requirements.txt)", pytrace=False)
        pytest.skip("sphinx and myst-parser are not installed: pip install -r docs/requirements.txt")
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run([*BUILD_COMMAND, "-d", str(out / "doctrees"), str(DOCS), str(out / "html")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "80"})
    assert done.returncode == 0, f"sphinx -W failed:\n{done.stderr}\n{done.stdout[-3000:]}"
    assert "WARNING" not in done.stderr and "ERROR" not in done.stderr, done.stderr
    return out / "html"


def page_text(site: Path, name: str) -> str:
    return (site / f"{name}.html").read_text(encoding="utf-8")


def test_site_builds_without_warnings(site):
    for page in PAGES:
        assert (site / f"{page.stem}.html").is_file(), page.name
    assert (site / "outline.schema.json").read_bytes() == (DOCS / "outline.schema.json").read_bytes()


def test_site_has_every_marker_family(site):
    html = page_text(site, "markers")
    for fam in CATALOGUE:
        assert f">{fam.style}<" in html, fam.style
        for example in fam.examples:
            for word in example.split():  # the words of a literal are spans of their own
                assert word.replace("&", "&amp;") in html, example


def test_site_has_every_diagnostic_code(site):
    html = page_text(site, "diagnostics")
    for code in CODES:
        assert f'id="diag-{code}"' in html, code
        assert f'href="#diag-{code}"' in html, f"{code}: the generated table links to its section"


def test_site_has_the_command_line_usage(site):
    html = page_text(site, "cli")
    for option in ("--body-as-children", "--prefix-path", "--include-noise", "--output-dir",
                   "--encoding", "--jobs", "--recursive", "--indent", "--quiet"):
        assert option in html, option
    assert "usage: speech-outline check" in html and "usage: speech-outline convert" in html


def test_site_has_the_api_reference(site):
    html = page_text(site, "api")
    for name in ("speech_outline.parse", "speech_outline.parse_file", "speech_outline.parse_bytes",
                 "speech_outline.rebuild", "speech_outline.Outline", "speech_outline.Node",
                 "speech_outline.Paragraph", "speech_outline.Marker", "speech_outline.Role",
                 "speech_outline.Diagnostic", "speech_outline.formats.write", "speech_outline.formats.read",
                 "speech_outline.batch.convert_many", "speech_outline.batch.Result",
                 "speech_outline.strategies.documents", "speech_outline.strategies.outline_trees"):
        assert f'id="{name}"' in html, name


def test_no_file_cites_a_path_outside_the_repository():
    """A test once cited a private note on one machine (.parser_findings.md), which no
    clone has: every file a test, a doc or the code cites must come with the repository."""
    skip = {".venv", ".git", "_build", "build", "node_modules", ".hypothesis", ".pytest_cache"}
    cited = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in skip and not d.endswith(".egg-info")]
        for name in files:
            if name.endswith((".py", ".md", ".toml", ".txt", ".cfg", ".ini")) or name == "run":
                path = Path(folder) / name
                text = path.read_text(encoding="utf-8", errors="replace")
                cited += [f"{path.relative_to(ROOT)}: {m.group()}" for m in re.finditer(r"/work/[\w./-]+", text)
                          if "corpus" not in m.group() and "tools" not in m.group()]
    assert cited == []


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme[readme.index("## Set up and run"):readme.index("## Command line")]
    command = re.findall(r"```console\n(.*?)```", setup, re.S)[1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip("\n").splitlines()[-1]
    assert ci == command.replace("apt-get", "$SUDO apt-get")
