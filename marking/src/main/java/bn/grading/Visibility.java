package bn.grading;

/** When a learner sees a graded test's result: Gradescope's four levels, with its spelling in {@link #json()}. */
public enum Visibility {
    VISIBLE("visible"),
    HIDDEN("hidden"),
    AFTER_DUE_DATE("after_due_date"),
    AFTER_PUBLISHED("after_published");

    private final String json;

    Visibility(String json) {
        this.json = json;
    }

    /** The value Gradescope's results.json expects. */
    public String json() {
        return json;
    }
}
