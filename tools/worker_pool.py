"""Running one job per notebook in worker processes, with the options and the summary line every such script shares
(run_notebooks.py, check_worksheets.py).

    parser = argparse.ArgumentParser(...); worker_pool.add_options(parser)
    for path, result, crash in worker_pool.each_finished(job, paths, args.timeout, workers=...): ...
    print(worker_pool.totals(passed, failed))     # 'N passed, N failed', the last line ./course reads
"""
import os
from concurrent.futures import ProcessPoolExecutor, as_completed


def add_options(parser, workers_help: str = None) -> None:
    """--workers (default $NOTEBOOK_WORKERS or 2) and --timeout (seconds per cell, default 120)."""
    parser.add_argument("--workers", type=int, default=int(os.environ.get("NOTEBOOK_WORKERS", "2")),
                        help=workers_help)
    parser.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell (default 120)")


def workers_for(requested: int, jobs: int) -> int:
    """As many workers as asked, but no more than there are jobs, and at least one."""
    return max(1, min(requested, jobs))


def each_finished(job, paths, *args, workers: int):
    """Runs job(str(path), *args) for every path in `workers` processes; yields (path, result, None) as each
    finishes, or (path, None, 'runner crashed: ...') when the worker itself failed."""
    if not paths:
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(job, str(p), *args): p for p in paths}
        for future in as_completed(futures):
            try:
                yield futures[future], future.result(), None
            except Exception as e:  # the worker itself crashed
                yield futures[future], None, f"runner crashed: {e!r}"


def totals(passed: int, failed: int) -> str:
    """The last line of a run: 'N passed, N failed'."""
    return f"{passed} passed, {failed} failed"
