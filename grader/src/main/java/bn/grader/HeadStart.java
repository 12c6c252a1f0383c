package bn.grader;

import java.util.List;

import bn.grader.allowlist.Allowlist;
import bn.grader.catalog.TestCatalog;
import bn.grader.report.ResultsJson;
import bn.grader.run.TestRunner;
import bn.grader.sandbox.Sandboxes;

/**
 * Work that depends on no command-line option, begun before the command line is parsed: parsing takes a few hundred
 * milliseconds of one core while the other waits. Whether bubblewrap works here, the bundled allowlist, the default
 * graded-tests jar's catalog and a warm JUnit Platform are each remembered where they are made ({@link Sandboxes},
 * {@link Allowlist#bundled}, {@link TestCatalog#read}, {@link TestRunner#warmUp}), so a grade finds them done, or
 * waits for the one under way instead of doing it again. Nothing here decides anything: with other options the grade
 * simply does its own work.
 */
final class HeadStart {
    private HeadStart() {
    }

    /** Begins on a daemon thread; never throws, and a failure here only means the grade does the work itself. */
    static void begin() {
        Thread t = new Thread(HeadStart::run, "head-start");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            Sandboxes.bubblewrapProblem();
            Allowlist.bundled();
            TestCatalog.read(Main.defaultTestsJar(), List.of(Main.STUDENT_PACKAGE));
            TestRunner.warmUp();
            ResultsJson.warmUpInBackground();
        } catch (RuntimeException | Error e) { // a missing tests jar, OutOfMemoryError: the grade says what is wrong
            // nothing to do
        }
    }
}
