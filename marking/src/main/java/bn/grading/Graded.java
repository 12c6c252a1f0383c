package bn.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JUnit test method as graded: which exercise it belongs to, what it is worth, and who sees its result.
 * The grader reads this from the compiled test classes itself; student code never reports a score.
 *
 * <pre>
 *   &#64;Test
 *   &#64;Graded(exercise = "4.1", points = 2, visibility = Visibility.VISIBLE)
 *   void pytorchMomentumWeighsTheNewBatch() { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Graded {
    /** The exercise number, such as "4.1"; Gradescope's test "number". */
    String exercise();

    /** The points this test is worth; an exercise's points are the sum over its tests (partial credit). */
    double points();

    Visibility visibility() default Visibility.VISIBLE;
}
