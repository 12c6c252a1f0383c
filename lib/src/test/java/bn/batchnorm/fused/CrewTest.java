package bn.batchnorm.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The helper threads of the fused kernels: every range runs exactly once per call, however many threads call at
 * once; a failure anywhere ends the call only after every helper has finished; an idle helper sleeps instead of
 * spinning for ever.
 */
@Timeout(60)
class CrewTest {

    /** A view large enough that {@code threads} threads share it, with {@code channels} features. */
    private static FeatureView viewFor(int threads, int channels) {
        return new FeatureView(1, channels, threads * Workers.MIN_ENTRIES_PER_THREAD);
    }

    @Test
    void callersFromManyThreadsAtOnceEachGetEveryFeatureOnce() throws Exception {
        FeatureView view = viewFor(2, 64);
        int callers = 4;
        int calls = 2_000;
        CyclicBarrier start = new CyclicBarrier(callers);
        AtomicReference<Throwable> problem = new AtomicReference<>();
        AtomicInteger sharedCalls = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int call = 0; call < calls; call++) {
                        AtomicReferenceArray<String> visitedBy = new AtomicReferenceArray<>(64);
                        AtomicInteger visits = new AtomicInteger();
                        Workers.of(2).forFeatures(view, (from, to) -> {
                            for (int c = from; c < to; c++) {
                                visits.incrementAndGet();
                                if (!visitedBy.compareAndSet(c, null, Thread.currentThread().getName())) {
                                    throw new AssertionError("feature " + c + " visited twice");
                                }
                            }
                        });
                        assertEquals(64, visits.get(), "features visited in one call");
                        if (visitedBy.get(63).startsWith("bn-fused-2-")) {
                            sharedCalls.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    problem.compareAndSet(null, e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (problem.get() != null) {
            throw new AssertionError("a caller failed", problem.get());
        }
        assertTrue(sharedCalls.get() > 0, "no call of " + callers * calls + " gave features to the helper thread");
    }

    @Test
    void anErrorInTheCallersRangeWaitsForTheHelperAndLeavesTheCrewUsable() {
        FeatureView view = viewFor(2, 8);
        AtomicBoolean helperFinished = new AtomicBoolean();
        StackOverflowError thrown = new StackOverflowError("deep in the caller's range");
        StackOverflowError caught = assertThrows(StackOverflowError.class, () -> Workers.of(2).forFeatures(view,
                (from, to) -> {
                    if (from == 0) {
                        throw thrown;
                    }
                    sleep(200);
                    helperFinished.set(true);
                }));
        assertSame(thrown, caught);
        assertTrue(helperFinished.get(), "the call ended while the helper was still running its range");
        int[] visits = new int[8];
        Workers.of(2).forFeatures(view, (from, to) -> {
            for (int c = from; c < to; c++) {
                visits[c]++;
            }
        });
        assertEquals("[1, 1, 1, 1, 1, 1, 1, 1]", Arrays.toString(visits), "the call after the failure");
    }

    @Test
    void anErrorInAHelperReachesTheCallerAsItself() {
        FeatureView view = viewFor(2, 8);
        OutOfMemoryError thrown = new OutOfMemoryError("in the helper's range");
        OutOfMemoryError caught = assertThrows(OutOfMemoryError.class, () -> Workers.of(2).forFeatures(view,
                (from, to) -> {
                    if (from > 0) {
                        throw thrown;
                    }
                }));
        assertSame(thrown, caught);
    }

    @Test
    void aKernelCalledFromInsideAKernelRunsOnItsOwnThread() {
        FeatureView view = viewFor(2, 8);
        CountDownLatch inner = new CountDownLatch(2);
        Workers.of(2).forFeatures(view, (from, to) -> Workers.of(2).forFeatures(view, (f, t) -> {
            if (f == 0 && t == 8) {
                inner.countDown();              // the whole range at once: the crew was busy
            }
        }));
        assertEquals(0, inner.getCount(), "each of the two ranges should run its inner call alone");
    }

    @Test
    void anIdleHelperSleepsInsteadOfSpinning() throws Exception {
        FeatureView view = viewFor(2, 8);
        Workers.of(2).forFeatures(view, (from, to) -> { });
        Thread helper = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("bn-fused-2-1")).findFirst().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (helper.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, helper.getState(),
                "the helper still runs " + Crew.SPIN_MICROS + " us after its last job and more");
        assertTrue(helper.isDaemon(), "a helper must not keep the JVM alive");
        assertFalse(helper.isInterrupted());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
