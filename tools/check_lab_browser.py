#!/usr/bin/env python3
"""Open a course notebook in JupyterLab in headless Chromium, as a learner does, and check two things:

 1. the kernel status reaches "Idle" after the kernel starts, without running a cell;
 2. opening the notebook does not mark it modified (no unsaved-changes mark on its tab), so autosave never writes
    into notebooks/.

    .venv-site/bin/python tools/check_lab_browser.py [--notebook 01_n_by_m.ipynb]

Starts './course lab --no-browser' on a free port (the learner's command), drives Debian's chromium through its
chromedriver (Selenium never downloads anything), and stops the server. Run by './course test', stage 'lab'.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_lab  # noqa: E402
import check_site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "target" / "lab-check"


def start_lab(port: int):
    proc = subprocess.Popen([str(ROOT / "course"), "lab", "--no-browser", f"--port={port}"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    deadline = time.monotonic() + 180
    for line in proc.stdout:
        m = check_lab.READY.search(line)
        if m:
            return proc, m.group(1)
        if time.monotonic() > deadline:
            break
    stop(proc)
    raise RuntimeError("JupyterLab did not report its URL")


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


STATE_JS = """
const status = Array.from(document.querySelectorAll('.jp-StatusBar-TextItem, .jp-KernelStatus, .jp-Toolbar-kernelStatus'))
  .map(e => (e.getAttribute('title') || '') + ' ' + e.textContent).join(' | ');
const tab = Array.from(document.querySelectorAll('.lm-TabBar-tab')).find(t => t.textContent.includes(arguments[0]));
const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
return {status: status, indicator: indicator ? (indicator.getAttribute('title') || indicator.getAttribute('data-status') || '') : '',
        dirty: tab ? tab.classList.contains('jp-mod-dirty') : null, tab: !!tab};
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", default="01_n_by_m.ipynb")
    parser.add_argument("--wait", type=float, default=90, help="seconds to wait for Idle (default 90)")
    args = parser.parse_args()
    why = check_site.browser_missing()
    if why:
        print(f"[lab] SKIPPED the browser check of JupyterLab: {why}")
        return 0
    stored = (ROOT / "notebooks" / args.notebook).read_bytes()
    proc, url = start_lab(check_lab.free_port())
    problems, state = [], {}
    try:
        base, token = url.split("/lab?token=")
        with check_site.Browser(width=1400, height=900) as browser:
            browser.driver.get(f"{base}/lab/tree/{args.notebook}?token={token}")
            deadline = time.monotonic() + args.wait
            idle_after = None
            while time.monotonic() < deadline:
                state = browser.driver.execute_script(STATE_JS, args.notebook)
                if re.search(r"\bIdle\b", state["status"] + state["indicator"]):
                    idle_after = args.wait - (deadline - time.monotonic())
                    time.sleep(3)   # let any late metadata update land before we look at the tab
                    state = browser.driver.execute_script(STATE_JS, args.notebook)
                    break
                time.sleep(0.5)
            SHOTS.mkdir(parents=True, exist_ok=True)
            browser.driver.save_screenshot(str(SHOTS / "lab-opened.png"))
            print(f"[lab] status bar: {state.get('status', '')!r}; execution indicator: {state.get('indicator', '')!r}")
            if idle_after is None:
                problems.append(f"the kernel status never read Idle within {args.wait:.0f}s without running a cell")
            else:
                print(f"[lab] kernel Idle {idle_after:.1f}s after opening, no cell run")
            if not state.get("tab"):
                problems.append(f"no tab for {args.notebook}")
            elif state.get("dirty"):
                problems.append(f"opening {args.notebook} marked it modified (its tab shows unsaved changes)")
    finally:
        stop(proc)
    if (ROOT / "notebooks" / args.notebook).read_bytes() != stored:
        problems.append(f"notebooks/{args.notebook} changed on disk while it was open")
    for p in problems:
        print(f"[lab] FAIL {p}")
    print(f"[lab] screenshot: {SHOTS.relative_to(ROOT)}/lab-opened.png")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
