#!/usr/bin/env python3
"""Run every notebook headless on the real Java kernel and fail on any error.

    python tools/run_notebooks.py [--workers 2] [--timeout 120] [--save-executed DIR] [notebooks/01_x.ipynb ...]

Each notebook runs in a fresh 'java' kernel whose working directory is notebooks/ (so the
first cell's '%classpath target/kernel-classpath/*.jar' resolves). A notebook fails when a cell
 - produces an 'error' output (JJava reports compile errors and uncaught exceptions that way),
 - prints a Java exception or stack trace to stderr (e.g. from printStackTrace), or
 - runs longer than the per-cell timeout.
The report names the notebook, the code cell (1-based, counting code cells only), the cell's
index in the notebook (0-based, counting all cells) and the error text.

Outputs are never written back: the stored notebooks stay clean. With --save-executed DIR a copy
of each executed notebook, outputs included, is written to DIR/NAME.ipynb (./course test uses
target/executed/, from which tools/build_site.py renders the static site). Wall times go to
target/notebook-timings.csv; the last line printed is 'N passed, N failed'.
"""
import argparse
import csv
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TARGET = ROOT / "target"
KERNEL_LOGS = TARGET / "course-logs" / "kernels"

# Use the 'java' kernelspec of this environment (.venv), even when run without ./course and a
# user-wide 'java' kernel exists: JUPYTER_PATH is searched first.
_OWN_SPECS = str(Path(sys.prefix) / "share" / "jupyter")
if os.environ.get("JUPYTER_PATH", "").split(os.pathsep)[0] != _OWN_SPECS:
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (_OWN_SPECS, os.environ.get("JUPYTER_PATH")) if p)

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# A Java exception on stderr: "java.lang.IllegalStateException: boom", "Exception in thread ...",
# or a stack frame "\tat bn.tensor.Tensor.plus(Tensor.java:12)". Plain warnings do not match.
JAVA_TROUBLE = re.compile(
    r"^\s*(Exception in thread\b"
    r"|(?:[A-Za-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b"
    r"|at [\w$.<>/]+\(.*(?:\.java:\d+|Native Method|Unknown Source)\))",
    re.MULTILINE,
)


@dataclass
class Result:
    notebook: str
    seconds: float
    ok: bool
    problems: list = field(default_factory=list)


def code_cell_number(nb, index: int) -> int:
    """1-based position of cell `index` among the notebook's code cells."""
    return sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")


def cell_problems(nb, index: int) -> list:
    """Error texts found in the outputs of cell `index`."""
    cell = nb.cells[index]
    if cell.cell_type != "code":
        return []
    where = f"code cell {code_cell_number(nb, index)} (cell index {index})"
    first_line = next((line for line in cell.source.splitlines() if line.strip()), "").strip()
    problems = []
    stderr = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            trace = ANSI.sub("", "\n".join(out.get("traceback", []))).strip()
            text = f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"
            if trace:
                text += "\n" + trace
            problems.append(f"{where}, `{first_line[:70]}`:\n{indent(text)}")
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            stderr.append(out.get("text", ""))
    err_text = ANSI.sub("", "".join(stderr))
    if JAVA_TROUBLE.search(err_text):
        problems.append(f"{where}, `{first_line[:70]}`: Java exception on stderr:\n{indent(err_text.strip())}")
    return problems


def indent(text: str, limit: int = 40) -> str:
    lines = text.splitlines()
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join("      " + line for line in lines)


# A kernel that dies before its first cell is retried with fresh ports: jupyter_client picks free ports and the
# kernel binds them a moment later, so on a busy machine another process can take one in between ("Address already
# in use"). A failure inside a cell is never retried.
START_ATTEMPTS = 3


def with_start_retries(attempt, name: str):
    """Calls attempt() -> (..., problems, whether any cell ran) again while its kernel died before the first cell,
    at most START_ATTEMPTS times in all, and returns the last result."""
    for n in range(1, START_ATTEMPTS + 1):
        result = attempt()
        problems, started = result[-2], result[-1]
        if started or not problems:
            break
        if n < START_ATTEMPTS:
            print(f"[notebooks] {name}: the kernel did not start ({problems[0][:120]}); trying again", flush=True)
    return result


def run_one(path_str: str, timeout: int, save_dir: str = None) -> Result:
    """Runs one notebook in its own kernel (called in a worker process)."""
    path = Path(path_str)
    start = time.monotonic()
    nb, problems, _ = with_start_retries(lambda: attempt_once(path, timeout), path.name)
    if save_dir is not None:
        target = Path(save_dir) / path.name
        if problems:
            target.unlink(missing_ok=True)  # never leave an older run's outputs for the site to show
        else:
            save_executed(nb, target)
    return Result(path.name, time.monotonic() - start, not problems, problems)


