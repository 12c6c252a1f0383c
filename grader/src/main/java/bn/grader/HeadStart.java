package bn.grader;

import java.util.List;

import bn.grader.allowlist.Allowlist;
import bn.grader.catalog.TestCatalog;
import bn.grader.compile.CompileLimits;
import bn.grader.compile.StudentCompiler;
import bn.grader.report.ResultsJson;
import bn.grader.run.Classpaths;
import bn.grader.run.TestRunner;
import bn.grader.sandbox.Isolation;
import bn.grader.sandbox.Sandboxes;

/**
 * Work begun before the command line is parsed, since parsing takes a few hundred milliseconds of one core while the
 * other waits: a javac child for the default settings (bubblewrap, the default work folder), whether bubblewrap works
 * here, the bundled allowlist, the default graded-tests jar's catalog and a warm JUnit Platform. Each is remembered
 * where it is made ({@link StudentCompiler#prestart}, {@link Sandboxes}, {@link Allowlist#bundled},
 * {@link TestCatalog#read}, {@link TestRunner#warmUp}), so a grade finds it done, or waits for the one under way
 * instead of doing it again. Nothing here decides anything: with other options the grade does its own work, and the
 * early javac child (which has run nothing) is ended.
 */
final class HeadStart {
    private HeadStart() {
    }

    /** Begins on a daemon thread; never throws, and a failure here only means the grade does the work itself. */
    static void begin(String[] args) {
        boolean defaultSandbox = !java.util.Arrays.asList(args).contains("--work-dir")
                && Isolation.BUBBLEWRAP == bubblewrapUnlessOtherwiseAsked(args);
        Thread t = new Thread(() -> run(defaultSandbox), "head-start");
        t.setDaemon(true);
        t.start();
    }

    /** BUBBLEWRAP when neither --isolation nor the property asks for another mode, else null. */
    private static Isolation bubblewrapUnlessOtherwiseAsked(String[] args) {
        for (String a : args) {
            if (a.startsWith("--isolation")) {
                return null;
            }
        }
        String wanted = System.getProperty(Main.ISOLATION_PROPERTY, "auto");
        try {
            Isolation mode = IsolationOption.parse(wanted);
            return mode == null || mode == Isolation.BUBBLEWRAP ? Isolation.BUBBLEWRAP : null;
        } catch (IllegalArgumentException e) {
            return null; // the grade says what is wrong with it
        }
    }

    private static void run(boolean defaultSandbox) {
        try {
            boolean bubblewrapWorks = Sandboxes.bubblewrapProblem() == null; // probed once, remembered
            if (defaultSandbox && bubblewrapWorks) {
                StudentCompiler.prestart(Classpaths.courseLibraries(), Sandboxes.choose(Isolation.BUBBLEWRAP),
                        Main.defaultWorkRoot(), CompileLimits.DEFAULT);
            }
            Allowlist.bundled();
            TestCatalog.read(Main.defaultTestsJar(), List.of(Main.STUDENT_PACKAGE));
            TestRunner.warmUp();
            ResultsJson.warmUpInBackground();
        } catch (RuntimeException | Error e) { // a missing tests jar, OutOfMemoryError: the grade says what is wrong
            // nothing to do
        }
    }
}
