#!/usr/bin/env python3
"""The class hub on one machine: roster, accounts, the students' course source, then JupyterHub.

Run by `./course hub` with the project's .venv Python (which has the hub's packages, deploy/hub/requirements.txt):

    bnhub.py --roster FILE [--instructor NAME] [--ip IP] [--port PORT] [--state DIR] [jupyterhub args...]

What it does, in order, then it execs JupyterHub with deploy/hub/jupyterhub_config.py:
  1. reads the roster (one student name per line; '#' comments and blank lines ignored) and checks every name;
  2. publishes the student release (tools/exercises/release.sh: no solutions, no hidden tests) as a new commit of
     the git repository STATE/public/course, which each student's server pulls with nbgitpuller when it starts
     (a student's own edits win over course updates), and copies the kernel's jars to STATE/public/classpath;
  3. as root: creates a system account per student and for the instructor (group bn-students, home 0700) with a
     random first password (STATE/secret/initial-passwords.csv, readable by root only), and hides the instructor-only
     parts of the checkout (solutions/, .git, target/) from other accounts. Not root: every student runs as you.
  4. writes STATE/secret/settings.json (read by jupyterhub_config.py) and an admin API token
     (STATE/secret/admin-token) for scripts such as deploy/hub/check_hub.py.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import grp
import json
import os
import pwd
import re
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
COURSE_DIR_NAME = "bn-course"          # each student's copy: ~/bn-course
STUDENT_GROUP = "bn-students"          # system group of the accounts the hub creates (root mode)
FIRST_REGULAR_UID = 1000               # accounts below this are the system's own: never a student
NAME_RULE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
NAME_RULE_TEXT = "a lower-case letter, then up to 31 lower-case letters, digits, '-' or '_'"
# The accounts the hub creates, for the roster at start-up and for students added later through the REST API
# (JupyterHub's LocalAuthenticator appends the name). Home folders private to their student.
ADD_USER_CMD = ["useradd", "--create-home", "--shell", "/bin/bash", "--groups", STUDENT_GROUP,
                "-K", "HOME_MODE=0700"]
# Instructor-only parts of the checkout, hidden from the students' accounts in root mode.
INSTRUCTOR_ONLY = ["solutions", ".git", "target"]


class RosterError(ValueError):
    """A roster or a name that cannot be used; the message names the file, the line and the rule."""


def check_name(name: str, where: str) -> str:
    if not NAME_RULE.match(name):
        raise RosterError(f"{where}: '{name}' is not a valid name: expected {NAME_RULE_TEXT}")
    return name


def read_roster(path: Path) -> list[str]:
    """The students of a roster file: one name per line, in file order; blank lines and '#' comments skipped."""
    if not path.is_file():
        raise RosterError(f"roster {path}: no such file (expected one student name per line)")
    names: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        check_name(name, f"{path}:{number}")
        if name in seen:
            raise RosterError(f"{path}:{number}: '{name}' is listed twice (first on line {seen[name]})")
        seen[name] = number
        names.append(name)
    if not names:
        raise RosterError(f"roster {path}: no student names in it (expected one name per line)")
    return names


def system_account_problem(name: str) -> str | None:
    """Why `name` may not be a hub user in root mode (an existing system account such as root), else None."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    if entry.pw_uid < FIRST_REGULAR_UID:
        return (f"'{name}' is an existing system account (uid {entry.pw_uid}); the hub would run a server as it. "
                f"Use another name")
    return None


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything jupyterhub_config.py needs, written by the launcher to STATE/secret/settings.json."""
    root: str               # the course checkout (its .venv runs every server)
    state: str              # STATE: secret/ (hub only) and public/ (readable by the students' accounts)
    ip: str
    port: int
    hub_port: int
    proxy_api_port: int
    instructor: str
    students: list
    system_users: bool      # root mode: one system account per student
    java_home: str
    run_id: str             # marks every process of this hub run (environment BN_HUB_RUN)

    @property
    def secret(self) -> Path:
        return Path(self.state) / "secret"

    @property
    def public(self) -> Path:
        return Path(self.state) / "public"

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(dataclasses.asdict(self), indent=2) + "\n", encoding="utf-8")

    @staticmethod
    def load(path: str | Path) -> "Settings":
        return Settings(**json.loads(Path(path).read_text(encoding="utf-8")))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"[course] ERROR: '{' '.join(cmd)}' failed ({result.returncode}):\n"
                         f"{result.stdout}{result.stderr}")
    return result


def git(repo: Path, *args: str) -> str:
    return run(["git", "-C", str(repo), "-c", "user.name=bn-course hub", "-c", "user.email=hub@bn-course.invalid",
                *args]).stdout


def publish_course(public: Path) -> str:
    """Commits the current student release into public/course (a git repository); returns the commit's hash."""
    repo = public / "course"
    with tempfile.TemporaryDirectory(prefix="bn-release-") as tmp:
        release = Path(tmp) / "release"
        run([str(ROOT / "tools" / "exercises" / "release.sh"), str(release)])
        if not repo.is_dir():
            repo.mkdir(parents=True)
            git(repo, "init", "-q", "-b", "main")
        for entry in repo.iterdir():
            if entry.name != ".git":
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        shutil.copytree(release, repo, dirs_exist_ok=True)
    git(repo, "add", "-A")
    if git(repo, "status", "--porcelain").strip():
        git(repo, "commit", "-q", "-m", "Course update")
    # git refuses to read a repository another account owns unless told (safe.directory, a "global" setting): the
    # students' servers read this file as their global git config (GIT_CONFIG_GLOBAL, set by singleuser.sh), which
    # includes their own ~/.gitconfig.
    (public / "gitconfig").write_text(f"[safe]\n\tdirectory = {repo / '.git'}\n[include]\n\tpath = ~/.gitconfig\n",
                                      encoding="utf-8")
    return git(repo, "rev-parse", "--short", "HEAD").strip()


