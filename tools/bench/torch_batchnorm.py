#!/usr/bin/env python3
"""Time PyTorch's CPU BatchNorm (training forward + backward) on the shapes of the JMH benchmarks.

    python3 tools/bench/torch_batchnorm.py [--reps 15] [--shape 256x1024 ...] [--out target/bench/torch.csv]

PyTorch is not part of the course: on first use this script makes its own environment,
target/torch-venv/, installs the pinned torch below into it (PyPI's Linux wheel brings CUDA
libraries: a few GB, downloaded once; nothing else uses them), and runs itself there. CI never
runs it. Each case is BatchNorm2d (4-D shapes) or BatchNorm1d ((N, D) shapes) in training mode:
y = bn(x), then y.backward(dy); float64 and float32; 1 and 2 threads (torch.set_num_threads).
The figure is the median wall time of --reps runs after 10 runs and 0.5 s of warm-up, next to one plain copy
of x (dst.copy_(x)), the one-pass unit of benchmarks/README.md; then the same as CPU time, which
a busy machine does not inflate (bench/CpuTimes.java gives the Java side). The load average is printed
first and last: on a busy machine the figures mean little.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TORCH = ["torch==2.15.0", "numpy==2.3.5"]   # numpy only so that torch does not warn it is missing
ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / "target" / "torch-venv"
SHAPES = [(32, 64, 32, 32), (256, 1024), (8, 256, 56, 56)]


def ensure_torch_env() -> None:
    """Re-runs this script inside target/torch-venv, creating it and installing torch if needed."""
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"[torch-bench] making {VENV.relative_to(ROOT)} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if subprocess.run([str(python), "-c", "import torch"], capture_output=True).returncode != 0:
        print(f"[torch-bench] installing {' '.join(TORCH)} into it (once; a large download) ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *TORCH], check=True)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def parse_shape(text: str) -> tuple:
    """ "256x1024" as (256, 1024): two sizes (BatchNorm1d) or four (BatchNorm2d), each at least 1."""
    parts = text.split("x")
    if len(parts) not in (2, 4) or not all(p.isdigit() and int(p) >= 1 for p in parts):
        raise argparse.ArgumentTypeError(f"a shape is N x D or N x C x H x W, like 256x1024; got {text!r}")
    return tuple(int(p) for p in parts)


def median_ms(fn, reps: int, clock=time.perf_counter) -> float:
    warm_until = time.perf_counter() + 0.5        # as the Java side: some runs and some time before timing
    runs = 0
    while runs < 10 or time.perf_counter() < warm_until:
        fn()
        runs += 1
    times = []
    for _ in range(reps):
        start = clock()
        fn()
        times.append((clock() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=15, help="timed runs per case (median reported)")
    parser.add_argument("--shape", action="append", type=parse_shape, dest="shapes",
                        help="N x D or N x C x H x W, e.g. 256x1024 (repeatable; default: the three of the benchmarks)")
    parser.add_argument("--out", default=str(ROOT / "target" / "bench" / "torch.csv"), help="CSV written here")
    args = parser.parse_args()
    ensure_torch_env()
    import torch

    print(f"[torch-bench] torch {torch.__version__}, load average {os.getloadavg()}", flush=True)
    rows = ["shape,dtype,threads,bn_ms,copy_ms,passes,bn_cpu_ms,copy_cpu_ms"]
    for shape in args.shapes or SHAPES:
        for dtype in (torch.float64, torch.float32):
            for threads in (1, 2):
                torch.set_num_threads(threads)
                gen = torch.Generator().manual_seed(2015)
                x = (torch.randn(shape, generator=gen, dtype=dtype) * 5 + 12).requires_grad_(True)
                dy = torch.randn(shape, generator=gen, dtype=dtype)
                channels = shape[1]
                bn = (torch.nn.BatchNorm2d(channels) if len(shape) == 4 else torch.nn.BatchNorm1d(channels))
                bn = bn.to(dtype).train()
                dst = torch.empty_like(x, requires_grad=False)

                def step():
                    x.grad = None
                    bn.zero_grad(set_to_none=True)
                    bn(x).backward(dy)

                def copy():
                    with torch.no_grad():
                        dst.copy_(x)

                bn_ms = median_ms(step, args.reps)
                copy_ms = median_ms(copy, args.reps)
                # CPU time of the process: on a busy machine it is not inflated by waiting for a core; with 2
                # threads it adds both threads' time, so it says nothing about the speed-up then.
                bn_cpu = median_ms(step, args.reps, time.process_time)
                copy_cpu = median_ms(copy, args.reps, time.process_time)
                name = "x".join(map(str, shape))
                kind = str(dtype).replace("torch.", "")
                rows.append(f"{name},{kind},{threads},{bn_ms:.3f},{copy_ms:.3f},{bn_ms / copy_ms:.1f},"
                            f"{bn_cpu:.3f},{copy_cpu:.3f}")
                print(f"  {name:>14} {kind:>8} {threads} thread(s): forward+backward {bn_ms:8.2f} ms,"
                      f" copy {copy_ms:6.2f} ms, {bn_ms / copy_ms:5.1f} copies; CPU time {bn_cpu:8.2f} ms,"
                      f" copy {copy_cpu:6.2f} ms", flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(rows) + "\n")
    print(f"[torch-bench] load average {os.getloadavg()}; written to {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
