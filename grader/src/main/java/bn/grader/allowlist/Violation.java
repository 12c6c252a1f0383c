package bn.grader.allowlist;

/** A use of something outside the allowlist, with where it occurs. */
public record Violation(Reference use) {
    public String describe() {
        return use.target() + " (used in " + use.location() + ")";
    }
}
