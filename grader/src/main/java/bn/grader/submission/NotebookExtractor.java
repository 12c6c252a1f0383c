package bn.grader.submission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import bn.checks.Exercise;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a worksheet notebook into Java sources. The convention (checks/README.md): a code cell tagged
 * {@code exercise-N.M} (the worksheets' tag; the class is {@link Exercise#className()}) or
 * {@code solution:<ClassName>} in {@code metadata.tags} holds the learner's code for that class, as a class-body
 * fragment (fields and methods), which becomes
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
 */
public final class NotebookExtractor {
    static final String TAG_PREFIX = "solution:";
    static final String EXERCISE_TAG_PREFIX = "exercise-";
    static final String PACKAGE = "bn.exercises";
    static final List<String> IMPORTS = List.of("bn.tensor.*", "java.util.*", "java.util.function.*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private NotebookExtractor() {
    }

    public static List<SourceFile> extract(String notebookJson, String notebookName) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(notebookJson);
        } catch (Exception e) {
            throw new IllegalArgumentException(notebookName + " is not a notebook (not valid JSON): " + e.getMessage(), e);
        }
        JsonNode cells = root == null ? null : root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw new IllegalArgumentException(notebookName + " is not a notebook: it has no \"cells\" array");
        }
        Map<String, List<String>> fragments = new LinkedHashMap<>();
        Map<String, List<Integer>> cellNumbers = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            for (JsonNode tag : cell.path("metadata").path("tags")) {
                String text = tag.asText();
                String className;
                if (text.startsWith(EXERCISE_TAG_PREFIX)) {
                    String number = text.substring(EXERCISE_TAG_PREFIX.length()).strip();
                    try {
                        className = Exercise.byNumber(number).className();
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(notebookName + ", cell " + (i + 1) + ": the tag '" + text
                                + "' names no exercise of this course: " + e.getMessage(), e);
                    }
                } else if (text.startsWith(TAG_PREFIX)) {
                    className = text.substring(TAG_PREFIX.length()).strip();
                } else {
                    continue;
                }
                if (!NAME.matcher(className).matches()) {
                    throw new IllegalArgumentException(notebookName + ", cell " + (i + 1) + ": the tag '" + text
                            + "' does not name a Java class");
                }
                fragments.computeIfAbsent(className, c -> new ArrayList<>()).add(source(cell.get("source")));
                cellNumbers.computeIfAbsent(className, c -> new ArrayList<>()).add(i + 1);
            }
        }
        List<SourceFile> sources = new ArrayList<>();
        fragments.forEach((className, parts) -> sources.add(new SourceFile(
                notebookName + " (cells " + cellNumbers.get(className) + ")/" + className + ".java",
                wrap(className, String.join("\n", parts)))));
        return sources;
    }

    static String wrap(String className, String fragment) {
        String code = withoutWorksheetCheck(fragment).lines().filter(line -> !line.stripLeading().startsWith("%"))
                .reduce((a, b) -> a + "\n" + b).orElse("");
        String firstCode = code.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*"))
                .findFirst().orElse("");
        boolean declaresClass = code.lines().map(String::strip).anyMatch(l -> l.matches(
                "(public\\s+)?(final\\s+)?(class|record|enum|interface)\\s+" + Pattern.quote(className) + "\\b.*"));
        if (firstCode.startsWith("package ") || (firstCode.startsWith("import ") && declaresClass)
                || firstCode.matches("(public\\s+)?(final\\s+)?(class|record|enum|interface)\\s+" + Pattern.quote(className) + "\\b.*")) {
            return code.contains("package ") ? code : "package " + PACKAGE + ";\n" + code;
        }
        StringBuilder file = new StringBuilder("package ").append(PACKAGE).append(";\n");
        for (String i : IMPORTS) {
            file.append("import ").append(i).append(";\n");
        }
        // The cells' own imports move above the class; each leaves a blank line, so line numbers stay put.
        StringBuilder body = new StringBuilder();
        for (String line : code.lines().toList()) {
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

    /** A worksheet's check statement, which ends its exercise cell in the notebook: from there on, not the answer. */
    private static final Pattern WORKSHEET_CHECK = Pattern.compile("(?m)^[ \\t]*Worksheet\\.check\\d+_\\d+\\s*\\(");

    /** The fragment up to its {@code Worksheet.checkN_M(...)} statement, if it has one (checks/README.md). */
    static String withoutWorksheetCheck(String fragment) {
        var m = WORKSHEET_CHECK.matcher(fragment);
        return m.find() ? fragment.substring(0, m.start()) : fragment;
    }

    private static String source(JsonNode source) {
        if (source == null) {
            return "";
        }
        if (source.isArray()) {
            StringBuilder text = new StringBuilder();
            source.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return source.asText();
    }
}
