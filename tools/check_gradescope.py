#!/usr/bin/env python3
"""Runs the real Gradescope autograder zip the way Gradescope does, in a temporary AUTOGRADER_ROOT.

Builds the zip (./course gradescope), unpacks it into AUTOGRADER_ROOT/source (setup.sh and run_autograder must be at
its root), runs setup.sh once, copies run_autograder to AUTOGRADER_ROOT/run_autograder, then grades one submission
per way students hand work in: an extracted exercises/ folder, loose .java files, a .zip, a single worksheet .ipynb,
a whole student repository (the student release) and an empty submission. Every results.json is validated against
tools/schemas/gradescope-results.schema.json, and the points per visibility are checked against exercises/README.md.

The grader runs as the current user here (BN_GRADER_USER="", as on Gradescope, where it runs as root and sandboxes
student code itself), and once more, when this runs as root, as the unprivileged user 'nobody' through
run_autograder's own runuser path (an instructor's choice that gives up fresh user ids for student code).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import jsonschema

import exercise_registry  # the points exercises/README.md states
from stage_report import Failures

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tools/schemas/gradescope-results.schema.json").read_text())
SOLUTIONS = ROOT / "solutions/src/main/java/bn/exercises"
PACKAGE_DIR = "src/main/java/bn/exercises"


def unzip_keeping_modes(zip_path: Path, dest: Path) -> None:
    with zipfile.ZipFile(zip_path) as z:
        for info in z.infolist():
            target = z.extract(info, dest)
            mode = info.external_attr >> 16
            if mode and not info.is_dir():
                os.chmod(target, mode & 0o777)


def copy_solutions(into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    for f in SOLUTIONS.glob("*.java"):
        shutil.copy(f, into / f.name)


def case_exercises_folder(sub: Path, tmp: Path) -> None:
    copy_solutions(sub / "exercises" / PACKAGE_DIR)


def case_loose_files(sub: Path, tmp: Path) -> None:
    copy_solutions(sub)


def case_zip(sub: Path, tmp: Path) -> None:
    with zipfile.ZipFile(sub / "exercises.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(SOLUTIONS.glob("*.java")):
            z.write(f, f"exercises/{PACKAGE_DIR}/{f.name}")


def case_notebook(sub: Path, tmp: Path) -> None:
    """A worksheet notebook holding exercise 1.1 only, answered with a whole class in its tagged cell."""
    source = (SOLUTIONS / "Ex1_1_BatchStatistics.java").read_text()
    notebook = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Exercise 1.1\n"]},
        {"cell_type": "code", "metadata": {"tags": ["exercise-1.1"]}, "execution_count": None, "outputs": [],
         "source": source.splitlines(keepends=True)}],
        "metadata": {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}},
        "nbformat": 4, "nbformat_minor": 5}
    (sub / "01_n_by_m.ipynb").write_text(json.dumps(notebook))


def case_repository(sub: Path, tmp: Path) -> None:
    release = tmp / "student-repo"
    if not release.exists():
        subprocess.run([str(ROOT / "tools/exercises/release.sh"), str(release)], check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(release, sub / "bn-course-student")
    copy_solutions(sub / "bn-course-student" / "exercises" / PACKAGE_DIR)


def case_empty(sub: Path, tmp: Path) -> None:
    pass


def visibility_points(results: dict) -> dict:
    points = {}
    for t in results["tests"]:
        points[t["visibility"]] = points.get(t["visibility"], 0) + t["max_score"]
    return points


def main() -> int:
    failures = Failures("gradescope")
    tmp = Path(tempfile.mkdtemp(prefix="bn-gradescope-"))
    try:
        zip_path = tmp / "autograder.zip"
        subprocess.run([str(ROOT / "course"), "gradescope", str(zip_path)], check=True)
        ag = tmp / "autograder"
        source = ag / "source"
        unzip_keeping_modes(zip_path, source)
        for name in ("setup.sh", "run_autograder"):
            if not os.access(source / name, os.X_OK):
                failures.append(f"the zip has no executable {name} at its root")
        if (source / "source").exists():
            failures.append("the zip nests the course in source/: Gradescope would find it in /autograder/source/source")
        env = dict(os.environ, AUTOGRADER_ROOT=str(ag), BN_GRADER_USER="")
        subprocess.run([str(source / "setup.sh")], check=True, env=env, stdout=subprocess.DEVNULL)
        shutil.copy(source / "run_autograder", ag / "run_autograder")

        cases = [
            ("exercises/ folder", case_exercises_folder, "full"),
            ("loose .java files", case_loose_files, "full"),
            (".zip", case_zip, "full"),
            ("single .ipynb", case_notebook, "notebook"),
            ("whole student repository", case_repository, "full"),
            ("empty submission", case_empty, "zero"),
        ]
        if os.geteuid() == 0:
            cases.append(("exercises/ folder, graded as the unprivileged user nobody", case_exercises_folder, "full"))
            os.chmod(tmp, 0o755)
        for name, fill, expect in cases:
            if "nobody" in name:
                env = dict(env, BN_GRADER_USER="nobody")
                # As setup.sh does when BN_GRADER_USER names a user: the graded tests become readable by it.
                subprocess.run(["chmod", "-R", "a+rX", str(ag / "source" / "solutions")], check=True)
            shutil.rmtree(ag / "submission", ignore_errors=True)
            shutil.rmtree(ag / "results", ignore_errors=True)
            (ag / "submission").mkdir()
            fill(ag / "submission", tmp)
            subprocess.run([str(ag / "run_autograder")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=300)
            results_path = ag / "results/results.json"
            if not results_path.is_file():
                failures.append(f"{name}: no results.json")
                continue
            results = json.loads(results_path.read_text())
            try:
                jsonschema.validate(results, SCHEMA)
            except jsonschema.ValidationError as e:
                failures.append(f"{name}: results.json does not match Gradescope's schema: {e.message}")
                continue
            total = sum(t["max_score"] for t in results["tests"])
            score = results["score"]
            output = results.get("output", "")
            ok = True
            if expect == "full":
                ok = score == total and total > 0 and "Did not compile" not in output
                points = visibility_points(results)
                stated = exercise_registry.stated_points()
                got = {"total": total, "visible": points.get("visible", 0), "hidden": points.get("hidden", 0),
                       "after_due_date": points.get("after_due_date", 0)}
                if got != stated:
                    failures.append(f"exercises/README.md states the points as {stated}, the graded tests hold {got}")
            elif expect == "zero":
                ok = score == 0 and len(results["tests"]) > 0 and "no Java source" in output
            elif expect == "notebook":
                ex11 = [t for t in results["tests"] if t["number"] == "1.1"]
                others = [t for t in results["tests"] if t["number"] != "1.1"]
                ok = (all(t["status"] == "passed" for t in ex11) and score == sum(t["max_score"] for t in ex11)
                      and all(t["output"] == "Not in this notebook." for t in others)
                      and output.count("Not in this notebook") == 1)
            print(f"[gradescope] {'ok  ' if ok else 'FAIL'} {name}: {score:g} / {total:g}")
            if not ok:
                failures.append(f"{name}: {score:g} / {total:g}, expected {expect}; output: {output[:800]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return failures.report()


if __name__ == "__main__":
    sys.exit(main())
