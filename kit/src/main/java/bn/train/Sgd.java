package bn.train;

import bn.tensor.SharedArrays;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum: {@code v = momentum * v - lr * grad; value += v} for every parameter.
 * Momentum 0 is plain SGD.
 *
 * <pre>{@code
 * Sgd sgd = new Sgd(0.05, 0.9);
 * network.backward(loss.dscores());
 * sgd.step(network.params());
 * }</pre>
 */
public final class Sgd {
    private final double learningRate;
    private final double momentum;
    private final Map<Param, double[]> velocity = new IdentityHashMap<>();

    public Sgd(double learningRate, double momentum) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be finite and > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double learningRate() {
        return learningRate;
    }

    public double momentum() {
        return momentum;
    }

    /** Moves every parameter along its velocity, which takes in the current gradient. */
    public void step(List<Param> params) {
        for (Param p : params) {
            double[] v = velocity.computeIfAbsent(p, k -> new double[k.value().size()]);   // this optimizer's own
            double[] grad = SharedArrays.readOnly(p.grad());
            double[] value = SharedArrays.readOnly(p.value());
            double[] next = new double[value.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = momentum * v[i] - learningRate * grad[i];
                next[i] = value[i] + v[i];
            }
            p.setValue(SharedArrays.adopt(next, p.value().shape().dims()));
        }
    }
}
