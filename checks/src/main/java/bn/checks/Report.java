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

    /** Every verdict on its own line, under a heading with the exercise. */
    public String details() {
        StringBuilder sb = new StringBuilder("Exercise " + exercise.number() + ": " + exercise.title() + "\n");
        for (Verdict v : verdicts) {
            sb.append("  ").append(v).append('\n');
        }
        return sb.append("  ").append(this).toString();
    }

    /** A one-line summary (the details are printed by the worksheet). */
    @Override
    public String toString() {
        return "Exercise " + exercise.number() + ": " + passedCount() + " of " + verdicts.size() + " checks passed"
                + (allPassed() ? ". Well done." : ".");
    }
}
