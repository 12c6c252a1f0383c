#!/usr/bin/env python3
"""Open a course notebook in JupyterLab in headless Chromium, as a learner does, and check three things:

 1. the kernel status reaches "Idle" after the kernel starts, without running a cell;
 2. once the kernel is up, the notebook's tab is not marked modified, so autosave leaves the file alone: the stored
    kernelspec matches the installed one (tools/configure_kernel.py), and the lab serves each notebook with the
    kernel's own language_info (tools/jupyter_server_config.py; JJava puts the running JDK's version there), so
    JupyterLab finds nothing to write into the open notebook. Without that, about one opening in three was marked
    modified, depending on whether the kernel answered before or after the notebook had loaded;
 3. opening the notebook changes nothing git sees: saving it right after it opened (as a learner's Ctrl+S would)
    changes at most metadata.language_info, and through the git filter './course lab' sets up
    (tools/notebook_filter.py) `git diff` shows no change at all. The notebook file is restored afterwards.

    .venv-site/bin/python tools/check_lab_browser.py [--notebook 01_n_by_m.ipynb]

Starts './course lab --no-browser' on a free port (the learner's command), drives Debian's chromium through its
chromedriver (Selenium never downloads anything), and stops the server. Run by './course test', stage 'lab'.
"""
import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from headless_chromium import Browser, browser_missing  # noqa: E402
from jupyter_api import LAB_READY, free_port, stop_group  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "target" / "lab-check"


def start_lab(port: int):
    proc = subprocess.Popen([str(ROOT / "course"), "lab", "--no-browser", f"--port={port}"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    deadline = time.monotonic() + 180
    for line in proc.stdout:
        m = LAB_READY.search(line)
        if m:
            return proc, m.group(1)
        if time.monotonic() > deadline:
            break
    stop(proc)
    raise RuntimeError("JupyterLab did not report its URL")


def stop(proc):
    stop_group(proc, 20)


STATE_JS = """
const status = Array.from(document.querySelectorAll('.jp-StatusBar-TextItem, .jp-KernelStatus, .jp-Toolbar-kernelStatus'))
  .map(e => (e.getAttribute('title') || '') + ' ' + e.textContent).join(' | ');
const tab = Array.from(document.querySelectorAll('.lm-TabBar-tab')).find(t => t.textContent.includes(arguments[0]));
const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
return {status: status, indicator: indicator ? (indicator.getAttribute('title') || indicator.getAttribute('data-status') || '') : '',
        dirty: tab ? tab.classList.contains('jp-mod-dirty') : null, tab: !!tab};
"""


def save_and_compare(browser, notebook: str, stored: bytes) -> list:
    """Saves the just-opened notebook as autosave would, and says what changed, for the file and for git."""
    import json
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    path = ROOT / "notebooks" / notebook
    before = path.stat().st_mtime_ns
    ActionChains(browser.driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    deadline = time.monotonic() + 20
    while path.stat().st_mtime_ns == before and time.monotonic() < deadline:
        time.sleep(0.3)
    if path.stat().st_mtime_ns == before:
        return ["could not save the notebook with Ctrl+S to see what JupyterLab changes"]
    time.sleep(1)
    saved, original = json.loads(path.read_text(encoding="utf-8")), json.loads(stored)
    problems = []
    if saved["metadata"].get("kernelspec") != original["metadata"].get("kernelspec"):
        problems.append(f"JupyterLab changed the kernelspec: {saved['metadata'].get('kernelspec')}")
    changed = sorted(k for k in set(saved["metadata"]) | set(original["metadata"])
                     if k not in ("kernelspec", "language_info") and saved["metadata"].get(k) != original["metadata"].get(k))
    if changed or saved["cells"] != original["cells"]:
        problems.append(f"opening and saving changed {changed or ''} {'cells' if saved['cells'] != original['cells'] else ''}")
    print(f"[lab] saved right after opening: language_info became {saved['metadata'].get('language_info')}")
    diff = subprocess.run(["git", "diff", "--stat", "--", f"notebooks/{notebook}"], cwd=ROOT, capture_output=True,
                          text=True)
    if diff.returncode == 0 and diff.stdout.strip():
        problems.append(f"git sees a change after merely opening and saving {notebook} (is the filter set up?):"
                        f" {diff.stdout.strip()}")
    elif diff.returncode == 0:
        print("[lab] git diff through the notebook filter: no change")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", default="01_n_by_m.ipynb")
    parser.add_argument("--wait", type=float, default=90, help="seconds to wait for Idle (default 90)")
    args = parser.parse_args()
    why = browser_missing()
    if why:
        print(f"[lab] SKIPPED the browser check of JupyterLab: {why}")
        return 0
    stored = (ROOT / "notebooks" / args.notebook).read_bytes()
    proc, url = start_lab(free_port())
    problems, state = [], {}
    try:
        base, token = url.split("/lab?token=")
        with Browser(width=1400, height=900) as browser:
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
            else:
                if state.get("dirty"):
                    problems.append(f"merely opening {args.notebook} marked it modified (its tab shows the"
                                    " unsaved-changes dot)")
                else:
                    print(f"[lab] {args.notebook} opened and its kernel started: not marked modified")
                problems += save_and_compare(browser, args.notebook, stored)
    finally:
        stop(proc)
        (ROOT / "notebooks" / args.notebook).write_bytes(stored)
    for p in problems:
        print(f"[lab] FAIL {p}")
    print(f"[lab] screenshot: {SHOTS.relative_to(ROOT)}/lab-opened.png")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
