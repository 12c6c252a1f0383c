#!/usr/bin/env python3
"""Unit tests of the static site: rendering (tools/build_site.py) and its browser check (tools/check_site.py).

    .venv/bin/python -m unittest discover -s tools -p 'test_site.py'

The tests that open pages in headless Chromium are skipped, with the reason, where Chromium and
chromedriver are not installed; the rest need no browser.
"""
import base64
import shutil
import struct
import sys
import tempfile
import unittest
import zlib
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbformat  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # noqa: E402

import build_site  # noqa: E402
import check_site  # noqa: E402
import run_notebooks  # noqa: E402

JAVA_META = {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"},
             "language_info": {"name": "java"}}


def png(width: int, height: int) -> bytes:
    """A valid RGB PNG of one colour."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x20\x60\xc0" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PNG_B64 = base64.b64encode(png(40, 30)).decode("ascii")


def stored_notebook(title, question, code="int a = 1;"):
    return new_notebook(cells=[new_markdown_cell(f"# {title}\n\n{question}\n\nMore text."),
                               new_code_cell("%classpath target/kernel-classpath/*.jar"),
                               new_code_cell(code)], metadata=JAVA_META)


def executed_copy(nb, charts: int):
    """`nb` as the runner saves it: outputs in place, `charts` PNG outputs in the last cell."""
    ran = nbformat.reads(nbformat.writes(nb), as_version=4)  # a deep copy
    ran.cells[2].outputs = [new_output("stream", name="stdout", text="ok\n")] + [
        new_output("display_data", data={"image/png": PNG_B64, "text/plain": "BufferedImage"})
        for _ in range(charts)]
    return ran


class Links(HTMLParser):
    """Collects <a> (href, text), <img> src and <script>/<link> addresses of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.images, self.loads, self._href, self._text = [], [], [], None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self._href, self._text = attrs.get("href"), []
        elif tag == "img":
            self.images.append(attrs.get("src", ""))
        elif tag in ("script", "link") and (attrs.get("src") or attrs.get("href")):
            self.loads.append(attrs.get("src") or attrs.get("href"))

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


class TitleAndQuestion(unittest.TestCase):
    def test_the_first_heading_and_the_paragraph_after_it(self):
        nb = new_notebook(cells=[new_markdown_cell("Some preface.\n\n## 05 · Backprop\n\n**The question.** "
                                                   "How does dy reach dx?\n\nLater text."),
                                 new_markdown_cell("# Another heading")])
        self.assertEqual(("05 · Backprop", "**The question.** How does dy reach dx?"),
                         build_site.title_and_question(nb, "fallback"))

    def test_a_paragraph_ending_in_a_colon_keeps_its_list(self):
        nb = new_notebook(cells=[new_markdown_cell("# T"),
                                 new_markdown_cell("Questions such as:\n\n* one?\n* two?\n\nNot this.")])
        self.assertEqual(("T", "Questions such as:\n\n* one?\n* two?"), build_site.title_and_question(nb, "f"))

    def test_without_a_heading_the_file_name_is_the_title(self):
        nb = new_notebook(cells=[new_code_cell("int a = 1;")])
        self.assertEqual(("07_x", ""), build_site.title_and_question(nb, "07_x"))


