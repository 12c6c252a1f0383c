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
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import kernel_runner
import worker_pool
from kernel_runner import NOTEBOOKS, TARGET


@dataclass
class Result:
    notebook: str
    seconds: float
    ok: bool
    problems: list = field(default_factory=list)


def run_one(path_str: str, timeout: int, save_dir: str = None) -> Result:
    """Runs one notebook in its own kernel (called in a worker process)."""
    path = Path(path_str)
    start = time.monotonic()
    nb, problems, _ = kernel_runner.with_start_retries(lambda: attempt_once(path, timeout), path.name)
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
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    current = {"index": None}

    def on_cell_execute(cell, cell_index, **_):
        current["index"] = cell_index

    problems = []
    log = kernel_runner.kernel_log_path(path.stem)
    try:
        # Stop at the first failing cell: later cells would only fail because of it.
        with kernel_runner.kernel_session(nb, timeout, path.stem, on_cell_execute=on_cell_execute) as client:
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
                problems = kernel_runner.cell_problems(nb, index)
                if problems:
                    break
    except CellTimeoutError:
        i = current["index"]
        problems = [f"code cell {kernel_runner.code_cell_number(nb, i)} (cell index {i}): no result after {timeout}s"
                    " (timeout)"]
    except DeadKernelError as e:
        i = current["index"]
        problems = [f"code cell {kernel_runner.code_cell_number(nb, i) if i is not None else '?'} (cell index {i}): "
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
    worker_pool.add_options(parser, workers_help="notebooks run in parallel (default 2)")
    parser.add_argument("--save-executed", metavar="DIR",
                        help="also write each executed notebook, with its outputs, to DIR/NAME.ipynb")
    args = parser.parse_args()
    save_dir = str(Path(args.save_executed).resolve()) if args.save_executed else None
    if save_dir and Path(save_dir) == NOTEBOOKS.resolve():
        parser.error("--save-executed must not be notebooks/: the stored notebooks stay clean")

    paths = [Path(p).resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not kernel_runner.KERNEL_CLASSPATH.is_dir():
        print("[notebooks] notebooks/target/kernel-classpath/ is missing: build first (./course test does)",
              file=sys.stderr)
        return 1

    TARGET.mkdir(exist_ok=True)
    summary_file = TARGET / "notebook-summary.txt"
    summary_file.unlink(missing_ok=True)
    workers = worker_pool.workers_for(args.workers, len(paths))
    print(f"[notebooks] {len(paths)} notebook(s), {workers} at a time, {args.timeout}s per cell", flush=True)

    start = time.monotonic()
    results = []
    for path, result, crash in worker_pool.each_finished(run_one, paths, args.timeout, save_dir, workers=workers):
        result = result or Result(path.name, 0.0, False, [crash])
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
    line = worker_pool.totals(passed, failed)
    summary_file.write_text(line + "\n", encoding="utf-8")
    print(line)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
