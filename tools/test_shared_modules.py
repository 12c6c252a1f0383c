"""Unit tests of the modules the tools share (run by './course test', stage 'tools'): the worker pool, the stage
report, the README's points, the worksheet model and the Jupyter helpers that need no server."""
import argparse
import io
import socket
import sys
import unittest
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jupyter_api  # noqa: E402
import stage_report  # noqa: E402
import worker_pool  # noqa: E402
import worksheet_model  # noqa: E402


def square_or_fail(path: str, power: int) -> int:
    """A job for the pool: fails for the path 'boom'."""
    if path == "boom":
        raise ValueError("boom")
    return len(path) ** power


class WorkerPoolTest(unittest.TestCase):
    def test_every_job_is_reported_once_and_a_crash_is_named(self):
        found = {str(p): (result, crash) for p, result, crash in
                 worker_pool.each_finished(square_or_fail, ["ab", "boom", "abc"], 2, workers=2)}
        self.assertEqual(found["ab"], (4, None))
        self.assertEqual(found["abc"], (9, None))
        self.assertIsNone(found["boom"][0])
        self.assertIn("runner crashed: ValueError('boom')", found["boom"][1])

    def test_no_job_starts_no_pool(self):
        self.assertEqual(list(worker_pool.each_finished(square_or_fail, [], 2, workers=2)), [])

    def test_options_workers_and_totals(self):
        parser = argparse.ArgumentParser()
        worker_pool.add_options(parser)
        args = parser.parse_args(["--workers", "3", "--timeout", "9"])
        self.assertEqual((args.workers, args.timeout), (3, 9))
        self.assertEqual(worker_pool.workers_for(3, 1), 1)
        self.assertEqual(worker_pool.workers_for(0, 5), 1)
        self.assertEqual(worker_pool.totals(7, 0), "7 passed, 0 failed")


class StageReportTest(unittest.TestCase):
    def test_checks_say_ok_or_fail_and_the_report_lists_the_failures(self):
        failures = stage_report.Failures("x")
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            self.assertTrue(failures.check(True, "good", "bad"))
            self.assertFalse(failures.check(False, "good", "bad"))
            failures.append("later")
            code = failures.report()
        self.assertEqual(out.getvalue(), "[x] ok   good\n[x] FAIL bad\n")
        self.assertEqual(err.getvalue(), "[x] FAIL bad\n[x] FAIL later\n")
        self.assertEqual(code, 1)
        self.assertEqual(stage_report.Failures("y").report(), 0)


class WorksheetModelTest(unittest.TestCase):
    def test_a_cell_answered_with_the_solution_keeps_its_check(self):
        number = worksheet_model.exercise_number(sorted(worksheet_model.EXERCISES.glob("Ex*_*.java"))[0])
        cell = "public double f() {\n    throw new UnsupportedOperationException();\n}\n\n// Run this cell.\n" \
               f"Worksheet.check{number.replace('.', '_')}(this::f);"
        solved = worksheet_model.solved_cell(cell, number)
        self.assertTrue(solved.endswith(worksheet_model.check_part(cell)))
        self.assertNotIn("UnsupportedOperationException();", worksheet_model.methods_part(solved))

    def test_the_tag_names_the_exercise(self):
        self.assertEqual(worksheet_model.exercise_tag({"metadata": {"tags": ["x", "exercise-4.1"]}}), "4.1")
        self.assertIsNone(worksheet_model.exercise_tag({"metadata": {"tags": ["exercise-4"]}}))


class JupyterApiTest(unittest.TestCase):
    def test_a_free_port_can_be_bound(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", jupyter_api.free_port()))

    def test_the_lab_ready_line_gives_the_url(self):
        m = jupyter_api.LAB_READY.search("\n[course] JupyterLab is ready: http://127.0.0.1:8888/lab?token=abc\n")
        self.assertEqual(m.group(1), "http://127.0.0.1:8888/lab?token=abc")


if __name__ == "__main__":
    unittest.main()
