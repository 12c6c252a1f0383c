#!/usr/bin/env python3
"""Check that './course lab' serves the notebooks with a working Java kernel, as a learner gets it.

Starts './course lab --no-browser --port P' on a free localhost port, waits for the
"[course] JupyterLab is ready: URL" line, then through the REST API (with the token):
  1. /api/kernelspecs lists the 'java' kernel,
  2. JupyterLab's news and update pop-ups are off, and /api/contents lists the notebooks folder,
  3. a 'java' kernel starts and computes 6 * 7 over the websocket, as JupyterLab does,
and stops the kernel and the server. Takes about 10 s. Exit code 0 when all pass.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY = re.compile(r"\[course\] JupyterLab is ready: (http://\S+)")
# A first start in a fresh clone includes its set-up (.venv, the Java build): the release stage allows more.
START_TIMEOUT_S = float(os.environ.get("CHECK_LAB_START_TIMEOUT", "90"))
KERNEL_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, token: str, path: str, method: str = "GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base}{path}", data=data, method=method,
                                     headers={"Authorization": f"token {token}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def run_code(base: str, token: str, kernel_id: str, code: str) -> str:
    """Runs `code` on a kernel through the server's websocket, as JupyterLab does; returns text/plain."""
    from tornado.ioloop import IOLoop
    from tornado.websocket import websocket_connect

    async def talk() -> str:
        ws_url = base.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels?token={token}"
        ws = await websocket_connect(ws_url)
        msg_id = uuid.uuid4().hex
        ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "check_lab",
                       "session": uuid.uuid4().hex, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        result = None
        while True:
            raw = await ws.read_message()
            if raw is None:
                raise RuntimeError("the kernel's websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "execute_result":
                result = msg["content"]["data"].get("text/plain")
            elif kind == "error":
                raise RuntimeError(f"{msg['content']['ename']}: {msg['content']['evalue']}")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                ws.close()
                return result

    return IOLoop.current().run_sync(talk, timeout=KERNEL_TIMEOUT_S)


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
            m = READY.search(line)
            if m and not found.is_set():
                url = m.group(1)
                found.set()
        found.set()  # process ended

    threading.Thread(target=read_output, daemon=True).start()
    failures = []
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

        specs = api(base, token, "/api/kernelspecs")["kernelspecs"]
        if "java" in specs:
            print(f"[lab] ok   kernelspec 'java': {specs['java']['spec']['display_name']}")
        else:
            failures.append(f"no 'java' kernelspec; found {sorted(specs)}")

        notification = api(base, token, "/lab/api/settings/@jupyterlab/apputils-extension:notification")
        defaults = {k: v.get("default") for k, v in notification["schema"]["properties"].items()}
        if defaults.get("fetchNews") == "false" and defaults.get("checkForUpdates") is False:
            print("[lab] ok   JupyterLab's news and update pop-ups are off (tools/jupyterlab-overrides.json)")
        else:
            failures.append(f"JupyterLab's news/update pop-ups are not switched off: {defaults}")

        contents = api(base, token, "/api/contents")
        names = sorted(item["name"] for item in contents["content"])
        if any(n.endswith(".ipynb") for n in names):
            print(f"[lab] ok   /api/contents lists {sum(n.endswith('.ipynb') for n in names)} notebook(s)")
        else:
            failures.append(f"/api/contents shows no notebook: {names}")

        if "java" in specs:
            kernel = api(base, token, "/api/kernels", "POST", {"name": "java"})
            try:
                t0 = time.monotonic()
                answer = run_code(base, token, kernel["id"], "6 * 7")
                if answer == "42":
                    print(f"[lab] ok   java kernel answered 6 * 7 = {answer} after {time.monotonic() - t0:.1f}s")
                else:
                    failures.append(f"java kernel answered {answer!r} to 6 * 7")
            finally:
                api(base, token, f"/api/kernels/{kernel['id']}", "DELETE")
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    for f in failures:
        print(f"[lab] FAIL {f}")
    if failures:
        print("".join(log[-30:]), file=sys.stderr)
        return 1
    print(f"[lab] JupyterLab check passed in {time.monotonic() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
