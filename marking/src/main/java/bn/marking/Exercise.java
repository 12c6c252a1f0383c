package bn.marking;

/**
 * The registry of the course's exercises, the one list everything else derives from: number, the class a learner
 * completes in package {@code bn.exercises}, a title, and the notebook that holds its worksheet. The grader maps a
 * worksheet cell or a test's {@code @Graded(exercise = ...)} to a class here; the course's tests iterate this list and
 * fail when an exercise's solution, generated stub, graded tests, worksheet entry point, worksheet cell or row in
 * exercises/README.md is missing or has no entry here (solutions/src/test/java/bn/course/ExerciseRegistryTest and
 * ExerciseTableTest). Adding an exercise: exercises/README.md, "Adding an exercise".
 */
public enum Exercise {
    EX1_1("1.1", "Ex1_1_BatchStatistics", "Per-feature mean and variance of an (n, m) batch", "01_n_by_m.ipynb"),
    EX1_2("1.2", "Ex1_2_NormalizeScaleShift", "Normalize, then scale and shift with (n, 1) gamma and beta",
            "01_n_by_m.ipynb"),
    EX2_1("2.1", "Ex2_1_RowLayout", "The same in the (N, D) layout", "02_rows_N_by_D.ipynb"),
    EX3_1("3.1", "Ex3_1_IdentityGammaBeta", "The gamma and beta that give the input back",
            "03_why_gamma_and_beta.ipynb"),
    EX4_1("4.1", "Ex4_1_RunningStatistics", "Running statistics under PyTorch and Keras, and inference",
            "04_running_statistics.ipynb"),
    EX5_1("5.1", "Ex5_1_Backward", "The backward pass: dx, dgamma, dbeta", "05_backprop.ipynb"),
    EX6_1("6.1", "Ex6_1_SpatialBatchNorm", "Spatial BN over (N, C, H, W) and (N, H, W, C)", "06_images_NCHW.ipynb"),
    EX6_2("6.2", "Ex6_2_ParameterCounts", "BN's parameter counts and the Keras model totals",
            "06_images_NCHW.ipynb"),
    EX7_1("7.1", "Ex7_1_GroupNorm", "Group Normalization's axes (stretch)", "07_training_and_other_norms.ipynb");

    private final String number;
    private final String className;
    private final String title;
    private final String notebook;

    Exercise(String number, String className, String title, String notebook) {
        this.number = number;
        this.className = className;
        this.title = title;
        this.notebook = notebook;
    }

    public String number() {
        return number;
    }

    /** The simple name of the class in {@code bn.exercises}, such as {@code Ex4_1_RunningStatistics}. */
    public String className() {
        return className;
    }

    public String title() {
        return title;
    }

    /** The notebook file under {@code notebooks/}. */
    public String notebook() {
        return notebook;
    }

    /** The worksheet's entry point in {@link Worksheet}, such as {@code check4_1} for exercise 4.1. */
    public String worksheetMethod() {
        return "check" + number.replace('.', '_');
    }

    /** The exercise with this number, such as "4.1". */
    public static Exercise byNumber(String number) {
        for (Exercise e : values()) {
            if (e.number.equals(number)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no exercise numbered '" + number + "'; the exercises are "
                + java.util.Arrays.stream(values()).map(Exercise::number).toList());
    }
}
