package bn.exercises;

import bn.tensor.Tensor;

public final class Ex2_1_Center {
    private Ex2_1_Center() {
    }

    public static Tensor center(Tensor x) {
        return x.map(v -> Double.NaN);
    }
}
