package bn.grader;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import bn.grader.allowlist.Allowlist;
import bn.grader.allowlist.BytecodeChecker;
import bn.grader.allowlist.Reference;
import bn.grader.allowlist.Violation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllowlistTest {
    private static Reference call(String owner, String member) {
        return new Reference(owner, member, "bn.exercises.Ex", "run");
    }

    /** Every use listed (a line: an owner, its members, and "# why" if need be) is allowed in exercise 4.1. */
    private static void assertAllowed(Allowlist rules, String listed) {
        uses(listed).forEach(use -> assertTrue(rules.allows(use, "4.1"), use.owner() + "." + use.member() + " is allowed"));
    }

    /** Every use listed (a line: an owner, its members, and "# why" if need be) is forbidden in exercise 4.1. */
    private static void assertForbidden(Allowlist rules, String listed) {
        uses(listed).forEach(use -> assertFalse(rules.allows(use, "4.1"), use.owner() + "." + use.member() + " is forbidden"));
    }

    private static List<Reference> uses(String lines) {
        return lines.lines().map(line -> line.replaceAll("#.*", "").strip().split(" +"))
                .flatMap(words -> Arrays.stream(words, 1, words.length).map(member -> call(words[0], member))).toList();
    }

    @Test
    void theBundledListAllowsEverydayCodeAndForbidsEscapes() {
        Allowlist rules = Allowlist.bundled();
        assertAllowed(rules, """
                java.lang.Math sqrt
                java.util.ArrayList add
                java.util.Map$Entry getKey
                java.lang.IllegalArgumentException <init>
                java.lang.System out
                java.io.PrintStream println
                bn.tensor.Tensor minus
                """);
        assertTrue(rules.allows(call("java.lang.Class", null), "4.1"), "a Class-typed parameter is only a type");

        assertForbidden(rules, """
                java.lang.System exit getenv setOut
                java.lang.Runtime getRuntime
                java.lang.ProcessBuilder <init>
                java.lang.Thread start
                java.util.concurrent.CompletableFuture supplyAsync
                java.lang.Class forName getDeclaredFields
                java.lang.reflect.Method invoke
                java.lang.invoke.MethodHandles lookup
                java.lang.ClassLoader getResource
                java.io.FileOutputStream <init>
                java.io.PrintStream <init>    # new PrintStream("file") opens a file
                java.nio.file.Files readAllBytes
                java.net.Socket <init>
                sun.misc.Unsafe getUnsafe
                java.util.Timer <init>
                java.util.ArrayList parallelStream
                java.util.stream.IntStream parallel
                java.util.Arrays parallelSort
                bn.batchnorm.Algorithm1 forward
                bn.grader.child.CallRunner main
                """);
    }

    @Test
    void backgroundExecutionIsForbiddenHoweverItIsReached() {
        Allowlist rules = Allowlist.bundled();
        assertForbidden(rules, """
                java.util.stream.StreamSupport stream    # stream(spliterator, true)
                java.util.Spliterators spliterator
                java.util.stream.Stream parallel
                java.util.stream.BaseStream parallel
                java.util.Collection parallelStream
                java.util.Arrays parallelSetAll
                java.util.concurrent.Executors newFixedThreadPool
                java.util.concurrent.ForkJoinPool commonPool
                java.lang.ref.Cleaner create
                java.util.TimerTask <init>
                java.lang.Object finalize
                """);
        assertAllowed(rules, """
                java.util.stream.IntStream sum    # sequential streams stay allowed
                """);
    }

    @Test
    void declaringAFinalizerIsAUseOfObjectFinalize() {
        org.objectweb.asm.ClassWriter w = new org.objectweb.asm.ClassWriter(0);
        w.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "bn/exercises/Late", null,
                "java/lang/Object", null);
        org.objectweb.asm.MethodVisitor m = w.visitMethod(org.objectweb.asm.Opcodes.ACC_PROTECTED, "finalize", "()V", null, null);
        m.visitCode();
        m.visitInsn(org.objectweb.asm.Opcodes.RETURN);
        m.visitMaxs(0, 1);
        m.visitEnd();
        w.visitEnd();
        List<Violation> found = new BytecodeChecker(Allowlist.bundled()).check(w.toByteArray(), Set.of("bn.exercises.Late"), "1.1");
        assertEquals(List.of("java.lang.Object.finalize (used in bn.exercises.Late.finalize)"),
                found.stream().map(Violation::describe).toList());
    }

    @Test
    void anExerciseSectionAddsToTheCommonRules() {
        Allowlist rules = Allowlist.parse("""
                # common
                allow java.lang.Math
                [exercise 6.1 6.2]
                allow bn.batchnorm.**
                deny bn.batchnorm.running.*
                [all]
                allow java.lang.String
                """, "test");
        assertTrue(rules.allows(call("bn.batchnorm.Algorithm1", "forward"), "6.2"));
        assertFalse(rules.allows(call("bn.batchnorm.running.Convention", "pytorch"), "6.1"));
        assertFalse(rules.allows(call("bn.batchnorm.Algorithm1", "forward"), "4.1"));
        assertTrue(rules.allows(call("java.lang.String", "length"), "4.1"), "lines after [all] are common again");
        assertTrue(rules.allows(call("java.lang.Math", "abs"), "6.1"));
    }

    @Test
    void globsStayWithinOneNameAndDoubleStarsCrossPackages() {
        Allowlist rules = Allowlist.parse("allow java.util.*\nallow bn.tensor.**\nallow java.lang.*Exception\n", "test");
        assertTrue(rules.allows(call("java.util.HashMap", "put"), null));
        assertFalse(rules.allows(call("java.util.concurrent.Executors", "newFixedThreadPool"), null));
        assertTrue(rules.allows(call("bn.tensor.deep.Thing", "x"), null));
        assertTrue(rules.allows(call("java.lang.ArithmeticException", "<init>"), null));
        assertFalse(rules.allows(call("java.lang.Thread", "<init>"), null));
    }

    @Test
    void malformedLinesAreRejectedWithTheirPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Allowlist.parse("allow java.lang.Math\npermit java.io.File\n", "rules.txt"));
        assertTrue(e.getMessage().contains("rules.txt:2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Allowlist.parse("[exercise]\n", "rules.txt"));
        assertThrows(IllegalArgumentException.class, () -> Allowlist.parse("allow java.lang.System#\n", "rules.txt"));
    }

    @Test
    void theCheckerNamesTheForbiddenCallAndWhereItIs() throws Exception {
        byte[] bytes = compileOne("bn.exercises.Quits", """
                package bn.exercises;
                public class Quits {
                    public static double run(double x) {
                        if (x < 0) {
                            System.exit(1);
                        }
                        Runnable r = () -> System.out.println(Math.sqrt(x) + " done");
                        r.run();
                        return x;
                    }
                }
                """);
        List<Violation> violations = new BytecodeChecker(Allowlist.bundled()).check(bytes, Set.of("bn.exercises.Quits"), "1.1");
        assertEquals(1, violations.size(), violations.toString());
        assertEquals("java.lang.System.exit (used in bn.exercises.Quits.run)", violations.get(0).describe());
    }

    @Test
    void methodReferencesAndEnumsAndRecordsAreSeen() throws Exception {
        byte[] bytes = compileOne("bn.exercises.Refs", """
                package bn.exercises;
                import java.util.function.IntConsumer;
                public class Refs {
                    record Point(double x, double y) { }
                    enum Mode { A, B }
                    public static IntConsumer quit() {
                        Point p = new Point(1, 2);
                        Mode m = Mode.valueOf("A");
                        assert p.x() < 2 : m;
                        return System::exit;
                    }
                }
                """);
        List<Violation> violations = new BytecodeChecker(Allowlist.bundled())
                .check(bytes, Set.of("bn.exercises.Refs", "bn.exercises.Refs$Point", "bn.exercises.Refs$Mode"), "1.1");
        assertEquals(List.of("java.lang.System.exit (used in bn.exercises.Refs.quit)"),
                violations.stream().map(Violation::describe).toList());
    }

    static byte[] compileOne(String className, String source) throws Exception {
        java.nio.file.Path dir = FakeCourse.work().resolve("allowlist-" + className);
        FakeCourse.deleteTree(dir);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path file = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        java.nio.file.Files.writeString(file, source);
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-d",
                dir.toString(), file.toString());
        assertEquals(0, status, "the fixture compiles");
        return java.nio.file.Files.readAllBytes(dir.resolve(className.replace('.', '/') + ".class"));
    }
}
