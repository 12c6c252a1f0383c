package bn.grader.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link Isolation#PROCESS_GROUP}: the command runs in a new session ({@code setsid}) under {@code prlimit}, and
 * killing it kills its whole process group as well as every descendant still known to the JVM.
 */
public final class ProcessGroupSandbox implements Sandbox {
    @Override
    public Isolation isolation() {
        return Isolation.PROCESS_GROUP;
    }

    @Override
    public Sandboxed start(Jail jail) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid", "prlimit"));
        command.addAll(jail.limits().prlimitOptions());
        command.add("--");
        command.addAll(jail.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(jail.scratch().toFile());
        builder.environment().clear();
        builder.environment().putAll(jail.env());
        Process process = Spawner.start(builder);
        return new Sandboxed(process, () -> killGroup(process));
    }

    static void killGroup(Process process) {
        long pid = process.pid();
        // setsid made the process the leader of a new process group whose id is its pid.
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // kill(1) missing: the descendants below are the fallback.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
