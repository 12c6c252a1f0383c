package bn.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import bn.grader.catalog.GradedTest;
import bn.grader.catalog.TestCatalog;
import bn.grader.allowlist.BytecodeChecker;
import bn.grader.allowlist.Reference;
import bn.grader.allowlist.ReferenceCollector;
import bn.grader.allowlist.Violation;
import bn.grader.compile.CompileResult;
import bn.grader.submission.SourceFile;
import bn.grader.submission.Submission;

/**
 * Decides which of the submission's compiled classes may run and which graded tests can run, before anything runs.
 * Every compiled class is checked, whether a test reaches it or not:
 * <ul>
 *   <li>a class outside the student's packages is refused;</li>
 *   <li>a class whose name already exists in the course, the JDK, a library or the graded tests is refused (it could
 *       otherwise stand in for that class);</li>
 *   <li>a class that uses something the allowlist forbids is refused (judged by the rules of the exercise whose test
 *       needs it, or by the common rules when no test needs it).</li>
 * </ul>
 * A refused class is never sent to the child. A class a blocked test needs may still be sent: the child loads a class
 * only when code that runs refers to it (reflection and class loaders are forbidden), and every class that a running
 * test reaches passed the check of that test's exercise. A test is blocked, with every reason, when a class it needs (through the
 * student's own classes) is missing, did not compile or was refused; the other tests are not affected.
 */
final class TestAdmission {
    /** Longest compiler or check message kept per reason. */
    static final int REASON_CAP = 6000;

    /**
     * @param admitted the student classes the child may define, by name, with their class files
     * @param blocked  each test that cannot run, with why
     * @param notes    problems to show in the summary (refused classes no test needs, files that did not compile)
     */
    record Decision(Map<String, byte[]> admitted, Map<String, String> blocked, List<String> notes) {
    }

    private final TestCatalog catalog;
    private final BytecodeChecker checker;
    private final List<String> studentPackages;

    /** @param checker the allowlist check, or null to run without it (only to test the isolation that remains) */
    TestAdmission(TestCatalog catalog, BytecodeChecker checker, List<String> studentPackages) {
        this.catalog = catalog;
        this.checker = checker;
        this.studentPackages = List.copyOf(studentPackages);
    }

    Decision decide(Submission submission, CompileResult compiled) throws IOException {
        List<String> notes = new ArrayList<>();
        Map<String, String> failedByClass = new HashMap<>();
        for (SourceFile s : submission.sources()) {
            String errors = compiled.failures().get(s.path());
            if (errors != null) {
                failedByClass.put(compiled.declared().get(s.path()), cap(s.path() + " did not compile:\n" + errors));
                notes.add("Did not compile: " + s.path());
            }
        }
        Set<String> own = compiled.classes().keySet();
        Map<String, byte[]> bytes = new TreeMap<>();
        Map<String, Set<String>> usesOf = new HashMap<>(); // top-level student class -> top-level student classes it uses
        for (String cls : own) {
            byte[] b = Files.readAllBytes(compiled.classesDir().resolve(cls.replace('.', '/') + ".class"));
            bytes.put(cls, b);
            Set<String> uses = usesOf.computeIfAbsent(topLevel(cls), c -> new LinkedHashSet<>());
            for (Reference r : ReferenceCollector.collect(b)) {
                if (own.contains(r.owner())) {
                    uses.add(topLevel(r.owner()));
                }
            }
        }

        // Refusals that do not depend on the exercise: the package and the name.
        Map<String, String> refused = new LinkedHashMap<>(); // top-level class -> why
        for (String cls : own) {
            String why = refusal(cls);
            if (why != null) {
                refused.merge(topLevel(cls), why, (a, b) -> a);
            }
        }

        // The allowlist, per exercise for the classes each test needs.
        Map<String, String> blocked = new HashMap<>();
        Set<String> needed = new LinkedHashSet<>();
        Map<String, List<Violation>> violationCache = new HashMap<>();
        for (GradedTest test : catalog.tests()) {
            List<String> reasons = new ArrayList<>();
            Set<String> closure = closure(test.studentClasses(), usesOf);
            needed.addAll(closure);
            for (String cls : closure) {
                boolean present = own.stream().anyMatch(c -> topLevel(c).equals(cls));
                if (!present) {
                    String failure = failedByClass.get(cls);
                    reasons.add(failure != null ? failure : missing(cls, own));
                } else if (refused.containsKey(cls)) {
                    reasons.add(refused.get(cls));
                }
            }
            if (reasons.isEmpty() && checker != null) {
                List<Violation> violations = new ArrayList<>();
                for (String cls : own) {
                    if (closure.contains(topLevel(cls))) {
                        violations.addAll(violationCache.computeIfAbsent(cls + "|" + test.exercise(),
                                k -> checker.check(bytes.get(cls), own, test.exercise())));
                    }
                }
                if (!violations.isEmpty()) {
                    reasons.add(forbiddenMessage(violations));
                }
            }
            if (!reasons.isEmpty()) {
                blocked.put(test.id(), cap(String.join("\n\n", new LinkedHashSet<>(reasons))));
            }
        }

        // Every other class is checked too, by the common rules; whatever is refused is named in the summary.
        for (String cls : own) {
            String top = topLevel(cls);
            if (checker != null && !needed.contains(top) && !refused.containsKey(top)) {
                List<Violation> violations = checker.check(bytes.get(cls), own, null);
                if (!violations.isEmpty()) {
                    refused.put(top, forbiddenMessage(violations));
                }
            }
        }
        refused.forEach((cls, why) -> notes.add("Not run: " + cls + ". " + firstLine(why)));

        Map<String, byte[]> admitted = new TreeMap<>();
        bytes.forEach((cls, b) -> {
            String top = topLevel(cls);
            if (!refused.containsKey(top)) {
                admitted.put(cls, b);
            }
        });
        return new Decision(admitted, blocked, notes);
    }

