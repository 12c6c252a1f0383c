package bn.batchnorm.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bn.tensor.Layout;
import bn.tensor.Shape;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How every layout maps to (outer, C, inner), and that the helper threads are made once and reused. */
class WorkersAndViewTest {

    @Test
    void everyLayoutIsOuterChannelsInner() {
        assertEquals(new FeatureView(1, 5, 7), FeatureView.of(new Shape(5, 7), Layout.FEATURES_BY_BATCH));
        assertEquals(new FeatureView(7, 5, 1), FeatureView.of(new Shape(7, 5), Layout.BATCH_BY_FEATURES));
        assertEquals(new FeatureView(2, 3, 4), FeatureView.of(new Shape(2, 3, 4), Layout.NCL));
        assertEquals(new FeatureView(2, 3, 20), FeatureView.of(new Shape(2, 3, 4, 5), Layout.NCHW));
        assertEquals(new FeatureView(40, 5, 1), FeatureView.of(new Shape(2, 4, 5, 5), Layout.NHWC));
        assertEquals(new FeatureView(2, 3, 60), FeatureView.of(new Shape(2, 3, 3, 4, 5), Layout.NCDHW));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureView.of(new Shape(2, 3), Layout.NCHW));
        assertTrue(e.getMessage().contains("rank 2 instead of 4"), e.getMessage());
    }

    @Test
    void eachFeatureIsVisitedOnceAndThePoolIsReused() {
        FeatureView view = new FeatureView(1, 12, Workers.MIN_ENTRIES_PER_THREAD);   // big enough for 3 threads
        for (int call = 0; call < 50; call++) {
            AtomicInteger[] visits = new AtomicInteger[12];
            for (int c = 0; c < 12; c++) {
                visits[c] = new AtomicInteger();
            }
            Workers.of(3).forFeatures(view, (from, to) -> {
                for (int c = from; c < to; c++) {
                    visits[c].incrementAndGet();
                }
            });
            for (int c = 0; c < 12; c++) {
                assertEquals(1, visits[c].get(), "feature " + c + " in call " + call);
            }
        }
        long workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("bn-fused-3-")).count();
        assertTrue(workers <= 2, "3 threads means the caller and at most 2 helper threads, found " + workers);
    }

    @Test
    void aFailureInAnotherThreadReachesTheCaller() {
        FeatureView view = new FeatureView(1, 4, Workers.MIN_ENTRIES_PER_THREAD);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Workers.of(2).forFeatures(view,
                (from, to) -> {
                    if (from > 0) {
                        throw new IllegalStateException("boom in features " + from + ".." + to);
                    }
                }));
        assertEquals("boom in features 2..4", e.getMessage());
    }
}
