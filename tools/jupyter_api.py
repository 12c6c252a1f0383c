"""Talking to a running Jupyter server the way JupyterLab does (shared by check_lab.py, check_lab_browser.py and
deploy/hub/check_hub.py): its REST API with a token, cells run on a kernel over the server's websocket, a free port to
start one on, and stopping the process group it runs in. Standard library and tornado (which Jupyter brings) only.
"""
import json
import os
import re
import signal
import socket
import subprocess
import urllib.error
import urllib.request
import uuid

# The line tools/lab.py prints once JupyterLab serves ('./course lab'), with the URL and its token.
LAB_READY = re.compile(r"\[course\] JupyterLab is ready: (http://\S+)")


def free_port() -> int:
    """A localhost port free at this moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """The REST API of a Jupyter server or hub at `base` (no trailing slash), authorized by `token`."""

    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def call(self, path: str, method: str = "GET", body=None, expect=(200, 201, 202, 204)):
        """The JSON answer of `method path` (with `body` as JSON), or its status when the answer is not JSON;
        raises RuntimeError when the status is not one of `expect`."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                status, text = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
        if status not in expect:
            raise RuntimeError(f"{method} {path} answered {status}, expected {expect}: {text[:300]}")
        return json.loads(text) if text.strip().startswith(("{", "[")) else status


def run_cells(server: str, token: str, kernel_id: str, cells: list, timeout: float, username: str) -> list:
    """Runs each cell on a kernel of the Jupyter server at `server` over its websocket (as JupyterLab does); returns
    each cell's text/plain result (or, when it has none, what it printed). Raises with the kernel's error if a cell
    fails, or when the answers take longer than `timeout` seconds in all."""
    from tornado.httpclient import HTTPRequest
    from tornado.ioloop import IOLoop
    from tornado.websocket import websocket_connect

    async def talk() -> list:
        url = server.rstrip("/").replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"}))
        answers = []
        session = uuid.uuid4().hex
        for code in cells:
            msg_id = uuid.uuid4().hex
            ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": username,
                           "session": session, "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True}}))
            result, printed = None, []
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
                elif kind == "stream":
                    printed.append(msg["content"]["text"])
                elif kind == "error":
                    raise RuntimeError(f"cell {code[:60]!r}: {msg['content']['ename']}: {msg['content']['evalue']}")
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    break
            answers.append(result if result is not None else "".join(printed).strip())
        ws.close()
        return answers

    return IOLoop.current().run_sync(talk, timeout=timeout)


def stop_group(proc: subprocess.Popen, timeout: float) -> bool:
    """SIGTERM to the process group `proc` leads (started with start_new_session=True), as Ctrl-C would; SIGKILL if
    it has not ended within `timeout` seconds. True when it ended on SIGTERM (or had already ended)."""
    if proc.poll() is not None:
        return True
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return False
