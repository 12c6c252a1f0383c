#!/usr/bin/env python3
"""Open the static site in headless Chromium and check that it shows what the notebooks computed.

    python tools/check_site.py [--site site] [--executed target/executed]

Checks, in a real browser (Debian's chromium, driven through its chromedriver by Selenium; Selenium
never downloads a driver or a browser here):
 - the contents page (site/index.html) links every notebook, in order, under its title;
 - every notebook page shows its title, and each chart (image/png output) of the executed notebook
   is on the page as an image the browser actually decoded (naturalWidth > 0); no image is broken;
 - no page loads anything from the network: the browser runs with name resolution switched off,
   and no element or resource may point at http(s).
Screenshots of each page's top and first chart go to target/site-check/ for a human to look at.
The last line printed counts the pages checked, ok and failed.
"""
import argparse
import base64
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_site  # noqa: E402

ROOT = build_site.ROOT
SHOTS = ROOT / "target" / "site-check"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# What the checks need from a loaded page, collected in the page itself.
PAGE_FACTS_JS = """
const isRemote = (url) => /^(https?:)?\\/\\//i.test(url || '');
const remoteElements = Array.from(document.querySelectorAll(
    'script[src], link[href], img[src], iframe[src], source[src], video[src], audio[src], embed[src], object[data]'))
  .map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('data'))
  .filter(isRemote);
const remoteResources = performance.getEntriesByType('resource').map(e => e.name).filter(isRemote);
// Pixels the browser left transparent: an opaque PNG cut short decodes only its first rows.
const transparentPixels = (img) => {
  if (!img.naturalWidth || !img.naturalHeight) return null;
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0);
  const alpha = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 3; i < alpha.length; i += 4) if (alpha[i] < 255) count++;
  return count;
};
const h1 = document.querySelector('h1');
return {
  title: document.title,
  h1: h1 ? h1.textContent.replace(/\\u00b6/g, '').trim() : null,
  textLength: document.body ? document.body.innerText.length : 0,
  images: Array.from(document.images).map(i => ({
      src: (i.getAttribute('src') || '').slice(0, 64), width: i.naturalWidth, height: i.naturalHeight,
      complete: i.complete, transparent: transparentPixels(i)})),
  notebookLinks: Array.from(document.querySelectorAll('li.notebook > a'))
      .map(a => ({href: a.getAttribute('href'), text: a.textContent.trim()})),
  remote: remoteElements.concat(remoteResources),
};
"""


@dataclass(frozen=True)
class Expected:
    """What one notebook page must show."""
    href: str
    title: str       # plain text of the first heading
    charts: int      # image/png outputs in the executed notebook


