package bn.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * How a tensor's axes are named, and which one holds the features (units, channels) that Batch Normalization
 * keeps apart. Every other axis is a "batch" axis: the statistics are taken over all of them.
 *
 * <p>The paper writes a layer's activations as {@code (n, m)}: n units by m examples, so the feature axis is 0.
 * Frameworks write {@code (N, D)}: batch on the rows, feature axis 1. Images are {@code (N, C, H, W)} (PyTorch) or
 * {@code (N, H, W, C)} (Keras): one feature per channel, and the statistics run over N, H and W.
 *
 * @param name        a short name, such as {@code NCHW}
 * @param axisNames   one letter or word per axis, outermost first
 * @param featureAxis the axis whose entries each get their own mean, variance, gamma and beta
 */
public record Layout(String name, List<String> axisNames, int featureAxis) {

    /** The paper's notation: n units (features) by m examples. */
    public static final Layout FEATURES_BY_BATCH = new Layout("(n, m)", List.of("n", "m"), 0);
    /** Row notation, as in Y = H W + theta: N examples by D features. */
    public static final Layout BATCH_BY_FEATURES = new Layout("(N, D)", List.of("N", "D"), 1);
    /** Sequences, PyTorch's BatchNorm1d: batch, channels, length. */
    public static final Layout NCL = new Layout("NCL", List.of("N", "C", "L"), 1);
    /** Images, channels first (PyTorch's BatchNorm2d). */
    public static final Layout NCHW = new Layout("NCHW", List.of("N", "C", "H", "W"), 1);
    /** Images, channels last (Keras' default, axis=-1). */
    public static final Layout NHWC = new Layout("NHWC", List.of("N", "H", "W", "C"), 3);
    /** Volumes, channels first (PyTorch's BatchNorm3d). */
    public static final Layout NCDHW = new Layout("NCDHW", List.of("N", "C", "D", "H", "W"), 1);

    public Layout {
        axisNames = List.copyOf(axisNames);
        if (featureAxis < 0 || featureAxis >= axisNames.size()) {
            throw new IllegalArgumentException("feature axis " + featureAxis + " is not one of the "
                    + axisNames.size() + " axes " + axisNames);
        }
    }

    public int rank() {
        return axisNames.size();
    }

    /** Every axis but the feature axis: the axes the statistics are taken over. */
    public int[] reducedAxes() {
        return Shape.allAxesBut(rank(), featureAxis);
    }

    /** The names of the reduced axes, e.g. [N, H, W] for NCHW. */
    public List<String> reducedAxisNames() {
        List<String> names = new ArrayList<>();
        for (int axis : reducedAxes()) {
            names.add(axisNames.get(axis));
        }
        return names;
    }

    public String featureAxisName() {
        return axisNames.get(featureAxis);
    }

    /** Checks that {@code x} has this layout's rank, and returns its number of features. */
    public int features(Tensor x, String what) {
        if (x.rank() != rank()) {
            throw new IllegalArgumentException(what + " in layout " + symbolic() + " must have rank " + rank()
                    + ", got shape " + x.shape());
        }
        return x.dim(featureAxis);
    }

    /** The shape a per-feature vector takes to broadcast against x: (n, 1) for (n, m), (1, C, 1, 1) for NCHW. */
    public int[] parameterDims(int features) {
        int[] dims = new int[rank()];
        java.util.Arrays.fill(dims, 1);
        dims[featureAxis] = features;
        return dims;
    }

    /** A per-feature vector (C,) reshaped to broadcast against tensors of this layout. */
    public Tensor broadcastable(Tensor perFeature) {
        if (perFeature.rank() != 1) {
            throw new IllegalArgumentException("a per-feature vector must have rank 1, got shape " + perFeature.shape());
        }
        return perFeature.reshape(parameterDims(perFeature.size()));
    }

    /** A per-feature tensor with kept dimensions, such as mu of shape (1, C, 1, 1), flattened to (C,). */
    public Tensor perFeature(Tensor keptDims) {
        return keptDims.reshape(keptDims.size());
    }

    /** The axis names as a shape: {@code (N, C, H, W)}. */
    public String symbolic() {
        return "(" + String.join(", ", axisNames) + ")";
    }

    /** The axis names next to the numbers: {@code (N, C, H, W) = (8, 3, 4, 4)}. */
    public String describe(Shape shape) {
        return symbolic() + " = " + shape;
    }
}
