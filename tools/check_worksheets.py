#!/usr/bin/env python3
"""Prove that the notebooks' worksheet cells work: as shipped, with correct answers, and with a compile error.

    python tools/check_worksheets.py [--workers 2] [--timeout 120] [notebooks/01_n_by_m.ipynb ...]

A worksheet is a code cell tagged `exercise-N.M` holding the learner's methods and ending with the statement
`Worksheet.checkN_M(...)` (see marking/README.md; tools/worksheet_convention.py converts the older layout, where the
call stood in the next cell, which is still accepted with a warning). For every notebook with worksheets this script

 1. checks statically that each exercise of exercises/src/main/java/bn/exercises has exactly one worksheet, and that
    the shipped cell declares exactly the exercise class's methods, each with the generated stub's `throw` line;
 2. runs, in one fresh Java kernel, only the cells a worksheet needs: the notebook's first two code cells (classpath
    and imports), then for each worksheet
      - the cell as shipped, which must say "Not started yet", list what the checks verify and print no PASS/FAIL;
      - the cell with its methods replaced by the reference solution's class body (what lies between the braces of
        solutions/src/main/java/bn/exercises/ExN_M_*.java, i.e. exactly the text the grader's wrapping turns back
        into that class), which must print `PASS N.M method` for every method and no FAIL;
      - that solved cell again with a compile error in its first method: the kernel must stop the cell with the
        compiler's error, and nothing may be graded (no PASS, no "checks passed"), although the solution's methods
        from the run before are still loaded. This is the case "the check graded code I no longer have".
    JShell replaces a method redefined with the same signature, so a later definition takes over.

Nothing is written back to the notebooks. The last line printed is 'N passed, N failed'.
"""
import argparse
import copy
import json
import re
import sys
import time
from pathlib import Path

import kernel_runner
import worker_pool
from kernel_runner import NOTEBOOKS
from worksheet_model import (EXERCISES, METHOD_SIGNATURE, SOLUTIONS, class_body, exercise_file, exercise_number, signatures,
                             source, stub_methods, with_methods, worksheets)


def broken(methods: str) -> str:
    """The methods with a statement that does not compile at the top of the first method body."""
    m = METHOD_SIGNATURE.search(methods)
    if not m:
        raise ValueError("no public method to break")
    return methods[:m.end()] + '\n        int broken = "not a number";   // does not compile' + methods[m.end():]


def static_problems(notebooks: dict) -> list:
    """Problems with the shipped worksheet cells: {name: nb} -> ['...']."""
    problems = []
    where = {}
    for name, nb in notebooks.items():
        try:
            for number, answer, _ in worksheets(nb):
                where.setdefault(number, []).append(name)
                stub = EXERCISES / exercise_file(EXERCISES, number).name
                want, got = stub_methods(stub.read_text(encoding="utf-8")), source(nb["cells"][answer])
                if signatures(got) != signatures(stub.read_text(encoding="utf-8")):
                    problems.append(f"{name}: exercise-{number} declares {signatures(got)}, but {stub.name} has"
                                    f" {signatures(stub.read_text(encoding='utf-8'))}")
                elif stub_methods(got) != want:
                    problems.append(f"{name}: exercise-{number}: the method bodies are not the stub's throw lines of"
                                    f" {stub.name} (run ./course generate, then copy them)")
        except ValueError as e:
            problems.append(f"{name}: {e}")
    for path in sorted(EXERCISES.glob("Ex*_*.java")):
        number = exercise_number(path)
        if len(where.get(number, [])) != 1:
            problems.append(f"exercise {number} ({path.name}) has {len(where.get(number, []))} worksheet(s) in the"
                            f" notebooks {where.get(number, [])}; expected exactly one")
    return problems


def printed(cell) -> str:
    """Everything a cell printed or returned as text."""
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", ""))
        elif o.get("output_type") in ("execute_result", "display_data"):
            out.append(o.get("data", {}).get("text/plain", ""))
        elif o.get("output_type") == "error":
            out.append(f"{o.get('ename')}: {o.get('evalue')}")
    return "".join("".join(x) if isinstance(x, list) else x for x in out)


