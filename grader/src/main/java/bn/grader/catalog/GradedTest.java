package bn.grader.catalog;

import java.util.Set;

import bn.grading.Visibility;

/**
 * One {@code @Graded} test method, as read from the graded-tests jar's bytecode.
 *
 * @param className      the test class, dotted
 * @param methodName     the test method
 * @param displayName    its {@code @DisplayName}, or the method name
 * @param exercise       the exercise number, such as "4.1"
 * @param points         what the test is worth
 * @param visibility     when the learner sees the result (Gradescope's spelling is {@link Visibility#json()})
 * @param studentClasses the student classes (dotted, top level) the test's code uses, directly or through helpers
 */
public record GradedTest(String className, String methodName, String displayName, String exercise, double points,
                         Visibility visibility, Set<String> studentClasses) {
    /** How the grader and the child JVM name this test. */
    public String id() {
        return className + "#" + methodName;
    }
}
