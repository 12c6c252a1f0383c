package bn.grader.submission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two definitions of one class (a backup copy in another folder, the same cell tag in two notebooks) cannot both be
 * compiled. The one in the expected place, {@code src/main/java/<package folders>/<Class>.java} or at least a folder
 * matching its package, is graded; otherwise the shallowest, then the first found. A note names both files.
 */
final class Duplicates {
    private Duplicates() {
    }

    static List<SourceFile> resolve(List<SourceFile> sources, List<String> notes) {
        Map<String, List<SourceFile>> byClass = new LinkedHashMap<>();
        for (SourceFile s : sources) {
            byClass.computeIfAbsent(className(s), c -> new ArrayList<>()).add(s);
        }
        List<SourceFile> kept = new ArrayList<>();
        byClass.forEach((cls, copies) -> {
            SourceFile best = copies.get(0);
            for (SourceFile s : copies) {
                if (rank(s, cls) < rank(best, cls)) {
                    best = s;
                }
            }
            kept.add(best);
            for (SourceFile s : copies) {
                if (s != best) {
                    notes.add("Two definitions of class " + cls + ": " + best.path() + " and " + s.path() + ". Graded "
                            + best.path() + (rank(best, cls) == 0 ? " (the expected place)" : "") + "; " + s.path()
                            + " was left out.");
                }
            }
        });
        return kept;
    }

    /** 0: src/main/java/<package>/; 1: a folder matching the package; then 2 + depth. */
    private static int rank(SourceFile s, String cls) {
        String path = s.path().replace('\\', '/');
        String expected = cls.replace('.', '/') + ".java";
        if (path.endsWith("src/main/java/" + expected)) {
            return 0;
        }
        if (path.equals(expected) || path.endsWith("/" + expected)) {
            return 1;
        }
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return 2 + depth;
    }

    /** The file's top-level class, dotted: its package declaration (read without regular expressions) and file name. */
    static String className(SourceFile s) {
        String pkg = packageOf(s.content());
        return pkg.isEmpty() ? s.simpleClassName() : pkg + "." + s.simpleClassName();
    }

    /** The package declared before any other code, or "" (comments and blank lines are skipped). */
    static String packageOf(String content) {
        boolean inComment = false;
        int lines = 0;
        for (String raw : (Iterable<String>) content.lines()::iterator) {
            if (++lines > 200) {
                break;
            }
            String line = raw.strip();
            if (inComment) {
                int end = line.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                line = line.substring(end + 2).strip();
                inComment = false;
            }
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            if (line.startsWith("/*")) {
                int end = line.indexOf("*/", 2);
                if (end < 0) {
                    inComment = true;
                    continue;
                }
                line = line.substring(end + 2).strip();
                if (line.isEmpty()) {
                    continue;
                }
            }
            if (line.startsWith("package") && line.length() > 7 && Character.isWhitespace(line.charAt(7))) {
                int semi = line.indexOf(';');
                String name = (semi < 0 ? line.substring(8) : line.substring(8, semi)).strip();
                StringBuilder compact = new StringBuilder();
                for (int i = 0; i < name.length(); i++) {
                    if (!Character.isWhitespace(name.charAt(i))) {
                        compact.append(name.charAt(i));
                    }
                }
                return compact.toString();
            }
            return "";
        }
        return "";
    }
}
