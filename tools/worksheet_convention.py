#!/usr/bin/env python3
"""Put each worksheet's check call at the end of its exercise cell (the convention since issue 10, section 6).

    python tools/worksheet_convention.py notebooks/05_backprop.ipynb [...]

Before: a code cell tagged `exercise-N.M` holds the learner's methods and the next code cell calls
`Worksheet.checkN_M(...)`. After: the exercise cell ends with that call, under a comment line, and the separate
check cell is gone. Then running the cell always checks the code it holds: a method that fails to compile stops
the cell before the check (nothing is graded), an edit is checked only by running the cell again, and there is no
check cell to run before its exercise. The grader drops the `Worksheet.check...` statement and what follows it
when it extracts a tagged cell (bn.grader.submission.NotebookExtractor). The course's standard paragraph above a
worksheet ("Replace each `throw` ... run the check cell below it ... that cell is what gets graded.") is rewritten
to say so; other markdown is not: read the cells around each worksheet after running this. Notebooks already
converted are left as they are; the file is rewritten only when something changed.
"""
import json
import re
import sys
from pathlib import Path

from worksheet_model import CHECK_LINE, exercise_tag, source

LEAD = "// Run this cell: it defines your methods above, then checks them.\n"


def convert(nb: dict) -> list:
    """Merges every check cell into its exercise cell, in place; returns the exercise numbers converted."""
    done = []
    cells = nb["cells"]
    i = 0
    while i < len(cells):
        cell = cells[i]
        number = exercise_tag(cell)
        if cell.get("cell_type") != "code" or number is None or CHECK_LINE.search(source(cell)):
            i += 1
            continue
        nxt = next((j for j in range(i + 1, len(cells)) if cells[j].get("cell_type") == "code"), None)
        call = CHECK_LINE.search(source(cells[nxt])) if nxt is not None else None
        if call is None or f"{call.group(1)}.{call.group(2)}" != number:
            raise ValueError(f"the cell tagged exercise-{number} (cell index {i}) is not followed by a code cell "
                             f"calling Worksheet.check{number.replace('.', '_')}(...)")
        if nxt != i + 1:
            raise ValueError(f"exercise-{number}: cells stand between the exercise cell (index {i}) and its check "
                             f"(index {nxt}); move them first")
        cell["source"] = (source(cell).rstrip() + "\n\n" + LEAD + source(cells[nxt]).strip()).splitlines(keepends=True)
        del cells[nxt]
        done.append(number)
        i += 1
    return done


OLD_PARAGRAPH = re.compile(r"Replace each `throw` in the cell tagged `exercise-(\d+\.\d+)` with your code, run it, then run the"
                           r" check cell below it\..*?that cell is what gets graded\.", re.DOTALL)
NEW_PARAGRAPH = ("Replace each `throw` in the cell tagged `exercise-{n}` with your code, then run the cell. Its last line"
                 " checks the methods the cell has just defined, with the same verdicts and messages as the graded tests:"
                 " one PASS or FAIL per method, and a FAIL that matches a known mistake names it and the section that"
                 " explains it. Before you write anything it lists what each check verifies. If a method does not"
                 " compile, the cell stops there and shows the compiler's message: nothing is checked until the whole"
                 " cell compiles, so a check never grades an older version of your code. Keep only method declarations"
                 " (and helpers of your own) above the check line: that is what gets graded.")


def rewrite_paragraphs(nb: dict) -> int:
    """Rewrites the standard worksheet paragraph in markdown cells; returns how many were rewritten."""
    count = 0
    for cell in nb["cells"]:
        if cell.get("cell_type") != "markdown":
            continue
        text = source(cell)
        new, n = OLD_PARAGRAPH.subn(lambda m: NEW_PARAGRAPH.format(n=m.group(1)), text)
        if n:
            cell["source"] = new.splitlines(keepends=True)
            count += n
    return count


def main(paths: list) -> int:
    if not paths:
        print(__doc__)
        return 2
    for p in map(Path, paths):
        nb = json.loads(p.read_text(encoding="utf-8"))
        done = convert(nb)
        if rewrite_paragraphs(nb) or done:
            text = p.read_text(encoding="utf-8")
            p.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False)
                         + ("\n" if text.endswith("\n") else ""), encoding="utf-8")
        print(f"{p}: {'exercises ' + ', '.join(done) + ' converted' if done else 'nothing to convert'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
