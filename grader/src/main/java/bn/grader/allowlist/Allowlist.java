package bn.grader.allowlist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The classes and members student code may use, read from a small text file (see the bundled allowlist.txt):
 * <pre>
 *   allow java.lang.Math              one class
 *   allow java.util.*                 every class of a package (not its subpackages)
 *   allow bn.tensor.**                a package and its subpackages
 *   allow java.lang.*Exception        '*' matches within one name
 *   allow java.lang.System#out        one member; '*' may appear in member names too
 *   deny  java.util.Arrays#parallel*  subtracts from what allow lines allow
 *   [exercise 5.1 5.2]                the lines below apply only to these exercises (until the next section)
 *   [all]                             back to the lines that apply to every exercise
 * </pre>
 * A use is allowed when some allow line of its exercise (or of all) matches and no deny line does. A type-only use (a
 * cast, a parameter type) is allowed when some allow line names the class, whichever member it restricts to.
 */
public final class Allowlist {
    private final List<Rule> common;
    private final Map<String, List<Rule>> perExercise;

    private Allowlist(List<Rule> common, Map<String, List<Rule>> perExercise) {
        this.common = List.copyOf(common);
        this.perExercise = Map.copyOf(perExercise);
    }

    /** The allowlist bundled with the grader, read once (an Allowlist is immutable). */
    public static Allowlist bundled() {
        return Bundled.ALLOWLIST;
    }

    /** Read on first use, by whichever thread asks first. */
    private static final class Bundled {
        static final Allowlist ALLOWLIST = read();

        private static Allowlist read() {
            try (InputStream in = Allowlist.class.getResourceAsStream("/bn/grader/allowlist.txt")) {
                if (in == null) {
                    throw new IllegalStateException("the grader's bundled allowlist.txt is missing from its classpath");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "allowlist.txt");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Allowlist read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the allowlist " + file + ": " + e.getMessage(), e);
        }
    }

    public static Allowlist parse(String text, String source) {
        List<Rule> common = new ArrayList<>();
        Map<String, List<Rule>> perExercise = new LinkedHashMap<>();
        List<List<Rule>> current = List.of(common);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("#\\s.*$|^#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1);
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new IllegalArgumentException(where + ": a section header must end with ']': " + line);
                }
                String[] words = line.substring(1, line.length() - 1).strip().split("\\s+");
                if (words.length == 1 && words[0].equals("all")) {
                    current = List.of(common);
                } else if (words.length >= 2 && words[0].equals("exercise")) {
                    List<List<Rule>> sections = new ArrayList<>();
                    for (int w = 1; w < words.length; w++) {
                        sections.add(perExercise.computeIfAbsent(words[w], e -> new ArrayList<>()));
                    }
                    current = sections;
                } else {
                    throw new IllegalArgumentException(where + ": expected [all] or [exercise 4.1 ...], got " + line);
                }
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length != 2 || !(words[0].equals("allow") || words[0].equals("deny"))) {
                throw new IllegalArgumentException(where + ": expected 'allow PATTERN' or 'deny PATTERN', got " + line);
            }
            Rule rule = Rule.of(words[0].equals("allow"), words[1], where);
            for (List<Rule> section : current) {
                section.add(rule);
            }
        }
        return new Allowlist(common, perExercise);
    }

    /** Whether student code of this exercise (null: no exercise-specific lines) may make this use. */
    public boolean allows(Reference use, String exercise) {
        List<Rule> rules = new ArrayList<>(common);
        if (exercise != null) {
            rules.addAll(perExercise.getOrDefault(exercise, List.of()));
        }
        boolean allowed = false;
        for (Rule rule : rules) {
            if (rule.allow && !allowed && rule.matches(use, true)) {
                allowed = true;
            }
        }
        if (!allowed) {
            return false;
        }
        for (Rule rule : rules) {
            if (!rule.allow && rule.matches(use, false)) {
                return false;
            }
        }
        return true;
    }

    private record Rule(boolean allow, String text, Pattern owner, Pattern member) {
        static Rule of(boolean allow, String text, String where) {
            String[] parts = text.split("#", -1);
            if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
                throw new IllegalArgumentException(where + ": expected CLASS or CLASS#MEMBER, got " + text);
            }
            return new Rule(allow, text, glob(parts[0]), parts.length == 2 ? glob(parts[1]) : null);
        }

        static Pattern glob(String glob) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else if (c == '*') {
                    regex.append("[^.]*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }

        /** For allow lines a type-only use matches any line naming the class; for deny lines only a whole-class line. */
        boolean matches(Reference use, boolean allowing) {
            if (!owner.matcher(use.owner()).matches()) {
                return false;
            }
            if (member == null) {
                return true;
            }
            if (use.member() == null) {
                return allowing;
            }
            return member.matcher(use.member()).matches();
        }
    }
}
