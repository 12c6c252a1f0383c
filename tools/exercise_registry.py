"""The course's exercises as the Python tools see them, read from the one registry, the Java enum
bn.marking.Exercise (marking/src/main/java/bn/marking/Exercise.java), and the points exercises/README.md states
(which solutions' ExerciseTableTest keeps equal to the graded tests' @Graded annotations).

    import exercise_registry
    [e.number for e in exercise_registry.exercises()]     # ['1.1', '1.2', ...]
    exercise_registry.stated_points()["visible"]          # 38.0
"""
import re
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "marking/src/main/java/bn/marking/Exercise.java"
TABLE = ROOT / "exercises/README.md"

# One enum constant: EX4_1("4.1", "Ex4_1_RunningStatistics", "title", "04_running_statistics.ipynb"), possibly wrapped.
_ENTRY = re.compile(r'^\s*(EX\w+)\(\s*"([^"]*)",\s*"([^"]*)",\s*"([^"]*)",\s*"([^"]*)"\s*\)\s*[,;]', re.M)
_CONSTANT = re.compile(r"^\s*(EX\w+)\(", re.M)
_TOTALS = re.compile(r"(\S+) points in all: (\S+) visible, (\S+) hidden, (\S+) after the due date")


class Exercise(NamedTuple):
    constant: str    # EX4_1
    number: str      # 4.1
    class_name: str  # Ex4_1_RunningStatistics
    title: str
    notebook: str    # 04_running_statistics.ipynb

    @property
    def tag(self) -> str:
        """The tag of the exercise's worksheet cell: exercise-4.1."""
        return f"exercise-{self.number}"


def parse(java: str) -> list:
    """The entries of Exercise.java's source, in order; a constant this cannot read is an error, not a gap."""
    entries = [Exercise(*m.groups()) for m in _ENTRY.finditer(java)]
    constants = _CONSTANT.findall(java)
    if [e.constant for e in entries] != constants or not entries:
        unread = sorted(set(constants) - {e.constant for e in entries})
        raise ValueError(f"{REGISTRY.relative_to(ROOT)}: cannot read the entries {unread or constants}: each must be "
                         'EXN_M("N.M", "ExN_M_Name", "title", "notebook.ipynb"), with string literals only')
    return entries


def exercises() -> list:
    """Every exercise of the registry, in its order."""
    return parse(REGISTRY.read_text(encoding="utf-8"))


def stated_points() -> dict:
    """The points exercises/README.md states under its table: total, visible, hidden, after_due_date."""
    text = TABLE.read_text(encoding="utf-8").replace("\n", " ")
    m = _TOTALS.search(text)
    if not m:
        raise AssertionError(f"{TABLE.relative_to(ROOT)} no longer states 'N points in all: V visible, H hidden, "
                             "A after the due date'")
    total, visible, hidden, after = map(float, m.groups())
    return {"total": total, "visible": visible, "hidden": hidden, "after_due_date": after}
