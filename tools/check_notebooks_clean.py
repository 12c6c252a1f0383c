#!/usr/bin/env python3
"""Fail when a notebook under notebooks/ is stored with outputs, or is not set up for the Java kernel.

The stored kernelspec must equal the installed one (tools/configure_kernel.py), or JupyterLab marks a notebook
modified as soon as it opens it. Notebooks are kept without outputs (outputs [] and execution_count null in every code cell) so
that diffs show only what an author wrote and learners start from a clean page. Each notebook
must also name the 'java' kernel and start with the cell that loads the course's classpath.

Checks the notebooks git tracks or would track (new, not ignored ones too), or every
notebooks/*.ipynb when this is not a git checkout.
Usage: python tools/check_notebooks_clean.py [files...]
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_CELL = "%classpath target/kernel-classpath/*.jar"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from configure_kernel import NOTEBOOK_KERNELSPEC as KERNELSPEC  # noqa: E402  (one place: the installed spec's)


def tracked_notebooks() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "notebooks/*.ipynb"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        return sorted(ROOT / p for p in out.split("\0") if p)
    except (OSError, subprocess.CalledProcessError):
        return sorted((ROOT / "notebooks").glob("*.ipynb"))


def problems_in(path: Path) -> list[str]:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"cannot read it as JSON: {e}"]
    problems = []
    code_cells = 0
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        code_cells += 1
        where = f"code cell {code_cells} (cell index {index})"
        if cell.get("outputs"):
            problems.append(f"{where} has {len(cell['outputs'])} stored output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"{where} has execution_count {cell['execution_count']} (must be null)")
        if code_cells == 1:
            source = "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else cell.get("source", "")
            if source.strip() != FIRST_CELL:
                problems.append(f"first code cell must be exactly `{FIRST_CELL}`, found `{source.strip()[:60]}`")
    if code_cells == 0:
        problems.append("has no code cell")
    spec = nb.get("metadata", {}).get("kernelspec", {})
    if spec != KERNELSPEC:
        problems.append(f"metadata.kernelspec must be {json.dumps(KERNELSPEC)}, found {json.dumps(spec)}")
    return problems


def main(args: list[str]) -> int:
    paths = [Path(a).resolve() for a in args] or tracked_notebooks()
    bad = 0
    for path in paths:
        problems = problems_in(path)
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if problems:
            bad += 1
            print(f"[clean] FAIL {rel}")
            for p in problems:
                print(f"    {p}")
    if bad:
        print(f"[clean] {bad} of {len(paths)} notebook(s) need cleaning. Outputs can be cleared with:\n"
              "    .venv/bin/jupyter nbconvert --clear-output --inplace notebooks/NAME.ipynb")
        return 1
    print(f"[clean] {len(paths)} notebook(s) stored without outputs, on the java kernel")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
