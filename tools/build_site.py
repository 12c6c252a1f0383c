#!/usr/bin/env python3
"""Build the course's static site with Jupyter Book 1 (Sphinx, myst-nb, sphinx-book-theme) from the executed notebooks.

    python tools/build_site.py [--executed target/executed] [--out site]

Run with the site's own environment (.venv-site/, from tools/site-requirements.txt; ./course site and ./course test
make it), never the learner's .venv/. The pages and their order come from one file, notebooks/contents.txt: each
entry is notebooks/NAME.ipynb, rendered from its executed copy target/executed/NAME.ipynb (written by
'tools/run_notebooks.py --save-executed'; myst-nb executes nothing), or notebooks/NAME.md. An entry whose file does
not exist yet is skipped with a NOTE in the log; a notebook missing from the contents file is an error.

The book is assembled in target/book/ (a copy of each page; a contents page, index.md, listing every page with the
question it answers; _config.yml and _toc.yml), built with `jupyter-book build`, and copied to site/. Each notebook
page gets, under its first cell, a link that opens it in the learner's own JupyterLab (./course lab). The site works
offline: MathJax is served from the site (_static/mathjax, from the PyPI package sphinx-mathjax-offline), charts are
image files beside the pages, and the theme's scripts and fonts are local; search is Sphinx's, in the browser.
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CONTENTS = NOTEBOOKS / "contents.txt"
EXECUTED = ROOT / "target" / "executed"
BOOK = ROOT / "target" / "book"
SITE = ROOT / "site"
COURSE_TITLE = "Batch Normalization, step by step, in Java"
# Where './course lab' serves the notebooks (JupyterLab's default port, notebook folder notebooks/).
LAB_URL = "http://localhost:8888/lab/tree/{name}"

HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s")


class SiteError(Exception):
    """A problem that stops the site from being built (missing or outdated executed notebook, bad contents file)."""


@dataclass(frozen=True)
class Page:
    name: str            # file stem, e.g. '01_n_by_m'
    title: str           # first markdown heading, as markdown
    question: str        # first paragraph after the heading, as markdown
    source: Path         # what the page is built from: the executed notebook, or the .md page

    @property
    def href(self) -> str:
        return f"{self.name}.html"

    @property
    def is_notebook(self) -> bool:
        return self.source.suffix == ".ipynb"


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def contents_entries(contents: Path = CONTENTS) -> list:
    """The page names of the contents file, in order (comments and blank lines left out)."""
    if not contents.is_file():
        raise SiteError(f"{display(contents)} is missing: it lists the site's pages in order")
    names = [line.split("#", 1)[0].strip() for line in contents.read_text(encoding="utf-8").splitlines()]
    names = [n for n in names if n]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SiteError(f"{display(contents)} lists {dupes} more than once")
    return names


def markdown_blocks(cells):
    """The markdown cells' blocks (paragraphs, headings, lists), in order."""
    for cell in cells:
        if cell.cell_type == "markdown":
            for block in re.split(r"\n\s*\n", cell.source.strip()):
                if block.strip():
                    yield block.strip()


def title_and_question(cells, fallback_title: str):
    """The first markdown heading and the first paragraph after it (markdown, '' if none).

    A paragraph that ends with a colon brings the list right after it along ("... such as:")."""
    title, question = None, []
    for block in markdown_blocks(cells):
        lines = block.splitlines()
        heading = HEADING.match(lines[0])
        if title is None:
            if heading:
                title = heading.group(2)
                if len(lines) > 1:  # a paragraph right under the heading, without a blank line
                    question.append("\n".join(lines[1:]).strip())
            continue
        if question:
            if question[-1].endswith(":") and LIST_ITEM.match(block):
                question.append(block)
            break
        if heading:
            break
        question.append(block)
    return (title or fallback_title), "\n\n".join(question)


class _Cell:
    def __init__(self, cell_type, source):
        self.cell_type, self.source = cell_type, source