def verdict_problems(number: str, methods: list, text: str, expect_pass: bool) -> list:
    """What is wrong with a check cell's output: every method must PASS (or FAIL as not implemented yet)."""
    problems = []
    for method in methods:
        if expect_pass:
            ok = re.search(rf"^\s*PASS {re.escape(number)} {re.escape(method)}:", text, re.MULTILINE)
            want = f"PASS {number} {method}"
        else:
            ok = re.search(rf"^\s*FAIL {re.escape(number)} {re.escape(method)}: Exercise {re.escape(number)} is not"
                           r" implemented yet\.", text, re.MULTILINE)
            want = f"FAIL {number} {method}: Exercise {number} is not implemented yet."
        if not ok:
            problems.append(f"no line '{want}...'")
    wrong = "FAIL" if expect_pass else "PASS"
    for line in text.splitlines():
        if line.strip().startswith(wrong + " "):
            problems.append(f"unexpected: {line.strip()}")
    return problems


def not_started_problems(number: str, methods: list, text: str) -> list:
    """What is wrong with a worksheet's output before anything is written: it must say so, list what each method's
    check verifies, count the checks, and show no PASS or FAIL line."""
    problems = []
    if f"Exercise {number}:" not in text or "Not started yet" not in text:
        problems.append("no 'Exercise N.M: ...' heading with 'Not started yet'")
    for method in methods:
        if not re.search(rf"^\s*- {re.escape(method)}\(", text, re.MULTILINE):
            problems.append(f"no line '- {method}(...' saying what its check verifies")
    plural = "check" if len(methods) == 1 else "checks"
    if f"0 of {len(methods)} {plural} passed." not in text:
        problems.append(f"no summary '0 of {len(methods)} {plural} passed.'")
    problems += [f"unexpected: {line.strip()}" for line in text.splitlines()
                 if line.strip().startswith(("PASS ", "FAIL "))]
    return problems


def compile_error_problems(number: str, cell) -> list:
    """What is wrong with the run of an exercise cell that does not compile: the kernel must report the compile
    error, and no verdict may be printed (the solution's methods from the run before are still loaded)."""
    problems = []
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if not errors:
        problems.append("the kernel reported no error for a method that does not compile")
    elif not any("Compilation" in (o.get("ename") or "") or "incompatible types" in "".join(o.get("traceback", []))
                 for o in errors):
        problems.append(f"the error is not a compile error: {errors[0].get('ename')}: {errors[0].get('evalue')}")
    text = printed(cell)
    if re.search(rf"\b(PASS|FAIL) {re.escape(number)} ", text) or re.search(r"\bchecks? passed", text):
        problems.append("the check graded something although the cell did not compile:\n"
                        + kernel_runner.indent(text))
    return problems


def run_one(path_str: str, timeout: int) -> tuple:
    """Runs one notebook's worksheets as shipped and with the solutions; returns (name, seconds, problems).

    Like tools/run_notebooks.py, a kernel that dies before its first cell is started again (a port taken by
    another process between jupyter_client's pick and the kernel's bind); a failure inside a cell is not."""
    start = time.monotonic()
    name, problems, _ = kernel_runner.with_start_retries(lambda: attempt_once(path_str, timeout),
                                                         Path(path_str).name)
    return name, time.monotonic() - start, problems


