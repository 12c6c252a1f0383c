package bn.batchnorm.fused;

import bn.tensor.Layout;
import bn.tensor.Shape;

/**
 * Any layout seen as {@code (outer, C, inner)}: the axes before the feature axis folded into {@code outer}, those
 * after it into {@code inner}. Entry {@code (o, c, i)} sits at {@code (o * C + c) * inner + i} of the row-major
 * array, so one view serves every {@link Layout}:
 *
 * <pre>
 *   (n, m)           outer 1,          C = n, inner m          one contiguous run per feature
 *   (N, D)           outer N,          C = D, inner 1          channels last: features side by side in a row
 *   (N, C, L)        outer N,          C,     inner L
 *   (N, C, H, W)     outer N,          C,     inner H * W      a run of H * W values per (example, channel)
 *   (N, H, W, C)     outer N * H * W,  C,     inner 1          channels last
 *   (N, C, D, H, W)  outer N,          C,     inner D * H * W
 * </pre>
 *
 * @param outer    the product of the dimensions before the feature axis
 * @param channels C, the number of features
 * @param inner    the product of the dimensions after the feature axis
 */
public record FeatureView(int outer, int channels, int inner) {

    public FeatureView {
        if (outer < 1 || channels < 1 || inner < 1) {
            throw new IllegalArgumentException("a feature view needs outer, channels and inner >= 1, got (" + outer + ", "
                    + channels + ", " + inner + ")");
        }
        if ((long) outer * channels * inner > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("(" + outer + ", " + channels + ", " + inner + ") holds more entries than"
                    + " a Java array can");
        }
    }

    /** The view of a tensor of shape {@code shape} in {@code layout}. */
    public static FeatureView of(Shape shape, Layout layout) {
        if (shape == null || layout == null) {
            throw new IllegalArgumentException("a feature view needs a shape and a layout, got " + shape + ", " + layout);
        }
        if (shape.rank() != layout.rank()) {
            throw new IllegalArgumentException("shape " + shape + " does not fit layout " + layout.symbolic()
                    + ": rank " + shape.rank() + " instead of " + layout.rank());
        }
        int axis = layout.featureAxis();
        int outer = 1;
        int inner = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape.dim(a);
        }
        for (int a = axis + 1; a < shape.rank(); a++) {
            inner *= shape.dim(a);
        }
        return new FeatureView(outer, shape.dim(axis), inner);
    }

    /** Entries in the whole tensor. */
    public int size() {
        return outer * channels * inner;
    }

    /** m, the entries each feature's statistics run over: outer * inner. */
    public int perFeature() {
        return outer * inner;
    }

    /** Entries a group of features may hold so that it stays in a core's L2 cache between two passes: 256 KiB. */
    static final int CACHED_ENTRIES = 1 << 15;

    /**
     * How many features a kernel takes through both of its passes before it moves on, so that the second pass reads
     * them from the cache instead of memory: as many as fit in {@value #CACHED_ENTRIES} entries (one channel of
     * (32, 64, 32, 32) or (8, 256, 56, 56)), at least 1. Channels last, every pass walks whole rows, so a group is
     * the whole range given.
     */
    int featuresPerGroup(int from, int to) {
        return channelsLast() ? Math.max(1, to - from) : Math.max(1, CACHED_ENTRIES / perFeature());
    }

    /** True when a feature's values sit one per row (inner = 1), as in (N, D) and NHWC. */
    public boolean channelsLast() {
        return inner == 1;
    }

    /** Checks that {@code a} holds this view's entries. */
    void requireSize(double[] a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (a.length != size()) {
            throw new IllegalArgumentException(what + " must hold " + size() + " entries for (outer, C, inner) = ("
                    + outer + ", " + channels + ", " + inner + "), got " + a.length);
        }
    }

    /** Checks that {@code a} holds one entry per feature. */
    void requirePerFeature(double[] a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (a.length != channels) {
            throw new IllegalArgumentException(what + " must hold one entry per feature, " + channels + ", got "
                    + a.length);
        }
    }
}
