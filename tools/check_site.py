#!/usr/bin/env python3
"""Open the static site in headless Chromium and check that it shows what the notebooks computed.

    python tools/check_site.py [--site site] [--executed target/executed]

Serves site/ on 127.0.0.1 (a throw-away port) and checks, in a real browser (Debian's chromium, driven through its
chromedriver by Selenium; Selenium never downloads a driver or a browser here):
 - the contents page (index.html) links every page of notebooks/contents.txt that exists, in order, under its
   title, and the navigation sidebar links them too; the search page finds a word of the course;
 - every page shows its title; each chart (image/png output) of the executed notebook is an image the browser
   decoded whole; every image has alt text (not empty, not its own file name);
 - math rendered: a page whose markdown holds LaTeX ($...$) shows MathJax output (mjx-container elements) and no
   raw `$...$` is left in its text;
 - nothing is loaded from outside the site: the browser cannot resolve any host name, and no element or resource
   may point anywhere but the site's own address.
Screenshots of each page's top, its first chart and its first formula go to target/site-check/. The last line
printed counts the pages checked, ok and failed.
"""
import argparse
import functools
import http.server
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_site  # noqa: E402
import headless_chromium  # noqa: E402
from headless_chromium import browser_missing  # noqa: E402

ROOT = build_site.ROOT
SHOTS = ROOT / "target" / "site-check"

# Waits for MathJax (when the page loads it) to finish typesetting, then collects what the checks need.
PAGE_FACTS_JS = """
const done = arguments[arguments.length - 1];
// Pixels the browser left transparent: an opaque PNG cut short decodes only its first rows.
const transparentPixels = (img) => {
  if (!img.naturalWidth || !img.naturalHeight) return null;
  try {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const alpha = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 3; i < alpha.length; i += 4) if (alpha[i] < 255) count++;
    return count;
  } catch (e) { return null; }
};
const collect = () => {
  const origin = location.origin;
  const isOutside = (url) => {
    if (!url || url.startsWith('#') || url.startsWith('data:') || url.startsWith('blob:')) return false;
    try { return new URL(url, location.href).origin !== origin; } catch (e) { return true; }
  };
  const loaded = Array.from(document.querySelectorAll(
      'script[src], link[href]:not([rel=canonical]):not([rel=alternate]), img[src], iframe[src], source[src], '
      + 'video[src], audio[src], embed[src], object[data]'))
    .map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('data'))
    .filter(isOutside);
  const resources = performance.getEntriesByType('resource').map(e => e.name).filter(isOutside);
  // Visible text outside code, with MathJax's own output left out: raw $...$ there was not typeset.
  const main = document.querySelector('main') || document.body;
  const clone = main.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, mjx-container, .highlight, .output').forEach(e => e.remove());
  const h1 = main.querySelector('h1');
  done({
    h1: h1 ? h1.textContent.replace(/[\\u00b6#]/g, '').trim() : null,
    textLength: main.innerText.length,
    text: clone.textContent,
    math: document.querySelectorAll('mjx-container').length,
    mathErrors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
    images: Array.from(main.querySelectorAll('img')).map(i => ({
        src: i.getAttribute('src') || '', alt: i.getAttribute('alt'), width: i.naturalWidth,
        height: i.naturalHeight, complete: i.complete, transparent: transparentPixels(i)})),
    // Each entry's own link is the bold one that opens its list item; its question may link other pages too.
    contentsLinks: Array.from(document.querySelectorAll('.course-contents ol > li > p:first-child > strong > a.reference.internal, .course-contents ol > li > strong > a.reference.internal'))
        .map(a => ({href: a.getAttribute('href'), text: a.textContent.trim()})),
    sidebarLinks: Array.from(document.querySelectorAll('nav.bd-links a.reference.internal'))
        .map(a => a.getAttribute('href')),
    outside: loaded.concat(resources),
  });
};
if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
  MathJax.startup.promise.then(collect, collect);
} else {
  collect();
}
"""

RAW_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\s][^$\n]*?\$", re.DOTALL)


@dataclass(frozen=True)
class Expected:
    """What one page must show."""
    href: str
    title: str       # plain text of the first heading
    charts: int      # pictures: image/png outputs of the executed notebook, plus images in its markdown
    math: bool       # its markdown holds LaTeX math


