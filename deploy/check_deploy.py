#!/usr/bin/env python3
"""The `deploy` stage of ./course test: what can be checked here of the files that take the course past one machine.

This machine has no Docker daemon and no registry, so the image is not built here. What is checked:
  image      hadolint lints deploy/image/Dockerfile clean; every file it COPYs from the repository exists; the final
             stage runs as a numeric non-root user; every variable deploy/hub/singleuser.sh needs is set by its ENV;
             its build context ignores local environments and build output.
  binder     binder/requirements.txt names the course's one list of pins; binder/postBuild runs the course's own
             set-up; and, in a clean copy of the repository with a fresh Python environment standing in for Binder's,
             the steps repo2docker runs (pip install -r binder/requirements.txt, then binder/postBuild) leave a
             working course: the first notebook runs on the Java kernel.
  kubernetes deploy/kubernetes/values.yaml uses the image's user, command and ports, and sets memory limits.
The steps the image's build runs (./course setup, bnhub.py publish) are those the hub stage and this clean copy run.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOCKERFILE = HERE / "image" / "Dockerfile"
VALUES = HERE / "kubernetes" / "values.yaml"
BINDER = ROOT / "binder"
SINGLEUSER = HERE / "hub" / "singleuser.sh"
LOG_DIR = ROOT / "target" / "course-logs"
sys.path.insert(0, str(ROOT / "tools"))
from stage_report import Failures  # noqa: E402


def log(msg: str) -> None:
    print(f"[deploy] {msg}", flush=True)


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#")))
    out = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def final_stage(instructions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    last_from = max(i for i, (word, _) in enumerate(instructions) if word == "FROM")
    return instructions[last_from:]


def env_names(instructions: list[tuple[str, str]]) -> set[str]:
    names = set()
    for word, rest in instructions:
        if word == "ENV":
            names.update(re.findall(r"(?:^|\s)([A-Z_][A-Z0-9_]*)=", rest))
    return names


def check_image(failures: Failures) -> None:
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if not failures.check(hadolint is not None, "hadolint found", "no hadolint in the hub's environment "
                          "(deploy/requirements-check.txt)"):
        return
    lint = subprocess.run([hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True)
    version = subprocess.run([hadolint, "--version"], capture_output=True, text=True).stdout.strip()
    failures.check(lint.returncode == 0 and not lint.stdout.strip(),
                   f"hadolint ({version}) finds nothing in deploy/image/Dockerfile",
                   f"hadolint on deploy/image/Dockerfile:\n{lint.stdout}{lint.stderr}")

    instructions = dockerfile_instructions(DOCKERFILE.read_text(encoding="utf-8"))
    missing = []
    for word, rest in instructions:
        if word == "COPY" and "--from=" not in rest:
            sources = [a for a in rest.split() if not a.startswith("--")][:-1]
            missing += [s for s in sources if not (ROOT / s).exists()]
    failures.check(not missing, "every file the Dockerfile copies from the repository exists",
                   f"the Dockerfile copies files that do not exist: {missing}")

    final = final_stage(instructions)
    users = [rest for word, rest in final if word == "USER"]
    failures.check(bool(users) and users[-1].isdigit() and users[-1] != "0",
                   f"the image runs as user {users[-1] if users else '?'}, not root",
                   f"the final stage's USER is {users[-1] if users else 'not set (root)'}: expected a numeric non-root uid")
    needed = set(re.findall(r"\$\{(BN_[A-Z_]+):\?", SINGLEUSER.read_text(encoding="utf-8")))
    unset = needed - env_names(final)
    failures.check(bool(needed) and not unset,
                   f"the image sets what singleuser.sh needs ({', '.join(sorted(needed))})",
                   f"the image's ENV lacks {sorted(unset)}, needed by deploy/hub/singleuser.sh")
    cmd = next((rest for word, rest in reversed(final) if word == "CMD"), "")
    failures.check("/opt/bn-course/singleuser.sh" in cmd and os.access(SINGLEUSER, os.X_OK),
                   "the image starts deploy/hub/singleuser.sh (executable)",
                   f"the image's CMD is {cmd!r}; singleuser.sh executable: {os.access(SINGLEUSER, os.X_OK)}")
    ignore = (DOCKERFILE.parent / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    failures.check({".venv", ".venv-hub", "**/target", "**/node_modules"} <= set(ignore),
                   "the build context leaves out .venv, .venv-hub, target/ and node_modules/",
                   f"Dockerfile.dockerignore lacks some of .venv, .venv-hub, **/target, **/node_modules: {ignore}")


def check_binder_files(failures: Failures) -> None:
    requirements = (BINDER / "requirements.txt").read_text(encoding="utf-8")
    failures.check("-r ../tools/requirements.txt" in requirements,
                   "binder/requirements.txt installs the course's one list of pins (tools/requirements.txt)",
                   "binder/requirements.txt does not include ../tools/requirements.txt")
    post = BINDER / "postBuild"
    failures.check(os.access(post, os.X_OK) and "./course setup" in post.read_text(encoding="utf-8"),
                   "binder/postBuild is executable and runs ./course setup",
                   "binder/postBuild is not executable or does not run ./course setup")
    packages = [p for p in (BINDER / "apt.txt").read_text(encoding="utf-8").split() if not p.startswith("#")]
    if shutil.which("apt-cache"):
        unknown = [p for p in packages
                   if subprocess.run(["apt-cache", "show", p], capture_output=True).returncode != 0]
        failures.check(not unknown, f"binder/apt.txt names Debian/Ubuntu packages: {' '.join(packages)}",
                       f"apt-cache does not know {unknown} (binder/apt.txt)")


def check_binder_build(failures: Failures) -> None:
    """repo2docker's steps in a clean copy: pip install -r binder/requirements.txt into a new environment, then
    binder/postBuild from the copy's root; then the first notebook runs there on the Java kernel."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    build_log = LOG_DIR / "binder-check.log"
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bn-binder-check-") as tmp, open(build_log, "w") as out:
        copy, env_dir = Path(tmp) / "repo", Path(tmp) / "env"
        files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                               capture_output=True, check=True).stdout.decode().split("\0")
        for name in filter(None, files):
            src = ROOT / name
            if src.is_file():
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, copy / name)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "JUPYTER_PATH", "COURSE_VENV")}
        steps = [
            ("python3 -m venv (Binder's environment)", [sys.executable, "-m", "venv", str(env_dir)], ROOT),
            ("pip install -r binder/requirements.txt",
             [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"], copy),
            ("binder/postBuild", ["binder/postBuild"], copy),
            ("the first notebook on the Java kernel",
             [str(env_dir / "bin" / "python"), "tools/run_notebooks.py", "notebooks/00_start_here.ipynb"], copy),
        ]
        env.update(NB_PYTHON_PREFIX=str(env_dir), PATH=f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}")
        for title, cmd, cwd in steps:
            out.write(f"$ {' '.join(cmd)}\n")
            out.flush()
            rc = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT).returncode
            if not failures.check(rc == 0, f"clean copy: {title} ({time.monotonic() - start:.0f}s)",
                                  f"clean copy: {title} failed with exit code {rc} (log: {build_log})"):
                print("".join(build_log.read_text().splitlines(True)[-25:]), file=sys.stderr)
                return
        jars = sorted(p.name for p in (copy / "notebooks" / "target" / "kernel-classpath").glob("bn-*.jar"))
        failures.check(bool(jars), f"clean copy: postBuild built the kernel's jars ({', '.join(jars)})",
                       "clean copy: no bn-*.jar in notebooks/target/kernel-classpath after postBuild")


def check_values(failures: Failures) -> None:
    import yaml
    values = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    single = values.get("singleuser", {})
    image = single.get("image", {})
    memory = single.get("memory", {})
    failures.check(bool(image.get("name")) and bool(str(image.get("tag", ""))),
                   f"values.yaml: singleuser image {image.get('name')}:{image.get('tag')}",
                   f"values.yaml: singleuser.image.name and tag must be set: {image}")
    failures.check(bool(memory.get("limit")) and bool(memory.get("guarantee")),
                   f"values.yaml: memory guarantee {memory.get('guarantee')}, limit {memory.get('limit')}",
                   f"values.yaml: singleuser.memory.guarantee and limit must be set: {memory}")
    failures.check(single.get("cmd") == "/opt/bn-course/singleuser.sh" and single.get("uid") == 1000,
                   "values.yaml: the image's command and user (uid 1000)",
                   f"values.yaml: cmd {single.get('cmd')!r}, uid {single.get('uid')!r}: expected "
                   f"/opt/bn-course/singleuser.sh and 1000 as in the Dockerfile")


def main() -> int:
    failures = Failures("deploy")
    start = time.monotonic()
    for part in (check_image, check_values, check_binder_files, check_binder_build):
        try:
            part(failures)
        except Exception as e:  # noqa: BLE001 - reported, then the other parts run
            failures.check(False, "", f"{part.__name__}: {type(e).__name__}: {e}")
    if failures:
        log(f"FAILED: {len(failures)} check(s)")
        return 1
    log(f"deploy files checked in {time.monotonic() - start:.0f}s (the image itself is not built here: "
        f"no Docker daemon; see deploy/README.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
