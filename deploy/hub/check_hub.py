#!/usr/bin/env python3
"""The `hub` stage of ./course test: a real JupyterHub for a class, end to end, as an instructor runs it.

1. starts `./course hub` on a free localhost port (a roster of one student, an instructor as admin, a fresh state
   folder); as root the students are real system accounts (LocalProcessSpawner, PAM), else one shared account;
2. checks the roster: the roster's student and the instructor (admin) are hub users;
3. creates two more students through the REST API and starts their servers;
4. in each student's server: their copy of the course is there, a Java kernel runs a cell that uses the lib
   (through the server's kernel websocket, as JupyterLab does), and the student sees only their own files:
   not the other student's (contents API; as root also the file system, from their Java kernel), not the
   instructor's solutions or the hub's secrets, and their token does not open the other student's server;
5. measures the memory of each student's server with its running Java kernel (PSS and RSS of every process);
6. publishes a course update that touches a notebook a student changed, restarts that student's server, and
   checks that the student's change survived and the update's new file arrived (nbgitpuller);
7. stops the hub and asserts that no process of this run is left (each carries BN_HUB_RUN in its environment);
   as root, deletes the accounts it created.
Only 127.0.0.1 is contacted. Exit code 0 when every check passes.
"""
from __future__ import annotations

import grp
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tools"))
import bnhub  # noqa: E402
from jupyter_api import Api, free_port, run_cells, stop_group  # noqa: E402  (REST and kernel websocket, as check_lab)
from stage_report import Failures  # noqa: E402

START_TIMEOUT_S = 300       # the machine may be busy: set-up, the release and JupyterHub's start
SPAWN_TIMEOUT_S = 180
KERNEL_TIMEOUT_S = 120
STOP_TIMEOUT_S = 60
LIB_CELL = ("var y = new bn.batchnorm.BatchNorm(3, bn.tensor.Layout.BATCH_BY_FEATURES)"
            ".forwardTraining(bn.tensor.Tensor.arange(4, 3)).y();\n"
            "(Math.abs(y.sumAll()) < 1e-9) + \" \" + String.format(\"%.3f\", y.square().sumAll())")
LIB_ANSWER = "true 12.000"   # BN's output has mean 0 and variance 1 per feature: sum 0, sum of squares N * D = 12


def log(msg: str) -> None:
    print(f"[hub] {msg}", flush=True)


def status_of(base: str, token: str, path: str) -> int:
    """HTTP status of GET path with the given token, without following redirects (a redirect means 'log in')."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(base + path, headers={"Authorization": f"token {token}"})
    try:
        with opener.open(req, timeout=60) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def pull_through_link(url: str, token: str) -> list[str]:
    """What an nbgitpuller link's page does: reads the pull's event stream; returns the phases seen."""
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    phases = []
    with urllib.request.urlopen(req, timeout=120) as r:
        for raw in r:
            line = raw.decode(errors="replace").strip()
            if line.startswith("data:"):
                event = json.loads(line[5:])
                if "phase" in event:
                    phases.append(event["phase"])
                    if event["phase"] in ("finished", "error"):
                        break
    return phases


def processes_of_run(run_id: str) -> dict[int, dict]:
    """Every process of this hub run (BN_HUB_RUN=run_id in its environment): {pid: {'user', 'cmd'}}."""
    return bnhub.processes_with("BN_HUB_RUN", run_id)


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in KiB, from /proc/PID/smaps_rollup."""
    pss = rss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            pss = int(line.split()[1])
        elif line.startswith("Rss:"):
            rss = int(line.split()[1])
    return pss, rss


def describe(cmd: str) -> str:
    if "jupyterhub-singleuser" in cmd:
        return "server"
    if "jjava-launcher" in cmd:
        return "kernel launcher JVM"
    if "jjava" in cmd or "java" in cmd.split(" ")[0]:
        return "kernel JVM"
    return cmd.split(" ")[0].rsplit("/", 1)[-1]


def wait_ready(api: Api, name: str) -> None:
    deadline = time.monotonic() + SPAWN_TIMEOUT_S
    while time.monotonic() < deadline:
        user = api.call(f"/hub/api/users/{name}")
        server = (user.get("servers") or {}).get("")
        if server and server.get("ready"):
            return
        if server is None and not user.get("pending"):
            raise RuntimeError(f"{name}'s server stopped while starting (see the hub's log)")
        time.sleep(1)
    raise RuntimeError(f"{name}'s server was not ready within {SPAWN_TIMEOUT_S}s")


