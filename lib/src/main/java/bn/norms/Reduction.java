package bn.norms;

import bn.tensor.Shape;
import java.util.List;

/**
 * What a normalization averages over, in words a notebook can print next to a picture:
 *
 * <pre>
 *   BatchNorm     over N, H, W        statistics (1, C, 1, 1)      one mean per channel
 *   LayerNorm     over C, H, W        statistics (N, 1, 1, 1)      one mean per example
 *   InstanceNorm  over H, W           statistics (N, C, 1, 1)      one per example and channel
 *   GroupNorm     over C/G, H, W      statistics (N, G, 1, 1, 1)   one per example and group, computed on x viewed
 *                                                                  as (N, G, C/G, H, W)
 * </pre>
 *
 * @param method          e.g. {@code GroupNorm(G=2)}
 * @param input           the input's axes, e.g. {@code (N, C, H, W)}
 * @param over            the names of the axes averaged over, e.g. [C/G, H, W]
 * @param statistics      the statistics' shape in symbols, e.g. {@code (N, G, 1, 1, 1)}
 * @param statisticsShape the same shape in numbers for the input it was made for
 * @param perStatistic    how many input values each mean and variance is computed from
 */
public record Reduction(String method, String input, List<String> over, String statistics, Shape statisticsShape,
                        int perStatistic) {

    public Reduction {
        over = List.copyOf(over);
    }

    /** BatchNorm on (N, C, H, W): Algorithm 1 with the channels as features. */
    public static Reduction batchNorm(Shape x) {
        requireImages(x);
        return new Reduction("BatchNorm", "(N, C, H, W)", List.of("N", "H", "W"), "(1, C, 1, 1)",
                new Shape(1, x.dim(1), 1, 1), x.dim(0) * x.dim(2) * x.dim(3));
    }

    /** One line: {@code GroupNorm(G=2): over C/G, H, W -> statistics (N, G, 1, 1, 1) = (8, 2, 1, 1, 1), 24 values each}. */
    @Override
    public String toString() {
        return method + ": over " + String.join(", ", over) + " -> statistics " + statistics + " = " + statisticsShape
                + ", " + perStatistic + " values each";
    }

    /** The four methods side by side for one (N, C, H, W) shape, GroupNorm with {@code groups} groups. */
    public static List<Reduction> all(Shape x, int groups) {
        return List.of(batchNorm(x), new LayerNorm(1e-5).reduction(x), new InstanceNorm(1e-5).reduction(x),
                new GroupNorm(groups, 1e-5).reduction(x));
    }

    static void requireImages(Shape x) {
        if (x == null || x.rank() != 4) {
            throw new IllegalArgumentException("this description is for images (N, C, H, W), got shape " + x);
        }
    }
}
