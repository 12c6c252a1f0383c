package bn.tools.exercises;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the marked solution regions of one source file. A region starts at a line that is exactly
 * {@code // BEGIN SOLUTION} (after indentation) and ends at {@code // END SOLUTION}; it must hold at least one
 * {@code // HINT: ...} line, which becomes the learner's hint. Regions do not nest.
 */
final class SolutionRegions {
    static final String BEGIN = "// BEGIN SOLUTION";
    static final String END = "// END SOLUTION";
    static final String HINT = "// HINT:";

    /**
     * One region.
     *
     * @param begin  index of the BEGIN line (0-based)
     * @param end    index of the END line (0-based)
     * @param indent the BEGIN line's indentation, kept for the replacement
     * @param hint   the hint lines joined with spaces
     * @param body   the lines strictly between BEGIN and END, hints included
     */
    record Region(int begin, int end, String indent, String hint, List<String> body) {
    }

    private SolutionRegions() {
    }

    /** The regions of {@code lines}, in order; {@code file} names the file in error messages. */
    static List<Region> find(String file, List<String> lines) {
        List<Region> regions = new ArrayList<>();
        int begin = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.equals(BEGIN)) {
                if (begin >= 0) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": BEGIN SOLUTION inside the region"
                            + " opened at line " + (begin + 1) + "; regions do not nest");
                }
                begin = i;
            } else if (t.equals(END)) {
                if (begin < 0) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": END SOLUTION without a BEGIN SOLUTION");
                }
                regions.add(region(file, lines, begin, i));
                begin = -1;
            } else if (t.contains("BEGIN SOLUTION") || t.contains("END SOLUTION")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": a solution marker must be alone on its"
                        + " line, exactly '" + BEGIN + "' or '" + END + "'; got '" + t + "'");
            }
        }
        if (begin >= 0) {
            throw new IllegalArgumentException(file + ":" + (begin + 1) + ": BEGIN SOLUTION is never closed");
        }
        return regions;
    }

    private static Region region(String file, List<String> lines, int begin, int end) {
        String line = lines.get(begin);
        String indent = line.substring(0, line.indexOf(BEGIN));
        List<String> body = List.copyOf(lines.subList(begin + 1, end));
        List<String> hints = new ArrayList<>();
        for (String b : body) {
            String t = b.trim();
            if (t.startsWith(HINT)) {
                hints.add(t.substring(HINT.length()).trim());
            }
        }
        if (hints.isEmpty() || String.join("", hints).isBlank()) {
            throw new IllegalArgumentException(file + ":" + (begin + 1) + ": the solution region has no '" + HINT
                    + " ...' line; every region needs a hint for the learner");
        }
        return new Region(begin, end, indent, String.join(" ", hints), body);
    }
}
