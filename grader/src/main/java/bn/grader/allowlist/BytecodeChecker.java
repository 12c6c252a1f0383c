package bn.grader.allowlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks compiled student classes against the {@link Allowlist} before any of them runs. Uses of the submission's own
 * classes are always allowed; uses of the graded-test classes never are.
 */
public final class BytecodeChecker {
    private final Allowlist allowlist;

    public BytecodeChecker(Allowlist allowlist) {
        this.allowlist = allowlist;
    }

    /**
     * The forbidden uses in one class, judged by the rules of one exercise.
     *
     * @param ownClasses every class the submission compiled to (dotted); they may use one another
     */
    public List<Violation> check(byte[] classFile, Set<String> ownClasses, String exercise) {
        Map<String, Violation> found = new LinkedHashMap<>();
        for (Reference use : ReferenceCollector.collect(classFile)) {
            if (ownClasses.contains(use.owner()) || allowlist.allows(use, exercise)) {
                continue;
            }
            found.putIfAbsent(use.target() + "@" + use.location(), new Violation(use));
        }
        return new ArrayList<>(found.values());
    }
}
