package bn.grader;

import java.nio.file.Path;
import java.util.List;

import bn.grader.allowlist.Allowlist;
import bn.grader.run.Limits;
import bn.grader.sandbox.Sandbox;

/**
 * Everything a {@link Grader} needs besides the submission.
 *
 * @param testsJar         the graded-tests jar (solutions/target/graded-tests.jar); read by the grader only
 * @param compileClasspath what student code is compiled against
 * @param allowlist        what student code may use
 * @param studentPackages  the packages of the student's classes (bn.exercises)
 * @param limits           time, memory and output limits
 * @param checkBytecode    false only to test the isolation that remains without the allowlist
 * @param workRoot         where per-submission folders and the children's scratch folders go; never the results path
 * @param sandbox          how every process that runs student code is started ({@code Sandboxes.choose})
 * @param testChildren     how many child processes run one submission's tests at once, each its share of the
 *                         exercises (1 when many submissions are graded at once, which keeps the cores busy already)
 */
public record GraderConfig(Path testsJar, List<Path> compileClasspath, Allowlist allowlist, List<String> studentPackages,
                           Limits limits, boolean checkBytecode, Path workRoot, Sandbox sandbox, int testChildren) {
    public GraderConfig {
        if (testChildren < 1 || testChildren > 8) {
            throw new IllegalArgumentException("test children must be 1 to 8, got " + testChildren);
        }
        compileClasspath = List.copyOf(compileClasspath);
        studentPackages = List.copyOf(studentPackages);
        workRoot = workRoot.toAbsolutePath().normalize();
    }

    public GraderConfig withLimits(Limits newLimits) {
        return new GraderConfig(testsJar, compileClasspath, allowlist, studentPackages, newLimits, checkBytecode, workRoot,
                sandbox, testChildren);
    }

    public GraderConfig withBytecodeCheck(boolean check) {
        return new GraderConfig(testsJar, compileClasspath, allowlist, studentPackages, limits, check, workRoot, sandbox,
                testChildren);
    }

    public GraderConfig withSandbox(Sandbox other) {
        return new GraderConfig(testsJar, compileClasspath, allowlist, studentPackages, limits, checkBytecode, workRoot,
                other, testChildren);
    }

    public GraderConfig withTestChildren(int children) {
        return new GraderConfig(testsJar, compileClasspath, allowlist, studentPackages, limits, checkBytecode, workRoot,
                sandbox, children);
    }
}
