package bn.grader;

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

    @Test
    void theBundledListAllowsEverydayCodeAndForbidsEscapes() {
        Allowlist rules = Allowlist.bundled();
        assertTrue(rules.allows(call("java.lang.Math", "sqrt"), "4.1"));
        assertTrue(rules.allows(call("java.util.ArrayList", "add"), "4.1"));
        assertTrue(rules.allows(call("java.util.Map$Entry", "getKey"), "4.1"));
        assertTrue(rules.allows(call("java.lang.IllegalArgumentException", "<init>"), "4.1"));
        assertTrue(rules.allows(call("java.lang.System", "out"), "4.1"));
        assertTrue(rules.allows(call("java.io.PrintStream", "println"), "4.1"));
        assertTrue(rules.allows(call("bn.tensor.Tensor", "minus"), "4.1"));
        assertTrue(rules.allows(call("java.lang.Class", null), "4.1"), "a Class-typed parameter is only a type");

        assertFalse(rules.allows(call("java.lang.System", "exit"), "4.1"));
        assertFalse(rules.allows(call("java.lang.System", "getenv"), "4.1"));
        assertFalse(rules.allows(call("java.lang.System", "setOut"), "4.1"));
        assertFalse(rules.allows(call("java.lang.Runtime", "getRuntime"), "4.1"));
        assertFalse(rules.allows(call("java.lang.ProcessBuilder", "<init>"), "4.1"));
        assertFalse(rules.allows(call("java.lang.Thread", "start"), "4.1"));
        assertFalse(rules.allows(call("java.util.concurrent.CompletableFuture", "supplyAsync"), "4.1"));
        assertFalse(rules.allows(call("java.lang.Class", "forName"), "4.1"));
        assertFalse(rules.allows(call("java.lang.Class", "getDeclaredFields"), "4.1"));
        assertFalse(rules.allows(call("java.lang.reflect.Method", "invoke"), "4.1"));
        assertFalse(rules.allows(call("java.lang.invoke.MethodHandles", "lookup"), "4.1"));
        assertFalse(rules.allows(call("java.lang.ClassLoader", "getResource"), "4.1"));
        assertFalse(rules.allows(call("java.io.FileOutputStream", "<init>"), "4.1"));
        assertFalse(rules.allows(call("java.io.PrintStream", "<init>"), "4.1"), "new PrintStream(\"file\") opens a file");
        assertFalse(rules.allows(call("java.nio.file.Files", "readAllBytes"), "4.1"));
        assertFalse(rules.allows(call("java.net.Socket", "<init>"), "4.1"));
        assertFalse(rules.allows(call("sun.misc.Unsafe", "getUnsafe"), "4.1"));
        assertFalse(rules.allows(call("java.util.Timer", "<init>"), "4.1"));
        assertFalse(rules.allows(call("java.util.ArrayList", "parallelStream"), "4.1"));
        assertFalse(rules.allows(call("java.util.stream.IntStream", "parallel"), "4.1"));
        assertFalse(rules.allows(call("java.util.Arrays", "parallelSort"), "4.1"));
        assertFalse(rules.allows(call("bn.batchnorm.Algorithm1", "forward"), "4.1"));
        assertFalse(rules.allows(call("bn.grader.child.CallRunner", "main"), "4.1"));
    }

    @Test
    void backgroundExecutionIsForbiddenHoweverItIsReached() {
        Allowlist rules = Allowlist.bundled();
        assertFalse(rules.allows(call("java.util.stream.StreamSupport", "stream"), "4.1"), "stream(spliterator, true)");
        assertFalse(rules.allows(call("java.util.Spliterators", "spliterator"), "4.1"));
        assertFalse(rules.allows(call("java.util.stream.Stream", "parallel"), "4.1"));
        assertFalse(rules.allows(call("java.util.stream.BaseStream", "parallel"), "4.1"));
        assertFalse(rules.allows(call("java.util.Collection", "parallelStream"), "4.1"));
        assertFalse(rules.allows(call("java.util.Arrays", "parallelSetAll"), "4.1"));
        assertFalse(rules.allows(call("java.util.concurrent.Executors", "newFixedThreadPool"), "4.1"));
        assertFalse(rules.allows(call("java.util.concurrent.ForkJoinPool", "commonPool"), "4.1"));
        assertFalse(rules.allows(call("java.lang.ref.Cleaner", "create"), "4.1"));
        assertFalse(rules.allows(call("java.util.TimerTask", "<init>"), "4.1"));
        assertFalse(rules.allows(call("java.lang.Object", "finalize"), "4.1"));
        assertTrue(rules.allows(call("java.util.stream.IntStream", "sum"), "4.1"), "sequential streams stay allowed");
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
