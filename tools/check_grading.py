#!/usr/bin/env python3
"""The autograder on the course itself: the reference solutions must score full marks, and the generated
exercises (what a learner starts from) must score 0 with "not implemented yet" on every test. A worksheet
notebook is graded too: notebook 01 with its exercise cells filled in with the reference solution scores full
marks on exercises 1.1 and 1.2 (and nothing else), and as shipped it scores 0.

    python tools/check_grading.py

Runs tools/grader/bn-grader the way an instructor does and reads the results.json it writes, so this checks the
whole path: submission reading, compilation, the bytecode allowlist, the child JVM, scoring and Gradescope's format.
"""
import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from worksheet_model import solved_cell, source, worksheets

ROOT = Path(__file__).resolve().parent.parent
GRADER = ROOT / "tools" / "grader" / "bn-grader"
WORKSHEET = ROOT / "notebooks" / "01_n_by_m.ipynb"

import exercise_registry  # the registry of exercises, bn.marking.Exercise


def grade(submission: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "results.json"
        run = subprocess.run([str(GRADER), "grade", str(submission), "--out", str(out)],
                             capture_output=True, text=True, timeout=300)
        if not out.exists():
            raise AssertionError(f"grading {submission} wrote no results.json (exit {run.returncode}):\n"
                                 f"{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
        return json.loads(out.read_text())


def problems_with_solutions(results: dict) -> list:
    tests = results["tests"]
    if not tests:
        return ["the solutions' results list no tests"]
    out = [f"solutions fail {t['number']} {t['name']}: {t.get('output', '')[:300]}"
           for t in tests if t["status"] != "passed"]
    max_score = sum(t["max_score"] for t in tests)
    if results["score"] != max_score:
        out.append(f"solutions score {results['score']} of {max_score}")
    return out


def problems_with_coverage(results: dict, numbers: list) -> list:
    """Every exercise of the registry is graded, and nothing else: an exercise without tests would lose its points."""
    graded = {t["number"] for t in results["tests"]}
    out = [f"exercise {n} of the registry has no graded test in the results" for n in numbers if n not in graded]
    out += [f"the results grade exercise {n}, which the registry does not list" for n in sorted(graded - set(numbers))]
    return out


def problems_with_exercises(results: dict) -> list:
    tests = results["tests"]
    if not tests:
        return ["the exercises' results list no tests"]
    out = [f"exercise stub passes {t['number']} {t['name']}" for t in tests if t["status"] == "passed"]
    out += [f"exercise stub {t['number']} {t['name']} fails without saying 'not implemented yet': "
            f"{t.get('output', '')[:200]}" for t in tests if "not implemented yet" not in t.get("output", "")]
    if results["score"] != 0:
        out.append(f"the exercise stubs score {results['score']}, not 0")
    return out


def solved(nb: dict) -> tuple:
    """A copy of a worksheet notebook whose exercise cells hold the reference solutions, and their numbers."""
    nb = copy.deepcopy(nb)
    numbers = set()
    for number, answer, _check in worksheets(nb):
        # What a learner hands in: the methods, then the cell's own check statement (which the grader drops).
        nb["cells"][answer]["source"] = solved_cell(source(nb["cells"][answer]), number)
        numbers.add(number)
    return nb, numbers


def problems_with_worksheet(results: dict, answered: set, expect_pass: bool) -> list:
    tests = results["tests"]
    mine = [t for t in tests if t["number"] in answered]
    if not mine:
        return [f"the worksheet's results list no test of exercises {sorted(answered)}"]
    if expect_pass:
        out = [f"solved worksheet fails {t['number']} {t['name']}: {t.get('output', '')[:300]}"
               for t in mine if t["status"] != "passed"]
        out += [f"solved worksheet passes {t['number']} {t['name']}, which it does not answer"
                for t in tests if t["number"] not in answered and t["status"] == "passed"]
    else:
        out = [f"worksheet as shipped: {t['number']} {t['name']} does not fail with 'not implemented yet'"
               for t in mine if t["status"] == "passed" or "not implemented yet" not in t.get("output", "")]
    return out


def grade_worksheet(nb: dict) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / WORKSHEET.name
        path.write_text(json.dumps(nb), encoding="utf-8")
        return grade(path)


def main() -> int:
    solutions = grade(ROOT / "solutions")
    exercises = grade(ROOT / "exercises")
    problems = problems_with_solutions(solutions) + problems_with_exercises(exercises)
    problems += problems_with_coverage(solutions, [e.number for e in exercise_registry.exercises()])
    shipped = json.loads(WORKSHEET.read_text(encoding="utf-8"))
    filled, answered = solved(shipped)
    filled_results = grade_worksheet(filled)
    problems += problems_with_worksheet(filled_results, answered, expect_pass=True)
    problems += problems_with_worksheet(grade_worksheet(shipped), answered, expect_pass=False)
    for p in problems:
        print(f"[grading] FAIL {p}")
    n = len(solutions["tests"])
    print(f"[grading] solutions: {solutions['score']:g} / {sum(t['max_score'] for t in solutions['tests']):g} "
          f"over {n} tests; exercises as shipped: {exercises['score']:g}, "
          f"{sum('not implemented yet' in t.get('output', '') for t in exercises['tests'])} of "
          f"{len(exercises['tests'])} tests say 'not implemented yet'")
    print(f"[grading] worksheet {WORKSHEET.name} filled in with the solutions: {filled_results['score']:g} points, "
          f"exercises {', '.join(sorted(answered))}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
