package bn.batchnorm.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The per-feature arrays of the channels-last passes: new on every call, and never another thread's. */
class PerFeatureArraysTest {

    @Test
    void zerosAndCopiesAreNewArraysWithTheRightContents() {
        double[] first = PerFeatureArrays.zeros(5);
        double[] second = PerFeatureArrays.zeros(5);
        assertArrayEquals(new double[5], first);
        assertNotSame(first, second);
        first[2] = 7;
        assertArrayEquals(new double[5], PerFeatureArrays.zeros(5), "a new call must not hand back a used array");
        double[] source = {1, 2, 3, 4, 5, 6};
        double[] slice = PerFeatureArrays.copy(source, 2, 5);
        assertArrayEquals(new double[] {3, 4, 5}, slice);
        slice[0] = -1;
        assertEquals(3, source[2], "the copy must not share storage with its source");
    }

    @Test
    void threadsHandingOverAtTheSameTimeEachGetTheirOwnArrays() throws Exception {
        // each thread marks its arrays with its own number right after the hand-over; a slot shared between threads
        // would sooner or later hand a thread another's array (or the null another left behind)
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                double mark = t + 1;
                Callable<Integer> task = () -> {
                    int wrong = 0;
                    for (int i = 0; i < 20_000; i++) {
                        double[] a = PerFeatureArrays.copy(new double[] {mark, mark, mark}, 0, 3);
                        double[] b = PerFeatureArrays.zeros(3);
                        if (a == null || b == null || a == b) {
                            wrong++;
                            continue;
                        }
                        b[0] = mark;
                        if (a[0] != mark || a[2] != mark || b[0] != mark) {
                            wrong++;
                        }
                    }
                    return wrong;
                };
                results.add(pool.submit(task));
            }
            for (Future<Integer> result : results) {
                assertEquals(0, result.get(), "hand-overs that returned another thread's array");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
