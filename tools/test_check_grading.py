"""Unit tests of tools/check_grading.py's verdicts (the grading stage itself runs the real grader)."""
import json
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_grading  # noqa: E402
import worksheet_model  # noqa: E402


def test(name, status, score, max_score, output=""):
    return {"name": name, "number": "1.1", "status": status, "score": score, "max_score": max_score, "output": output}


class CheckGradingTest(unittest.TestCase):
    def test_full_marks_for_the_solutions_is_no_problem(self):
        results = {"score": 3, "tests": [test("a", "passed", 1, 1), test("b", "passed", 2, 2)]}
        self.assertEqual([], check_grading.problems_with_solutions(results))

    def test_a_failing_solution_test_is_named(self):
        results = {"score": 1, "tests": [test("a", "passed", 1, 1), test("b", "failed", 0, 2, "boom")]}
        problems = check_grading.problems_with_solutions(results)
        self.assertTrue(any("1.1 b" in p and "boom" in p for p in problems), problems)

    def test_no_tests_at_all_is_a_problem(self):
        self.assertTrue(check_grading.problems_with_solutions({"score": 0, "tests": []}))
        self.assertTrue(check_grading.problems_with_exercises({"score": 0, "tests": []}))

    def test_a_stub_that_passes_or_fails_for_another_reason_is_named(self):
        results = {"score": 1, "tests": [test("a", "passed", 1, 1, ""),
                                         test("b", "failed", 0, 1, "NullPointerException")]}
        problems = check_grading.problems_with_exercises(results)
        self.assertTrue(any("passes 1.1 a" in p for p in problems), problems)
        self.assertTrue(any("1.1 b fails without saying" in p for p in problems), problems)
        self.assertTrue(any("score 1" in p for p in problems), problems)

    def test_an_exercise_of_the_registry_without_graded_tests_is_named(self):
        results = {"score": 1, "tests": [test("a", "passed", 1, 1)]}
        self.assertEqual([], check_grading.problems_with_coverage(results, ["1.1"]))
        problems = check_grading.problems_with_coverage(results, ["1.1", "7.2"])
        self.assertEqual(["exercise 7.2 of the registry has no graded test in the results"], problems)
        self.assertTrue(check_grading.problems_with_coverage(results, []))

    def test_stubs_that_all_say_not_implemented_are_fine(self):
        results = {"score": 0, "tests": [test("a", "failed", 0, 1, "Exercise 1.1 is not implemented yet. Hint: x")]}
        self.assertEqual([], check_grading.problems_with_exercises(results))


if __name__ == "__main__":
    unittest.main()


class WorksheetGradingTest(unittest.TestCase):
    def results(self, *tests):
        return {"score": 0, "tests": list(tests)}

    def test_a_solved_worksheet_must_pass_its_exercises_and_only_those(self):
        ok = self.results(test("a", "passed", 1, 1), dict(test("z", "failed", 0, 1), number="9.9"))
        self.assertEqual([], check_grading.problems_with_worksheet(ok, {"1.1"}, expect_pass=True))
        bad = self.results(test("a", "failed", 0, 1, "wrong axis"), dict(test("z", "passed", 1, 1), number="9.9"))
        problems = check_grading.problems_with_worksheet(bad, {"1.1"}, expect_pass=True)
        self.assertTrue(any("fails 1.1 a" in p for p in problems), problems)
        self.assertTrue(any("9.9 z" in p and "does not answer" in p for p in problems), problems)

    def test_a_shipped_worksheet_must_fail_with_not_implemented(self):
        shipped = self.results(test("a", "failed", 0, 1, "Exercise 1.1 is not implemented yet."))
        self.assertEqual([], check_grading.problems_with_worksheet(shipped, {"1.1"}, expect_pass=False))
        other = self.results(test("a", "failed", 0, 1, "compile error"))
        self.assertTrue(check_grading.problems_with_worksheet(other, {"1.1"}, expect_pass=False))

    def test_solving_fills_every_exercise_cell_with_the_reference_class_body(self):
        nb = json.loads(check_grading.WORKSHEET.read_text(encoding="utf-8"))
        filled, numbers = check_grading.solved(nb)
        self.assertEqual({"1.1", "1.2"}, numbers)
        for number, answer, _ in worksheet_model.worksheets(filled):
            self.assertNotIn("not implemented yet", "".join(filled["cells"][answer]["source"]))
