#!/usr/bin/env python3
"""Start JupyterLab and print its URL (with the token) on one clear line.

Called by './course lab' with the project's options followed by the user's own (e.g. --port).
JupyterLab logs a lot; the line a newcomer needs is

    [course] JupyterLab is ready: http://127.0.0.1:8888/lab?token=...

It is read from the server's runtime file (jpserver-<pid>.json), so it is right whatever port
Jupyter picked. Ctrl-C goes to JupyterLab as usual; SIGTERM/SIGHUP are passed on to it, so
stopping this process never leaves a server behind.
"""
import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from jupyter_core.paths import jupyter_runtime_dir

READY_TIMEOUT_S = 120


def accepts_connections(host: str, port) -> bool:
    if not isinstance(port, int):
        return True   # a server on a Unix socket: nothing to probe
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def main(argv: list[str]) -> int:
    lab = Path(sys.executable).parent / "jupyter-lab"
    proc = subprocess.Popen([str(lab), *argv])

    def forward(signum, _frame):
        if proc.poll() is None:
            proc.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGHUP, forward)

    info_file = Path(jupyter_runtime_dir()) / f"jpserver-{proc.pid}.json"
    deadline = time.monotonic() + READY_TIMEOUT_S
    announced = False
    while True:
        try:
            if not announced and info_file.is_file():
                try:
                    info = json.loads(info_file.read_text(encoding="utf-8"))
                except ValueError:
                    info = None  # being written; read again
                # Jupyter Server writes this file before its event loop binds the port: announce only once it
                # accepts connections, or a browser (or a check) opening the URL at once is refused.
                if info and info.get("url") and accepts_connections(info.get("hostname") or "127.0.0.1",
                                                                    info.get("port")):
                    url = info["url"].rstrip("/") + "/lab"
                    if info.get("token"):
                        url += "?token=" + info["token"]
                    print(f"\n[course] JupyterLab is ready: {url}\n"
                          f"[course] notebooks: {info.get('root_dir', '')}   (stop: Ctrl-C twice)\n", flush=True)
                    announced = True
            if proc.poll() is not None:
                return proc.returncode
            if not announced and time.monotonic() > deadline:
                print(f"[course] WARNING: JupyterLab has not reported its URL after {READY_TIMEOUT_S}s; "
                      "see its log above", file=sys.stderr, flush=True)
                announced = True
            time.sleep(0.1 if not announced else 0.5)
        except KeyboardInterrupt:
            # The terminal sent SIGINT to JupyterLab too; it asks for confirmation itself.
            continue


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
