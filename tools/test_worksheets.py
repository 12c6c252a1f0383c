#!/usr/bin/env python3
"""Unit tests of tools/check_worksheets.py that need no kernel (run by './course test', stage 'tools').

The kernel half (every worksheet as shipped and with the solutions) is the stage 'worksheets'.
"""
import copy
import json
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_worksheets as cw  # noqa: E402
import exercise_registry  # noqa: E402
import worksheet_model as wm  # noqa: E402

STUB = '''package bn.exercises;

import bn.tensor.Tensor;

/** Doc. */
public class Ex9_9_Thing {

    /** One. */
    public Tensor one(Tensor x, double eps) {
        throw new UnsupportedOperationException("Exercise 9.9 is not implemented yet. Hint: a {b} c.");
    }

    public long[] two(int a) {
        throw new UnsupportedOperationException("Exercise 9.9 is not implemented yet. Hint: d.");
    }
}
'''


def code(src, tags=None):
    return {"cell_type": "code", "metadata": {"tags": tags} if tags else {}, "source": src, "outputs": [],
            "execution_count": None}


def stored_notebooks():
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(cw.NOTEBOOKS.glob("*.ipynb"))}


class Parsing(unittest.TestCase):
    def test_class_body_is_what_lies_between_the_class_braces(self):
        body = cw.class_body(STUB)
        self.assertTrue(body.lstrip().startswith("/** One. */"))
        self.assertTrue(body.rstrip().endswith("}"))
        self.assertNotIn("public class", body)
        self.assertEqual(cw.class_body("public class A { int f() { return 1; } }\n"), " int f() { return 1; } ")

    def test_stub_methods_and_signatures_are_read_in_order(self):
        self.assertEqual(list(cw.stub_methods(STUB)), ["one", "two"])
        self.assertTrue(cw.stub_methods(STUB)["two"].endswith('Hint: d.");'))
        self.assertEqual(cw.signatures(STUB), [("one", "Tensor x, double eps"), ("two", "int a")])

    def test_every_generated_exercise_has_stub_methods(self):
        files = sorted(cw.EXERCISES.glob("Ex*_*.java"))
        self.assertEqual(sorted(f.stem for f in files), sorted(e.class_name for e in exercise_registry.exercises()),
                         "the generated exercises are the registry's (bn.marking.Exercise)")
        for path in files:
            java = path.read_text(encoding="utf-8")
            methods = cw.stub_methods(java)
            self.assertEqual(list(methods), [name for name, _ in cw.signatures(java)], path.name)
            number = cw.exercise_number(path)
            for throw in methods.values():
                self.assertIn(f"Exercise {number} is not implemented yet", throw)

    def test_a_worksheet_is_a_tagged_cell_then_its_check_cell(self):
        nb = {"cells": [code("%classpath x"), code("int a;", ["exercise-1.1"]), {"cell_type": "markdown", "source": "m"},
                        code("Worksheet.check1_1(x -> mean(x), null);")]}
        self.assertEqual(cw.worksheets(nb), [("1.1", 1, 3)])
        nb["cells"][3] = code("Worksheet.check1_2(null, null, null);")
        with self.assertRaisesRegex(ValueError, "checked by Worksheet.check1_2"):
            cw.worksheets(nb)
        nb["cells"][3] = code("System.out.println(1);")
        with self.assertRaisesRegex(ValueError, "does not end with a call of Worksheet.check1_1"):
            cw.worksheets(nb)

    def test_a_worksheet_cell_ends_with_its_own_check(self):
        cell = "public int a() {\n    return 1;\n}\n\n// Run this cell.\nWorksheet.check1_1(x -> mean(x),\n    null);"
        nb = {"cells": [code("%classpath x"), code(cell, ["exercise-1.1"]), code("System.out.println(1);")]}
        self.assertEqual(cw.worksheets(nb), [("1.1", 1, 1)])
        self.assertEqual(wm.methods_part(cell), "public int a() {\n    return 1;\n}\n\n// Run this cell.\n")
        self.assertEqual(wm.check_part(cell), "// Run this cell.\nWorksheet.check1_1(x -> mean(x),\n    null);")
        replaced = cw.with_methods(cell, "public int b() { return 2; }")
        self.assertEqual(replaced, "public int b() { return 2; }\n\n// Run this cell.\nWorksheet.check1_1(x -> mean(x),\n    null);")
        self.assertIn('int broken = "not a number";', cw.broken("public int b() {\n return 2; }"))

    def test_the_convention_script_merges_a_check_cell_into_its_exercise_cell(self):
        import worksheet_convention
        nb = {"cells": [code("%classpath x"), code("public int a() { return 1; }", ["exercise-1.1"]),
                        code("Worksheet.check1_1(x -> mean(x), null);")]}
        self.assertEqual(worksheet_convention.convert(nb), ["1.1"])
        self.assertEqual(len(nb["cells"]), 2)
        self.assertEqual(cw.worksheets(nb), [("1.1", 1, 1)])
        self.assertEqual(worksheet_convention.convert(nb), [])   # already converted: unchanged


