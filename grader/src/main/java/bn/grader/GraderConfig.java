package bn.grader;

import java.nio.file.Path;
import java.util.List;

import bn.grader.check.Allowlist;
import bn.grader.run.Limits;

/**
 * Everything a {@link Grader} needs besides the submission.
 *
 * @param testsJar        the graded-tests jar (solutions/target/graded-tests.jar)
 * @param childClasspath  what the child JVM runs on besides the student's classes and the tests jar
 * @param compileClasspath what student code is compiled against
 * @param allowlist       what student code may use
 * @param studentPackages the packages of the student's classes (bn.exercises)
 * @param limits          time, memory and output limits
 * @param checkBytecode   false only to test the isolation that remains without the allowlist
 * @param workRoot        where per-submission scratch folders (and the child JVM's class-data archive) go
 * @param classDataSharing whether child JVMs share a class-data archive (made once per classpath) to start faster
 */
public record GraderConfig(Path testsJar, List<Path> childClasspath, List<Path> compileClasspath, Allowlist allowlist,
                           List<String> studentPackages, Limits limits, boolean checkBytecode, Path workRoot,
                           boolean classDataSharing) {
    public GraderConfig {
        childClasspath = List.copyOf(childClasspath);
        compileClasspath = List.copyOf(compileClasspath);
        studentPackages = List.copyOf(studentPackages);
    }

    public GraderConfig withLimits(Limits newLimits) {
        return new GraderConfig(testsJar, childClasspath, compileClasspath, allowlist, studentPackages, newLimits,
                checkBytecode, workRoot, classDataSharing);
    }

    public GraderConfig withBytecodeCheck(boolean check) {
        return new GraderConfig(testsJar, childClasspath, compileClasspath, allowlist, studentPackages, limits, check, workRoot,
                classDataSharing);
    }
}
