package bn.grader.submission;

import java.util.List;

/**
 * What a learner handed in: the Java sources found in it, or why it could not be read.
 *
 * @param name    the student (the folder or file name)
 * @param sources the sources to compile (student test files already left out)
 * @param problem why the submission could not be read at all, or null
 */
public record Submission(String name, List<SourceFile> sources, String problem) {
    public Submission {
        sources = List.copyOf(sources);
    }

    public static Submission unreadable(String name, String problem) {
        return new Submission(name, List.of(), problem);
    }
}