class BuildsTheSite(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="test-site-"))
        self.notebooks, self.executed, self.out = self.tmp / "notebooks", self.tmp / "executed", self.tmp / "site"
        self.notebooks.mkdir()
        self.addCleanup(shutil.rmtree, self.tmp)
        # Names sort differently from the order they are written in: the site follows the names.
        self.add("10_last", "10 · Last one", "Why *this* last?", charts=0)
        self.add("02_first", "02 · First one", "**The question.** What comes first?", charts=2)

    def add(self, name, title, question, charts):
        nb = stored_notebook(title, question)
        nbformat.write(nb, self.notebooks / f"{name}.ipynb")
        run_notebooks.save_executed(executed_copy(nb, charts), self.executed / f"{name}.ipynb")

    def build(self):
        return build_site.build(self.executed, self.out, self.notebooks)

    def test_the_contents_page_lists_every_notebook_in_order_with_title_and_question(self):
        pages = self.build()
        self.assertEqual(["02_first", "10_last"], [p.name for p in pages])
        index = parse(self.out / "index.html")
        self.assertEqual([("02_first.html", "02 · First one"), ("10_last.html", "10 · Last one")], index.links)
        text = (self.out / "index.html").read_text(encoding="utf-8")
        self.assertIn("<strong>The question.</strong> What comes first?", text)
        self.assertIn("Why <em>this</em> last?", text)
        self.assertNotIn("More text", text, "only the first paragraph")

    def test_a_png_output_becomes_an_img_with_a_data_uri_and_nothing_loads_from_the_network(self):
        self.build()
        page = parse(self.out / "02_first.html")
        self.assertEqual([f"data:image/png;base64,{PNG_B64}"] * 2,
                         [src.replace("\n", "") for src in page.images if src.startswith("data:image/png")])
        self.assertEqual([], [url for url in page.loads if not url.startswith("data:")],
                         "no script or stylesheet is fetched (no CDN)")
        self.assertNotIn("cdnjs", (self.out / "02_first.html").read_text(encoding="utf-8"))

    def test_pages_link_contents_previous_and_next(self):
        self.build()
        first = dict(parse(self.out / "02_first.html").links)
        last = dict(parse(self.out / "10_last.html").links)
        self.assertEqual("Contents", first["index.html"])
        self.assertEqual("10 · Last one →", first["10_last.html"])
        self.assertEqual("← 02 · First one", last["02_first.html"])
        self.assertNotIn("02_first.html", first, "the first page has no previous page")

    def test_pages_of_removed_notebooks_are_deleted(self):
        self.out.mkdir()
        (self.out / "99_gone.html").write_text("old", encoding="utf-8")
        self.build()
        self.assertEqual(["02_first.html", "10_last.html", "index.html"], sorted(p.name for p in self.out.iterdir()))

    def test_a_notebook_that_never_ran_is_named(self):
        (self.executed / "10_last.ipynb").unlink()
        with self.assertRaisesRegex(build_site.SiteError, r"10_last\.ipynb is missing: run the notebooks"):
            self.build()

    def test_a_notebook_edited_after_it_ran_is_named(self):
        nbformat.write(stored_notebook("02 · First one", "Changed question?"), self.notebooks / "02_first.ipynb")
        with self.assertRaisesRegex(build_site.SiteError, r"02_first\.ipynb does not match .*edited after it ran"):
            self.build()

    def test_the_check_expects_every_png_output(self):
        self.assertEqual([check_site.Expected("02_first.html", "02 · First one", 2),
                          check_site.Expected("10_last.html", "10 · Last one", 0)],
                         check_site.expected_pages(self.executed, self.notebooks))


class SaveExecuted(unittest.TestCase):
    def test_never_writes_into_the_stored_notebooks(self):
        with self.assertRaisesRegex(ValueError, "stored notebooks stay clean"):
            run_notebooks.save_executed(new_notebook(), run_notebooks.NOTEBOOKS / "00_start_here.ipynb")


def facts(images=(), links=(), remote=(), h1="01 · T", text=1000):
    return {"title": h1, "h1": h1, "textLength": text, "images": list(images),
            "notebookLinks": [{"href": h, "text": t} for h, t in links], "remote": list(remote)}


GOOD = {"src": "data:image/png;base64,iVBORw0KG", "width": 640, "height": 300, "complete": True}
BROKEN = {"src": "data:image/png;base64,AAAA", "width": 0, "height": 0, "complete": True}


