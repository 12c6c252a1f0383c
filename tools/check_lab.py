#!/usr/bin/env python3
"""Check that './course lab' serves the notebooks with a working Java kernel, as a learner gets it.

Starts './course lab --no-browser --port P' on a free localhost port, waits for the
"[course] JupyterLab is ready: URL" line, then through the REST API (with the token):
  1. /api/kernelspecs lists the 'java' kernel,
  2. JupyterLab's news and update pop-ups are off, and /api/contents lists the notebooks folder,
  3. a 'java' kernel starts and computes 6 * 7 over the websocket, as JupyterLab does,
and stops the kernel and the server. Takes about 10 s. Exit code 0 when all pass.
"""
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from jupyter_api import LAB_READY, Api, free_port, run_cells, stop_group
from stage_report import Failures

ROOT = Path(__file__).resolve().parent.parent
# A first start in a fresh clone includes its set-up (.venv, the Java build): the release stage allows more.
START_TIMEOUT_S = float(os.environ.get("CHECK_LAB_START_TIMEOUT", "90"))
KERNEL_TIMEOUT_S = 60


def main() -> int:
    port = free_port()
    # Own process group, so stopping it also stops JupyterLab and its kernels.
    proc = subprocess.Popen([str(ROOT / "course"), "lab", "--no-browser", f"--port={port}",
                             "--ServerApp.port_retries=0"],
                            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    log, url = [], None
    found = threading.Event()

    def read_output():
        nonlocal url
        for line in proc.stdout:
            log.append(line)
            m = LAB_READY.search(line)
            if m and not found.is_set():
                url = m.group(1)
                found.set()
        found.set()  # process ended

    threading.Thread(target=read_output, daemon=True).start()
    failures = Failures("lab")
    start = time.monotonic()
    try:
        if not found.wait(START_TIMEOUT_S) or url is None:
            print("".join(log[-30:]), file=sys.stderr)
            print(f"[lab] FAIL: no 'JupyterLab is ready' line within {START_TIMEOUT_S}s", file=sys.stderr)
            return 1
        print(f"[lab] ready after {time.monotonic() - start:.1f}s: {url.split('?')[0]}")
        m = re.match(r"(http://[^/]+)/lab\?token=(\w+)", url)
        if not m:
            print(f"[lab] FAIL: the URL has no token: {url}")
            return 1
        base, token = m.group(1), m.group(2)
        if not base.startswith(("http://127.0.0.1:", "http://localhost:")):
            failures.append(f"server is not bound to localhost: {base}")

        api = Api(base, token)
        specs = api.call("/api/kernelspecs")["kernelspecs"]
        if "java" in specs:
            print(f"[lab] ok   kernelspec 'java': {specs['java']['spec']['display_name']}")
        else:
            failures.append(f"no 'java' kernelspec; found {sorted(specs)}")

        notification = api.call("/lab/api/settings/@jupyterlab/apputils-extension:notification")
        defaults = {k: v.get("default") for k, v in notification["schema"]["properties"].items()}
        if defaults.get("fetchNews") == "false" and defaults.get("checkForUpdates") is False:
            print("[lab] ok   JupyterLab's news and update pop-ups are off (tools/jupyterlab-overrides.json)")
        else:
            failures.append(f"JupyterLab's news/update pop-ups are not switched off: {defaults}")

        contents = api.call("/api/contents")
        names = sorted(item["name"] for item in contents["content"])
        if any(n.endswith(".ipynb") for n in names):
            print(f"[lab] ok   /api/contents lists {sum(n.endswith('.ipynb') for n in names)} notebook(s)")
        else:
            failures.append(f"/api/contents shows no notebook: {names}")

        if "java" in specs:
            kernel = api.call("/api/kernels", "POST", {"name": "java"})
            try:
                t0 = time.monotonic()
                answer, = run_cells(base, token, kernel["id"], ["6 * 7"], KERNEL_TIMEOUT_S, "check_lab")
                if answer == "42":
                    print(f"[lab] ok   java kernel answered 6 * 7 = {answer} after {time.monotonic() - t0:.1f}s")
                else:
                    failures.append(f"java kernel answered {answer!r} to 6 * 7")
            finally:
                api.call(f"/api/kernels/{kernel['id']}", "DELETE")
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        stop_group(proc, 15)

    if failures.report(file=sys.stdout):
        print("".join(log[-30:]), file=sys.stderr)
        return 1
    print(f"[lab] JupyterLab check passed in {time.monotonic() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
