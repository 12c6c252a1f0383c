"""Executing notebooks on the course's Java kernel, headless (shared by run_notebooks.py and check_worksheets.py).

    from kernel_runner import kernel_session, cell_problems

`kernel_session(nb, timeout, log_name)` starts a fresh 'java' kernel of this environment (.venv) whose working
directory is notebooks/ (so the first cell's '%classpath target/kernel-classpath/*.jar' resolves), with its output in
target/course-logs/kernels/LOG_NAME.log, and yields the nbclient client to execute cells with. `cell_problems` reads
a cell's outputs the way every check does: an 'error' output, or a Java exception or stack trace on stderr.
`with_start_retries` starts a kernel again when it died before its first cell (a port taken in between).
"""
import contextlib
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TARGET = ROOT / "target"
KERNEL_LOGS = TARGET / "course-logs" / "kernels"
KERNEL_CLASSPATH = NOTEBOOKS / "target" / "kernel-classpath"

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# A Java exception on stderr: "java.lang.IllegalStateException: boom", "Exception in thread ...",
# or a stack frame "\tat bn.tensor.Tensor.plus(Tensor.java:12)". Plain warnings do not match.
JAVA_TROUBLE = re.compile(
    r"^\s*(Exception in thread\b"
    r"|(?:[A-Za-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b"
    r"|at [\w$.<>/]+\(.*(?:\.java:\d+|Native Method|Unknown Source)\))",
    re.MULTILINE,
)

# A kernel that dies before its first cell is retried with fresh ports: jupyter_client picks free ports and the
# kernel binds them a moment later, so on a busy machine another process can take one in between ("Address already
# in use"). A failure inside a cell is never retried.
START_ATTEMPTS = 3


def use_own_kernelspec() -> None:
    """Makes jupyter find the 'java' kernelspec of this environment (.venv) first, even when a user-wide 'java'
    kernel exists: its share/jupyter goes in front of JUPYTER_PATH."""
    own = str(Path(sys.prefix) / "share" / "jupyter")
    if os.environ.get("JUPYTER_PATH", "").split(os.pathsep)[0] != own:
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (own, os.environ.get("JUPYTER_PATH")) if p)


def code_cell_number(nb, index: int) -> int:
    """1-based position of cell `index` among the notebook's code cells."""
    return sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")


def indent(text: str, limit: int = 40) -> str:
    lines = text.splitlines()
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join("      " + line for line in lines)


def cell_problems(nb, index: int) -> list:
    """Error texts found in the outputs of cell `index`."""
    cell = nb.cells[index]
    if cell.cell_type != "code":
        return []
    where = f"code cell {code_cell_number(nb, index)} (cell index {index})"
    first_line = next((line for line in cell.source.splitlines() if line.strip()), "").strip()
    problems = []
    stderr = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            trace = ANSI.sub("", "\n".join(out.get("traceback", []))).strip()
            text = f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"
            if trace:
                text += "\n" + trace
            problems.append(f"{where}, `{first_line[:70]}`:\n{indent(text)}")
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            stderr.append(out.get("text", ""))
    err_text = ANSI.sub("", "".join(stderr))
    if JAVA_TROUBLE.search(err_text):
        problems.append(f"{where}, `{first_line[:70]}`: Java exception on stderr:\n{indent(err_text.strip())}")
    return problems


def with_start_retries(attempt, name: str, label: str = "notebooks"):
    """Calls attempt() -> (..., problems, whether any cell ran) again while its kernel died before the first cell,
    at most START_ATTEMPTS times in all, and returns the last result."""
    for n in range(1, START_ATTEMPTS + 1):
        result = attempt()
        problems, started = result[-2], result[-1]
        if started or not problems:
            break
        if n < START_ATTEMPTS:
            print(f"[{label}] {name}: the kernel did not start ({problems[0][:120]}); trying again", flush=True)
    return result


def kernel_log_path(log_name: str) -> str:
    """Where a kernel's output goes, relative to the course root (for messages)."""
    return f"{KERNEL_LOGS.relative_to(ROOT)}/{log_name}.log"


@contextlib.contextmanager
def kernel_session(nb, timeout: int, log_name: str, **client_options):
    """A fresh 'java' kernel for `nb`, cwd notebooks/, each cell allowed `timeout` seconds; yields the nbclient
    NotebookClient (execute cells with client.execute_cell(cell, index)). Errors stay in the outputs
    (allow_errors): the caller reads them with cell_problems."""
    from nbclient import NotebookClient

    use_own_kernelspec()
    client = NotebookClient(
        nb,
        kernel_name="java",  # always the real Java kernel, whatever the file says
        timeout=timeout,
        allow_errors=True,  # the caller inspects every cell's outputs
        resources={"metadata": {"path": str(NOTEBOOKS)}},  # kernel cwd = notebooks/
        **client_options,
    )
    KERNEL_LOGS.mkdir(parents=True, exist_ok=True)
    with open(KERNEL_LOGS / f"{log_name}.log", "w", encoding="utf-8") as kernel_log:
        with client.setup_kernel(stderr=kernel_log, stdout=kernel_log):
            yield client

