"""Unit tests of tools/check_grading.py's verdicts (the grading stage itself runs the real grader)."""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_grading  # noqa: E402


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

    def test_stubs_that_all_say_not_implemented_are_fine(self):
        results = {"score": 0, "tests": [test("a", "failed", 0, 1, "Exercise 1.1 is not implemented yet. Hint: x")]}
        self.assertEqual([], check_grading.problems_with_exercises(results))


if __name__ == "__main__":
    unittest.main()
