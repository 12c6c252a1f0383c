#!/usr/bin/env python3
"""Unit tests of the static site: the book Jupyter Book builds from (tools/build_site.py) and its browser check
(tools/check_site.py).

    .venv/bin/python -m unittest discover -s tools -p 'test_site.py'

Nothing here runs Sphinx (stage 'site' does, with .venv-site/). The tests that open pages in headless Chromium are
skipped, with the reason, where Chromium, chromedriver or Selenium (in .venv-site/ only) are missing.
"""
import json
import shutil
import struct
import sys
import tempfile
import unittest
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbformat  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # noqa: E402

import build_site  # noqa: E402
import check_site  # noqa: E402

JAVA_META = {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"},
             "language_info": {"name": "java"}}


def png(width: int, height: int) -> bytes:
    """A valid RGB PNG of one colour."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x20\x60\xc0" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def stored_notebook(title, question):
    return new_notebook(cells=[new_markdown_cell(f"# {title}\n\n{question}\n\nMore text with $\\mu_\\mathcal{{B}}$."),
                               new_code_cell("%classpath target/kernel-classpath/*.jar"),
                               new_code_cell("int a = 1;")], metadata=JAVA_META)


class Course(unittest.TestCase):
    """A small course in a temporary folder: notebooks/, contents.txt and target/executed/."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="test-site-"))
        self.notebooks, self.executed = self.tmp / "notebooks", self.tmp / "executed"
        self.notebooks.mkdir()
        self.executed.mkdir()
        self.contents = self.notebooks / "contents.txt"
        self.contents.write_text("# comment\n00_a\n01_b\n01c_not_yet\nglossary\n", encoding="utf-8")
        for name, title in (("00_a", "00 · Start"), ("01_b", "01 · Shapes")):
            nb = stored_notebook(title, f"The question of {name}?")
            nbformat.write(nb, self.notebooks / f"{name}.ipynb")
            nb.cells[2].outputs = [new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "img"})]
            nbformat.write(nb, self.executed / f"{name}.ipynb")
        (self.notebooks / "glossary.md").write_text("# Glossary\n\nEvery name, once.\n", encoding="utf-8")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def build(self):
        notes = []
        pages = build_site.build(self.executed, self.tmp / "site", self.notebooks, self.tmp / "book", self.contents,
                                 run_sphinx=False, log=notes.append)
        return pages, notes

    def test_the_pages_come_from_the_contents_file_in_order_and_missing_ones_are_noted(self):
        pages, notes = self.build()
        self.assertEqual(["00_a", "01_b", "glossary"], [p.name for p in pages])
        self.assertEqual(1, len(notes))
        self.assertIn("contents entry '01c_not_yet' skipped", notes[0])
        toc = (self.tmp / "book" / "_toc.yml").read_text(encoding="utf-8")
        self.assertEqual("format: jb-book\nroot: index\nchapters:\n- file: 00_a\n- file: 01_b\n- file: glossary\n", toc)

    def test_the_contents_page_lists_each_page_with_its_question(self):
        self.build()
        index = (self.tmp / "book" / "index.md").read_text(encoding="utf-8")
        self.assertIn(":::{container} course-contents", index)
        self.assertLess(index.index("[00 · Start](00_a.ipynb)"), index.index("[01 · Shapes](01_b.ipynb)"))
        self.assertIn("The question of 01_b?", index)
        self.assertIn("[Glossary](glossary.md)", index)

    def test_notebook_pages_link_to_jupyterlab_and_hide_the_classpath_cell(self):
        self.build()
        nb = nbformat.read(self.tmp / "book" / "01_b.ipynb", as_version=4)
        self.assertIn("http://localhost:8888/lab/tree/01_b.ipynb", nb.cells[1].source)
        self.assertIn("remove-cell", nb.cells[2].metadata["tags"])
        self.assertEqual("img", nb.cells[3].outputs[0]["data"]["text/plain"], "outputs come from the executed copy")

    def test_the_book_executes_nothing_and_serves_mathjax_itself(self):
        self.build()
        config = json.loads((self.tmp / "book" / "_config.yml").read_text(encoding="utf-8"))
        self.assertEqual("off", config["execute"]["execute_notebooks"])
        self.assertEqual("off", config["sphinx"]["config"]["nb_execution_mode"])
        self.assertIn("sphinx-mathjax-offline", config["sphinx"]["extra_extensions"])
        self.assertEqual("mathjax/tex-chtml.js", config["sphinx"]["config"]["mathjax_path"])
        self.assertIn("dollarmath", config["parse"]["myst_enable_extensions"])
        self.assertNotIn("http", json.dumps(config["sphinx"]), "nothing from a server")

    def test_a_notebook_missing_from_the_contents_file_is_an_error(self):
        nbformat.write(stored_notebook("09 · New", "?"), self.notebooks / "09_new.ipynb")
        with self.assertRaisesRegex(build_site.SiteError, r"\['09_new'\] are not in"):
            self.build()

    def test_a_notebook_that_never_ran_or_was_edited_after_it_ran_is_named(self):
        (self.executed / "01_b.ipynb").unlink()
        with self.assertRaisesRegex(build_site.SiteError, "01_b.ipynb is missing: run the notebooks first"):
            self.build()
        nbformat.write(stored_notebook("01 · Shapes", "changed"), self.executed / "01_b.ipynb")
        with self.assertRaisesRegex(build_site.SiteError, "edited after it ran"):
            self.build()

    def test_the_title_is_the_first_heading_and_the_question_the_paragraph_after_it(self):
        cells = [new_markdown_cell("# T\n\nQ is this:\n\n- a\n- b\n\nMore.")]
        self.assertEqual(("T", "Q is this:\n\n- a\n- b"), build_site.title_and_question(cells, "x"))
        self.assertEqual(("x", ""), build_site.title_and_question([new_markdown_cell("no heading")], "x"))

    def test_the_repository_lists_every_notebook_in_its_contents_file(self):
        names = build_site.contents_entries()
        self.assertEqual([], [p.stem for p in build_site.NOTEBOOKS.glob("*.ipynb") if p.stem not in names])


