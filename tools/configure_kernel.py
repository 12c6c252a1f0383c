#!/usr/bin/env python3
"""Point the 'java' kernelspec (installed by the jjava package into .venv) at the right JDK.

JJava's kernel.json starts the kernel with a bare "java", and its launcher starts the real
kernel with a bare "java" again, both looked up on PATH. When the JDK that ./course checked
(17+, with jshell) is not the first "java" on PATH, we write its absolute path into argv[0]
and put its bin/ folder first on the kernel's PATH (Jupyter expands ${PATH} in "env").

The display name becomes "Java", the one the notebooks store (see NOTEBOOK_KERNELSPEC).

JJAVA_JVM_OPTS holds the options of the kernel's JVM (the launcher splits it on whitespace):
headless AWT, so charts render to images without a display.

Usage: configure_kernel.py --java /abs/path/to/bin/java     (prints nothing when unchanged)
"""
import argparse
import json
import os
import shutil
import sys
from pathlib import Path

JVM_OPTS = "-Djava.awt.headless=true"
# The kernelspec the notebooks store (metadata.kernelspec). JupyterLab rewrites a notebook's stored kernelspec with
# the installed one's when it opens the notebook, so they must be equal, or opening marks the notebook modified
# (and autosave writes outputs into notebooks/). JJava installs "Java (jjava)": we name it "Java".
NOTEBOOK_KERNELSPEC = {"name": "java", "display_name": "Java", "language": "java"}
# The language_info the notebooks store. JJava reports its own when a notebook opens, with the running JDK's version
# ("17.0.15+6-Debian-1deb12u1"), which no stored value can match on every machine. JupyterLab takes it into the open
# notebook without marking it modified (tools/check_lab_browser.py checks that), so it reaches the file only when the
# learner saves; the git filter (tools/notebook_filter.py) puts this one back for git.
NOTEBOOK_LANGUAGE_INFO = {"name": "java"}


def kernel_dir() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java"


def configure(spec: dict, java: str) -> dict:
    spec = json.loads(json.dumps(spec))  # work on a copy
    on_path = shutil.which("java")
    same = on_path is not None and os.path.realpath(on_path) == os.path.realpath(java)
    env = dict(spec.get("env") or {})
    env["JJAVA_JVM_OPTS"] = JVM_OPTS
    if same:
        spec["argv"][0] = "java"
        env.pop("PATH", None)
    else:
        spec["argv"][0] = java
        env["PATH"] = os.path.dirname(java) + os.pathsep + "${PATH}"
    spec["env"] = env
    spec["display_name"] = NOTEBOOK_KERNELSPEC["display_name"]
    spec["language"] = NOTEBOOK_KERNELSPEC["language"]
    return spec


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--java", required=True, help="absolute path of the java executable to use")
    args = parser.parse_args()
    spec_file = kernel_dir() / "kernel.json"
    if not spec_file.is_file():
        print(f"[course] ERROR: no Java kernelspec at {spec_file} (jjava not installed?)", file=sys.stderr)
        return 1
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    if not spec.get("argv"):
        print(f"[course] ERROR: {spec_file} has no argv", file=sys.stderr)
        return 1
    new = configure(spec, args.java)
    if new != spec:
        spec_file.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
        print(f"[course] Java kernel configured: {new['argv'][0]}, JJAVA_JVM_OPTS={JVM_OPTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
