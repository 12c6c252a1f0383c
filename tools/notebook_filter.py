#!/usr/bin/env python3
"""Git's "clean" filter for the course notebooks: what git stores of a notebook is what the course ships.

    python tools/notebook_filter.py < notebook.ipynb > what-git-sees.ipynb

'./course lab' sets it up for this clone (git config filter.course-notebook.clean, and .gitattributes names
notebooks/*.ipynb). A learner runs cells and JupyterLab saves outputs, execution counts and the running JDK's
language_info into notebooks/; through this filter git sees none of that, only the learner's own edits of cells.
So `git status` stays clean after merely running notebooks, and `git pull` of course updates goes through (a file
whose only changes are outputs is simply updated; a cell the learner edited is a real local change, which git asks
them to commit or stash, as for any file).

What it does: every code cell gets "outputs": [] and "execution_count": null; the notebook's kernelspec and
language_info become the ones the course stores (tools/configure_kernel.py); cell metadata JupyterLab adds while
running ("execution", "scrolled", "collapsed") is dropped. The JSON is written the way Jupyter writes it (indent 1,
sorted keys). Input that is not a notebook passes through unchanged: a filter must never lose a file.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from configure_kernel import NOTEBOOK_KERNELSPEC, NOTEBOOK_LANGUAGE_INFO  # noqa: E402

RUNTIME_CELL_METADATA = ("execution", "scrolled", "collapsed")


def clean(text: str) -> str:
    try:
        nb = json.loads(text)
    except ValueError:
        return text
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return text
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        for key in RUNTIME_CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
    metadata = nb.setdefault("metadata", {})
    metadata["kernelspec"] = dict(NOTEBOOK_KERNELSPEC)
    metadata["language_info"] = dict(NOTEBOOK_LANGUAGE_INFO)
    # Jupyter ends the file with a newline; a file stored without one keeps it that way.
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + ("\n" if text.endswith("\n") else "")


def main() -> int:
    data = sys.stdin.buffer.read().decode("utf-8", errors="surrogateescape")
    sys.stdout.buffer.write(clean(data).encode("utf-8", errors="surrogateescape"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
