#!/usr/bin/env python3
"""Unit tests of the helpers ./course relies on (run by './course test', stage 'tools').

    .venv/bin/python -m unittest discover -s tools -p 'test_*.py'
"""
import io
import json
import os
import shutil
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbformat  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # noqa: E402

import check_notebooks_clean  # noqa: E402
import configure_kernel  # noqa: E402
import kernel_runner  # noqa: E402
import run_notebooks  # noqa: E402

JAVA_META = {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"},
             "language_info": {"name": "java"}}
FIRST = "%classpath target/kernel-classpath/*.jar"


def stderr(text):
    return new_output("stream", name="stderr", text=text)


class RunnerFindsErrors(unittest.TestCase):
    def notebook(self, *outputs_of_third_cell):
        nb = new_notebook(cells=[new_markdown_cell("# title"), new_code_cell(FIRST), new_code_cell("int a = 1;")],
                          metadata=JAVA_META)
        nb.cells[2].outputs = list(outputs_of_third_cell)
        return nb

    def test_an_error_output_names_code_cell_index_and_text(self):
        nb = self.notebook(new_output("error", ename="CompilationException",
                                      evalue="[snippet: [int a = 1 +;], status: REJECTED]",
                                      traceback=["\x1b[1m\x1b[31millegal start of expression\x1b[0m"]))
        problems = kernel_runner.cell_problems(nb, 2)
        self.assertEqual(1, len(problems))
        self.assertIn("code cell 2 (cell index 2)", problems[0])
        self.assertIn("CompilationException", problems[0])
        self.assertIn("illegal start of expression", problems[0])
        self.assertNotIn("\x1b", problems[0], "colour codes are stripped")

    def test_a_stack_trace_on_stderr_fails_even_when_split_in_chunks(self):
        nb = self.notebook(stderr("java.lang.IllegalArgumentException: cannot broadcast (2,) + (3,)\n"),
                           stderr("\tat bn.tensor.Tensor.plus(Tensor.java:185)\n"))
        problems = kernel_runner.cell_problems(nb, 2)
        self.assertEqual(1, len(problems))
        self.assertIn("Java exception on stderr", problems[0])
        self.assertIn("cannot broadcast", problems[0])

    def test_warnings_on_stderr_and_exceptions_on_stdout_pass(self):
        nb = self.notebook(
            stderr("'%jars' magic is deprecated and will be removed in the future versions of JJava.\n"),
            stderr("SLF4J: No SLF4J providers were found.\n"),
            new_output("stream", name="stdout", text="an IllegalArgumentException names the shapes\n"))
        self.assertEqual([], kernel_runner.cell_problems(nb, 2))

    def test_markdown_cells_have_no_problems(self):
        self.assertEqual([], kernel_runner.cell_problems(self.notebook(), 0))


class CleanCheck(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())

    def tearDown(self):
        shutil.rmtree(self.dir)

    def problems(self, nb):
        path = self.dir / "n.ipynb"
        nbformat.write(nb, path)
        return check_notebooks_clean.problems_in(path)

    def clean(self):
        return new_notebook(cells=[new_markdown_cell("# t"), new_code_cell(FIRST), new_code_cell("1 + 1")],
                            metadata=JAVA_META)

    def test_a_clean_notebook_passes(self):
        self.assertEqual([], self.problems(self.clean()))

    def test_outputs_and_execution_counts_fail(self):
        nb = self.clean()
        nb.cells[2].outputs = [new_output("execute_result", data={"text/plain": "2"}, execution_count=4)]
        nb.cells[2].execution_count = 4
        problems = self.problems(nb)
        self.assertEqual(2, len(problems))
        self.assertIn("code cell 2 (cell index 2) has 1 stored output(s)", problems[0])
        self.assertIn("execution_count 4", problems[1])

    def test_the_first_code_cell_must_load_the_classpath(self):
        nb = self.clean()
        nb.cells[1].source = "%jars ../lib/target/*.jar"
        self.assertIn("first code cell must be exactly", self.problems(nb)[0])

    def test_the_kernel_must_be_java(self):
        nb = self.clean()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        self.assertIn("metadata.kernelspec must be", self.problems(nb)[0])


