#!/usr/bin/env python3
"""Render the executed notebooks as a static HTML site with a contents page.

    python tools/build_site.py [--executed target/executed] [--out site]

Reads every course notebook (notebooks/*.ipynb, in name order) from its executed copy in
target/executed/ (written by 'tools/run_notebooks.py --save-executed', which './course site' and
'./course test' run first) and writes
 - site/NAME.html: the notebook with its outputs, in JupyterLab's look (nbconvert's 'lab' template),
   with links to the contents page and the previous and next notebooks;
 - site/index.html: the contents page, one entry per notebook with its title (the first markdown
   heading) and the question it answers (the first paragraph after that heading).

The site is self-contained and works offline: charts are PNG data URIs inside the pages, CSS is
inlined, and our template (tools/site_template/course_site) drops the scripts the lab template
would load from a CDN (require.js, MathJax, mermaid, widgets; the notebooks use none of them).
"""
import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "target" / "executed"
SITE = ROOT / "site"
TEMPLATES = Path(__file__).resolve().parent / "site_template"
COURSE_TITLE = "Batch Normalization, step by step, in Java"

HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


class SiteError(Exception):
    """A problem that stops the site from being built (missing or outdated executed notebook)."""


@dataclass(frozen=True)
class Page:
    name: str            # file stem, e.g. '01_n_by_m'
    title: str           # first markdown heading, as plain text
    question: str        # first paragraph after the heading, as markdown
    executed: Path       # the executed notebook the page is rendered from

    @property
    def href(self) -> str:
        return f"{self.name}.html"


LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s")


def markdown_blocks(nb):
    """The markdown cells' blocks (paragraphs, headings, lists), in order."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for block in re.split(r"\n\s*\n", cell.source.strip()):
                if block.strip():
                    yield block.strip()


def title_and_question(nb, fallback_title: str):
    """The first markdown heading and the first paragraph after it (markdown, '' if none).

    A paragraph that ends with a colon brings the list right after it along ("... such as:")."""
    title, question = None, []
    for block in markdown_blocks(nb):
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


def load_page(source: Path, executed_dir: Path) -> Page:
    """The page for the stored notebook `source`, checked against its executed copy."""
    import nbformat

    executed = executed_dir / source.name
    if not executed.is_file():
        raise SiteError(f"{display(executed)} is missing: run the notebooks first "
                        f"(./course site does; or tools/run_notebooks.py --save-executed {display(executed_dir)})")
    stored = nbformat.read(source, as_version=4)
    ran = nbformat.read(executed, as_version=4)
    if [(c.cell_type, c.source) for c in stored.cells] != [(c.cell_type, c.source) for c in ran.cells]:
        raise SiteError(f"{display(executed)} does not match {display(source)} (the notebook was edited "
                        f"after it ran): run the notebooks again (./course site)")
    title, question = title_and_question(ran, source.stem)
    return Page(source.stem, title, question, executed)


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def markdown_to_text(markdown: str) -> str:
    """Plain text of a short markdown snippet (for the page <title>)."""
    return re.sub(r"[*_`]", "", markdown).strip()


def exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="course_site", extra_template_basedirs=[str(TEMPLATES)],
                        embed_images=True)


def render_page(page: Page, prev_page, next_page, html_exporter=None) -> str:
    """The HTML of one notebook page (images as data URIs, no network needed)."""
    import nbformat

    nb = nbformat.read(page.executed, as_version=4)
    nav = {
        "contents": "index.html",
        "prev": {"href": prev_page.href, "title": markdown_to_text(prev_page.title)} if prev_page else None,
        "next": {"href": next_page.href, "title": markdown_to_text(next_page.title)} if next_page else None,
    }
    resources = {
        "metadata": {"name": markdown_to_text(page.title), "path": str(NOTEBOOKS)},
        "site": nav,
    }
    body, _ = (html_exporter or exporter()).from_notebook_node(nb, resources=resources)
    return body


CONTENTS_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{{ course_title }}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; line-height: 1.5;
         color: #212121; max-width: 860px; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 1.8em; margin-bottom: 0.2em; }
  p.lead { color: #555; margin-top: 0; }
  ol.contents { list-style: none; padding: 0; }
  ol.contents > li { margin: 1.2em 0; padding-bottom: 1em; border-bottom: 1px solid #eee; }
  ol.contents > li > a { font-size: 1.15em; font-weight: 600; color: #1565c0; text-decoration: none; }
  ol.contents > li > a:hover { text-decoration: underline; }
  .question { margin: 0.3em 0 0 0; color: #333; }
  .question p { margin: 0; }
  .question ul { margin: 0.3em 0; }
</style>
</head>
<body>
<h1>{{ course_title }}</h1>
<p class="lead">The course notebooks, run on the Java kernel, with their outputs. Read them in order.</p>
<ol class="contents">
{%- for page in pages %}
  <li class="notebook" id="{{ page.name }}">
    <a href="{{ page.href }}">{{ page.title_html }}</a>
    <div class="question">{{ page.question_html }}</div>
  </li>
{%- endfor %}
</ol>
</body>
</html>
"""


def render_contents(pages) -> str:
    """The contents page: every notebook in order, its title as a link and its question."""
    import jinja2
    from markupsafe import Markup
    from nbconvert.filters import markdown2html

    def inline(markdown: str) -> str:
        rendered = markdown2html(markdown).strip()
        # A one-paragraph heading is shown inside the link: keep its inline markup, drop the <p>.
        return re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.DOTALL)

    env = jinja2.Environment(autoescape=True)
    rows = [{"name": p.name, "href": p.href, "title_html": Markup(inline(p.title)),
             "question_html": Markup(markdown2html(p.question)) if p.question else ""}
            for p in pages]
    return env.from_string(CONTENTS_TEMPLATE).render(course_title=COURSE_TITLE, pages=rows)


def build(executed_dir: Path, out: Path, notebooks_dir: Path = NOTEBOOKS) -> list:
    """Writes out/NAME.html for every notebook and out/index.html; returns the pages in order."""
    sources = sorted(notebooks_dir.glob("*.ipynb"))
    if not sources:
        raise SiteError(f"no notebooks in {display(notebooks_dir)}")
    pages = [load_page(source, executed_dir) for source in sources]

    out.mkdir(parents=True, exist_ok=True)
    written = {"index.html"}
    html_exporter = exporter()
    for i, page in enumerate(pages):
        prev_page = pages[i - 1] if i > 0 else None
        next_page = pages[i + 1] if i + 1 < len(pages) else None
        (out / page.href).write_text(render_page(page, prev_page, next_page, html_exporter), encoding="utf-8")
        written.add(page.href)
    (out / "index.html").write_text(render_contents(pages), encoding="utf-8")
    for old in out.glob("*.html"):  # pages of notebooks that no longer exist
        if old.name not in written:
            old.unlink()
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description="Render the executed notebooks as a static HTML site.")
    parser.add_argument("--executed", type=Path, default=EXECUTED,
                        help="folder of executed notebooks (default target/executed)")
    parser.add_argument("--out", type=Path, default=SITE, help="output folder (default site)")
    args = parser.parse_args()
    try:
        pages = build(args.executed, args.out)
    except SiteError as e:
        print(f"[site] ERROR: {e}", file=sys.stderr)
        return 1
    print(f"[site] {len(pages)} notebook page(s) and the contents page written to {display(args.out)}/")
    print(f"[site] open {args.out.resolve() / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
