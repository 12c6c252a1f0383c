package bn.grader.compile;

import java.time.Duration;
import java.util.Map;

import bn.grader.submission.SourceFile;

/**
 * One javac run's answer: javac's verdict (the classes made, by name, with the index of the file each came from and
 * its bytes; the errors, by file index; a message blaming no file), or how javac itself failed ({@link Crash}).
 */
record JavacRound(boolean success, Map<String, Integer> classes, Map<String, byte[]> bytes,
                  Map<Integer, String> errors, String general, Crash crash) {
    static JavacRound crashed(String what) {
        return new JavacRound(false, Map.of(), Map.of(), Map.of(), "", new Crash(what));
    }

    /** How javac itself failed ("timeout", "ended", or the error the child names), and what to tell the learner. */
    record Crash(String what) {
        String messageFor(SourceFile s, CompileLimits limits) {
            String why = switch (what) {
                case "timeout" -> "javac did not finish compiling it within " + seconds(limits.roundTime())
                        + " (the limit for one compile)";
                case "StackOverflowError" -> "javac ran out of stack compiling it (the code nests too deeply)";
                case "OutOfMemoryError", "ended" -> "javac ran out of memory compiling it (its limit is "
                        + limits.heapMb() + " MB)";
                default -> "javac failed on it (" + what + ")";
            };
            return s.fileName() + " could not be compiled: " + why + ", so it was set aside and the other files were "
                    + "compiled without it. Look for very deeply nested expressions or generics, or huge constants.";
        }

        private static String seconds(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
        }
    }
}
