package bn.exercises;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Looks for the hidden tests, the grading library, JUnit and the reference implementation from inside the process
 * that runs it, and tries to write a results.json outside its scratch folder; the answer is wrong.
 */
public final class Ex1_1_Mean {
    private Ex1_1_Mean() {
    }

    public static double mean(double[] x) {
        StringBuilder seen = new StringBuilder();
        for (String r : new String[] {"bn/exercises/FakeEx1_1Test.class", "bn/marking/Inputs.class",
                "org/junit/jupiter/api/Assertions.class", "bn/batchnorm/BatchNorm.class", "bn/grader/Grader.class"}) {
            seen.append(r).append(ClassLoader.getSystemResource(r) != null ? " FOUND" : " absent").append('\n');
        }
        Path scratch = Path.of(System.getProperty("user.dir"));
        for (Path target : new Path[] {scratch.resolve("../../escaped-results.json"), Path.of("/tmp/bn-grader-escaped-results.json")}) {
            try {
                Files.writeString(target, "{\"score\": 100.0, \"tests\": []}");
                seen.append("wrote ").append(target).append('\n');
            } catch (Exception e) {
                seen.append("could not write ").append(target).append('\n');
            }
        }
        System.out.print(seen);
        return 42;
    }
}
