"""The screenshot on docs/html-view.md: the seed speech's HTML page in headless Chromium.

    python docs/screenshot.py                    # rewrites docs/_static/html-view.png
    python docs/screenshot.py OUT.png            # writes it elsewhere
    python docs/screenshot.py OUT.png --without-cjk-fonts

Needs `chromium` (Debian: apt-get install chromium fonts-noto-cjk). The second form
hides every font that covers Chinese from Chromium (a fontconfig file rejecting
them), so the page shows what a machine without CJK fonts shows: boxes. The tests
compare the two renders to prove the screenshot shows Chinese text
(tests/test_html_browser.py).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "samples" / "speech-political-building.txt"
OUTPUT = ROOT / "docs" / "_static" / "html-view.png"
WINDOW = (1200, 900)


def chromium() -> Optional[str]:
    """The Chromium (or Chrome) on PATH, if any."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def seed_page() -> str:
    sys.path.insert(0, str(ROOT))  # the package, also when it is not installed
    from speech_outline import parse_file
    from speech_outline.formats import write

    return write(parse_file(SEED), "html")


def screenshot(page: str, out: Path, *, cjk_fonts: bool = True, window: tuple[int, int] = WINDOW) -> None:
    """Render the HTML text `page` to the PNG file `out` at `window` pixels."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page, encoding="utf-8")
        env = dict(os.environ)
        if not cjk_fonts:
            env["FONTCONFIG_FILE"] = str(_without_cjk(Path(tmp)))
        command = [browser, "--headless", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                   f"--window-size={window[0]},{window[1]}", f"--user-data-dir={tmp}/profile",
                   f"--screenshot={Path(out).resolve()}", source.as_uri()]
        if os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        subprocess.run(command, env=env, capture_output=True, timeout=120, check=True)


def _without_cjk(folder: Path) -> Path:
    """A fontconfig file: the system's configuration, less every font that covers Chinese."""
    listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=True).stdout
    files = sorted({line.rstrip().rstrip(":") for line in listed.splitlines() if line.strip()})
    rejected = "".join(f"<glob>{escape(path)}</glob>" for path in files)
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    "<include>/etc/fonts/fonts.conf</include>\n"
                    f"<cachedir>{escape(str(folder / 'cache'))}</cachedir>\n"
                    f"<selectfont><rejectfont>{rejected}</rejectfont></selectfont>\n</fontconfig>\n",
                    encoding="utf-8")
    return conf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=OUTPUT)
    parser.add_argument("--without-cjk-fonts", action="store_true", help="render as a machine without CJK fonts")
    args = parser.parse_args()
    screenshot(seed_page(), args.out, cjk_fonts=not args.without_cjk_fonts)


if __name__ == "__main__":
    main()
