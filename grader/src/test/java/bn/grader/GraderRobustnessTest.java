package bn.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import bn.grader.catalog.GradedTest;
import bn.grader.report.Results;
import bn.grader.report.ResultsJson;
import bn.grader.run.TestOutcome;
import bn.grader.sandbox.Isolation;
import bn.grader.sandbox.Jail;
import bn.grader.sandbox.Sandbox;
import bn.grader.sandbox.Sandboxed;
import bn.grading.Visibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever goes wrong in the grader itself, a valid results.json comes out, bounded in size. */
class GraderRobustnessTest {
    @Test
    void anOutOfMemoryErrorInTheGraderStillGivesEveryTestAZeroAndTheReason() throws IOException {
        Sandbox exhausted = new Sandbox() {
            @Override
            public Isolation isolation() {
                return Isolation.PROCESS_GROUP;
            }

            @Override
            public Sandboxed start(Jail jail) {
                throw new OutOfMemoryError("simulated: no memory left to start a child");
            }
        };
        try (Grader grader = new Grader(FakeCourse.config().withSandbox(exhausted))) {
            Results r = grader.grade(FakeCourse.submission("good"));
            assertEquals(0.0, r.score());
            assertEquals(7, r.tests().size());
            assertTrue(r.output().contains("java.lang.OutOfMemoryError: simulated"), r.output());
            Path out = FakeCourse.work().resolve("robust/results.json");
            ResultsJson.write(r, out);
            assertEquals(0.0, ResultsJson.read(out).score());
        }
    }

    @Test
    void resultsStayBoundedAndPrintableWhateverTheTestsSay() {
        List<GradedTest> tests = new ArrayList<>();
        Map<String, TestOutcome> outcomes = new HashMap<>();
        String huge = "\u001b[31m".repeat(50_000) + "x".repeat(200_000);
        for (int i = 0; i < 300; i++) {
            GradedTest t = new GradedTest("bn.exercises.T", "m" + i, "m" + i, "1." + (i % 9 + 1), 1, Visibility.VISIBLE, Set.of());
            tests.add(t);
            outcomes.put(t.id(), new TestOutcome(t.id(), false, huge, huge));
        }
        Results r = Scoring.results(tests, Map.of(), outcomes, List.of(huge), java.util.Set.of(), "test isolation", 1.0);
        String json = ResultsJson.toJson(r);
        assertTrue(json.length() < 1_000_000, "results.json stays under a megabyte: " + json.length());
        assertTrue(r.tests().stream().allMatch(t -> t.output().indexOf('\u001b') < 0), "escapes are escaped");
        assertTrue(r.output().indexOf('\u001b') < 0);
    }
}