def publish_classpath(public: Path) -> int:
    """Copies the Java kernel's jars (the course built) to public/classpath, read-only for students."""
    source = ROOT / "notebooks" / "target" / "kernel-classpath"
    jars = sorted(source.glob("*.jar"))
    if not jars:
        raise SystemExit(f"[course] ERROR: no jars in {source}: the course is not built (run ./course lab once)")
    target = public / "classpath"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for jar in jars:
        shutil.copy2(jar, target / jar.name)
    return len(jars)


def make_readable(path: Path) -> None:
    """Other accounts may read `path` and everything under it (files r, folders r-x)."""
    for folder, dirs, files in os.walk(path):
        os.chmod(folder, os.stat(folder).st_mode | 0o055)
        for f in files:
            p = os.path.join(folder, f)
            if not os.path.islink(p):
                os.chmod(p, os.stat(p).st_mode | 0o044)


def hide_instructor_files(state: Path) -> list[str]:
    """Root mode: students' accounts can still run the course (.venv, the JDK) but cannot read solutions, history
    or build output. STATE itself stays reachable: public/ readable, secret/ not."""
    hidden = []
    for name in INSTRUCTOR_ONLY:
        p = ROOT / name
        if p.exists() and not p.is_symlink():
            os.chmod(p, os.stat(p).st_mode & ~0o007)
            hidden.append(name)
    # Traverse-only (no listing) on each folder between the checkout and STATE, so public/ stays reachable.
    try:
        inside = state.resolve().relative_to(ROOT)
        p = ROOT
        for part in inside.parts:
            p = p / part
            os.chmod(p, (os.stat(p).st_mode & ~0o007) | 0o001)
    except ValueError:
        pass
    return hidden


def unreachable_for_students() -> list[str]:
    """Root mode: what the students' accounts must run but cannot reach (tried as the account 'nobody'), e.g. a
    checkout inside root's private home."""
    needed = [ROOT / ".venv-hub" / "bin" / "python", HERE / "singleuser.sh"]
    return [str(p) for p in needed
            if subprocess.run(["runuser", "-u", "nobody", "--", "test", "-x", str(p)]).returncode != 0]


def ensure_group() -> None:
    try:
        grp.getgrnam(STUDENT_GROUP)
    except KeyError:
        run(["groupadd", STUDENT_GROUP])


def ensure_accounts(names: list[str], secret: Path) -> list[str]:
    """Creates a system account for each name that has none, with a random first password; returns the new ones."""
    ensure_group()
    created = []
    passwords = secret / "initial-passwords.csv"
    for name in names:
        try:
            pwd.getpwnam(name)
            continue
        except KeyError:
            pass
        run([*ADD_USER_CMD, name])
        password = secrets.token_urlsafe(9)
        run(["chpasswd"], input=f"{name}:{password}\n")
        new = not passwords.exists()
        with open(passwords, "a", newline="", encoding="utf-8") as f:
            os.chmod(passwords, 0o600)
            writer = csv.writer(f)
            if new:
                writer.writerow(["name", "first_password"])
            writer.writerow([name, password])
        created.append(name)
    return created


def processes_with(variable: str, value: str) -> dict[int, dict]:
    """Every process whose environment has variable=value (as root: any account's): {pid: {'user', 'cmd'}}, where
    user is the process's JUPYTERHUB_USER. The hub marks each run (BN_HUB_RUN) and each server (BN_HUB_SERVER)."""
    marker = f"{variable}={value}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            env = (entry / "environ").read_bytes().split(b"\0")
            if marker not in env:
                continue
            user = next((e.split(b"=", 1)[1].decode() for e in env if e.startswith(b"JUPYTERHUB_USER=")), "")
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            found[int(entry.name)] = {"user": user, "cmd": cmd}
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return found


