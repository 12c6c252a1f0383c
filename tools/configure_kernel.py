#!/usr/bin/env python3
"""Point the 'java' kernelspec (installed by the jjava package into .venv) at the right JDK.

JJava's kernel.json starts the kernel with a bare "java", and its launcher starts the real
kernel with a bare "java" again, both looked up on PATH. When the JDK that ./course checked
(17+, with jshell) is not the first "java" on PATH, we write its absolute path into argv[0]
and put its bin/ folder first on the kernel's PATH (Jupyter expands ${PATH} in "env").

The display name becomes "Java", the one the notebooks store (see NOTEBOOK_KERNELSPEC).

JJAVA_JVM_OPTS holds the options of the kernel's JVM (the launcher splits it on whitespace):
headless AWT, so charts render to images without a display; and the quick compiler only (C1) with the
serial collector. Every cell is compiled by javac inside the kernel, and in a notebook's short life the
optimizing compiler (C2) spends more CPU compiling javac and the lib than it saves: the course's notebooks
took about half the CPU time this way (tools/bench/kernel_options.py runs them side by side on kernels that
differ only in these options; figures in notebooks/README.md). The JMH benchmarks (benchmarks/) keep the full JIT.

It also records what the kernel says of its language (kernel_info's language_info: JJava puts the running JDK's
version there) in .venv/etc/jupyter/java_language_info.json, once per kernel and JDK: the lab's contents manager
(tools/jupyter_server_config.py) serves each notebook with that language_info, so JupyterLab, which takes the
kernel's language_info into a notebook it opens, finds nothing to change and does not mark the notebook modified.

Usage: configure_kernel.py --java /abs/path/to/bin/java     (prints nothing when unchanged)
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

JVM_OPTS = "-Djava.awt.headless=true -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# The kernelspec the notebooks store (metadata.kernelspec). JupyterLab rewrites a notebook's stored kernelspec with
# the installed one's when it opens the notebook, so they must be equal, or opening marks the notebook modified
# (and autosave writes outputs into notebooks/). JJava installs "Java (jjava)": we name it "Java".
NOTEBOOK_KERNELSPEC = {"name": "java", "display_name": "Java", "language": "java"}
# The language_info the notebooks store. JJava reports its own when a notebook opens, with the running JDK's version
# ("17.0.15+6-Debian-1deb12u1"), which no stored value can match on every machine. JupyterLab takes it into the open
# notebook, which (depending on whether the kernel answers before or after the notebook has loaded) can mark it
# modified; so the lab serves each notebook with the kernel's own (record_language_info, below), and the git filter
# (tools/notebook_filter.py) puts this stored one back for git when a learner saves.
NOTEBOOK_LANGUAGE_INFO = {"name": "java"}


def kernel_dir() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java"


def language_info_file() -> Path:
    """Where the installed kernel's own language_info is recorded (read by tools/jupyter_server_config.py)."""
    return Path(sys.prefix) / "etc" / "jupyter" / "java_language_info.json"


def kernel_identity(spec_file: Path, java: str) -> str:
    """Changes when the kernelspec or the JDK changes: the recorded language_info then has to be asked for again."""
    digest = hashlib.sha256(spec_file.read_bytes())
    real = os.path.realpath(java)
    digest.update(real.encode())
    release = Path(real).parent.parent / "release"   # JAVA_HOME/release names the exact JDK build
    if release.is_file():
        digest.update(release.read_bytes())
    return digest.hexdigest()


def ask_language_info(timeout_s: float = 60) -> dict:
    """Starts the installed Java kernel once and returns the language_info of its kernel_info reply."""
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="java", startup_timeout=timeout_s)
    try:
        return kc.kernel_info(reply=True, timeout=timeout_s)["content"]["language_info"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def record_language_info(spec_file: Path, java: str, ask=ask_language_info) -> bool:
    """Records the kernel's language_info unless the record is for this very kernel and JDK; True if it asked."""
    target = language_info_file()
    identity = kernel_identity(spec_file, java)
    try:
        if json.loads(target.read_text(encoding="utf-8")).get("kernel") == identity:
            return False
    except (OSError, ValueError, AttributeError):
        pass
    info = ask()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"kernel": identity, "language_info": info}, indent=1) + "\n", encoding="utf-8")
    return True


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
    try:
        if record_language_info(spec_file, args.java):
            print(f"[course] Java kernel's language_info recorded ({language_info_file().name}), so that opening a"
                  " notebook does not mark it modified")
    except Exception as e:   # not fatal: without the record, opening a notebook may mark it modified
        print(f"[course] WARNING: could not ask the Java kernel for its language_info ({e}); JupyterLab may mark"
              " notebooks modified when it opens them", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
