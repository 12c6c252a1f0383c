#!/usr/bin/env python3
"""The student release as a learner and an instructor get it.

1. ./course release writes it; it is committed as a template repository would be and cloned fresh.
2. In the clone: ./course help offers lab, check and help only; ./course check grades the skeleton (0 points, exit 0),
   then, with the reference solutions' files copied in, every visible point; --classroom writes a runner result
   that matches tools/schemas/classroom-runner-result.schema.json and survives the workflow's base64 round trip.
3. actionlint lints the clone's .github/workflows/classroom.yml, which must be named "Autograding Tests".
4. ./course release on the checkout again changes nothing and keeps .git.
5. The clone's ./course lab serves the Java kernel (its own tools/check_lab.py, run from the clone).
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema

import exercise_registry  # the points exercises/README.md states
from stage_report import Failures

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tools/schemas/classroom-runner-result.schema.json").read_text())
SOLUTIONS = ROOT / "solutions/src/main/java/bn/exercises"
GIT = ["git", "-c", "user.name=course", "-c", "user.email=course@example.invalid", "-c", "init.defaultBranch=main"]


def run(cmd, cwd=None, check=True, env=None):
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed ({p.returncode}):\n{p.stdout[-3000:]}")
    return p


def visible_points() -> float:
    return exercise_registry.stated_points()["visible"]


def main() -> int:
    failures = Failures("release")
    tmp = Path(tempfile.mkdtemp(prefix="bn-release-"))
    try:
        release = tmp / "bn-course-student"
        run([ROOT / "course", "release", release])
        run(GIT + ["init", "-q"], cwd=release)
        run(GIT + ["add", "-A"], cwd=release)
        run(GIT + ["commit", "-qm", "release"], cwd=release)
        clone = tmp / "clone"
        run(["git", "clone", "-q", release, clone])
        print(f"[release] ok   written, committed and cloned ({sum(1 for _ in clone.rglob('*') if '.git' not in _.parts)} files)")

        helped = run([clone / "course", "help"], cwd=clone).stdout
        commands = re.findall(r"^  (\w[\w-]*)", helped, re.M)
        if commands != ["lab", "check", "help"]:
            failures.append(f"the student copy's ./course help offers {commands}, expected lab, check, help")
        refused = run([clone / "course", "test"], cwd=clone, check=False)
        if refused.returncode == 0 or "not to this student copy" not in refused.stdout:
            failures.append("the student copy's ./course test is not refused clearly")

        skeleton = run([clone / "course", "check", "--out", tmp / "skeleton.json"], cwd=clone)
        results = json.loads((tmp / "skeleton.json").read_text())
        maximum = sum(t["max_score"] for t in results["tests"])
        if results["score"] != 0 or maximum != visible_points():
            failures.append(f"skeleton: {results['score']} / {maximum}, expected 0 / {visible_points()}")
        if any(t["visibility"] != "visible" for t in results["tests"]):
            failures.append("the student copy's check runs tests that are not visible")
        print(f"[release] ok   ./course check on the skeleton: {results['score']:g} / {maximum:g}"
              if not failures else "[release] FAIL skeleton")
        if "Exercise 1.1:" not in skeleton.stdout:
            failures.append(f"./course check prints no per-exercise table:\n{skeleton.stdout[:500]}")

        for f in SOLUTIONS.glob("*.java"):
            shutil.copy(f, clone / "exercises/src/main/java/bn/exercises" / f.name)
        (clone / "exercises/src/main/java/bn/exercises/Scratch.java").write_text("this file does not compile")
        full = run([clone / "course", "check", "--out", tmp / "full.json", "--classroom", tmp / "classroom.json"],
                   cwd=clone)
        results = json.loads((tmp / "full.json").read_text())
        if results["score"] != visible_points():
            failures.append(f"with the solutions: {results['score']} points, expected {visible_points()}:\n{full.stdout[-2000:]}")
        else:
            print(f"[release] ok   ./course check with the reference solutions: {results['score']:g} / {visible_points():g}"
                  " (beside a file that does not compile)")

        payload = json.loads((tmp / "classroom.json").read_text())
        try:
            jsonschema.validate(payload, SCHEMA)
            encoded = base64.b64encode((tmp / "classroom.json").read_bytes()).decode()
            decoded = json.loads(base64.b64decode(encoded))
            scored = sum(t["score"] for t in decoded["tests"])
            if decoded["max_score"] != visible_points() or scored != visible_points() or decoded["status"] != "pass":
                failures.append(f"classroom payload: {scored} / {decoded['max_score']}, status {decoded['status']}")
            else:
                print(f"[release] ok   Classroom runner result: {len(decoded['tests'])} exercises, {scored:g} / "
                      f"{decoded['max_score']:g}, valid and base64-safe")
        except jsonschema.ValidationError as e:
            failures.append(f"the classroom payload does not match the runner result schema: {e.message}")

        workflow = clone / ".github/workflows/classroom.yml"
        if not re.search(r"^name: Autograding Tests$", workflow.read_text(), re.M):
            failures.append("the workflow is not named 'Autograding Tests' (GitHub Classroom looks for that name)")
        actionlint = Path(sys.executable).parent / "actionlint"
        lint = run([actionlint, "-no-color", workflow], cwd=clone, check=False) if actionlint.exists() else None
        if lint is None:
            print("[release] SKIP actionlint: not installed (./course builds it when Go is there)")
        elif lint.returncode != 0:
            failures.append(f"actionlint:\n{lint.stdout}")
        else:
            print("[release] ok   actionlint: .github/workflows/classroom.yml")

        again = run([ROOT / "course", "release", release]).stdout
        if "0 added, 0 changed, 0 removed" not in again or not (release / ".git/HEAD").is_file():
            failures.append(f"releasing again onto the checkout: {again.strip()[-500:]}")
        else:
            print("[release] ok   releasing again onto the checkout: nothing changed, .git kept")

        # The clone's first ./course lab creates its own .venv (pip's cache makes that a minute or two).
        lab = run([sys.executable, clone / "tools/check_lab.py"], cwd=clone, check=False,
                  env=dict(os.environ, CHECK_LAB_START_TIMEOUT="600"))
        if lab.returncode != 0:
            failures.append(f"./course lab in the clone:\n{lab.stdout[-3000:]}")
        else:
            print("[release] ok   ./course lab in the clone serves the Java kernel")
    except AssertionError as e:
        failures.append(str(e))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return failures.report()


if __name__ == "__main__":
    sys.exit(main())
