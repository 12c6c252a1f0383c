package bn.marking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every "See notebooks/NN_x.ipynb, section 'Title'" a verdict can print names a notebook that exists and a Markdown
 * heading ({@code ## Title}, any level) in it. The pointers are the misconceptions' own
 * ({@link Misconception#seeAlso()}) and the (notebook, section) pairs the checks pass explicitly, read from the
 * sources of this package.
 */
class NotebookPointersTest {
    private static final Path NOTEBOOKS = Path.of("..", "notebooks");
    private static final Path SOURCES = Path.of("src", "main", "java", "bn", "marking");
    private static final Pattern SEE_ALSO = Pattern.compile("notebooks/([^,]+\\.ipynb), section '(.+)'");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+)\\s*=\\s*\"([^\"]*)\"\\s*;");
    private static final String ARG = "(\"[^\"]*\"|[A-Z_][A-Z0-9_]*)";
    /** A call's last two arguments: a notebook (literal or constant), then a section (literal or constant). */
    private static final Pattern PAIR = Pattern.compile(ARG + "\\s*,\\s*" + ARG + "\\s*\\)");

    record Pointer(String notebook, String section, String source) {
    }

    @Test
    void everyPointerNamesAnExistingNotebookAndHeading() throws IOException {
        List<Pointer> pointers = new ArrayList<>(misconceptionPointers());
        pointers.addAll(pointersInSources());
        Map<String, Set<String>> headings = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Pointer p : pointers) {
            Set<String> titles = headings.computeIfAbsent(p.notebook(), NotebookPointersTest::headingsOf);
            if (titles == null) {
                broken.add(p.source() + ": no notebook notebooks/" + p.notebook());
            } else if (!titles.contains(p.section())) {
                broken.add(p.source() + ": notebooks/" + p.notebook() + " has no heading '" + p.section()
                        + "'; its headings are " + titles);
            }
        }
        assertTrue(broken.isEmpty(),
                broken.size() + " pointer(s) to a missing notebook or section:\n" + String.join("\n", broken));
    }

    @Test
    void theSourcesAreReadCompletely() throws IOException {
        // Every explicit pointer in the checks, by constant or by literal; if this count drops, PAIR missed some.
        Set<String> distinct = new TreeSet<>();
        pointersInSources().forEach(p -> distinct.add(p.notebook() + " / " + p.section()));
        assertTrue(distinct.size() >= 9, "found only " + distinct);
        assertTrue(distinct.contains("02_rows_N_by_D.ipynb / Divide by N, not N - 1"), distinct.toString());
        assertTrue(distinct.contains("05_backprop.ipynb / dgamma and dbeta"), distinct.toString());
        assertTrue(distinct.contains("07_training_and_other_norms.ipynb / Which axes each norm averages over"),
                distinct.toString());
        // Each file naming a notebook outside the enums gives at least one pair.
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                String java = Files.readString(file);
                if (java.contains(".ipynb\"") && !name.equals("Exercise.java") && !name.equals("Misconception.java")) {
                    assertFalse(pairs(file).isEmpty(),
                            name + " names a notebook, but no (notebook, section) pair was read");
                }
            }
        }
    }

    @Test
    void aRenamedHeadingIsCaught() {
        Set<String> titles = headingsOf("04_running_statistics.ipynb");
        assertTrue(titles.contains("Two meanings of momentum"), titles.toString());
        assertFalse(titles.contains("Two meanings of Momentum"));
        assertEquals(null, headingsOf("99_no_such_notebook.ipynb"));
    }

    @Test
    void everyExerciseNamesAnExistingNotebook() {
        for (Exercise e : Exercise.values()) {
            assertTrue(Files.isRegularFile(NOTEBOOKS.resolve(e.notebook())), e + " -> " + e.notebook());
        }
    }

    private static List<Pointer> misconceptionPointers() {
        List<Pointer> out = new ArrayList<>();
        for (Misconception m : Misconception.values()) {
            Matcher matcher = SEE_ALSO.matcher(m.seeAlso());
            assertTrue(matcher.matches(), m + ".seeAlso() = " + m.seeAlso());
            out.add(new Pointer(matcher.group(1), matcher.group(2), "Misconception." + m));
        }
        return out;
    }

    private static List<Pointer> pointersInSources() throws IOException {
        List<Pointer> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.sorted().toList()) {
                out.addAll(pairs(file));
            }
        }
        return out;
    }

    /** The (notebook, section) argument pairs in one source file, constants resolved. */
    private static List<Pointer> pairs(Path file) throws IOException {
        String java = Files.readString(file);
        Map<String, String> constants = new HashMap<>();
        Matcher c = CONSTANT.matcher(java);
        while (c.find()) {
            constants.put(c.group(1), c.group(2));
        }
        List<Pointer> out = new ArrayList<>();
        Matcher m = PAIR.matcher(java);
        while (m.find()) {
            String notebook = value(m.group(1), constants);
            String section = value(m.group(2), constants);
            if (notebook != null && notebook.endsWith(".ipynb") && section != null) {
                int line = java.substring(0, m.start()).split("\n", -1).length;
                out.add(new Pointer(notebook, section, file.getFileName() + ":" + line));
            }
        }
        return out;
    }

    private static String value(String argument, Map<String, String> constants) {
        return argument.startsWith("\"") ? argument.substring(1, argument.length() - 1) : constants.get(argument);
    }

    /** The titles of the Markdown headings of a notebook, or null when there is no such notebook. */
    private static Set<String> headingsOf(String notebook) {
        Path path = NOTEBOOKS.resolve(notebook);
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try {
            Set<String> titles = new LinkedHashSet<>();
            for (JsonNode cell : new ObjectMapper().readTree(path.toFile()).path("cells")) {
                if (!"markdown".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                JsonNode source = cell.path("source");
                StringBuilder text = new StringBuilder();
                if (source.isArray()) {
                    source.forEach(line -> text.append(line.asText()));
                } else {
                    text.append(source.asText());
                }
                Matcher h = HEADING.matcher(text);
                while (h.find()) {
                    titles.add(h.group(1));
                }
            }
            return titles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