def count_png_outputs(nb) -> int:
    return sum(1 for cell in nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", []) if "image/png" in out.get("data", {}))


MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)\s]+\)")


def count_markdown_images(markdown: str) -> int:
    """Images written as ![alt](path) in markdown (the computation graph, the layout pictures)."""
    return len(MARKDOWN_IMAGE.findall(re.sub(r"`[^`]*`", "", markdown)))


def has_math(markdown: str) -> bool:
    return bool(RAW_MATH.search(re.sub(r"`[^`]*`", "", markdown)))


def expected_pages(executed_dir: Path, notebooks_dir: Path = build_site.NOTEBOOKS,
                   contents: Path = build_site.CONTENTS) -> list:
    import nbformat

    result = []
    for name in build_site.contents_entries(contents):
        page = build_site.load_page(name, executed_dir, notebooks_dir)
        if page is None:
            continue
        if page.is_notebook:
            nb = nbformat.read(page.source, as_version=4)
            charts = count_png_outputs(nb) + sum(count_markdown_images(c.source) for c in nb.cells
                                                 if c.cell_type == "markdown")
            math = any(has_math(c.source) for c in nb.cells if c.cell_type == "markdown")
        else:
            text = page.source.read_text(encoding="utf-8")
            charts, math = count_markdown_images(text), has_math(text)
        result.append(Expected(page.href, build_site.markdown_to_text(page.title), charts, math))
    return result


def contents_problems(facts: dict, expected: list) -> list:
    """Problems of the contents page: every page linked, in order, under its title; the sidebar lists them too."""
    found = [link["href"] for link in facts["contentsLinks"]]
    want = [e.href for e in expected]
    problems = []
    if found != want:
        problems.append(f"the contents page links {found}, expected {want} (every page, in order)")
    for link, e in zip(facts["contentsLinks"], expected):
        if link["href"] == e.href and build_site.markdown_to_text(link["text"]) != e.title:
            problems.append(f"the contents page names {e.href} '{link['text']}', expected '{e.title}'")
    missing = [e.href for e in expected if e.href not in facts["sidebarLinks"]]
    if missing:
        problems.append(f"the navigation sidebar does not link {missing}")
    return problems + common_problems(facts)


def page_problems(facts: dict, expected: Expected) -> list:
    """Problems of one page: its title, every chart decoded, math typeset."""
    problems = []
    if build_site.markdown_to_text(facts["h1"] or "") != expected.title:
        problems.append(f"first heading is {facts['h1']!r}, expected {expected.title!r}")
    if facts["textLength"] < 200:
        problems.append(f"the page shows almost no text ({facts['textLength']} characters)")
    drawn = [i for i in facts["images"] if "/_images/" in "/" + i["src"] and drawable(i)]
    if len(drawn) != expected.charts:
        problems.append(f"{len(drawn)} chart(s) drawn, expected {expected.charts} "
                        f"(the image/png outputs of the executed notebook and the images in its markdown)")
    if expected.math and facts["math"] == 0:
        problems.append("the page's markdown has LaTeX math, but MathJax typeset nothing")
    return problems + common_problems(facts)


def drawable(image: dict) -> bool:
    """Decoded by the browser, and fully: an opaque PNG (see opaque_png) must show no transparent pixel."""
    if not (image["complete"] and image["width"] > 0 and image["height"] > 0):
        return False
    return not (image.get("opaque") and image.get("transparent"))


def opaque_png(path: Path) -> bool:
    """True when the file is a PNG whose header says it has no alpha channel (greyscale or RGB)."""
    try:
        with open(path, "rb") as f:
            head = f.read(26)
    except OSError:
        return False
    return len(head) >= 26 and head[12:16] == b"IHDR" and head[25] in (0, 2)


def mark_opaque(facts: dict, site: Path) -> dict:
    """Adds to each image whether its file on disk is an opaque PNG."""
    for image in facts["images"]:
        src = image["src"].split("?")[0]
        image["opaque"] = bool(src) and "//" not in src and opaque_png(site / src)
    return facts


