package bn.grader.submission;

import java.util.List;
import java.util.Set;

/**
 * What a learner handed in: the Java sources found in it, or why it could not be read.
 *
 * @param name      the student (the folder or file name)
 * @param sources   the sources to compile (student test files, build output and duplicates already left out)
 * @param problem   why the submission could not be read at all, or null
 * @param notes     what the learner should know about how it was read (links refused, a file read as Latin-1, two
 *                  copies of one class, ...), in the order found
 * @param exercises the exercise numbers the submission holds when it is made of notebooks (only those are graded;
 *                  the others are "not in this notebook"), or null when every exercise is graded
 */
public record Submission(String name, List<SourceFile> sources, String problem, List<String> notes, Set<String> exercises) {
    public Submission {
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
        exercises = exercises == null ? null : Set.copyOf(exercises);
    }

    public Submission(String name, List<SourceFile> sources, String problem) {
        this(name, sources, problem, List.of(), null);
    }

    public static Submission unreadable(String name, String problem) {
        return new Submission(name, List.of(), problem);
    }

    /** Whether the submission holds this exercise (always true unless it is made of notebooks). */
    public boolean holds(String exercise) {
        return exercises == null || exercises.contains(exercise);
    }
}
