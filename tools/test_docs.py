#!/usr/bin/env python3
"""What the docs state that a test can check (run by './course test', stage 'tools').

- README.md and `./course help` name the same commands, and each has its cmd_ function in ./course.
- The worksheet tag the grader reads (NotebookExtractor) is the one marking/README.md, grader/README.md and the
  notebooks use.
- grader/README.md's list of the course library that student code may use matches the allowlist.
The point totals README.md states are checked against the graded tests by stage 'gradescope'.
"""
import json
import re
import subprocess
import unittest
from pathlib import Path

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
        exercises = set(re.findall(r'EX\d+_\d+\("(\d+\.\d+)"',
                                   (ROOT / "marking/src/main/java/bn/marking/Exercise.java").read_text()))
        self.assertEqual({prefix + e for e in exercises}, tags, "every exercise has worksheet cells with its tag")


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
