package bn.grader;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import bn.grader.catalog.GradedTest;
import bn.grader.catalog.TestCatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestCatalogTest {
    @Test
    void pointsVisibilityNamesAndTheStudentClassesEachTestUsesComeFromTheBytecode() throws Exception {
        TestCatalog catalog = TestCatalog.read(FakeCourse.gradedTestsJar(), List.of("bn.exercises"));
        Map<String, GradedTest> byMethod = catalog.tests().stream()
                .collect(Collectors.toMap(GradedTest::methodName, t -> t));
        assertEquals(7, catalog.tests().size());
        assertEquals(List.of("1.1", "1.2", "2.1"), List.copyOf(catalog.byExercise().keySet()));

        GradedTest hidden = byMethod.get("emptyInputIsRejected");
        assertEquals("bn.exercises.FakeEx1_1Test#emptyInputIsRejected", hidden.id());
        assertEquals(2.0, hidden.points());
        assertEquals("hidden", hidden.visibility().json());
        assertEquals(Set.of("bn.exercises.Ex1_1_Mean"), hidden.studentClasses(), "the use inside its lambda counts");
        assertEquals("the mean of one value is that value", byMethod.get("singleValue").displayName());
        assertEquals("after_due_date", byMethod.get("shapeIsKept").visibility().json());
        assertEquals(Set.of("bn.exercises.Ex2_1_Center"), byMethod.get("shapeIsKept").studentClasses());
    }

    @Test
    void gradedTestsInheritedFromAnAbstractBaseAreRunAsTheConcreteClasssAndOnlyTheirOwnUsesCount() throws Exception {
        Path dir = FakeCourse.work().resolve("catalog-inheritance");
        FakeCourse.deleteTree(dir);
        Path src = dir.resolve("src/bn/exercises");
        Files.createDirectories(src);
        Files.writeString(src.resolve("ExA.java"), "package bn.exercises; public class ExA { public static int a() { return 1; } }");
        Files.writeString(src.resolve("ExB.java"), "package bn.exercises; public class ExB { public static int b() { return 2; } }");
        Files.writeString(src.resolve("BaseChecks.java"), """
                package bn.exercises;
                import bn.grading.Graded;
                import org.junit.jupiter.api.Test;
                abstract class BaseChecks {
                    @Test
                    @Graded(exercise = "3.1", points = 1.5)
                    void usesA() {
                        Runnable r = () -> ExA.a();
                        r.run();
                    }
                }
                """);
        Files.writeString(src.resolve("ConcreteTest.java"), """
                package bn.exercises;
                import bn.grading.Graded;
                import bn.grading.Visibility;
                import org.junit.jupiter.api.Test;
                class ConcreteTest extends BaseChecks {
                    @Test
                    @Graded(exercise = "3.2", points = 2, visibility = Visibility.AFTER_PUBLISHED)
                    void usesB() {
                        ExB.b();
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", FakeCourse.classpath()));
        try (Stream<Path> walk = Files.walk(src)) {
            walk.filter(Files::isRegularFile).forEach(p -> args.add(p.toString()));
        }
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)));
        Path jar = dir.resolve("tests.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(p).toString();
                if (name.contains("BaseChecks") || name.contains("ConcreteTest")) {
                    out.putNextEntry(new JarEntry(name));
                    out.write(Files.readAllBytes(p));
                    out.closeEntry();
                }
            }
        }
        List<GradedTest> tests = TestCatalog.read(jar, List.of("bn.exercises")).tests();
        assertEquals(List.of("bn.exercises.ConcreteTest#usesA", "bn.exercises.ConcreteTest#usesB"),
                tests.stream().map(GradedTest::id).toList());
        assertEquals(Set.of("bn.exercises.ExA"), tests.get(0).studentClasses());
        assertEquals(1.5, tests.get(0).points());
        assertEquals(Set.of("bn.exercises.ExB"), tests.get(1).studentClasses());
        assertEquals("after_published", tests.get(1).visibility().json());
    }
}