def count_png_outputs(nb) -> int:
    return sum(1 for cell in nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", []) if "image/png" in out.get("data", {}))


def expected_pages(executed_dir: Path, notebooks_dir: Path = build_site.NOTEBOOKS) -> list:
    import nbformat

    result = []
    for source in sorted(notebooks_dir.glob("*.ipynb")):
        page = build_site.load_page(source, executed_dir)
        charts = count_png_outputs(nbformat.read(page.executed, as_version=4))
        result.append(Expected(page.href, build_site.markdown_to_text(page.title), charts))
    return result


def contents_problems(facts: dict, expected: list) -> list:
    """Problems of the contents page: every notebook linked, in order, under its title."""
    found = [link["href"] for link in facts["notebookLinks"]]
    want = [e.href for e in expected]
    problems = []
    if found != want:
        problems.append(f"the contents page links {found}, expected {want} (every notebook, in order)")
    for link, e in zip(facts["notebookLinks"], expected):
        if link["href"] == e.href and link["text"] != e.title:
            problems.append(f"the contents page names {e.href} '{link['text']}', expected '{e.title}'")
    return problems + common_problems(facts)


def page_problems(facts: dict, expected: Expected) -> list:
    """Problems of one notebook page: its title, and every chart decoded by the browser."""
    problems = []
    if facts["h1"] != expected.title:
        problems.append(f"first heading is {facts['h1']!r}, expected {expected.title!r}")
    if facts["textLength"] < 200:
        problems.append(f"the page shows almost no text ({facts['textLength']} characters)")
    drawn = [i for i in facts["images"] if i["src"].startswith("data:image/png") and drawable(i)]
    if len(drawn) != expected.charts:
        problems.append(f"{len(drawn)} chart(s) drawn, expected {expected.charts} "
                        f"(the image/png outputs of the executed notebook)")
    return problems + common_problems(facts)


def drawable(image: dict) -> bool:
    """Decoded by the browser, and fully: an opaque PNG must show no transparent pixel."""
    if not (image["complete"] and image["width"] > 0 and image["height"] > 0):
        return False
    return not (opaque_png(image["src"]) and image.get("transparent"))


def opaque_png(src: str) -> bool:
    """True when a data URI's PNG header says it has no alpha channel (greyscale or RGB)."""
    prefix = "data:image/png;base64,"
    if not src.startswith(prefix):
        return False
    try:
        head = base64.b64decode(src[len(prefix):len(prefix) + 36])  # signature + IHDR: 27 bytes
    except ValueError:
        return False
    return len(head) >= 26 and head[12:16] == b"IHDR" and head[25] in (0, 2)


def common_problems(facts: dict) -> list:
    problems = [f"image {i['src'][:40]}... is broken (the browser could not decode all of it)"
                for i in facts["images"] if not drawable(i)]
    problems += [f"loads {url} from the network (the site must work offline)" for url in facts["remote"]]
    return problems


class Browser:
    """Headless Chromium through chromedriver, cut off from the network."""

    def __init__(self, width=1200, height=900):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self._profile = tempfile.mkdtemp(prefix="course-site-check-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     f"--window-size={width},{height}", f"--user-data-dir={self._profile}",
                     # No name resolves: anything fetched from a server fails, as it would offline.
                     "--host-resolver-rules=MAP * ~NOTFOUND"):
            options.add_argument(flag)
        # An explicit driver path: Selenium Manager (which downloads drivers) is never started.
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(60)

    def facts(self, path: Path) -> dict:
        self.driver.get(path.resolve().as_uri())
        return self.driver.execute_script(PAGE_FACTS_JS)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.execute_script("window.scrollTo(0, 0);")
        self.driver.save_screenshot(str(path))

    def screenshot_first_chart(self, path: Path) -> bool:
        from selenium.webdriver.common.by import By

        charts = self.driver.find_elements(By.CSS_SELECTOR, 'img[src^="data:image/png"]')
        if not charts:
            return False
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", charts[0])
        self.driver.save_screenshot(str(path))
        return True

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def browser_missing() -> str:
    """Why the browser check cannot run here ('' when it can)."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).is_file()]
    if missing:
        return f"{' and '.join(missing)} not found (Debian: apt-get install -y chromium chromium-driver)"
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description="Check the static site in headless Chromium.")
    parser.add_argument("--site", type=Path, default=build_site.SITE, help="the rendered site (default site)")
    parser.add_argument("--executed", type=Path, default=build_site.EXECUTED,
                        help="the executed notebooks it was rendered from (default target/executed)")
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

    passed = failed = charts = 0
    with Browser() as browser:
        checks = [("index.html", lambda f: contents_problems(f, expected))]
        checks += [(e.href, lambda f, e=e: page_problems(f, e)) for e in expected]
        for href, check in checks:
            page = args.site / href
            if not page.is_file():
                problems = [f"{page} does not exist (render the site first: tools/build_site.py)"]
            else:
                facts = browser.facts(page)
                problems = check(facts)
                stem = Path(href).stem
                browser.screenshot(SHOTS / f"{stem}.png")
                browser.screenshot_first_chart(SHOTS / f"{stem}-chart.png")
                charts += sum(1 for i in facts["images"] if i["src"].startswith("data:image/png") and drawable(i))
            if problems:
                failed += 1
                print(f"[site] FAIL {href}")
                for problem in problems:
                    print(f"    {href}: {problem}")
            else:
                passed += 1
                print(f"[site] ok   {href}")
    print(f"[site] {charts} chart(s) drawn by Chromium; screenshots in {build_site.display(SHOTS)}/")
    print(f"[site] {passed + failed} page(s) checked: {passed} ok, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
