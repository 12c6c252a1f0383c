#!/usr/bin/env python3
"""Run the Java example of README.md in jshell, so the README never shows code that does not compile.

Takes the first ```java block of README.md, runs it with jshell on the notebooks' classpath
(notebooks/target/kernel-classpath/*.jar, the same jars the kernel loads) and fails when jshell
reports an error or an exception. jshell is taken from JAVA_HOME (./course exports it).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```java\n(.*?)```", re.DOTALL)
# jshell reports a rejected snippet as "Error:" and an uncaught throw as "Exception java.lang...",
# with a "|  " prefix in its interactive feedback modes.
TROUBLE = re.compile(r"^(?:\|\s+)?(?:Error:|Exception\b|Caused by\b)", re.MULTILINE)


def main() -> int:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = BLOCK.search(readme)
    if not match:
        print("[readme] FAIL README.md has no ```java block")
        return 1
    jars = sorted((ROOT / "notebooks" / "target" / "kernel-classpath").glob("*.jar"))
    if not jars:
        print("[readme] FAIL no jars in notebooks/target/kernel-classpath/ (build first)")
        return 1
    home = os.environ.get("JAVA_HOME")
    jshell = str(Path(home) / "bin" / "jshell") if home else shutil.which("jshell")
    with tempfile.NamedTemporaryFile("w", suffix=".jsh", delete=False) as f:
        f.write(match.group(1) + "\n/exit\n")
        script = f.name
    try:
        run = subprocess.run([jshell, "--class-path", os.pathsep.join(map(str, jars)),
                              "-R-Djava.awt.headless=true", script],
                             capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    finally:
        os.unlink(script)
    output = run.stdout + run.stderr
    if run.returncode != 0 or TROUBLE.search(output):
        print("[readme] FAIL the Java example in README.md does not run in jshell:")
        print(output)
        return 1
    lines = match.group(1).count("\n")
    print(f"[readme] the {lines}-line Java example in README.md runs in jshell")
    return 0


if __name__ == "__main__":
    sys.exit(main())
