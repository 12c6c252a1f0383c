package bn.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import bn.grader.compile.CompileLimits;
import bn.grader.compile.CompileResult;
import bn.grader.compile.StudentCompiler;
import bn.grader.submission.SourceFile;

/**
 * javac runs in a bounded child inside the sandbox: a file that makes javac itself fail (out of stack, out of memory,
 * out of time) costs only that file, the others compile, ordinary errors keep javac's message with line and caret, and
 * the class files are Java 17's whatever JDK runs the grader.
 */
class SandboxedCompilerTest {
    private static final String GOOD = """
            package bn.exercises;
            public class Good {
                public static double twice(double x) { return 2 * x; }
            }
            """;
    private static final String BROKEN = """
            package bn.exercises;
            public class Broken {
                public static int f() { return "text"; }
            }
            """;

    private Path work;

    @BeforeEach
    void folder() throws IOException {
        Path root = Path.of(System.getProperty("grader.testWork", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(root);
        work = Files.createTempDirectory(root, "javac-test-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private CompileResult compile(Isolation isolation, CompileLimits limits, SourceFile... sources) {
        try (StudentCompiler javac = new StudentCompiler(List.of(), SandboxAttacksTest.sandbox(isolation, List.of()),
                work.resolve("root"), limits)) {
            return javac.compile(List.of(sources), work.resolve("classes"));
        }
    }

    private static SourceFile file(String name, String content) {
        return new SourceFile("exercises/src/main/java/bn/exercises/" + name, content);
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void anErrorCostsOnlyItsFileAndKeepsLineAndCaret(Isolation isolation) throws IOException {
        CompileResult r = compile(isolation, CompileLimits.DEFAULT, file("Good.java", GOOD), file("Broken.java", BROKEN));
        assertEquals(List.of("bn.exercises.Good"), List.copyOf(r.classes().keySet()));
        String message = r.failures().get("exercises/src/main/java/bn/exercises/Broken.java");
        assertTrue(message.startsWith("Broken.java:3: error: incompatible types"), message);
        assertTrue(message.contains("return \"text\";") && message.contains("^"), message);
        assertEquals("bn.exercises.Broken", r.declared().get("exercises/src/main/java/bn/exercises/Broken.java"));
        Path cls = r.classesDir().resolve("bn/exercises/Good.class");
        try (DataInputStream in = new DataInputStream(Files.newInputStream(cls))) {
            in.readInt();
            in.readUnsignedShort();
            assertEquals(61, in.readUnsignedShort(), "class files are Java 17's (--release 17) on JDK " + Runtime.version());
        }
    }

    /**
     * Student code gets Java 17's API whatever JDK runs the grader (--release 17, or on JDK 17 the equivalent
     * -source/-target 17): a method added in Java 21 and a class the JDK does not export both fail to compile.
     */
    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP"})
    void onlyJava17sExportedApiCompiles(Isolation isolation) {
        CompileResult r = compile(isolation, CompileLimits.DEFAULT,
                file("Newer.java", "package bn.exercises;\npublic class Newer {\n"
                        + "    public static Object last() { return java.util.List.of(1, 2).reversed(); }\n}\n"),
                file("Internal.java", "package bn.exercises;\npublic class Internal {\n"
                        + "    public static Object name() { return sun.security.x509.X500Name.class; }\n}\n"),
                file("Good.java", GOOD));
        assertEquals(List.of("bn.exercises.Good"), List.copyOf(r.classes().keySet()), () -> r.failures().toString());
        assertTrue(r.failures().get("exercises/src/main/java/bn/exercises/Newer.java").contains("cannot find symbol"),
                () -> r.failures().toString());
        assertTrue(r.failures().get("exercises/src/main/java/bn/exercises/Internal.java").contains("sun.security.x509"),
                () -> r.failures().toString());
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void theNextSubmissionCompilesAfreshInAWarmChild(Isolation isolation) {
        try (StudentCompiler javac = new StudentCompiler(List.of(), SandboxAttacksTest.sandbox(isolation, List.of()),
                work.resolve("root"), CompileLimits.DEFAULT)) {
            CompileResult first = javac.compile(List.of(file("Good.java", GOOD), file("Broken.java", BROKEN)),
                    work.resolve("first"));
            CompileResult second = javac.compile(List.of(file("Broken.java", BROKEN.replace("\"text\"", "1"))),
                    work.resolve("second"));
            assertEquals(List.of("bn.exercises.Good"), List.copyOf(first.classes().keySet()));
            assertEquals(List.of("bn.exercises.Broken"), List.copyOf(second.classes().keySet()));
            assertTrue(second.failures().isEmpty(), second.failures().toString());
            assertTrue(Files.exists(work.resolve("second/bn/exercises/Broken.class")));
            assertFalse(Files.exists(work.resolve("second/bn/exercises/Good.class")), "nothing of the first submission");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void aStackBombCostsOnlyItsFile(Isolation isolation) {
        int depth = 50_000;
        String bomb = "package bn.exercises;\npublic class Deep {\n    int x = " + "(".repeat(depth) + "1"
                + ")".repeat(depth) + ";\n}\n";
        CompileResult r = compile(isolation, new CompileLimits(Duration.ofSeconds(60), Duration.ofSeconds(180), 256, 2),
                file("Good.java", GOOD), file("Deep.java", bomb));
        assertEquals(List.of("bn.exercises.Good"), List.copyOf(r.classes().keySet()));
        String message = r.failures().get("exercises/src/main/java/bn/exercises/Deep.java");
        assertTrue(message.contains("Deep.java could not be compiled: javac ran out of stack"), message);
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP", "SEPARATE_USER"})
    void aConstantBombCostsOnlyItsFile(Isolation isolation) {
        StringBuilder bomb = new StringBuilder("package bn.exercises;\npublic class Huge {\n    static final String S0 = \"ab\";\n");
        for (int i = 1; i <= 40; i++) {
            bomb.append("    static final String S").append(i).append(" = S").append(i - 1).append(" + S").append(i - 1).append(";\n");
        }
        bomb.append("}\n");
        CompileResult r = compile(isolation, new CompileLimits(Duration.ofSeconds(60), Duration.ofSeconds(180), 128, 16),
                file("Good.java", GOOD), file("Huge.java", bomb.toString()));
        assertEquals(List.of("bn.exercises.Good"), List.copyOf(r.classes().keySet()));
        String message = r.failures().get("exercises/src/main/java/bn/exercises/Huge.java");
        assertTrue(message.contains("Huge.java could not be compiled: javac ran out of memory")
                || message.contains("constant string too long"), message);
    }

    @ParameterizedTest
    @EnumSource(names = {"BUBBLEWRAP"})
    void aCompileThatOutlastsItsLimitIsStoppedAndNamed(Isolation isolation) {
        long start = System.nanoTime();
        CompileResult r = compile(isolation, new CompileLimits(Duration.ofMillis(20), Duration.ofSeconds(5), 256, 16),
                file("Good.java", GOOD));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(r.classes().isEmpty());
        String message = r.failures().get("exercises/src/main/java/bn/exercises/Good.java");
        assertTrue(message.contains("javac did not finish compiling it within 20 ms"), message);
        assertFalse(seconds > 30, "stopped within its limits, took " + seconds + " s");
    }
}