def attempt_once(path_str: str, timeout: int) -> tuple:
    """One run in a fresh kernel: (name, problems, whether any cell ran)."""
    import nbformat

    path = Path(path_str)
    nb = nbformat.read(path, as_version=4)
    sheets = worksheets(nb)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    # (cell index, source to run or None for the cell as stored, what its output must show or None)
    plan = [(code[0], None, None), (code[1], None, None)]   # %classpath, imports
    for number, answer, check in sheets:
        solution = class_body(exercise_file(SOLUTIONS, number).read_text(encoding="utf-8"))
        stored = source(nb.cells[answer])
        if check == answer:
            plan += [(answer, None, (number, "not started")),
                     (answer, with_methods(stored, solution), (number, "pass")),
                     (answer, with_methods(stored, broken(solution)), (number, "compile error"))]
        else:   # the older layout: a separate check cell
            plan += [(answer, None, None), (check, None, (number, "not started")),
                     (answer, solution, None), (check, None, (number, "pass"))]

    problems = []
    started = False
    try:
        with kernel_runner.kernel_session(nb, timeout, f"{path.stem}.worksheets") as client:
            for index, replacement, expect in plan:
                cell = copy.deepcopy(nb.cells[index])
                if replacement is not None:
                    cell.source = replacement
                client.execute_cell(cell, index)
                started = True
                label = {None: "as shipped", "not started": "as shipped", "pass": "with the solution",
                         "compile error": "with a compile error"}[expect and expect[1]]
                errors = kernel_runner.cell_problems(nbformat.from_dict({"cells": [cell]}), 0)
                if expect is not None and expect[1] == "compile error":
                    number = expect[0]
                    found = compile_error_problems(number, cell)
                    problems += [f"exercise {number} {label}: {p}" for p in found]
                    continue
                if errors:
                    problems += [f"cell index {index} ({label}): {e}" for e in errors]
                    break
                if expect is not None:
                    number, state = expect
                    methods = list(stub_methods(exercise_file(EXERCISES, number).read_text(encoding="utf-8")))
                    text = printed(cell)
                    if state == "not started":
                        found = not_started_problems(number, methods, text)
                    else:
                        found = verdict_problems(number, methods, text, expect_pass=True)
                    problems += [f"exercise {number} {label}: {p}" for p in found]
                    if found:
                        problems.append(f"exercise {number} {label} printed:\n" + kernel_runner.indent(text))
    except Exception as e:  # kernel died, timeout, bad file
        problems.append(f"could not run: {type(e).__name__}: {e}")
    return path.name, problems, started


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the worksheet cells as shipped and with the solutions.")
    parser.add_argument("notebooks", nargs="*", help="default: every notebooks/*.ipynb with worksheet cells")
    worker_pool.add_options(parser)
    args = parser.parse_args()

    paths = [Path(p).resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    notebooks = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(NOTEBOOKS.glob("*.ipynb"))}
    failed = []
    problems = static_problems(notebooks)
    for p in problems:
        print(f"[worksheets] {p}")
    if problems:
        failed.append("static checks")
    for name, nb in notebooks.items():
        try:
            legacy = [number for number, answer, check in worksheets(nb) if answer != check]
        except ValueError:
            legacy = []
        for number in legacy:
            print(f"[worksheets] WARNING {name}: exercise {number} has its check in a separate cell (the older layout);"
                  f" convert it: python tools/worksheet_convention.py notebooks/{name}")
    paths = [p for p in paths if worksheets(notebooks.get(p.name) or json.loads(p.read_text(encoding="utf-8")))]
    if not kernel_runner.KERNEL_CLASSPATH.is_dir():
        print("[worksheets] notebooks/target/kernel-classpath/ is missing: build first (./course test does)")
        return 1
    workers = worker_pool.workers_for(args.workers, len(paths))
    print(f"[worksheets] {len(paths)} notebook(s) with worksheets, {workers} at a time", flush=True)
    start = time.monotonic()
    passed = 0
    for path, result, crash in worker_pool.each_finished(run_one, paths, args.timeout, workers=workers):
        name, seconds, found = result or (path.name, 0.0, [crash])
        sheets = [n for n, _, _ in worksheets(notebooks[name])] if name in notebooks else []
        print(f"[worksheets] {'ok  ' if not found else 'FAIL'} {name}  {seconds:6.1f}s  exercises {', '.join(sheets)}",
              flush=True)
        for p in found:
            print(f"    {name}: {p}", flush=True)
        if found:
            failed.append(name)
        else:
            passed += 1
    print(f"[worksheets] total wall time {time.monotonic() - start:.1f}s")
    print(worker_pool.totals(passed, len(failed)))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