    /** Why a class may not run whatever it holds, or null. */
    private String refusal(String cls) {
        if (!inStudentPackage(cls)) {
            return "Refused: " + cls + " is outside the package " + String.join(", ", studentPackages)
                    + " where the exercises live; the grader runs only classes of that package. Move it there or delete it.";
        }
        if (catalog.testJarClasses().contains(cls) || exists(cls)) {
            return "Refused: the submission declares " + cls + ", a class that already exists in the course, the JDK,"
                    + " a library or the graded tests. Rename it: a submission may not replace a class it does not own.";
        }
        return null;
    }

    private boolean inStudentPackage(String cls) {
        int dot = cls.lastIndexOf('.');
        String pkg = dot < 0 ? "" : cls.substring(0, dot);
        return studentPackages.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }

    /** Whether the name is taken on the grader's classpath (which holds the child's) or in the JDK. */
    private static boolean exists(String cls) {
        String resource = cls.replace('.', '/') + ".class";
        return TestAdmission.class.getClassLoader().getResource(resource) != null
                || ClassLoader.getPlatformClassLoader().getResource(resource) != null;
    }

    private static String missing(String cls, Set<String> own) {
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String pkg = cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : "(default)";
        String text = "Missing: the submission has no class " + cls + " (expected a file " + simple
                + ".java in package " + pkg + ").";
        List<String> elsewhere = own.stream().filter(c -> c.equals(simple) || c.endsWith("." + simple)).toList();
        if (!elsewhere.isEmpty()) {
            text += " Found " + String.join(", ", elsewhere) + ": is its package declaration 'package " + pkg + ";'?";
        }
        return text;
    }

    static String forbiddenMessage(List<Violation> violations) {
        StringBuilder text = new StringBuilder("Forbidden: this exercise's code uses ");
        List<String> shown = violations.stream().map(Violation::describe).distinct().limit(6).toList();
        text.append(String.join(";\n    ", shown));
        if (violations.size() > shown.size()) {
            text.append("; and ").append(violations.size() - shown.size()).append(" more");
        }
        text.append(".\nThe grader runs only code that uses the allowed classes: java.lang basics (Math, String, "
                + "StringBuilder, boxed numbers, exceptions, System.out), java.util collections, Random, functions and "
                + "sequential streams, and bn.tensor. No System.exit, threads, timers, parallel streams, finalizers, "
                + "reflection, class loaders, files, network, or the reference implementation bn.batchnorm. The exercise "
                + "scores 0 until the forbidden use is removed.");
        return text.toString();
    }

    private static Set<String> closure(Set<String> roots, Map<String, Set<String>> usesOf) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (seen.add(c)) {
                todo.addAll(usesOf.getOrDefault(c, Set.of()));
            }
        }
        return seen;
    }

    static String topLevel(String cls) {
        int dollar = cls.indexOf('$');
        return dollar < 0 ? cls : cls.substring(0, dollar);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static String cap(String text) {
        return text.length() <= REASON_CAP ? text
                : text.substring(0, REASON_CAP) + "\n... [" + (text.length() - REASON_CAP) + " more characters not shown]";
    }
}
