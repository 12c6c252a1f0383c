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
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_notebooks  # noqa: E402  (sets JUPYTER_PATH to this environment's 'java' kernelspec)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXERCISES = ROOT / "exercises" / "src" / "main" / "java" / "bn" / "exercises"
SOLUTIONS = ROOT / "solutions" / "src" / "main" / "java" / "bn" / "exercises"
TAG = re.compile(r"^exercise-(\d+\.\d+)$")
CHECK_CALL = re.compile(r"\bWorksheet\.check(\d+)_(\d+)\s*\(")
# Where the check statement starts in an exercise cell: it and everything after it are not the learner's methods.
CHECK_LINE = re.compile(r"^[ \t]*Worksheet\.check\d+_\d+\s*\(", re.MULTILINE)
# A public method of an exercise class and the one statement of its generated (stub) body.
STUB_METHOD = re.compile(r"^\s*public\s+[\w\[\]<>, ]+?\s+(\w+)\s*\([^)]*\)\s*\{\s*\n\s*(throw new UnsupportedOperationException"
                         r"\(\"Exercise [^\n]*\);)\s*\n\s*\}", re.MULTILINE)
METHOD_SIGNATURE = re.compile(r"^\s*public\s+[\w\[\]<>, ]+?\s+(\w+)\s*\(([^)]*)\)\s*\{", re.MULTILINE)


def source(cell) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def exercise_number(path: Path) -> str:
    """'4.1' for Ex4_1_RunningStatistics.java."""
    m = re.match(r"Ex(\d+)_(\d+)_\w+\.java$", path.name)
    if not m:
        raise ValueError(f"{path.name} is not named ExN_M_Name.java")
    return f"{m.group(1)}.{m.group(2)}"


def exercise_file(folder: Path, number: str) -> Path:
    major, minor = number.split(".")
    found = sorted(folder.glob(f"Ex{major}_{minor}_*.java"))
    if len(found) != 1:
        raise ValueError(f"expected one Ex{major}_{minor}_*.java in {folder}, found {[p.name for p in found]}")
    return found[0]


def class_body(java: str) -> str:
    """What lies between the class's opening brace and its last closing brace, Javadoc and all."""
    start = java.find("public class ")
    if start < 0:
        raise ValueError("no 'public class' in the file")
    return java[java.index("{", start) + 1: java.rindex("}")]


def signatures(java: str) -> list:
    """[(name, normalized parameter list)] of the public methods, in order."""
    return [(name, re.sub(r"\s+", " ", params.strip())) for name, params in METHOD_SIGNATURE.findall(java)]


def stub_methods(java: str) -> dict:
    """{method name: its generated 'throw ...;' line} of an exercise stub (or a worksheet cell as shipped)."""
    return {name: throw for name, throw in STUB_METHOD.findall(java)}


def worksheets(nb) -> list:
    """[(number, answer cell index, check cell index)] in notebook order; raises on a malformed worksheet.

    The check cell is the answer cell itself when the cell ends with its check call (the convention); in the older
    layout it is the next code cell."""
    found = []
    cells = nb["cells"]
    for i, cell in enumerate(cells):
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if TAG.match(t)]
        if cell.get("cell_type") != "code" or not tags:
            continue
        number = TAG.match(tags[0]).group(1)
        check = i if CHECK_LINE.search(source(cell)) else \
            next((j for j in range(i + 1, len(cells)) if cells[j].get("cell_type") == "code"), None)
        if check is None or not CHECK_CALL.search(source(cells[check])):
            raise ValueError(f"the cell tagged exercise-{number} (cell index {i}) does not end with a call of"
                             f" Worksheet.check{number.replace('.', '_')}(...)")
        call = CHECK_CALL.search(source(cells[check]))
        if f"{call.group(1)}.{call.group(2)}" != number:
            raise ValueError(f"the cell tagged exercise-{number} (cell index {i}) is checked by"
                             f" Worksheet.check{call.group(1)}_{call.group(2)}")
        found.append((number, i, check))
    return found


