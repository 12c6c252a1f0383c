#!/usr/bin/env python3
"""What the docs state that a test can check (run by './course test', stage 'tools').

- README.md and `./course help` name the same commands, and each has its cmd_ function in ./course.
- The worksheet tag the grader reads (NotebookExtractor) is the one marking/README.md, grader/README.md and the
  notebooks use.
- grader/README.md's list of the course library that student code may use matches the allowlist.
- The exercises are listed in one table only, exercises/README.md's (which solutions' ExerciseTableTest checks
  against the registry, bn.marking.Exercise, and the graded tests' points); tools read the registry through
  tools/exercise_registry.py, which must read every entry.
"""
import json
import os
import re
import subprocess
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import exercise_registry  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def help_commands() -> list:
    text = subprocess.run([str(ROOT / "course"), "help"], text=True, capture_output=True, check=True).stdout
    return re.findall(r"^  ([a-z][a-z-]*)", text, re.M)


class CommandsTest(unittest.TestCase):
    def test_readme_and_help_name_the_same_commands(self):
        in_help = set(help_commands())
        in_readme = set(re.findall(r"\./course ([a-z][a-z-]*)", (ROOT / "README.md").read_text()))
        self.assertEqual(in_help, in_readme, "README.md and ./course help disagree on the commands")

    def test_every_command_in_help_has_its_function(self):
        script = (ROOT / "course").read_text()
        for command in help_commands():
            self.assertIn(f"cmd_{command}()", script, command)

    def test_every_test_stage_is_in_help(self):
        script = (ROOT / "course").read_text()
        stages = re.search(r"local all_stages=\(([^)]*)\)", script).group(1).split()
        help_text = subprocess.run([str(ROOT / "course"), "help"], text=True, capture_output=True).stdout
        for stage in stages:
            self.assertIn(f"stage_{stage}()", script)
            self.assertRegex(help_text, rf"\b{stage} \(", f"stage {stage} is not described in ./course help")


class WorksheetTagTest(unittest.TestCase):
    def test_the_grader_reads_the_tag_the_docs_and_notebooks_use(self):
        source = (ROOT / "grader/src/main/java/bn/grader/submission/NotebookExtractor.java").read_text()
        prefix = re.search(r'EXERCISE_TAG_PREFIX = "([^"]+)"', source).group(1)
        self.assertEqual("exercise-", prefix)
        for doc in ("marking/README.md", "grader/README.md"):
            self.assertIn(f"`{prefix}N.M`", (ROOT / doc).read_text(), doc)
        tags = set()
        for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
            for cell in json.loads(nb.read_text())["cells"]:
                tags.update(t for t in cell.get("metadata", {}).get("tags", []) if t.startswith(prefix))
        self.assertEqual({e.tag for e in exercise_registry.exercises()}, tags,
                         "every exercise of the registry has worksheet cells with its tag, and every tag an exercise")
        for e in exercise_registry.exercises():
            self.assertTrue(e.tag.startswith(prefix), e)


class ExerciseRegistryTest(unittest.TestCase):
    def test_every_entry_of_the_registry_is_read(self):
        entries = exercise_registry.exercises()
        self.assertGreater(len(entries), 0)
        java = exercise_registry.REGISTRY.read_text()
        self.assertEqual(len(entries), len(re.findall(r"^    EX\w+\(", java, re.M)))
        for e in entries:
            self.assertRegex(e.number, r"^\d+\.\d+$")
            self.assertTrue(e.class_name.startswith("Ex" + e.number.replace(".", "_") + "_"), e)
            self.assertTrue((ROOT / "notebooks" / e.notebook).is_file(), e)

    def test_an_entry_the_reader_cannot_read_is_an_error(self):
        good = 'EX1_1("1.1", "Ex1_1_A", "t", "n.ipynb"),\n    EX1_2("1.2", "Ex1_2_B",\n      "u", "n.ipynb");'
        self.assertEqual(["1.1", "1.2"], [e.number for e in exercise_registry.parse("    " + good)])
        with self.assertRaisesRegex(ValueError, "EX1_2"):
            exercise_registry.parse('    EX1_1("1.1", "Ex1_1_A", "t", "n.ipynb"),\n'
                                    '    EX1_2("1.2", NAME, "u", "n.ipynb");')

    def test_the_stated_points_are_read(self):
        points = exercise_registry.stated_points()
        self.assertEqual(points["total"], points["visible"] + points["hidden"] + points["after_due_date"])


class ExerciseTablesTest(unittest.TestCase):
    ROW = re.compile(r"^\|\s*\d+\.\d+\s*\|", re.M)

    def test_only_exercises_readme_has_a_table_of_exercises(self):
        """One fact, one place: another table of exercises would go stale when one is added."""
        found = []
        for folder, dirs, files in os.walk(ROOT):
            skipped = {"target", "site", "node_modules", "_build"}
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in skipped]
            for name in files:
                md = Path(folder) / name
                if name.endswith(".md") and md != ROOT / "exercises/README.md" and \
                        self.ROW.search(md.read_text(encoding="utf-8", errors="replace")):
                    found.append(str(md.relative_to(ROOT)))
        self.assertEqual([], found, "tables of exercises outside exercises/README.md (link to it instead)")

    def test_the_row_pattern_finds_exercise_rows_only(self):
        self.assertTrue(self.ROW.search("| 4.1 | `Ex4_1` |"))
        self.assertFalse(self.ROW.search("| | 4.1 | 04_running_statistics |"))
        self.assertFalse(self.ROW.search("| 1b | [01b_why_bn_helps](x) |"))


class AllowlistDocTest(unittest.TestCase):
    def test_the_readme_names_exactly_the_course_packages_the_allowlist_allows(self):
        allowlist = (ROOT / "grader/src/main/resources/bn/grader/allowlist.txt").read_text()
        top = allowlist.split("\n[", 1)[0]  # the rules for every exercise, before the first [section]
        allowed = set(re.findall(r"^allow (bn\.\S+)", top, re.M))
        readme = (ROOT / "grader/README.md").read_text()
        bundled = re.search(r"Bundled: (.*?)Not allowed", readme, re.S).group(1)
        named = set(re.findall(r"`(bn\.[^`]+)`", bundled))
        self.assertEqual(allowed, named, "grader/README.md's 'Bundled:' list and the allowlist disagree")


if __name__ == "__main__":
    unittest.main()
