package bn.exercises;

import bn.tensor.Tensor;

/**
 * Exercise 3.1 (notebooks/03_why_gamma_and_beta.ipynb): the paper's argument for gamma and beta. Normalizing could
 * change what a layer can represent, so BN must be able to give back its input unchanged: for one mini-batch x of
 * shape (n, m), find the gamma and beta, each (n, 1), for which y = gamma * xhat + beta equals x.
 *
 * <p>Use {@link Tensor}'s own operations; the classes in {@code bn.batchnorm} are off limits here.
 */
public class Ex3_1_IdentityGammaBeta {

    /**
     * The gamma that undoes the division in the normalization.
     *
     * @param x   the mini-batch, (n, m)
     * @param eps the eps BN normalized with, &gt; 0
     * @return gamma, (n, 1), such that BN(x; gamma, beta, eps) = x with the beta of {@link #identityBeta}
     */
    public Tensor identityGamma(Tensor x, double eps) {
        throw new UnsupportedOperationException("Exercise 3.1 is not implemented yet. Hint: BN divided each unit by sqrt(sigma2_B + eps); multiply by exactly that, unit by unit.");
    }

    /**
     * The beta that undoes the centring in the normalization.
     *
     * @param x the mini-batch, (n, m)
     * @return beta, (n, 1)
     */
    public Tensor identityBeta(Tensor x) {
        throw new UnsupportedOperationException("Exercise 3.1 is not implemented yet. Hint: BN subtracted each unit's mini-batch mean; add it back.");
    }
}