def stop_server(api: Api, name: str) -> None:
    api.call(f"/hub/api/users/{name}/server", "DELETE")
    deadline = time.monotonic() + SPAWN_TIMEOUT_S
    while time.monotonic() < deadline:
        user = api.call(f"/hub/api/users/{name}")
        if not user.get("servers") and not user.get("pending"):
            return
        time.sleep(1)
    raise RuntimeError(f"{name}'s server did not stop within {SPAWN_TIMEOUT_S}s")


def publish_update(state: Path, notebook: str) -> None:
    """A course update as the instructor publishes it: a new commit of the course that changes the first markdown
    cell of `notebook` and adds UPDATE.md."""
    repo = state / "public" / "course"
    path = repo / "notebooks" / notebook
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = "Updated by the instructor.\n"
    path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    (repo / "UPDATE.md").write_text("A course update.\n", encoding="utf-8")
    bnhub.git(repo, "add", "-A")
    bnhub.git(repo, "commit", "-q", "-m", "Course update (check_hub)")
    bnhub.make_readable(repo)


def main() -> int:
    system_users = os.geteuid() == 0
    if system_users and bnhub.unreachable_for_students():
        # As the site stage does without a browser: say so loudly rather than fail on where the clone lives.
        log(f"SKIPPED: other accounts cannot enter this checkout ({ROOT}: a parent folder is private), so no "
            f"student's server can run from it; ./course hub refuses to start here too")
        return 0
    prefix = "bnt" + secrets.token_hex(2)
    group_existed = _group_exists(bnhub.STUDENT_GROUP)   # the hub creates it if need be; the check removes it then
    instructor, on_roster, students = f"{prefix}i", f"{prefix}r", [f"{prefix}a", f"{prefix}b"]
    state = Path(tempfile.mkdtemp(prefix="bn-hub-check-"))
    roster = state.parent / f"{state.name}-roster.txt"
    roster.write_text(f"# the check's roster\n{on_roster}\n", encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    hub_log = ROOT / "target" / "course-logs" / "hub-check.log"
    hub_log.parent.mkdir(parents=True, exist_ok=True)
    log(f"mode: {'root: one system account per student' if system_users else 'not root: one shared account'}; "
        f"hub log: {hub_log.relative_to(ROOT)}")
    failures = Failures("hub")
    start = time.monotonic()
    # The hub hides solutions/, .git and target/ from other accounts (root mode); the check puts the modes back.
    modes = {p: p.stat().st_mode for p in (ROOT / n for n in bnhub.INSTRUCTOR_ONLY) if p.exists()}
    with open(hub_log, "w") as out:
        hub = subprocess.Popen([str(ROOT / "course"), "hub", "--roster", str(roster), "--instructor", instructor,
                                "--port", str(port), "--state", str(state)],
                               cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                               start_new_session=True)
    run_id = None
    try:
        token_file = state / "secret" / "admin-token"
        deadline = time.monotonic() + START_TIMEOUT_S
        api = None
        while time.monotonic() < deadline and hub.poll() is None:
            if token_file.exists() and (state / "secret" / "settings.json").exists():
                api = Api(base, token_file.read_text().strip())
                try:
                    api.call("/hub/api/")
                    break
                except (OSError, RuntimeError):
                    pass
            time.sleep(1)
        else:
            raise RuntimeError(f"the hub did not answer on {base} within {START_TIMEOUT_S}s "
                               f"(exit code {hub.poll()}); log: {hub_log}")
        run_id = bnhub.Settings.load(state / "secret" / "settings.json").run_id
        log(f"JupyterHub {api.call('/hub/api/')['version']} up after {time.monotonic() - start:.0f}s on {base}")

        users = {u["name"]: u for u in api.call("/hub/api/users")}
        failures.check(on_roster in users and not users[on_roster]["admin"] and users.get(instructor, {}).get("admin"),
                       f"roster: student {on_roster} and admin {instructor} are hub users",
                       f"roster not applied: users {sorted(users)}")

        for name in students:
            api.call(f"/hub/api/users/{name}", "POST", expect=(201,))
            api.call(f"/hub/api/users/{name}/server", "POST", expect=(201, 202))
        for name in students:
            wait_ready(api, name)
        log(f"ok   two students created through the REST API, servers ready after {time.monotonic() - start:.0f}s")

        for me, other in (students, students[::-1]):
            server = f"{base}/user/{me}/"
            top = sorted(i["name"] for i in api.call(f"/user/{me}/api/contents")["content"])
            nbs = [i["name"] for i in api.call(f"/user/{me}/api/contents/{bnhub.COURSE_DIR_NAME}/notebooks")["content"]
                   if i["name"].endswith(".ipynb")]
            failures.check(top == [bnhub.COURSE_DIR_NAME] and len(nbs) >= 8,
                           f"{me}: home holds their own copy of the course ({len(nbs)} notebooks)",
                           f"{me}: home shows {top}, notebooks {nbs}")
            api.call(f"/user/{me}/api/contents/work-of-{me}.txt", "PUT",
                     {"type": "file", "format": "text", "content": f"written by {me}\n"})

        for me, other in (students, students[::-1]):
            session = api.call(f"/user/{me}/api/sessions", "POST",
                               {"path": f"{bnhub.COURSE_DIR_NAME}/notebooks/hub-check.ipynb", "type": "notebook",
                                "name": "hub-check.ipynb", "kernel": {"name": "java"}}, expect=(201,))
            kernel = session["kernel"]["id"]
            t0 = time.monotonic()
            cells = ["%classpath target/kernel-classpath/*.jar", LIB_CELL,
                     'System.getProperty("user.name") + " " + System.getProperty("user.home")',
                     f'new java.io.File(System.getProperty("user.home"), "work-of-{other}.txt").exists()',
                     f'java.nio.file.Files.isReadable(java.nio.file.Path.of("/home/{other}"))',
                     f'java.nio.file.Files.isReadable(java.nio.file.Path.of("{ROOT}/solutions"))',
                     f'java.nio.file.Files.isReadable(java.nio.file.Path.of("{state}/secret/admin-token"))']
            answers = run_cells(f"{base}/user/{me}/", api.token, kernel, cells, KERNEL_TIMEOUT_S, "check_hub")
            failures.check(answers[1] == LIB_ANSWER,
                           f"{me}: a Java cell using the lib answered {answers[1]!r} after {time.monotonic() - t0:.0f}s",
                           f"{me}: the lib cell answered {answers[1]!r}, expected {LIB_ANSWER!r}")
            failures.check(answers[3] == "false", f"{me}: the other student's file is not in their home",
                           f"{me}: sees {other}'s file in their home")
            if system_users:
                failures.check(answers[2].startswith(f"{me} /home/{me}"),
                               f"{me}: the kernel runs as system user {me} in /home/{me}",
                               f"{me}: the kernel runs as {answers[2]!r}")
                failures.check(answers[4:] == ["false", "false", "false"],
                               f"{me}: their kernel cannot read /home/{other}, solutions/ or the hub's secrets",
                               f"{me}: readable (other's home, solutions, admin token): {answers[4:]}")
            other_file = status_of(base, api.token, f"/user/{me}/api/contents/../{other}/work-of-{other}.txt")
            failures.check(other_file in (400, 403, 404), f"{me}: the contents API refuses a path out of their home",
                           f"{me}: the contents API answered {other_file} for a path out of their home")
            student_token = api.call(f"/hub/api/users/{me}/tokens", "POST", {"note": "check_hub"})["token"]
            cross = status_of(base, student_token, f"/user/{other}/api/contents")
            own = status_of(base, student_token, f"/user/{me}/api/contents")
            failures.check(own == 200 and cross in (302, 403, 404),
                           f"{me}: their token opens their server (200), not {other}'s ({cross})",
                           f"{me}: their token gets {own} on their server and {cross} on {other}'s")

        procs = processes_of_run(run_id)
        hub_side = [memory_kib(pid) for pid, p in procs.items() if not p["user"] and Path(f"/proc/{pid}").exists()]
        log(f"info memory of the hub and its proxy: PSS {sum(m[0] for m in hub_side) / 1024:.0f} MiB, "
            f"RSS {sum(m[1] for m in hub_side) / 1024:.0f} MiB ({len(hub_side)} processes)")
        for name in students:
            mine = {pid: p for pid, p in procs.items() if p["user"] == name}
            parts = []
            pss_total = rss_total = 0
            for pid, p in sorted(mine.items()):
                try:
                    pss, rss = memory_kib(pid)
                except FileNotFoundError:
                    continue
                pss_total += pss
                rss_total += rss
                parts.append(f"{describe(p['cmd'])} {pss / 1024:.0f}")
            failures.check(any("kernel" in part for part in parts),
                           f"memory of {name}'s server with a running Java kernel: PSS {pss_total / 1024:.0f} MiB, "
                           f"RSS {rss_total / 1024:.0f} MiB ({', '.join(parts)} MiB PSS)",
                           f"no running Java kernel found among {name}'s processes: {mine}")

        # A course update reaches a student without overwriting what they wrote.
        me = students[0]
        path = f"{bnhub.COURSE_DIR_NAME}/notebooks/00_start_here.ipynb"
        model = api.call(f"/user/{me}/api/contents/{path}")
        cell = next(c for c in model["content"]["cells"] if c["cell_type"] == "markdown")
        cell["source"] = f"My own notes, by {me}."
        api.call(f"/user/{me}/api/contents/{path}", "PUT", {"type": "notebook", "format": "json",
                                                            "content": model["content"]})
        publish_update(state, "00_start_here.ipynb")
        stop_server(api, me)
        api.call(f"/hub/api/users/{me}/server", "POST", expect=(201, 202))
        wait_ready(api, me)
        kept = next(c for c in api.call(f"/user/{me}/api/contents/{path}")["content"]["cells"]
                    if c["cell_type"] == "markdown")["source"]
        arrived = api.call(f"/user/{me}/api/contents/{bnhub.COURSE_DIR_NAME}", expect=(200,))
        names = [i["name"] for i in arrived["content"]]
        failures.check(kept == f"My own notes, by {me}." and "UPDATE.md" in names,
                       f"{me}: after a course update and a server restart their edited notebook is still theirs "
                       f"and the update's new file arrived (nbgitpuller)",
                       f"{me}: after the update the cell reads {kept!r}; course folder {names}")

        # The other student takes the same update through an nbgitpuller link, without a restart.
        other = students[1]
        token = api.call(f"/hub/api/users/{other}/tokens", "POST", {"note": "check_hub link"})["token"]
        query = urllib.parse.urlencode({"repo": str(state / "public" / "course"), "branch": "main",
                                        "targetpath": bnhub.COURSE_DIR_NAME})
        phases = pull_through_link(f"{base}/user/{other}/git-pull/api?{query}", token)
        first = next(c for c in api.call(f"/user/{other}/api/contents/{path}")["content"]["cells"]
                     if c["cell_type"] == "markdown")["source"]
        failures.check(phases[-1:] == ["finished"] and first == "Updated by the instructor.\n",
                       f"{other}: an nbgitpuller link brought the update into their untouched notebook",
                       f"{other}: the link's pull ended with {phases[-3:]}; the cell reads {first!r}")
    except Exception as e:  # noqa: BLE001 - every failure is reported, then everything is stopped
        failures.append(f"{type(e).__name__}: {e}")
        log(f"FAIL {type(e).__name__}: {e}")
    finally:
        stopped = stop_hub(hub)
        if run_id is None:
            try:
                run_id = bnhub.Settings.load(state / "secret" / "settings.json").run_id
            except (OSError, ValueError):
                pass
        left = processes_of_run(run_id) if run_id else {}
        if left:
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        failures.check(stopped and not left, "the hub stopped and left no process behind",
                       f"processes left after stopping the hub (now killed): {left}" if left
                       else "the hub did not stop on SIGTERM")
        if system_users:
            for name in [instructor, on_roster, *students]:
                subprocess.run(["userdel", "--remove", name], capture_output=True)
            leftover = [n for n in [instructor, on_roster, *students] if bnhub.system_account_problem(n) is None
                        and _exists(n)]
            failures.check(not leftover, "the check's system accounts are deleted",
                           f"could not delete accounts {leftover}")
            if not group_existed and _group_exists(bnhub.STUDENT_GROUP):
                subprocess.run(["groupdel", bnhub.STUDENT_GROUP], capture_output=True)
                failures.check(not _group_exists(bnhub.STUDENT_GROUP),
                               f"the group {bnhub.STUDENT_GROUP} the hub made for the check is deleted",
                               f"could not delete the group {bnhub.STUDENT_GROUP}")
        shutil.rmtree(state, ignore_errors=True)
        roster.unlink(missing_ok=True)
        for p, mode in modes.items():
            os.chmod(p, mode)

    if failures:
        print(hub_log.read_text()[-4000:], file=sys.stderr)
        log(f"FAILED: {len(failures)} check(s)")
        return 1
    log(f"hub check passed in {time.monotonic() - start:.0f}s")
    return 0


def _known(lookup, name: str) -> bool:
    """Whether the system's user or group database (pwd.getpwnam, grp.getgrnam) has this name."""
    try:
        lookup(name)
        return True
    except KeyError:
        return False


def _group_exists(name: str) -> bool:
    return _known(grp.getgrnam, name)


def _exists(name: str) -> bool:
    return _known(pwd.getpwnam, name)


def stop_hub(hub: subprocess.Popen) -> bool:
    """SIGTERM, as Ctrl-C would: JupyterHub stops every student's server and the proxy, then exits."""
    return stop_group(hub, STOP_TIMEOUT_S)


if __name__ == "__main__":
    sys.exit(main())
