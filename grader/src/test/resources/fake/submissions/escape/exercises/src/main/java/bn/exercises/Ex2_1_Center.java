package bn.exercises;

import bn.tensor.Tensor;

/** Exercise 2.1: subtract each column's mean. */
public final class Ex2_1_Center {
    private Ex2_1_Center() {
    }

    public static Tensor center(Tensor x) {
        return x.minus(x.mean(0));
    }
}