class KernelSpec(unittest.TestCase):
    SPEC = {"argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar",
                     "{connection_file}"], "env": {}, "language": "java"}

    def test_the_java_on_path_stays_java_and_charts_are_headless(self):
        on_path = shutil.which("java")
        if on_path is None:
            self.skipTest("no java on PATH")
        spec = configure_kernel.configure(self.SPEC, os.path.realpath(on_path))
        self.assertEqual("java", spec["argv"][0])
        self.assertEqual({"JJAVA_JVM_OPTS": configure_kernel.JVM_OPTS}, spec["env"])
        self.assertIn("-Djava.awt.headless=true", configure_kernel.JVM_OPTS.split())

    def test_another_jdk_goes_into_argv_and_first_on_the_kernels_path(self):
        spec = configure_kernel.configure(self.SPEC, "/opt/jdk-21/bin/java")
        self.assertEqual("/opt/jdk-21/bin/java", spec["argv"][0])
        self.assertEqual("/opt/jdk-21/bin" + os.pathsep + "${PATH}", spec["env"]["PATH"])
        self.assertEqual(configure_kernel.JVM_OPTS, spec["env"]["JJAVA_JVM_OPTS"])
        self.assertEqual("java", self.SPEC["argv"][0], "the input spec is not modified")

    def test_the_kernels_language_info_is_asked_once_per_kernel_and_jdk(self):
        with tempfile.TemporaryDirectory() as tmp, mock.patch.object(configure_kernel.sys, "prefix", tmp):
            spec_file = Path(tmp) / "kernel.json"
            spec_file.write_text('{"argv": ["java"]}', encoding="utf-8")
            asked = []

            def ask():
                asked.append(1)
                return {"name": "Java", "version": f"17.0.{len(asked)}"}

            java = shutil.which("java") or "/usr/bin/java"
            self.assertTrue(configure_kernel.record_language_info(spec_file, java, ask))
            self.assertFalse(configure_kernel.record_language_info(spec_file, java, ask), "same kernel: not asked again")
            spec_file.write_text('{"argv": ["/opt/jdk-25/bin/java"]}', encoding="utf-8")
            self.assertTrue(configure_kernel.record_language_info(spec_file, java, ask), "another kernelspec: asked")
            record = json.loads(configure_kernel.language_info_file().read_text(encoding="utf-8"))
            self.assertEqual({"name": "Java", "version": "17.0.2"}, record["language_info"])
            configure_kernel.language_info_file().write_text("not json", encoding="utf-8")
            self.assertTrue(configure_kernel.record_language_info(spec_file, java, ask), "a broken record: asked")
            self.assertEqual(3, len(asked))

    def test_the_installed_kernelspec_is_configured(self):
        spec_file = configure_kernel.kernel_dir() / "kernel.json"
        if not spec_file.is_file():
            self.skipTest("run inside the project's .venv")
        spec = json.loads(spec_file.read_text(encoding="utf-8"))
        self.assertEqual(configure_kernel.JVM_OPTS, spec["env"]["JJAVA_JVM_OPTS"])
        self.assertEqual("java", spec["language"])


if __name__ == "__main__":
    unittest.main()


class KernelStartRetryTest(unittest.TestCase):
    """run_one retries a kernel that died before its first cell, and never a failure inside a cell."""

    def run_with(self, outcomes):
        calls = []

        def fake_attempt(path, timeout):
            calls.append(path)
            return outcomes[len(calls) - 1]

        original = run_notebooks.attempt_once
        run_notebooks.attempt_once = fake_attempt
        try:
            with redirect_stdout(io.StringIO()):
                result = run_notebooks.run_one("notebooks/x.ipynb", 5)
        finally:
            run_notebooks.attempt_once = original
        return result, len(calls)

    def test_a_kernel_that_could_not_start_is_started_again(self):
        nb = nbformat.v4.new_notebook()
        result, calls = self.run_with([(nb, ["could not run: Address already in use"], False), (nb, [], True)])
        self.assertTrue(result.ok)
        self.assertEqual(2, calls)

    def test_a_failing_cell_is_not_retried(self):
        nb = nbformat.v4.new_notebook()
        result, calls = self.run_with([(nb, ["code cell 3: boom"], True), (nb, [], True)])
        self.assertFalse(result.ok)
        self.assertEqual(1, calls)

    def test_it_gives_up_after_a_few_start_failures(self):
        nb = nbformat.v4.new_notebook()
        failure = (nb, ["could not run: Kernel didn't respond"], False)
        result, calls = self.run_with([failure] * kernel_runner.START_ATTEMPTS)
        self.assertFalse(result.ok)
        self.assertEqual(kernel_runner.START_ATTEMPTS, calls)
        self.assertIn("Kernel didn't respond", result.problems[0])


class NotebookFilter(unittest.TestCase):
    """tools/notebook_filter.py: what git sees of a notebook."""
    NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

    def test_outputs_counts_and_the_jdks_language_info_are_left_out(self):
        import notebook_filter
        stored = (self.NOTEBOOKS / "01_n_by_m.ipynb").read_text(encoding="utf-8")
        nb = json.loads(stored)
        code = next(c for c in nb["cells"] if c["cell_type"] == "code")
        code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hi"}]
        code["execution_count"] = 3
        code["metadata"]["execution"] = {"iopub.status.busy": "2026"}
        nb["metadata"]["language_info"] = {"name": "Java", "version": "21.0.2"}
        self.assertEqual(stored, notebook_filter.clean(json.dumps(nb, indent=2) + "\n"))

    def test_every_stored_notebook_passes_through_unchanged(self):
        import notebook_filter
        for path in sorted(self.NOTEBOOKS.glob("*.ipynb")):
            text = path.read_text(encoding="utf-8")
            self.assertEqual(text, notebook_filter.clean(text), f"{path.name}: not stored as Jupyter writes it")

    def test_anything_else_passes_through(self):
        import notebook_filter
        for text in ("", "not json", "[1, 2]", '{"a": 1}'):
            self.assertEqual(text, notebook_filter.clean(text))
