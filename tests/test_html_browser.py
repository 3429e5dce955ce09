"""The HTML view in a real browser: headless Chromium driven by selenium through chromedriver.

One browser for the whole module. Where Chromium, chromedriver or selenium is
missing the tests skip and say what to install, except on CI (CI=true), which
must run them: there a missing browser is a failure. The screenshot on
docs/html-view.md is checked here too (docs/screenshot.py makes it).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

from speech_outline import parse, parse_file
from speech_outline.formats import write

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))
import screenshot  # noqa: E402  (docs/screenshot.py)

CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SAMPLES = ROOT / "examples" / "samples"
INSTALL = "apt-get install chromium chromium-driver fonts-noto-cjk; pip install -e '.[test]'"
DRAFT = "实施方案\n一、总体要求\n（一）指导思想。正文。\n（三）基本原则。\n三、主要任务\n1. 甲\n2. 乙\n"
HOSTILE = ['<script>window.pwned = 1</script>', '</script><script>window.pwned = 2</script>',
           '<img src="x" onerror="window.pwned = 3">', "<!-- <script>window.pwned = 4</script> -->"]
GLYPHS = 12  # the seed speech's title has 16 different characters; boxes would be one shape


def missing() -> str | None:
    """What is missing for these tests, or None."""
    if screenshot.chromium() is None:
        return "chromium is not installed"
    if not os.access(CHROMEDRIVER, os.X_OK):
        return "chromedriver is not installed"
    for module in ("selenium", "PIL"):
        if importlib.util.find_spec(module) is None:
            return f"the Python package {module} is not installed"
    return None


def require_browser() -> None:
    why = missing()
    if why is None:
        return
    message = f"{why} ({INSTALL})"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {message}")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = screenshot.chromium()
    for argument in ("--headless=new", "--disable-gpu", "--window-size=1200,900", "--hide-scrollbars"):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """name → file:// URL of a page written by the library."""
    folder = tmp_path_factory.mktemp("pages")
    outlines = {
        "seed": parse_file(SAMPLES / "speech-political-building.txt"),
        "notice": parse_file(SAMPLES / "notice-gov-new-media.txt"),
        "draft": parse_file(SAMPLES / "draft-broken-numbering.txt"),
        "hostile": parse("".join(f"关于{h}的通知\n一、{h}\n（一）标题。{h}\n{h}\n" for h in HOSTILE[:1])
                         + "".join(f"{h}\n" for h in HOSTILE)),
        "plain": parse("没有标题的一段文字。\n"),
    }
    urls = {}
    for name, outline in outlines.items():
        path = folder / f"{name}.html"
        path.write_text(write(outline, "html"), encoding="utf-8")
        urls[name] = path.as_uri()
    return urls


def load(browser, url: str) -> None:
    browser.get(url)
    browser.get_log("browser")  # start each page with an empty console
    assert browser.execute_script("return document.documentElement.classList.contains('js')"), \
        "the page's script did not run (its hash in the Content-Security-Policy is wrong?)"


def in_view(browser, element) -> bool:
    return browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0;", element)


