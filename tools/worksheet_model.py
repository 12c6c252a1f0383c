"""The worksheet convention, in one place: how a notebook's exercise cells are found and taken apart, and how they
mirror the exercise classes (checks/README.md tells it to learners and authors).

A worksheet is a code cell tagged `exercise-N.M` holding the learner's methods and ending with the statement
`Worksheet.checkN_M(...)`; in the older layout the call stood in the next code cell (worksheet_convention.py converts
it). The cell declares exactly the public methods of exercises/src/main/java/bn/exercises/ExN_M_*.java, each with the
generated stub's `throw` line; the reference solution's class body (what lies between the braces of
solutions/src/main/java/bn/exercises/ExN_M_*.java) is what answers it. Used by check_worksheets.py, check_grading.py
and worksheet_convention.py.
"""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises" / "src" / "main" / "java" / "bn" / "exercises"
SOLUTIONS = ROOT / "solutions" / "src" / "main" / "java" / "bn" / "exercises"

TAG = re.compile(r"^exercise-(\d+\.\d+)$")
# A check call anywhere in a cell, and the check statement on a line of its own (where the learner's part ends).
CHECK_CALL = re.compile(r"\bWorksheet\.check(\d+)_(\d+)\s*\(")
CHECK_LINE = re.compile(r"^[ \t]*Worksheet\.check(\d+)_(\d+)\s*\(", re.MULTILINE)
# A public method of an exercise class and the one statement of its generated (stub) body.
STUB_METHOD = re.compile(r"^\s*public\s+[\w\[\]<>, ]+?\s+(\w+)\s*\([^)]*\)\s*\{\s*\n\s*(throw new UnsupportedOperationException"
                         r"\(\"Exercise [^\n]*\);)\s*\n\s*\}", re.MULTILINE)
METHOD_SIGNATURE = re.compile(r"^\s*public\s+[\w\[\]<>, ]+?\s+(\w+)\s*\(([^)]*)\)\s*\{", re.MULTILINE)


def source(cell) -> str:
    """A cell's source as one string (notebooks store it as a string or a list of lines)."""
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def exercise_tag(cell):
    """The exercise number of a cell's `exercise-N.M` tag ('4.1'), or None."""
    tags = [TAG.match(t) for t in cell.get("metadata", {}).get("tags", [])]
    tags = [t for t in tags if t]
    return tags[0].group(1) if tags else None


def worksheets(nb) -> list:
    """[(number, answer cell index, check cell index)] in notebook order; raises on a malformed worksheet.

    The check cell is the answer cell itself when the cell ends with its check call (the convention); in the older
    layout it is the next code cell."""
    found = []
    cells = nb["cells"]
    for i, cell in enumerate(cells):
        number = exercise_tag(cell)
        if cell.get("cell_type") != "code" or number is None:
            continue
        check = i if CHECK_LINE.search(source(cell)) else \
            next((j for j in range(i + 1, len(cells)) if cells[j].get("cell_type") == "code"), None)
        if check is None or not CHECK_CALL.search(source(cells[check])):
            raise ValueError(f"the cell tagged exercise-{number} (cell index {i}) does not end with a call of"
                             f" Worksheet.check{number.replace('.', '_')}(...)")
        call = CHECK_CALL.search(source(cells[check]))
        if f"{call.group(1)}.{call.group(2)}" != number:
            raise ValueError(f"the cell tagged exercise-{number} (cell index {i}) is checked by"
                             f" Worksheet.check{call.group(1)}_{call.group(2)}")
        found.append((number, i, check))
    return found


def methods_part(cell_source: str) -> str:
    """The learner's part of an exercise cell: what stands before its check statement."""
    m = CHECK_LINE.search(cell_source)
    return cell_source[:m.start()] if m else cell_source


def check_part(cell_source: str) -> str:
    """The check statement at the end of an exercise cell, with the comment line just above it ('' if none)."""
    m = CHECK_LINE.search(cell_source)
    if not m:
        return ""
    before = cell_source[:m.start()].rstrip("\n").rsplit("\n", 1)
    lead = before[-1] + "\n" if before and before[-1].strip().startswith("//") else ""
    return lead + cell_source[m.start():]


def with_methods(cell_source: str, methods: str) -> str:
    """The exercise cell with its methods replaced, its check statement kept."""
    check = check_part(cell_source)
    return methods.rstrip() + ("\n\n" + check if check else "\n")


def exercise_number(path: Path) -> str:
    """'4.1' for Ex4_1_RunningStatistics.java."""
    m = re.match(r"Ex(\d+)_(\d+)_\w+\.java$", path.name)
    if not m:
        raise ValueError(f"{path.name} is not named ExN_M_Name.java")
    return f"{m.group(1)}.{m.group(2)}"


def exercise_file(folder: Path, number: str) -> Path:
    """The one ExN_M_*.java of exercise `number` in `folder` (EXERCISES or SOLUTIONS)."""
    major, minor = number.split(".")
    found = sorted(folder.glob(f"Ex{major}_{minor}_*.java"))
    if len(found) != 1:
        raise ValueError(f"expected one Ex{major}_{minor}_*.java in {folder}, found {[p.name for p in found]}")
    return found[0]


def class_body(java: str) -> str:
    """What lies between the class's opening brace and its last closing brace, Javadoc and all."""
    start = java.find("public class ")
    if start < 0:
        raise ValueError("no 'public class' in the file")
    return java[java.index("{", start) + 1: java.rindex("}")]


def signatures(java: str) -> list:
    """[(name, normalized parameter list)] of the public methods, in order."""
    return [(name, re.sub(r"\s+", " ", params.strip())) for name, params in METHOD_SIGNATURE.findall(java)]


def stub_methods(java: str) -> dict:
    """{method name: its generated 'throw ...;' line} of an exercise stub (or a worksheet cell as shipped)."""
    return {name: throw for name, throw in STUB_METHOD.findall(java)}


def solved_cell(cell_source: str, number: str) -> str:
    """An exercise cell answered with the reference solution's methods, its check statement kept."""
    solution = exercise_file(SOLUTIONS, number).read_text(encoding="utf-8")
    return with_methods(cell_source, class_body(solution))
