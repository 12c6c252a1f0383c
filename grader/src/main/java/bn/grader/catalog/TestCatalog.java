package bn.grader.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import bn.grader.allowlist.Reference;
import bn.grading.Visibility;
import bn.grader.allowlist.ReferenceCollector;

/**
 * Every {@code @bn.grading.Graded} test in a graded-tests jar, with its points read from the bytecode (never from the
 * JVM that runs student code), and the student classes each test needs.
 */
public final class TestCatalog {
    private static final String GRADED = "Lbn/grading/Graded;";
    private static final String DISPLAY_NAME = "Lorg/junit/jupiter/api/DisplayName;";
    private static final String NAME_GENERATION = "Lorg/junit/jupiter/api/DisplayNameGeneration;";

    private final Path jar;
    private final List<GradedTest> tests;
    private final Map<String, byte[]> classFiles;

    private TestCatalog(Path jar, List<GradedTest> tests, Map<String, byte[]> classFiles) {
        this.jar = jar;
        this.tests = List.copyOf(tests);
        this.classFiles = Map.copyOf(classFiles);
    }

    /** Every class of the jar, dotted, with its class file: the grader defines them itself (never the child). */
    public Map<String, byte[]> classFiles() {
        return classFiles;
    }

    public Path jar() {
        return jar;
    }

    /** The tests, ordered by exercise, then class, then declaration order. */
    public List<GradedTest> tests() {
        return tests;
    }

    /** Every class in the jar, dotted: student code may neither use nor shadow them. */
    public Set<String> testJarClasses() {
        return classFiles.keySet();
    }

    /** Tests grouped by exercise, in exercise order. */
    public Map<String, List<GradedTest>> byExercise() {
        Map<String, List<GradedTest>> map = new TreeMap<>(ExerciseOrder.INSTANCE);
        for (GradedTest t : tests) {
            map.computeIfAbsent(t.exercise(), e -> new ArrayList<>()).add(t);
        }
        return map;
    }

    /** Catalogs read in this JVM, by jar (path, size, modification time) and student packages. */
    private static final Map<List<Object>, TestCatalog> READ = new ConcurrentHashMap<>();

    /**
     * Reads the jar, or returns what an earlier read of the same jar, unchanged since (path, size and modification
     * time), gave; a read under way in another thread is waited for, not repeated.
     *
     * @param studentPackages packages (dotted, such as "bn.exercises") whose classes, when not in the jar, are the student's
     */
    public static TestCatalog read(Path jar, List<String> studentPackages) {
        List<Object> key;
        try {
            Path file = jar.toAbsolutePath().normalize();
            key = List.of(file.toString(), Files.size(file), Files.getLastModifiedTime(file).toMillis(),
                    List.copyOf(studentPackages));
        } catch (IOException | RuntimeException e) {
            return readJar(jar, studentPackages); // which says what is wrong with the file
        }
        return READ.computeIfAbsent(key, k -> readJar(jar, studentPackages));
    }