def load_page(name: str, executed_dir: Path, notebooks_dir: Path = NOTEBOOKS):
    """The page for contents entry `name`, or None when neither NAME.ipynb nor NAME.md exists yet."""
    import nbformat

    notebook, markdown = notebooks_dir / f"{name}.ipynb", notebooks_dir / f"{name}.md"
    if notebook.is_file():
        executed = executed_dir / notebook.name
        if not executed.is_file():
            raise SiteError(f"{display(executed)} is missing: run the notebooks first "
                            f"(./course site does; or tools/run_notebooks.py --save-executed {display(executed_dir)})")
        stored = nbformat.read(notebook, as_version=4)
        ran = nbformat.read(executed, as_version=4)
        if [(c.cell_type, c.source) for c in stored.cells] != [(c.cell_type, c.source) for c in ran.cells]:
            raise SiteError(f"{display(executed)} does not match {display(notebook)} (the notebook was edited "
                            f"after it ran): run the notebooks again (./course site)")
        title, question = title_and_question(ran.cells, name)
        return Page(name, title, question, executed)
    if markdown.is_file():
        title, question = title_and_question([_Cell("markdown", markdown.read_text(encoding="utf-8"))], name)
        return Page(name, title, question, markdown)
    return None


def markdown_to_text(markdown: str) -> str:
    """Plain text of a short markdown snippet (for titles and checks): no emphasis, code or math markers."""
    return re.sub(r"[*_`$\\]", "", markdown).strip()


def open_in_lab_cell(name: str) -> dict:
    import nbformat

    cell = nbformat.v4.new_markdown_cell(
        f"[Open this notebook in JupyterLab]({LAB_URL.format(name=name + '.ipynb')}) "
        f"(after `./course lab` in the course folder) to run and change its cells.")
    cell.metadata["tags"] = ["open-in-lab"]
    return cell


def write_book(pages: list, book: Path, notebooks_dir: Path = NOTEBOOKS) -> None:
    """Assembles the Jupyter Book sources in `book` (emptied first)."""
    import nbformat

    if book.exists():
        shutil.rmtree(book)
    book.mkdir(parents=True)
    for page in pages:
        if page.is_notebook:
            nb = nbformat.read(page.source, as_version=4)
            first_code = next((c for c in nb.cells if c.cell_type == "code"), None)
            if first_code is not None and first_code.source.strip().startswith("%classpath"):
                first_code.metadata.setdefault("tags", []).append("remove-cell")   # set-up, not course content
            nb.cells.insert(1, open_in_lab_cell(page.name))
            nbformat.write(nb, book / f"{page.name}.ipynb")
        else:
            shutil.copyfile(page.source, book / f"{page.name}.md")
    if (notebooks_dir / "images").is_dir():   # pictures the markdown cells show: ![alt](images/NAME.svg)
        shutil.copytree(notebooks_dir / "images", book / "images")
    (book / "index.md").write_text(contents_markdown(pages), encoding="utf-8")
    (book / "_toc.yml").write_text(toc_yaml(pages), encoding="utf-8")
    (book / "_config.yml").write_text(config_yaml(), encoding="utf-8")


def contents_markdown(pages: list) -> str:
    lines = [f"# {COURSE_TITLE}", "",
             "The course notebooks, run on the Java kernel, with their outputs. Read them in order; each one opens "
             "with the question it answers.", "", ":::{container} course-contents", ""]
    for i, page in enumerate(pages, 1):
        lines.append(f"{i}. **[{page.title}]({page.name}.{'ipynb' if page.is_notebook else 'md'})**")
        if page.question:
            lines += ["", *("   " + line if line else "" for line in page.question.splitlines())]
        lines.append("")
    lines += [":::", ""]
    return "\n".join(lines)


def toc_yaml(pages: list) -> str:
    return "format: jb-book\nroot: index\nchapters:\n" + "".join(f"- file: {p.name}\n" for p in pages)