class NotStartedAndCompileErrors(unittest.TestCase):
    NOT_STARTED = ("Exercise 1.1: Per-feature mean\n  Not started yet: every method ... The 2 checks will verify:\n"
                   "  - mean(x) of a (4, 6) batch\n  - variance(x) of the same batch\nExercise 1.1: 0 of 2 checks passed.")

    def test_a_worksheet_not_started_lists_what_each_check_verifies(self):
        self.assertEqual(cw.not_started_problems("1.1", ["mean", "variance"], self.NOT_STARTED), [])
        failing = self.NOT_STARTED + "\n  FAIL 1.1 mean: Exercise 1.1 is not implemented yet."
        self.assertEqual(len(cw.not_started_problems("1.1", ["mean", "variance"], failing)), 1)
        self.assertEqual(len(cw.not_started_problems("1.1", ["mean", "variance", "other"], self.NOT_STARTED)), 2)

    def test_a_cell_that_did_not_compile_must_show_the_error_and_no_verdict(self):
        error = {"output_type": "error", "ename": "CompilationException", "evalue": "x", "traceback": []}
        self.assertEqual(cw.compile_error_problems("1.1", {"outputs": [error]}), [])
        graded = {"output_type": "stream", "name": "stdout", "text": "  PASS 1.1 mean: ok\n"}
        self.assertEqual(len(cw.compile_error_problems("1.1", {"outputs": [error, graded]})), 1)
        self.assertEqual(len(cw.compile_error_problems("1.1", {"outputs": []})), 1)


class Verdicts(unittest.TestCase):
    def test_solutions_must_pass_every_method_and_fail_none(self):
        good = "  PASS 1.1 mean: ok\n  PASS 1.1 variance: ok\n"
        self.assertEqual(cw.verdict_problems("1.1", ["mean", "variance"], good, expect_pass=True), [])
        half = "  PASS 1.1 mean: ok\n  FAIL 1.1 variance: divides by m - 1\n"
        problems = cw.verdict_problems("1.1", ["mean", "variance"], half, expect_pass=True)
        self.assertEqual(len(problems), 2, problems)
        self.assertTrue(any("FAIL 1.1 variance" in p for p in problems))
        self.assertEqual(len(cw.verdict_problems("1.1", ["mean", "variance"], "", expect_pass=True)), 2)


def worksheet_of(nb: dict, number: str) -> int:
    """The index of exercise NUMBER's worksheet cell (a notebook may hold other exercises too)."""
    return next(answer for n, answer, _ in cw.worksheets(nb) if n == number)


class TheStoredNotebooks(unittest.TestCase):
    def test_every_exercise_has_one_worksheet_with_the_stub_methods(self):
        self.assertEqual(cw.static_problems(stored_notebooks()), [])

    def test_a_changed_signature_or_a_missing_worksheet_is_reported(self):
        notebooks = stored_notebooks()
        changed = copy.deepcopy(notebooks)
        nb = changed["04_running_statistics.ipynb"]
        answer = worksheet_of(nb, "4.1")
        cell = nb["cells"][answer]
        cell["source"] = "".join(cell["source"]).replace("int m, double momentum", "double m, double momentum", 1)
        problems = cw.static_problems(changed)
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("exercise-4.1 declares", problems[0])

        untagged = copy.deepcopy(notebooks)
        nb = untagged["07_training_and_other_norms.ipynb"]
        answer = worksheet_of(nb, "7.1")
        nb["cells"][answer]["metadata"] = {}
        self.assertEqual(cw.static_problems(untagged), ["exercise 7.1 (Ex7_1_GroupNorm.java) has 0 worksheet(s) in the"
                                                        " notebooks []; expected exactly one"])


if __name__ == "__main__":
    unittest.main()