def click_triangle(browser, summary) -> None:
    """Click a <summary>'s own marker, left of its link: the browser's toggle, no script."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).move_to_element_with_offset(summary, -summary.size["width"] // 2 + 4, 0).click().perform()


def test_outline_folds_and_unfolds(browser, pages):
    from selenium.webdriver.common.by import By

    load(browser, pages["draft"])
    details = browser.find_elements(By.CSS_SELECTOR, ".outline details")[0]
    summary = details.find_element(By.TAG_NAME, "summary")
    child = details.find_element(By.CSS_SELECTOR, ":scope > ul a")
    assert details.get_attribute("open") is not None and child.is_displayed()

    click_triangle(browser, summary)
    assert details.get_attribute("open") is None and not child.is_displayed()
    click_triangle(browser, summary)
    assert details.get_attribute("open") is not None and child.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "[data-fold=close]").click()
    assert not [d for d in browser.find_elements(By.CSS_SELECTOR, ".outline details") if d.get_attribute("open")]
    browser.find_element(By.CSS_SELECTOR, "[data-fold=open]").click()
    assert all(d.get_attribute("open") for d in browser.find_elements(By.CSS_SELECTOR, ".outline details"))


def test_without_the_script_the_outline_still_folds_and_its_links_still_go(browser, pages):
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(pages["notice"])
        assert not browser.execute_cdp_cmd(
            "Runtime.evaluate", {"expression": "document.documentElement.classList.contains('js')",
                                 "returnByValue": True})["result"]["value"]
        assert not browser.find_element(By.CSS_SELECTOR, ".controls").is_displayed()  # they need the script
        details = browser.find_elements(By.CSS_SELECTOR, ".outline details")[0]
        click_triangle(browser, details.find_element(By.TAG_NAME, "summary"))
        assert details.get_attribute("open") is None
        link = browser.find_elements(By.CSS_SELECTOR, ".outline a")[-1]
        link.click()
        target = browser.find_element(By.ID, link.get_attribute("href").rsplit("#", 1)[1])
        assert in_view(browser, target)
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_a_click_in_the_outline_scrolls_to_the_heading_and_highlights_it(browser, pages):
    from selenium.webdriver.common.by import By

    load(browser, pages["notice"])
    links = browser.find_elements(By.CSS_SELECTOR, ".outline a")
    assert len(links) > 10
    for link in (links[-1], links[len(links) // 2]):
        ident = link.get_attribute("href").rsplit("#", 1)[1]
        heading = browser.find_element(By.ID, ident)
        paragraph = heading.find_element(By.XPATH, "..")
        browser.execute_script("window.scrollTo(0, 0)")
        assert not in_view(browser, paragraph)
        link.click()
        assert in_view(browser, paragraph)
        assert "current" in paragraph.get_attribute("class").split()
        assert "active" in link.get_attribute("class").split()
        assert paragraph.text.startswith(link.text.lstrip("0123456789\n ")), (paragraph.text, link.text)
    assert len(browser.find_elements(By.CSS_SELECTOR, ".para.current")) == 1


def test_the_numbering_problems_link_to_their_lines(browser, pages):
    from selenium.webdriver.common.by import By

    load(browser, pages["draft"])
    problems = browser.find_elements(By.CSS_SELECTOR, ".diagnostics li")
    assert len(problems) == 4
    for item in reversed(problems):
        link = item.find_element(By.TAG_NAME, "a")
        line = link.text.split()[-1]
        browser.execute_script("window.scrollTo(0, 0)")
        link.click()
        paragraph = browser.find_element(By.ID, f"L{line}")
        assert in_view(browser, paragraph)
        assert paragraph.get_attribute("data-line") == line
        assert "current" in paragraph.get_attribute("class").split()
        note = paragraph.find_element(By.XPATH, "following-sibling::*[1]")
        assert "problem-note" in note.get_attribute("class")
        assert item.text.split(": ", 1)[1].split(" [")[0] in note.text


def test_no_request_leaves_the_page(browser, pages):
    for name in ("seed", "draft", "hostile"):
        load(browser, pages[name])
        assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0, name
        assert browser.execute_script("return getComputedStyle(document.querySelector('.outline')).position") \
            == "sticky", "the page's style did not apply"
        assert not [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")], name
    # and the policy is enforced, not only written: an image added later is refused
    refused = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "document.addEventListener('securitypolicyviolation', e => done(e.effectiveDirective));"
        "const img = new Image(); img.src = 'https://example.invalid/x.png'; document.body.append(img);"
        "setTimeout(() => done(null), 3000);")
    assert refused == "img-src"


def test_a_hostile_text_stays_text(browser, pages):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    load(browser, pages["hostile"])
    assert browser.execute_script("return window.pwned") is None
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.execute_script("return document.querySelectorAll('main img, main script, nav script').length") == 0
    texts = [p.get_attribute("textContent") for p in browser.find_elements(By.CSS_SELECTOR, "main .para")]
    for hostile in HOSTILE:
        assert hostile in texts
    data = browser.execute_script("return JSON.parse(document.getElementById('speech-outline-data').textContent)")
    assert data["format"] == "speech-outline"


def test_noise_switch_phone_width_and_print(browser, pages):
    from selenium.webdriver.common.by import By

    load(browser, pages["seed"])
    noise = browser.find_elements(By.CSS_SELECTOR, ".role-noise")
    assert noise and noise[0].is_displayed()
    browser.find_element(By.CSS_SELECTOR, "label[for=hide-noise]").click()
    assert not any(p.is_displayed() for p in noise)
    browser.find_element(By.CSS_SELECTOR, "label[for=hide-noise]").click()
    assert noise[0].is_displayed()

    outline, text = browser.find_element(By.CSS_SELECTOR, ".outline"), browser.find_element(By.ID, "text")
    assert outline.rect["x"] + outline.rect["width"] <= text.rect["x"]  # side by side
    browser.set_window_size(400, 800)
    try:
        assert outline.rect["y"] + outline.rect["height"] <= text.rect["y"]  # the outline above the text
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 400
    finally:
        browser.set_window_size(1200, 900)

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not outline.is_displayed() and not noise[0].is_displayed()
        assert text.is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_a_page_without_headings_says_so(browser, pages):
    from selenium.webdriver.common.by import By

    load(browser, pages["plain"])
    assert "No headings found" in browser.find_element(By.CSS_SELECTOR, ".outline").text


# ---------------------------------------------------------------- the screenshot in the docs

def distinct_title_glyphs(png: Path) -> int:
    """How many different shapes the first line of text (the document title) is drawn with.

    The line is cut at the columns without ink; each piece is a glyph (or part of one).
    Chinese characters give as many shapes as there are different characters; missing
    fonts draw every character as the same box.
    """
    from PIL import Image

    image = Image.open(png).convert("L")
    width, height = image.size
    ink = image.point(lambda v: v < 128).load()
    rows = [any(ink[x, y] for x in range(width)) for y in range(height)]
    top = rows.index(True)
    bottom = next((y for y in range(top, height) if not rows[y]), height)
    columns = [any(ink[x, y] for y in range(top, bottom)) for x in range(width)]
    shapes, x = set(), 0
    while x < width:
        if columns[x]:
            start = x
            while x < width and columns[x]:
                x += 1
            shapes.add(tuple(tuple(ink[i, y] for i in range(start, x)) for y in range(top, bottom)))
        x += 1
    return len(shapes)


def not_blank(png: Path) -> bool:
    from PIL import Image

    image = Image.open(png).convert("L")
    dark = sum(image.histogram()[:128]) / (image.size[0] * image.size[1])
    return image.size == screenshot.WINDOW and 0.01 < dark < 0.5


def test_the_committed_screenshot_shows_the_chinese_page():
    if importlib.util.find_spec("PIL") is None:
        require_browser()  # says what to install (and fails on CI)
    committed = ROOT / "docs" / "_static" / "html-view.png"
    assert not_blank(committed)
    assert distinct_title_glyphs(committed) >= GLYPHS


def test_the_screenshot_script_renders_chinese_and_would_see_boxes(tmp_path):
    require_browser()
    page = screenshot.seed_page()
    with_fonts, without = tmp_path / "with.png", tmp_path / "without.png"
    screenshot.screenshot(page, with_fonts)
    screenshot.screenshot(page, without, cjk_fonts=False)
    assert not_blank(with_fonts) and not_blank(without)
    assert distinct_title_glyphs(with_fonts) >= GLYPHS
    assert distinct_title_glyphs(without) < GLYPHS // 2  # the measure does see boxes
