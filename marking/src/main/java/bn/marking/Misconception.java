package bn.marking;

/**
 * The known wrong turns a learner takes with Batch Normalization. A check recognises one by computing the wrong
 * variant itself and finding the learner's answer equal to it; the verdict then names the mistake and the notebook
 * section that explains it.
 */
public enum Misconception {
    WRONG_AXIS("statistics over the wrong axis",
            "BN keeps the features apart and averages each one over the examples of the mini-batch; reducing over"
                    + " the features of each example instead mixes units that have nothing to do with each other",
            "01_n_by_m.ipynb", "Each unit gets its own mean and variance"),
    SCALAR_GAMMA_BETA("one gamma and one beta for the whole layer",
            "gamma and beta hold one value per feature, because the units of a layer can need very different"
                    + " scales and shifts; a single pair cannot give every unit its input back",
            "03_why_gamma_and_beta.ipynb", "One scalar per layer is not enough"),
    UNBIASED_VARIANCE("the unbiased variance (divide by m - 1) inside the normalization",
            "Algorithm 1 normalizes with the biased mini-batch variance, the mean of the squared deviations"
                    + " (divide by m); m / (m - 1) belongs only to the population estimate used at inference",
            "01_n_by_m.ipynb", "Divide by m, not m - 1"),
    MISSING_EPS("eps left out",
            "the paper adds eps to the variance before the square root, sqrt(sigma2_B + eps), so a unit whose"
                    + " values are all equal does not divide by zero; the eps passed in must be used",
            "01_n_by_m.ipynb", "Why eps is there"),
    MOMENTUM_DIRECTION("momentum applied in the other framework's direction",
            "PyTorch weighs the NEW batch by momentum, running = (1 - momentum) * running + momentum * batch;"
                    + " Keras weighs the OLD value by momentum, moving = momentum * moving + (1 - momentum) * batch;"
                    + " that is why PyTorch's default is 0.1 and Keras' 0.99",
            "04_running_statistics.ipynb", "Two meanings of momentum"),
    RUNNING_VARIANCE_CORRECTION("the other framework's variance kept in the running statistics",
            "both frameworks normalize the batch with the biased variance sigma2_B; PyTorch then folds the"
                    + " unbiased one, m / (m - 1) * sigma2_B, into running_var, while Keras folds sigma2_B itself into"
                    + " moving_variance",
            "04_running_statistics.ipynb", "Which variance is kept"),
    BATCH_STATISTICS_AT_INFERENCE("the batch's own statistics used at inference",
            "at inference BN uses the running (population) mean and variance, so an example's output does not"
                    + " depend on the other examples it happens to be batched with (Algorithm 2)",
            "04_running_statistics.ipynb", "Inference uses the running statistics"),
    PER_PIXEL_STATISTICS("statistics per pixel instead of per channel",
            "for images each channel is one feature: its mean and variance run over the batch AND every spatial"
                    + " position (N, H and W), so the effective mini-batch is m * H * W",
            "06_images_NCHW.ipynb", "One mean per channel, over N, H and W"),
    DX_WITHOUT_STATISTICS_PATHS("a dx that ignores the paths through mu_B and sigma2_B",
            "mu_B and sigma2_B are computed from x, so the gradient reaches x three ways: directly through xhat,"
                    + " through the mean and through the variance; dx = dy * gamma / sqrt(sigma2_B + eps) keeps only"
                    + " the first",
            "05_backprop.ipynb", "Three paths back to x"),
    MOVING_STATISTICS_NOT_COUNTED("the moving mean and variance left out of the count",
            "a Keras BatchNormalization layer holds 4 values per feature: gamma and beta (trainable) and the"
                    + " moving mean and moving variance (non-trainable, updated by averaging, not by gradients)",
            "02_rows_N_by_D.ipynb", "Counting BN's parameters");

    private final String title;
    private final String explanation;
    private final String notebook;
    private final String section;

    Misconception(String title, String explanation, String notebook, String section) {
        this.title = title;
        this.explanation = explanation;
        this.notebook = notebook;
        this.section = section;
    }

    /** A short name for the mistake, such as "eps left out". */
    public String title() {
        return title;
    }

    /** Why it is a mistake, in a sentence or two. */
    public String explanation() {
        return explanation;
    }

    /** Where the course explains it: {@code notebooks/04_running_statistics.ipynb, section 'Two meanings of momentum'}. */
    public String seeAlso() {
        return seeAlso(notebook, section);
    }

    static String seeAlso(String notebook, String section) {
        return "notebooks/" + notebook + ", section '" + section + "'";
    }
}