def methods_part(cell_source: str) -> str:
    """The learner's part of an exercise cell: what stands before its check statement."""
    m = CHECK_LINE.search(cell_source)
    return cell_source[:m.start()] if m else cell_source


def check_part(cell_source: str) -> str:
    """The check statement at the end of an exercise cell, with the comment line just above it ('' if none)."""
    m = CHECK_LINE.search(cell_source)
    if not m:
        return ""
    before = cell_source[:m.start()].rstrip("\n").rsplit("\n", 1)
    lead = before[-1] + "\n" if before and before[-1].strip().startswith("//") else ""
    return lead + cell_source[m.start():]


def with_methods(cell_source: str, methods: str) -> str:
    """The exercise cell with its methods replaced, its check statement kept."""
    check = check_part(cell_source)
    return methods.rstrip() + ("\n\n" + check if check else "\n")


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
                        + run_notebooks.indent(text))
    return problems


def run_one(path_str: str, timeout: int) -> tuple:
    """Runs one notebook's worksheets as shipped and with the solutions; returns (name, seconds, problems).

    Like tools/run_notebooks.py, a kernel that dies before its first cell is started again (a port taken by
    another process between jupyter_client's pick and the kernel's bind); a failure inside a cell is not."""
    start = time.monotonic()
    name, problems, _ = run_notebooks.with_start_retries(lambda: attempt_once(path_str, timeout),
                                                         Path(path_str).name)
    return name, time.monotonic() - start, problems


def attempt_once(path_str: str, timeout: int) -> tuple:
    """One run in a fresh kernel: (name, problems, whether any cell ran)."""
    import nbformat
    from nbclient import NotebookClient

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

    client = NotebookClient(nb, kernel_name="java", timeout=timeout, allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    log_dir = run_notebooks.KERNEL_LOGS
    log_dir.mkdir(parents=True, exist_ok=True)
    problems = []
    started = False
    with open(log_dir / f"{path.stem}.worksheets.log", "w", encoding="utf-8") as kernel_log:
        try:
            with client.setup_kernel(stderr=kernel_log, stdout=kernel_log):
                for index, replacement, expect in plan:
                    cell = copy.deepcopy(nb.cells[index])
                    if replacement is not None:
                        cell.source = replacement
                    client.execute_cell(cell, index)
                    started = True
                    label = {None: "as shipped", "not started": "as shipped", "pass": "with the solution",
                             "compile error": "with a compile error"}[expect and expect[1]]
                    errors = run_notebooks.cell_problems(nbformat.from_dict({"cells": [cell]}), 0)
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
                            problems.append(f"exercise {number} {label} printed:\n" + run_notebooks.indent(text))
        except Exception as e:  # kernel died, timeout, bad file
            problems.append(f"could not run: {type(e).__name__}: {e}")
    return path.name, problems, started


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the worksheet cells as shipped and with the solutions.")
    parser.add_argument("notebooks", nargs="*", help="default: every notebooks/*.ipynb with worksheet cells")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("NOTEBOOK_WORKERS", "2")))
    parser.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell (default 120)")
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
    if not (NOTEBOOKS / "target" / "kernel-classpath").is_dir():
        print("[worksheets] notebooks/target/kernel-classpath/ is missing: build first (./course test does)")
        return 1
    workers = max(1, min(args.workers, len(paths)))
    print(f"[worksheets] {len(paths)} notebook(s) with worksheets, {workers} at a time", flush=True)
    start = time.monotonic()
    passed = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_one, str(p), args.timeout): p for p in paths}
        for future in as_completed(futures):
            try:
                name, seconds, found = future.result()
            except Exception as e:
                name, seconds, found = futures[future].name, 0.0, [f"runner crashed: {e!r}"]
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
    print(f"{passed} passed, {len(failed)} failed")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
