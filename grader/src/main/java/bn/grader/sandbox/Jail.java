package bn.grader.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one sandboxed process may see and use.
 *
 * @param command   the command line (e.g. {@code java -cp ... bn.grader.child.CallRunner})
 * @param readOnly  files and folders the process may read (the JDK, the jars it needs); nothing else of the host's
 *                  file system is visible under {@link Isolation#BUBBLEWRAP}
 * @param scratch   an empty folder the process may write to; its working directory
 * @param env       the whole environment of the process (nothing is inherited)
 * @param limits    resource limits applied to the process and everything it starts
 */
public record Jail(List<String> command, List<Path> readOnly, Path scratch, Map<String, String> env,
                   ResourceLimits limits) {
    public Jail {
        command = List.copyOf(command);
        readOnly = List.copyOf(readOnly);
        env = Map.copyOf(env);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a sandboxed process needs a command, got an empty one");
        }
    }
}
