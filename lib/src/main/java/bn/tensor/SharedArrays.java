package bn.tensor;

/**
 * The hand-over between {@link Tensor}s and kernels that work on plain {@code double[]} arrays (the fused BN
 * kernels in {@code bn.batchnorm.fused}), without copying: a copy of a large tensor costs as much time as a whole
 * pass of the kernel, so the fast path cannot afford one on the way in and one on the way out.
 *
 * <p>Both methods bend the rule that tensors never change, so each comes with a promise the caller keeps:
 * <ul>
 *   <li>{@link #readOnly}: the array is the tensor's own; read it, never write to it;</li>
 *   <li>{@link #adopt}: the tensor takes the array over; the caller never writes to it again.</li>
 * </ul>
 * Everywhere else, use {@link Tensor#toArray()} and {@link Tensor#of}, which copy.
 */
public final class SharedArrays {
    private SharedArrays() {
    }

    /** The entries of {@code t}, row-major, as the tensor's own array (no copy): read only. */
    public static double[] readOnly(Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException("the tensor must not be null");
        }
        return t.sharedData();
    }

    /** A tensor of shape {@code dims} over {@code data} itself (no copy); the caller must not write to it again. */
    public static Tensor adopt(double[] data, int... dims) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        Shape shape = new Shape(dims);
        if (shape.size() != data.length) {
            throw new IllegalArgumentException("shape " + shape + " holds " + shape.size() + " values, got an array of "
                    + data.length);
        }
        return Tensor.adopting(shape, data);
    }
}
