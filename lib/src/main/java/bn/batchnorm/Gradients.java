package bn.batchnorm;

import bn.tensor.Tensor;

/**
 * The gradients of a loss with respect to Batch Normalization's input and parameters.
 *
 * @param dx     dL/dx, the shape of x,       (n, m)
 * @param dgamma dL/dgamma, one per feature,  (n,)
 * @param dbeta  dL/dbeta, one per feature,   (n,)
 */
public record Gradients(Tensor dx, Tensor dgamma, Tensor dbeta) {
}
