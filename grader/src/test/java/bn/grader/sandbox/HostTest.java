package bn.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the sandboxes ask of the machine about processes. */
class HostTest {

    @Test
    void aZombieCannotRunThoughTheJdkCallsItAlive() throws Exception {
        // 'sleep 0' ends at once; its parent then becomes 'sleep 30' (exec), which never reaps it: a zombie.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 30").start();
        try {
            ProcessHandle zombie = null;
            for (int i = 0; i < 100 && zombie == null; i++) {
                zombie = parent.descendants().filter(h -> !Host.canRun(h)).findFirst().orElse(null);
                if (zombie == null) {
                    Thread.sleep(20);
                }
            }
            assertTrue(zombie != null, "the ended child stays a zombie under a parent that does not reap it");
            assertTrue(zombie.isAlive(), "ProcessHandle counts the zombie as alive");
            assertFalse(Host.canRun(zombie), "but it cannot run: the sandboxes need not wait for it to be reaped");
            assertTrue(Host.canRun(parent.toHandle()), "the sleeping parent can run");
        } finally {
            parent.destroyForcibly();
            parent.waitFor(5, TimeUnit.SECONDS);
        }
        assertFalse(Host.canRun(parent.toHandle()), "a killed and reaped process cannot run");
    }
}