    private static TestCatalog readJar(Path jar, List<String> studentPackages) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                    classes.put(entry.getName().substring(0, entry.getName().length() - 6).replace('/', '.'),
                            file.getInputStream(entry).readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the graded-tests jar " + jar + ": " + e.getMessage(), e);
        }
        List<GradedTest> tests = new ArrayList<>();
        Map<String, ClassScan> scans = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            ClassScan scan = new ClassScan();
            new ClassReader(entry.getValue()).accept(scan, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG);
            scans.put(entry.getKey(), scan);
        }
        for (Map.Entry<String, ClassScan> entry : scans.entrySet()) {
            if ((entry.getValue().access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) != 0) {
                continue;
            }
            String className = entry.getKey();
            // The class and the superclasses it inherits graded tests from (within the jar), nearest first.
            List<String> chain = new ArrayList<>();
            for (String c = className; c != null && scans.containsKey(c) && !chain.contains(c); c = scans.get(c).superName) {
                chain.add(c);
            }
            Map<String, GradedMethod> graded = new LinkedHashMap<>();
            Map<String, String> declaredIn = new HashMap<>();
            for (String c : chain) {
                for (GradedMethod m : scans.get(c).graded.values()) {
                    if (graded.putIfAbsent(m.name, m) == null) {
                        declaredIn.put(m.name, c);
                    }
                }
            }
            if (graded.isEmpty()) {
                continue;
            }
            Map<String, Set<String>> usesByMethod = new HashMap<>();
            Set<String> shared = new LinkedHashSet<>();
            for (Map.Entry<String, byte[]> other : classes.entrySet()) {
                String holder = chain.stream().filter(c -> other.getKey().equals(c) || other.getKey().startsWith(c + "$"))
                        .findFirst().orElse(null);
                if (holder == null) {
                    continue;
                }
                boolean self = other.getKey().equals(holder);
                Set<String> ownTests = scans.get(holder).graded.keySet();
                for (Reference r : ReferenceCollector.collect(other.getValue())) {
                    String owner = topLevel(r.owner());
                    if (classes.containsKey(r.owner()) || classes.containsKey(owner) || !inPackages(owner, studentPackages)) {
                        continue;
                    }
                    String testMethod = self ? testMethodOf(r.inMethod(), ownTests) : null;
                    if (testMethod == null || !holder.equals(declaredIn.get(testMethod))) {
                        shared.add(owner);
                    } else {
                        usesByMethod.computeIfAbsent(testMethod, m -> new LinkedHashSet<>()).add(owner);
                    }
                }
            }
            ClassScan scan = entry.getValue();
            for (GradedMethod m : graded.values()) {
                Set<String> uses = new LinkedHashSet<>(shared);
                uses.addAll(usesByMethod.getOrDefault(m.name, Set.of()));
                String display = m.displayName != null ? m.displayName
                        : scan.replaceUnderscores ? m.name.replace('_', ' ') : m.name;
                tests.add(new GradedTest(className, m.name, display, m.exercise, m.points, m.visibility, Set.copyOf(uses)));
            }
        }
        tests.sort(Comparator.comparing(GradedTest::exercise, ExerciseOrder.INSTANCE).thenComparing(GradedTest::className));
        return new TestCatalog(jar, tests, classes);
    }

    private static String testMethodOf(String method, Set<String> testMethods) {
        if (method == null) {
            return null;
        }
        if (testMethods.contains(method)) {
            return method;
        }
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', 7);
            String outer = end < 0 ? null : method.substring(7, end);
            if (outer != null && testMethods.contains(outer)) {
                return outer;
            }
        }
        return null;
    }

    static String topLevel(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    static boolean inPackages(String className, List<String> packages) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        return packages.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }

    private static final class GradedMethod {
        String name;
        String exercise;
        double points;
        Visibility visibility = Visibility.VISIBLE;
        String displayName;
    }

    /** Finds the @Graded methods of one class and their display names. */
    private static final class ClassScan extends ClassVisitor {
        final Map<String, GradedMethod> graded = new LinkedHashMap<>();
        int access;
        String superName;
        boolean replaceUnderscores;

        ClassScan() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.access = access;
            this.superName = superName == null ? null : superName.replace('/', '.');
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            if (!descriptor.equals(NAME_GENERATION)) {
                return null;
            }
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String name, Object value) {
                    if (value instanceof org.objectweb.asm.Type t && t.getClassName().endsWith("ReplaceUnderscores")) {
                        replaceUnderscores = true;
                    }
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            GradedMethod method = new GradedMethod();
            method.name = name;
            return new MethodVisitor(Opcodes.ASM9) {
                private boolean isGraded;

                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    if (annotation.equals(GRADED)) {
                        isGraded = true;
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(String key, Object value) {
                                if (key.equals("exercise")) {
                                    method.exercise = (String) value;
                                } else if (key.equals("points")) {
                                    method.points = ((Number) value).doubleValue();
                                }
                            }

                            @Override
                            public void visitEnum(String key, String enumDescriptor, String value) {
                                if (key.equals("visibility")) {
                                    method.visibility = Visibility.valueOf(value);
                                }
                            }
                        };
                    }
                    if (annotation.equals(DISPLAY_NAME)) {
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(String key, Object value) {
                                method.displayName = (String) value;
                            }
                        };
                    }
                    return null;
                }

                @Override
                public void visitEnd() {
                    if (isGraded) {
                        if (method.exercise == null) {
                            throw new IllegalArgumentException("@Graded on " + name + " has no exercise");
                        }
                        graded.put(name, method);
                    }
                }
            };
        }
    }
}
