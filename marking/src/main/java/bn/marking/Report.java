package bn.marking;

import java.util.List;

/** The verdicts of one exercise's checks, as a worksheet cell shows them. */
public record Report(Exercise exercise, List<Verdict> verdicts) {

    public Report {
        verdicts = List.copyOf(verdicts);
    }

    public boolean allPassed() {
        return verdicts.stream().allMatch(Verdict::passed);
    }

    public long passedCount() {
        return verdicts.stream().filter(Verdict::passed).count();
    }

    /** Every verdict on its own line, under a heading with the exercise, then the one-line summary. */
    public String details() {
        return verdictLines() + "  " + this;
    }

    /** Whether nothing is written yet: every verdict is the stub's "not implemented yet". */
    public boolean notStarted() {
        return !verdicts.isEmpty() && verdicts.stream().allMatch(Verdict::notImplemented);
    }

    /**
     * The heading and each verdict, wrapped at word boundaries to {@link #WIDTH} columns with its continuation
     * lines indented, each line ending in a newline (what a worksheet cell prints).
     */
    public String verdictLines() {
        StringBuilder sb = new StringBuilder("Exercise " + exercise.number() + ": " + exercise.title() + "\n");
        for (Verdict v : verdicts) {
            sb.append(wrap(v.toString(), "      ", "  "));
        }
        return sb.toString();
    }

    /** A one-line summary (the details are printed by the worksheet): "1 of 1 check passed", "0 of 2 checks passed". */
    @Override
    public String toString() {
        return "Exercise " + exercise.number() + ": " + passedCount() + " of " + checks(verdicts.size()) + " passed"
                + (allPassed() ? ". Well done." : ".");
    }

    /** Columns of a worksheet's printed lines: narrow enough for a notebook's output area. */
    public static final int WIDTH = 100;

    /** "1 check", "2 checks". */
    static String checks(int count) {
        return count + (count == 1 ? " check" : " checks");
    }

    /** {@code text} wrapped at spaces to {@link #WIDTH} columns, every line starting with {@code indent}. */
    static String wrap(String text, String indent) {
        return wrap(text, indent, indent);
    }

    /**
     * {@code text} wrapped at spaces to {@link #WIDTH} columns: the first line starts with {@code first}, the others
     * with {@code rest}; each ends in a newline. A word longer than a line stands on its own line, unbroken.
     */
    static String wrap(String text, String rest, String first) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(first);
        int start = first.length();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(rest);
                start = rest.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line).append('\n').toString();
    }
}
