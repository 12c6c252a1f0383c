package bn.grader.compile;

import java.nio.file.Path;
import java.util.Map;

/**
 * What javac made of a submission.
 *
 * @param classesDir where the class files are
 * @param classes    each compiled class (dotted) and the source path it came from
 * @param failures   each source path that did not compile, with javac's messages
 * @param declared   each source path that did not compile, with the top-level class it was meant to declare (dotted)
 */
public record CompileResult(Path classesDir, Map<String, String> classes, Map<String, String> failures,
                            Map<String, String> declared) {
}