def alt_problem(image: dict) -> str:
    """Why an image's alt text does not describe it ('' when it does)."""
    alt = (image.get("alt") or "").strip()
    name = image["src"].split("?")[0].rsplit("/", 1)[-1]
    if not alt:
        return f"image {image['src'][:60]} has no alt text"
    if name and (alt == image["src"] or alt.endswith(name)):
        return f"image {image['src'][:60]} has its file name as alt text (cell metadata mystnb.image.alt is missing)"
    return ""


def common_problems(facts: dict) -> list:
    problems = [f"image {i['src'][:60]} is broken (the browser could not decode it)"
                for i in facts["images"] if not drawable(i)]
    problems += [p for p in map(alt_problem, facts["images"]) if p]
    raw = RAW_MATH.findall(facts["text"])
    if raw:
        problems.append(f"raw LaTeX left in the text (not typeset): {[r[:40] for r in raw[:5]]}")
    if facts["mathErrors"]:
        problems.append(f"{facts['mathErrors']} formula(s) MathJax could not typeset")
    problems += [f"loads {url} from outside the site (the site must work offline)" for url in facts["outside"]]
    return problems


class Server:
    """site/ over HTTP on 127.0.0.1, on a free port, in a background thread."""

    def __init__(self, folder: Path):
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Browser(headless_chromium.Browser):
    """Headless Chromium that reads a site page's facts (PAGE_FACTS_JS) and Sphinx's search results."""

    def facts(self, url: str) -> dict:
        self.driver.get(url)
        return self.driver.execute_async_script(PAGE_FACTS_JS)

    def search_hits(self, site_url: str, word: str) -> int:
        """How many results Sphinx's search page lists for `word` (it searches in the browser)."""
        import time
        from selenium.webdriver.common.by import By

        self.driver.get(f"{site_url}search.html?q={word}")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            hits = self.driver.find_elements(By.CSS_SELECTOR, "#search-results ul.search li")
            status = self.driver.find_elements(By.CSS_SELECTOR, "#search-results p.search-summary")
            if hits or (status and status[0].text.strip()):
                return len(hits)
            time.sleep(0.3)
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Check the static site in headless Chromium.")
    parser.add_argument("--site", type=Path, default=build_site.SITE, help="the built site (default site)")
    parser.add_argument("--executed", type=Path, default=build_site.EXECUTED,
                        help="the executed notebooks it was built from (default target/executed)")
    args = parser.parse_args()

    why = browser_missing()
    if why:
        print(f"[site] SKIPPED the browser check: {why}")
        return 0
    try:
        expected = expected_pages(args.executed)
    except build_site.SiteError as e:
        print(f"[site] ERROR: {e}", file=sys.stderr)
        return 1

    passed = failed = charts = formulas = 0
    with Server(args.site) as server, Browser() as browser:
        checks = [("index.html", lambda f: contents_problems(f, expected))]
        checks += [(e.href, lambda f, e=e: page_problems(f, e)) for e in expected]
        for href, check in checks:
            if not (args.site / href).is_file():
                problems = [f"{args.site / href} does not exist (build the site first: tools/build_site.py)"]
            else:
                facts = mark_opaque(browser.facts(server.url + href), args.site)
                problems = check(facts)
                stem = Path(href).stem
                browser.screenshot(SHOTS / f"{stem}.png")
                browser.screenshot(SHOTS / f"{stem}-chart.png", "main img")
                browser.screenshot(SHOTS / f"{stem}-math.png", "mjx-container")
                charts += sum(1 for i in facts["images"] if drawable(i))
                formulas += facts["math"]
            if href == "index.html" and browser.search_hits(server.url, "momentum") == 0:
                problems.append("the search page finds nothing for 'momentum'")
            if problems:
                failed += 1
                print(f"[site] FAIL {href}")
                for problem in problems:
                    print(f"    {href}: {problem}")
            else:
                passed += 1
                print(f"[site] ok   {href}")
    print(f"[site] {charts} image(s) drawn and {formulas} formula(s) typeset by Chromium; "
          f"screenshots in {build_site.display(SHOTS)}/")
    print(f"[site] {passed + failed} page(s) checked: {passed} ok, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