def attempt_once(path: Path, timeout: int):
    """One run of the notebook in a fresh kernel: (executed notebook, problems, whether any cell ran)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    current = {"index": None}

    def on_cell_execute(cell, cell_index, **_):
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        kernel_name="java",  # always the real Java kernel, whatever the file says
        timeout=timeout,
        allow_errors=True,  # we inspect every cell's outputs ourselves (below)
        resources={"metadata": {"path": str(NOTEBOOKS)}},  # kernel cwd = notebooks/
        on_cell_execute=on_cell_execute,
    )
    KERNEL_LOGS.mkdir(parents=True, exist_ok=True)
    problems = []
    log = f"{KERNEL_LOGS.relative_to(ROOT)}/{path.stem}.log"
    with open(KERNEL_LOGS / f"{path.stem}.log", "w", encoding="utf-8") as kernel_log:
        try:
            # Stop at the first failing cell: later cells would only fail because of it.
            with client.setup_kernel(stderr=kernel_log, stdout=kernel_log):
                for index, cell in enumerate(nb.cells):
                    client.execute_cell(cell, index)
                    problems = cell_problems(nb, index)
                    if problems:
                        break
        except CellTimeoutError:
            i = current["index"]
            problems = [f"code cell {code_cell_number(nb, i)} (cell index {i}): no result after {timeout}s (timeout)"]
        except DeadKernelError as e:
            i = current["index"]
            problems = [f"code cell {code_cell_number(nb, i) if i is not None else '?'} (cell index {i}): "
                        f"the Java kernel died ({e}); kernel log: {log}"]
        except CellExecutionError as e:  # not raised with allow_errors, kept for safety
            problems = [str(e)]
        except Exception as e:  # kernel did not start, bad notebook file, ...
            problems = [f"could not run: {type(e).__name__}: {e}; kernel log: {log}"]
    return nb, problems, current["index"] is not None


def save_executed(nb, target: Path) -> None:
    """Writes the executed notebook (outputs included) to `target`, never over the stored one.

    Written to a temporary name first, so a reader never sees half a file."""
    if target.resolve().parent == NOTEBOOKS.resolve():
        raise ValueError(f"--save-executed must not write into {NOTEBOOKS}: the stored notebooks stay clean")
    import nbformat
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    nbformat.write(nb, partial)
    partial.replace(target)


def main() -> int:
    parser = argparse.ArgumentParser(description="Run notebooks headless on the Java kernel.")
    parser.add_argument("notebooks", nargs="*", help="default: notebooks/*.ipynb")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("NOTEBOOK_WORKERS", "2")),
                        help="notebooks run in parallel (default 2)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell (default 120)")
    parser.add_argument("--save-executed", metavar="DIR",
                        help="also write each executed notebook, with its outputs, to DIR/NAME.ipynb")
    args = parser.parse_args()
    save_dir = str(Path(args.save_executed).resolve()) if args.save_executed else None
    if save_dir and Path(save_dir) == NOTEBOOKS.resolve():
        parser.error("--save-executed must not be notebooks/: the stored notebooks stay clean")

    paths = [Path(p).resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not (NOTEBOOKS / "target" / "kernel-classpath").is_dir():
        print("[notebooks] notebooks/target/kernel-classpath/ is missing: build first (./course test does)",
              file=sys.stderr)
        return 1

    TARGET.mkdir(exist_ok=True)
    summary_file = TARGET / "notebook-summary.txt"
    summary_file.unlink(missing_ok=True)
    workers = max(1, min(args.workers, len(paths)))
    print(f"[notebooks] {len(paths)} notebook(s), {workers} at a time, {args.timeout}s per cell", flush=True)

    start = time.monotonic()
    results = []
    if paths:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(run_one, str(p), args.timeout, save_dir): p for p in paths}
            for future in as_completed(futures):
                try:
                    result = future.result()
                except Exception as e:  # the worker itself crashed
                    result = Result(futures[future].name, 0.0, False, [f"runner crashed: {e!r}"])
                results.append(result)
                status = "ok  " if result.ok else "FAIL"
                print(f"[notebooks] {status} {result.notebook}  {result.seconds:6.1f}s", flush=True)
                for problem in result.problems:
                    print(f"    {result.notebook}: {problem}", flush=True)
    total = time.monotonic() - start

    results.sort(key=lambda r: r.notebook)
    with open(TARGET / "notebook-timings.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["notebook", "seconds", "status"])
        for r in results:
            writer.writerow([r.notebook, f"{r.seconds:.1f}", "passed" if r.ok else "failed"])
        writer.writerow(["TOTAL (wall)", f"{total:.1f}", ""])

    passed = sum(r.ok for r in results)
    failed = len(results) - passed
    if failed:
        print("[notebooks] failed: " + ", ".join(r.notebook for r in results if not r.ok))
    print(f"[notebooks] total wall time {total:.1f}s; timings in target/notebook-timings.csv")
    line = f"{passed} passed, {failed} failed"
    summary_file.write_text(line + "\n", encoding="utf-8")
    print(line)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
