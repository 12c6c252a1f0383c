package bn.checks;

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

    /** The heading and one line per verdict, each ending in a newline (what a worksheet cell prints). */
    public String verdictLines() {
        StringBuilder sb = new StringBuilder("Exercise " + exercise.number() + ": " + exercise.title() + "\n");
        for (Verdict v : verdicts) {
            sb.append("  ").append(v).append('\n');
        }
        return sb.toString();
    }

    /** A one-line summary (the details are printed by the worksheet). */
    @Override
    public String toString() {
        return "Exercise " + exercise.number() + ": " + passedCount() + " of " + verdicts.size() + " checks passed"
                + (allPassed() ? ". Well done." : ".");
    }
}