class CheckFindsProblems(unittest.TestCase):
    FACTS = {"h1": "01 · T", "textLength": 500, "text": "plain words", "math": 3, "mathErrors": 0,
             "images": [{"src": "_images/a.png", "alt": "A histogram of x", "width": 40, "height": 30,
                         "complete": True, "transparent": 0, "opaque": True}],
             "contentsLinks": [], "sidebarLinks": [], "outside": []}

    def facts(self, **changes):
        return json.loads(json.dumps({**self.FACTS, **changes}))

    def test_a_good_page_passes(self):
        self.assertEqual([], check_site.page_problems(self.facts(), check_site.Expected("p.html", "01 · T", 1, True)))

    def test_missing_alt_text_or_a_file_name_as_alt_is_flagged(self):
        for alt in ("", None, "_images/a.png"):
            image = {**self.FACTS["images"][0], "alt": alt}
            problems = check_site.page_problems(self.facts(images=[image]),
                                                check_site.Expected("p.html", "01 · T", 1, True))
            self.assertEqual(1, len(problems), problems)
            self.assertIn("alt text", problems[0])

    def test_untypeset_math_and_loads_from_outside_are_flagged(self):
        problems = check_site.page_problems(
            self.facts(math=0, text="the mean $\\mu_B$ stays", outside=["https://cdn.example.org/mathjax.js"]),
            check_site.Expected("p.html", "01 · T", 1, True))
        self.assertEqual(3, len(problems), problems)
        self.assertIn("MathJax typeset nothing", problems[0])
        self.assertIn("raw LaTeX", problems[1])
        self.assertIn("https://cdn.example.org/mathjax.js", problems[2])

    def test_an_opaque_png_with_transparent_pixels_was_cut_short(self):
        image = {**self.FACTS["images"][0], "transparent": 120}
        self.assertFalse(check_site.drawable(image))
        self.assertTrue(check_site.drawable({**image, "opaque": False}))

    def test_png_headers_tell_opaque_from_transparent(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "a.png"
            path.write_bytes(png(4, 3))
            self.assertTrue(check_site.opaque_png(path))
            path.write_bytes(png(4, 3)[:25] + b"\x06" + png(4, 3)[26:])
            self.assertFalse(check_site.opaque_png(path))

    def test_the_contents_page_must_link_every_page_in_order_and_so_must_the_sidebar(self):
        expected = [check_site.Expected("a.html", "A", 0, False), check_site.Expected("b.html", "B", 0, False)]
        links = [{"href": "a.html", "text": "A"}, {"href": "b.html", "text": "B"}]
        good = self.facts(images=[], contentsLinks=links, sidebarLinks=["a.html", "b.html"])
        self.assertEqual([], check_site.contents_problems(good, expected))
        bad = self.facts(images=[], contentsLinks=links[::-1], sidebarLinks=["a.html"])
        problems = check_site.contents_problems(bad, expected)
        self.assertEqual(2, len(problems), problems)


def browser_skip_reason() -> str:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is installed in .venv-site/ only (run: .venv-site/bin/python -m unittest tools/test_site.py)"
    return check_site.browser_missing()


@unittest.skipIf(browser_skip_reason(), browser_skip_reason())
class CheckInChromium(unittest.TestCase):
    """The same checks on pages served locally and loaded in headless Chromium."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="test-site-browser-"))
        (cls.tmp / "_images").mkdir()
        (cls.tmp / "_images" / "ok.png").write_bytes(png(40, 30))
        (cls.tmp / "_images" / "cut.png").write_bytes(png(40, 30)[:60])
        cls.server = check_site.Server(cls.tmp).__enter__()
        cls.browser = check_site.Browser(width=800, height=600)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.server.__exit__()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def facts(self, body: str) -> dict:
        name = f"page{len(list(self.tmp.glob('page*.html')))}.html"   # a new address: no cached page
        (self.tmp / name).write_text(
            f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><main><h1>01 · T</h1>"
            f"<p>{'text ' * 60}</p>{body}</main></body></html>", encoding="utf-8")
        return check_site.mark_opaque(self.browser.facts(self.server.url + name), self.tmp)

    def test_decoded_charts_with_alt_text_pass(self):
        found = self.facts('<img src="_images/ok.png" alt="A blue square">' * 2)
        self.assertEqual([(40, 30)] * 2, [(i["width"], i["height"]) for i in found["images"]])
        self.assertEqual([], check_site.page_problems(found, check_site.Expected("page.html", "01 · T", 2, False)))

    def test_a_cut_short_chart_and_a_missing_alt_fail(self):
        found = self.facts('<img src="_images/cut.png" alt="cut">  <img src="_images/ok.png">')
        problems = check_site.page_problems(found, check_site.Expected("page.html", "01 · T", 2, False))
        self.assertTrue(any("is broken" in p and "cut.png" in p for p in problems), problems)
        self.assertTrue(any("no alt text" in p for p in problems), problems)

    def test_raw_dollar_math_and_a_script_from_a_server_are_flagged(self):
        found = self.facts('<p>the mean $\\mu$ here</p><script src="https://cdn.example.org/require.js"></script>')
        problems = check_site.page_problems(found, check_site.Expected("page.html", "01 · T", 0, True))
        self.assertTrue(any("MathJax typeset nothing" in p for p in problems), problems)
        self.assertTrue(any("raw LaTeX" in p for p in problems), problems)
        self.assertTrue(any("https://cdn.example.org/require.js" in p for p in problems), problems)


if __name__ == "__main__":
    unittest.main()
