"""The points README.md states for the graded tests, '(N points: V visible, H hidden, A after the due date)', which the
graded tests must hold (check_release.py, check_gradescope.py)."""
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_points() -> dict:
    """{'total', 'visible', 'hidden', 'after_due_date'} as README.md states them."""
    m = re.search(r"(\d+) points: (\d+) visible, (\d+) hidden, (\d+) after the due date", README.read_text())
    if not m:
        raise AssertionError("README.md no longer states the points as '(N points: V visible, H hidden, A after the due date)'")
    total, visible, hidden, after = map(int, m.groups())
    return {"total": total, "visible": visible, "hidden": hidden, "after_due_date": after}