def read_or_make_secret(path: Path, nbytes: int = 32) -> str:
    if not path.exists():
        path.write_text(secrets.token_hex(nbytes) + "\n", encoding="utf-8")
        os.chmod(path, 0o600)
    return path.read_text(encoding="utf-8").strip()


def publish(public: Path) -> str:
    """What every student's server reads: public/course (git), public/gitconfig and public/classpath (the jars)."""
    commit = publish_course(public)
    jars = publish_classpath(public)
    make_readable(public)
    return f"course at commit {commit} in {public / 'course'}; {jars} jars for the Java kernel"


def main(argv: list[str]) -> int:
    if argv[:1] == ["publish"]:   # the image's build: bnhub.py publish DIR
        print(f"[course] {publish(Path(argv[1]).resolve())}")
        return 0
    parser = argparse.ArgumentParser(prog="./course hub", description="Start a JupyterHub for a class on this machine.")
    parser.add_argument("--roster", required=True, type=Path, help="one student name per line")
    parser.add_argument("--instructor", default="instructor", help="the hub's admin (default: instructor)")
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1; 0.0.0.0 for a class)")
    parser.add_argument("--port", type=int, default=8000, help="port of the hub's public URL (default 8000)")
    parser.add_argument("--state", type=Path, default=ROOT / "target" / "hub",
                        help="folder for the hub's database, secrets and the published course (default target/hub)")
    args, jupyterhub_args = parser.parse_known_args(argv)

    try:
        students = read_roster(args.roster)
        instructor = check_name(args.instructor, "--instructor")
    except RosterError as e:
        print(f"[course] ERROR: {e}", file=sys.stderr)
        return 2
    system_users = os.geteuid() == 0
    if system_users:
        problems = [p for p in (system_account_problem(n) for n in [instructor, *students]) if p]
        problems += [f"the students' accounts cannot run {p}: a folder above the checkout is private (e.g. /root); "
                     f"put the checkout where other accounts can enter (e.g. /srv/bn-course)"
                     for p in unreachable_for_students()]
        if problems:
            print("[course] ERROR: " + "\n         ".join(problems), file=sys.stderr)
            return 2

    state = args.state.resolve()
    settings = Settings(root=str(ROOT), state=str(state), ip=args.ip, port=args.port, hub_port=free_port(),
                        proxy_api_port=free_port(), instructor=instructor, students=students,
                        system_users=system_users, java_home=os.environ["JAVA_HOME"], run_id=secrets.token_hex(8))
    settings.secret.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.secret, 0o700)
    settings.public.mkdir(parents=True, exist_ok=True)
    print("[course] publishing the student release (no solutions, no hidden tests) for the students' servers ...")
    print(f"[course] {publish(settings.public)}")
    read_or_make_secret(settings.secret / "admin-token")
    settings.save(settings.secret / "settings.json")

    if system_users:
        os.chmod(state, 0o711)
        hidden = hide_instructor_files(state)
        created = ensure_accounts([instructor, *students], settings.secret)
        print(f"[course] root: one system account per student (group {STUDENT_GROUP}, PAM passwords); "
              f"hidden from them: {', '.join(hidden) or 'nothing'}")
        if created:
            print(f"[course] created {len(created)} account(s); their first passwords are in "
                  f"{settings.secret / 'initial-passwords.csv'} (readable by root only)")
    else:
        user_pw = read_or_make_secret(settings.secret / "student-password", 6)
        admin_pw = read_or_make_secret(settings.secret / "instructor-password", 16)   # JupyterHub: 32+ chars
        print("[course] WARNING: not root, so every student's server runs as your own account: students are NOT "
              "isolated from one another. Fine for a trial; for a class run ./course hub as root.")
        print(f"[course] passwords: students '{user_pw}' (shared), instructor '{admin_pw}' "
              f"(in {settings.secret})")

    public_host = "127.0.0.1" if args.ip in ("127.0.0.1", "0.0.0.0") else args.ip
    print(f"[course] starting JupyterHub: http://{public_host}:{args.port}/ "
          f"(instructor {instructor}, {len(students)} student(s) on the roster; Ctrl-C stops the hub and every server)")
    sys.stdout.flush()
    env = dict(os.environ, BN_HUB_SETTINGS=str(settings.secret / "settings.json"), BN_HUB_RUN=settings.run_id)
    jupyterhub = str(Path(sys.executable).parent / "jupyterhub")
    os.chdir(settings.secret)   # JupyterHub writes nothing else, but keep its working folder private
    os.execve(jupyterhub, [jupyterhub, "-f", str(HERE / "jupyterhub_config.py"), *jupyterhub_args], env)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
