package bn.train;

import bn.tensor.Tensor;

/**
 * A learned tensor and its gradient from the latest backward pass, as a layer exposes it to the optimizer.
 * The layer reads {@link #value()} in its forward pass and fills {@link #grad()} in its backward pass; the optimizer
 * replaces the value.
 *
 * <pre>{@code
 * for (Param p : network.params()) {
 *     System.out.println(p.name() + " " + p.value().shape() + ", largest |grad| " + p.grad().maxAbs());
 * }
 * }</pre>
 */
public final class Param {
    private final String name;
    private Tensor value;
    private Tensor grad;

    public Param(String name, Tensor value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("a parameter needs a name and a value, got " + name + ", " + value);
        }
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape().dims());
    }

    /** e.g. "dense1.W" or "bn1.gamma". */
    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    /** d loss / d value from the latest backward pass, same shape as the value (zeros before any). */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the value; the shape must stay the same. */
    public void setValue(Tensor newValue) {
        this.value = sameShape(newValue, "new value");
    }

    /** Records the gradient; the shape must match the value's. */
    public void setGrad(Tensor newGrad) {
        this.grad = sameShape(newGrad, "gradient");
    }

    private Tensor sameShape(Tensor t, String what) {
        if (t == null) {
            throw new IllegalArgumentException("the " + what + " of " + name + " must not be null");
        }
        return t.requireShape(value.shape(), "the " + what + " of " + name);
    }

    @Override
    public String toString() {
        return name + " " + value.shape();
    }
}
