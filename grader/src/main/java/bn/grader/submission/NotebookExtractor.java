package bn.grader.submission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import bn.marking.Exercise;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a worksheet notebook into Java sources. The convention (marking/README.md): a code cell tagged
 * {@code exercise-N.M} in {@code metadata.tags} (the worksheets' tag; the class is {@link Exercise#className()}), or
 * {@code solution:<ClassName>} for a class outside the exercise list, holds the learner's code for that class, as a
 * class-body fragment (fields and methods), which becomes
 * <pre>
 *   package bn.exercises;
 *   import ...;            // IMPORTS below, then the cells' own import lines
 *   public class ClassName {
 *       ...the cells, without their import lines...
 *   }
 * </pre>
 * Several cells with the same tag are joined in order. A cell that already declares the class (starting with
 * {@code package} or {@code [public] [final] class ClassName}) is taken as a whole file. Lines starting
 * with '%' (kernel magics) are dropped, and so is a worksheet's own check statement, {@code Worksheet.checkN_M(...)}
 * at the start of a line, with everything after it: the notebooks end each exercise cell with it, so that running
 * the cell checks the code it holds. This is the one place to change if the convention changes.
 *
 * <p>Any text in a cell is tolerated: what is not Java fails to compile in that exercise only. A tag that names no
 * exercise, odd metadata or a source that is neither a string nor a list of strings give a note, never a crash. The
 * work is linear in the notebook's size (no regular expression runs over cell text).
 */
public final class NotebookExtractor {
    public static final String TAG_PREFIX = "solution:";
    public static final String EXERCISE_TAG_PREFIX = "exercise-";
    static final String PACKAGE = "bn.exercises";
    static final List<String> IMPORTS = List.of("bn.tensor.*", "java.util.*", "java.util.function.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookExtractor() {
    }

    /**
     * What one notebook holds.
     *
     * @param sources   one source file per tagged class
     * @param exercises the exercise numbers of those classes (a class whose name gives no number counts as none)
     * @param notes     tags or cells that were skipped, and why
     */
    public record Notebook(List<SourceFile> sources, Set<String> exercises, List<String> notes) {
    }

    /** The sources of a notebook; throws IllegalArgumentException when it is not a notebook at all. */
    public static List<SourceFile> extract(String notebookJson, String notebookName) {
        return read(notebookJson, notebookName, ReadLimits.DEFAULT).sources();
    }

    public static Notebook read(String notebookJson, String notebookName, ReadLimits limits) {
        JsonNode root;
        try {
            root = JSON.readTree(notebookJson);
        } catch (Exception e) {
            throw new IllegalArgumentException(notebookName + " is not a notebook (not valid JSON): " + e.getMessage(), e);
        }
        JsonNode cells = root == null ? null : root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw new IllegalArgumentException(notebookName + " is not a notebook: it has no \"cells\" array");
        }
        if (cells.size() > limits.maxCells()) {
            throw new IllegalArgumentException(notebookName + " has " + cells.size() + " cells; the grader reads at most "
                    + limits.maxCells());
        }
        Map<String, List<String>> fragments = new LinkedHashMap<>();
        Map<String, List<Integer>> cellNumbers = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            if (!cell.isObject() || !"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            for (String tag : tags(cell.path("metadata").path("tags"))) {
                String className = className(tag, notebookName + ", cell " + (i + 1), notes);
                if (className != null) {
                    fragments.computeIfAbsent(className, c -> new ArrayList<>()).add(source(cell.get("source")));
                    cellNumbers.computeIfAbsent(className, c -> new ArrayList<>()).add(i + 1);
                }
            }
        }
        List<SourceFile> sources = new ArrayList<>();
        Set<String> exercises = new LinkedHashSet<>();
        fragments.forEach((className, parts) -> {
            sources.add(new SourceFile(notebookName + " (cells " + cellNumbers.get(className) + ")/" + className + ".java",
                    wrap(className, String.join("\n", parts))));
            String number = exerciseNumber(className);
            if (number != null) {
                exercises.add(number);
            }
        });
        return new Notebook(sources, exercises, notes);
    }

    /** The class a tag names, or null (with a note when the tag looks meant for the grader but names nothing). */
    private static String className(String tag, String where, List<String> notes) {
        String className;
        if (tag.startsWith(EXERCISE_TAG_PREFIX)) {
            String number = tag.substring(EXERCISE_TAG_PREFIX.length()).strip();
            try {
                className = Exercise.byNumber(number).className();
            } catch (IllegalArgumentException e) {
                notes.add(where + ": the tag '" + shorten(tag) + "' names no exercise of this course, so the cell is not graded ("
                        + e.getMessage() + ").");
                return null;
            }
        } else if (tag.startsWith(TAG_PREFIX)) {
            className = tag.substring(TAG_PREFIX.length()).strip();
        } else {
            return null;
        }
        if (!isJavaName(className)) {
            notes.add(where + ": the tag '" + shorten(tag) + "' does not name a Java class, so the cell is not graded.");
            return null;
        }
        return className;
    }

    /** metadata.tags as strings: a list (non-strings skipped), a single string, or nothing. */
    private static List<String> tags(JsonNode tags) {
        List<String> out = new ArrayList<>();
        if (tags.isTextual()) {
            out.add(tags.asText());
        } else if (tags.isArray()) {
            tags.forEach(t -> {
                if (t.isTextual()) {
                    out.add(t.asText());
                }
            });
        }
        return out;
    }

    /** "Ex4_1_RunningStatistics" gives "4.1" (also for classes outside the course's list); null when it gives none. */
    static String exerciseNumber(String className) {
        for (Exercise e : Exercise.values()) {
            if (e.className().equals(className)) {
                return e.number();
            }
        }
        if (!className.startsWith("Ex")) {
            return null;
        }
        int i = 2;
        int majorStart = i;
        while (i < className.length() && Character.isDigit(className.charAt(i))) {
            i++;
        }
        if (i == majorStart || i >= className.length() || className.charAt(i) != '_') {
            return null;
        }
        String major = className.substring(majorStart, i);
        int minorStart = ++i;
        while (i < className.length() && Character.isDigit(className.charAt(i))) {
            i++;
        }
        if (i == minorStart) {
            return null;
        }
        return major + "." + className.substring(minorStart, i);
    }

    static boolean isJavaName(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    static String wrap(String className, String fragment) {
        StringBuilder kept = new StringBuilder(fragment.length() + 16);
        String firstCode = null;
        boolean declaresClass = false;
        for (String line : (Iterable<String>) fragment.lines()::iterator) {
            String strip = line.strip();
            if (isWorksheetCheck(strip)) {
                break; // the worksheet's check statement and everything after it are not the answer
            }
            if (strip.startsWith("%")) {
                continue; // a kernel magic
            }
            if (kept.length() > 0) {
                kept.append('\n');
            }
            kept.append(line);
            if (firstCode == null && !strip.isEmpty() && !strip.startsWith("//") && !strip.startsWith("/*")
                    && !strip.startsWith("*")) {
                firstCode = strip;
            }
            declaresClass |= declares(strip, className);
        }
        String code = kept.toString();
        String first = firstCode == null ? "" : firstCode;
        if (first.startsWith("package ") || (first.startsWith("import ") && declaresClass) || declares(first, className)) {
            return code.contains("package ") ? code : "package " + PACKAGE + ";\n" + code;
        }
        StringBuilder file = new StringBuilder("package ").append(PACKAGE).append(";\n");
        for (String i : IMPORTS) {
            file.append("import ").append(i).append(";\n");
        }
        // The cells' own imports move above the class; each leaves a blank line, so line numbers stay put.
        StringBuilder body = new StringBuilder(code.length() + 16);
        for (String line : (Iterable<String>) code.lines()::iterator) {
            if (line.strip().startsWith("import ")) {
                file.append(line.strip()).append('\n');
                body.append('\n');
            } else {
                body.append(line).append('\n');
            }
        }
        file.append("public class ").append(className).append(" {\n").append(body).append("}\n");
        return file.toString();
    }

    /** Whether a stripped line reads {@code [public] [final] class|record|enum|interface ClassName ...}. */
    static boolean declares(String line, String className) {
        int i = 0;
        i = skipWord(line, i, "public");
        i = skipWord(line, i, "final");
        for (String kind : List.of("class", "record", "enum", "interface")) {
            int j = skipWord(line, i, kind);
            if (j != i && line.startsWith(className, j)) {
                int end = j + className.length();
                return end == line.length() || !Character.isJavaIdentifierPart(line.charAt(end));
            }
        }
        return false;
    }

    /** After {@code word} and the blanks that follow it at {@code from}, or {@code from} when the word is not there. */
    private static int skipWord(String line, int from, String word) {
        if (!line.startsWith(word, from)) {
            return from;
        }
        int i = from + word.length();
        if (i >= line.length() || !Character.isWhitespace(line.charAt(i))) {
            return from;
        }
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Whether a stripped line starts a worksheet's check statement, {@code Worksheet.checkN_M(} (marking/README.md).
     * Linear, no regular expression.
     */
    static boolean isWorksheetCheck(String line) {
        String head = "Worksheet.check";
        if (!line.startsWith(head)) {
            return false;
        }
        int i = head.length();
        int digits = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= line.length() || line.charAt(i) != '_') {
            return false;
        }
        i++;
        digits = 0;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
            digits++;
        }
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return digits > 0 && i < line.length() && line.charAt(i) == '(';
    }

    private static String source(JsonNode source) {
        if (source == null || source.isNull()) {
            return "";
        }
        if (source.isArray()) {
            StringBuilder text = new StringBuilder();
            source.forEach(line -> text.append(line.isTextual() ? line.asText() : line.toString()));
            return text.toString();
        }
        return source.isTextual() ? source.asText() : source.toString();
    }
}