class CheckFindsProblems(unittest.TestCase):
    def test_png_headers_tell_opaque_from_transparent(self):
        rgb = "data:image/png;base64," + PNG_B64
        rgba = "data:image/png;base64," + base64.b64encode(png(4, 4)[:25] + b"\x06").decode("ascii")
        self.assertTrue(check_site.opaque_png(rgb[:64]))
        self.assertFalse(check_site.opaque_png(rgba), "colour type 6 has alpha")
        self.assertFalse(check_site.opaque_png("data:image/jpeg;base64,/9j/4AAQ"))

    def test_an_opaque_png_with_transparent_pixels_was_cut_short(self):
        head = "data:image/png;base64," + PNG_B64[:42]
        self.assertTrue(check_site.drawable({"src": head, "width": 40, "height": 30, "complete": True,
                                             "transparent": 0}))
        self.assertFalse(check_site.drawable({"src": head, "width": 40, "height": 30, "complete": True,
                                              "transparent": 400}))

    expected = check_site.Expected("01_t.html", "01 · T", 2)

    def test_a_page_with_every_chart_decoded_passes(self):
        self.assertEqual([], check_site.page_problems(facts([GOOD, GOOD]), self.expected))

    def test_a_broken_image_is_flagged_and_not_counted_as_a_chart(self):
        problems = check_site.page_problems(facts([GOOD, BROKEN]), self.expected)
        self.assertEqual(2, len(problems), problems)
        self.assertIn("1 chart(s) drawn, expected 2", problems[0])
        self.assertIn("is broken", problems[1])

    def test_missing_charts_title_and_network_loads_are_flagged(self):
        problems = check_site.page_problems(
            facts([GOOD], remote=["https://cdn.example/require.js"], h1="Other", text=10), self.expected)
        self.assertEqual(4, len(problems), problems)
        self.assertIn("first heading is 'Other'", problems[0])
        self.assertIn("almost no text", problems[1])
        self.assertIn("1 chart(s) drawn, expected 2", problems[2])
        self.assertIn("loads https://cdn.example/require.js", problems[3])

    def test_the_contents_page_must_list_every_notebook_in_order_under_its_title(self):
        expected = [check_site.Expected("00_a.html", "00 · A", 0), check_site.Expected("01_b.html", "01 · B", 1)]
        self.assertEqual([], check_site.contents_problems(
            facts(links=[("00_a.html", "00 · A"), ("01_b.html", "01 · B")]), expected))
        self.assertIn("expected ['00_a.html', '01_b.html']", check_site.contents_problems(
            facts(links=[("01_b.html", "01 · B"), ("00_a.html", "00 · A")]), expected)[0])
        self.assertIn("expected ['00_a.html', '01_b.html']", check_site.contents_problems(
            facts(links=[("00_a.html", "00 · A")]), expected)[0])
        self.assertIn("names 01_b.html 'B?', expected '01 · B'", check_site.contents_problems(
            facts(links=[("00_a.html", "00 · A"), ("01_b.html", "B?")]), expected)[0])


@unittest.skipIf(check_site.browser_missing(), f"browser check skipped: {check_site.browser_missing()}")
class CheckInChromium(unittest.TestCase):
    """The same checks on pages loaded in headless Chromium."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="test-site-browser-"))
        cls.browser = check_site.Browser(width=800, height=600)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def page(self, body: str) -> Path:
        path = self.tmp / "page.html"
        path.write_text(f"<!DOCTYPE html><html><head><title>t</title></head><body><h1>01 · T</h1>"
                        f"<p>{'text ' * 60}</p>{body}</body></html>", encoding="utf-8")
        return path

    def test_decoded_charts_pass(self):
        found = self.browser.facts(self.page(f'<img src="data:image/png;base64,{PNG_B64}">' * 2))
        self.assertEqual([(40, 30)] * 2, [(i["width"], i["height"]) for i in found["images"]])
        self.assertEqual([], check_site.page_problems(found, check_site.Expected("page.html", "01 · T", 2)))

    def test_a_page_with_broken_images_fails(self):
        cut_short = base64.b64encode(png(40, 30)[:60]).decode("ascii")  # header fine, pixel data missing
        not_png = base64.b64encode(b"\x89PNG\r\n\x1a\n but not really").decode("ascii")
        found = self.browser.facts(self.page("".join(f'<img src="data:image/png;base64,{data}">'
                                                     for data in (PNG_B64, cut_short, not_png))))
        self.assertEqual([40, 40, 0], [i["width"] for i in found["images"]],
                         "the browser reads the size of a cut-short PNG: width alone proves nothing")
        problems = check_site.page_problems(found, check_site.Expected("page.html", "01 · T", 3))
        self.assertEqual(3, len(problems), problems)
        self.assertIn("1 chart(s) drawn, expected 3", problems[0])
        self.assertIn(cut_short[:18], problems[1])
        self.assertIn(not_png[:18], problems[2])
        self.assertTrue(all("is broken" in p for p in problems[1:]), problems)

    def test_a_script_from_a_server_is_flagged_even_though_it_cannot_load(self):
        found = self.browser.facts(self.page('<script src="https://cdn.example.org/require.js"></script>'))
        problems = check_site.page_problems(found, check_site.Expected("page.html", "01 · T", 0))
        self.assertTrue(problems and all("https://cdn.example.org/require.js" in p for p in problems), problems)


if __name__ == "__main__":
    unittest.main()