def config_yaml() -> str:
    config = {
        "title": COURSE_TITLE,
        "author": "the course authors",
        "copyright": "",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build", "**.ipynb_checkpoints"],
        "execute": {"execute_notebooks": "off"},            # outputs come from target/executed/
        "parse": {"myst_enable_extensions": ["dollarmath", "amsmath", "colon_fence", "html_image"]},
        "html": {"use_repository_button": False, "use_issues_button": False, "use_edit_page_button": False,
                 "use_download_button": False, "use_fullscreen_button": False, "home_page_in_navbar": True,
                 "extra_footer": "", "comments": {"hypothesis": False, "utterances": False}},
        "launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "", "jupyterhub_url": "",
                           "colab_url": "", "thebe": False},
        "sphinx": {
            "extra_extensions": ["sphinx-mathjax-offline"],   # MathJax from the site, not a CDN
            "config": {
                "mathjax_path": "mathjax/tex-chtml.js",
                "html_show_copyright": False,
                "html_show_sphinx": False,
                "html_last_updated_fmt": None,
                "nb_execution_mode": "off",
                "nb_merge_streams": True,
                "nb_ipywidgets_js": {},                     # no require.js or widget scripts from a CDN
                "suppress_warnings": ["mystnb.unknown_mime_type", "misc.highlighting_failure"],
            },
        },
    }
    return json.dumps(config, indent=2) + "\n"   # JSON is YAML


def build(executed_dir: Path, out: Path, notebooks_dir: Path = NOTEBOOKS, book: Path = BOOK,
          contents: Path = CONTENTS, run_sphinx: bool = True, log=print) -> list:
    """Builds the site into `out`; returns the pages in order."""
    names = contents_entries(contents)
    unlisted = sorted(p.stem for p in notebooks_dir.glob("*.ipynb") if p.stem not in names)
    if unlisted:
        raise SiteError(f"notebooks {unlisted} are not in {display(contents)}: add them where they belong in the "
                        f"reading order")
    pages = []
    for name in names:
        page = load_page(name, executed_dir, notebooks_dir)
        if page is None:
            log(f"[site] NOTE: contents entry '{name}' skipped: neither notebooks/{name}.ipynb nor "
                f"notebooks/{name}.md exists yet")
        else:
            pages.append(page)
    if not pages:
        raise SiteError(f"no page of {display(contents)} exists")
    write_book(pages, book, notebooks_dir)
    if run_sphinx:
        sphinx(book)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(book / "_build" / "html", out)
    return pages


def sphinx(book: Path) -> None:
    jb = Path(sys.executable).with_name("jupyter-book")
    if not jb.is_file():
        raise SiteError(f"{jb} is missing: the site is built with the site environment, .venv-site/ "
                        f"(./course site makes it from tools/site-requirements.txt)")
    log_file = book / "jupyter-book.log"
    with open(log_file, "w", encoding="utf-8") as log:
        rc = subprocess.run([str(jb), "build", str(book), "--builder", "html", "--keep-going"],
                            stdout=log, stderr=subprocess.STDOUT).returncode
    text = log_file.read_text(encoding="utf-8")
    warnings = [line for line in text.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    for line in warnings[:30]:
        print(f"[site] {line}")
    if rc != 0 or warnings:
        raise SiteError(f"jupyter-book build reported {len(warnings)} warning(s)/error(s), exit code {rc} "
                        f"(full log: {display(log_file)})")


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the static site with Jupyter Book from the executed notebooks.")
    parser.add_argument("--executed", type=Path, default=EXECUTED,
                        help="folder of executed notebooks (default target/executed)")
    parser.add_argument("--out", type=Path, default=SITE, help="output folder (default site)")
    args = parser.parse_args()
    try:
        pages = build(args.executed, args.out)
    except SiteError as e:
        print(f"[site] ERROR: {e}", file=sys.stderr)
        return 1
    print(f"[site] {len(pages)} page(s) and the contents page written to {display(args.out)}/ by Jupyter Book")
    print(f"[site] open {args.out.resolve() / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
