#!/usr/bin/env python3
"""Time the course's notebooks on Java kernels that differ only in the kernel JVM's options, side by side.

    .venv/bin/python tools/bench/kernel_options.py [--rounds 2] [NOTEBOOK ...]   (default: every notebook)

Makes one temporary kernelspec per option set (a copy of the installed 'java' kernelspec with its own
JJAVA_JVM_OPTS), then executes each notebook on each of them in turn, round after round, and prints per notebook
and option set the wall time and the CPU time of the kernel's processes, then the medians over rounds. Used to
choose tools/configure_kernel.py's JVM_OPTS. Not part of ./course test: the figures only mean something on a quiet
machine (the load average is printed with each line).
"""
import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import configure_kernel  # noqa: E402

OPTION_SETS = {
    "full JIT": "-Djava.awt.headless=true",
    "C1 only": "-Djava.awt.headless=true -XX:TieredStopAtLevel=1",
    "C1 + serial GC": "-Djava.awt.headless=true -XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}


def make_kernelspecs(into: Path) -> dict:
    installed = configure_kernel.kernel_dir()
    base = json.loads((installed / "kernel.json").read_text(encoding="utf-8"))
    names = {}
    for i, (label, opts) in enumerate(OPTION_SETS.items()):
        spec = dict(base, argv=[a.replace("{resource_dir}", str(installed)) for a in base["argv"]],
                    env=dict(base.get("env") or {}, JJAVA_JVM_OPTS=opts), display_name=label)
        folder = into / "kernels" / f"java-options-{i}"
        folder.mkdir(parents=True)
        (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
        names[label] = folder.name
    return names


def run(notebook: Path, kernel: str) -> tuple:
    nb = nbformat.read(notebook, as_version=4)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    NotebookClient(nb, kernel_name=kernel, timeout=600, resources={"metadata": {"path": str(notebook.parent)}}).execute()
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    results = {label: {"wall": [], "cpu": []} for label in OPTION_SETS}
    with tempfile.TemporaryDirectory() as tmp:
        names = make_kernelspecs(Path(tmp))
        os.environ["JUPYTER_PATH"] = tmp + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        for round_ in range(1, args.rounds + 1):
            for label, kernel in names.items():
                wall_total = cpu_total = 0.0
                for notebook in notebooks:
                    wall, cpu = run(notebook.resolve(), kernel)
                    wall_total, cpu_total = wall_total + wall, cpu_total + cpu
                    print(f"round {round_}  {label:15s} {notebook.name:36s} wall {wall:6.1f} s  CPU {cpu:6.1f} s"
                          f"  (load {os.getloadavg()[0]:.1f})", flush=True)
                results[label]["wall"].append(wall_total)
                results[label]["cpu"].append(cpu_total)
                print(f"round {round_}  {label:15s} all {len(notebooks)} notebooks: wall {wall_total:.1f} s,"
                      f" CPU {cpu_total:.1f} s", flush=True)
    print("\nmedians over rounds, all notebooks, one at a time:")
    for label, r in results.items():
        print(f"  {label:15s} wall {statistics.median(r['wall']):6.1f} s  CPU {statistics.median(r['cpu']):6.1f} s"
              f"   JJAVA_JVM_OPTS={OPTION_SETS[label]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
