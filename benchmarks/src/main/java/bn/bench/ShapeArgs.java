package bn.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of the plain-{@code main} timers: {@code [count] [shape ...]}, a whole number of runs (or rounds:
 * the tool names it) and shapes written N x D ({@code 256x1024}) or N x C x H x W ({@code 32x64x32x32}); without
 * shapes, the three of issue 12's benchmarks.
 *
 * @param count  runs or rounds, at least 1
 * @param shapes each shape's sizes, two or four, each at least 1
 */
record ShapeArgs(int count, List<int[]> shapes) {
    static final List<String> DEFAULT_SHAPES = List.of("32x64x32x32", "256x1024", "8x256x56x56");

    /** The arguments, or, after a line on standard error that names what was wrong, exit status 2. */
    static ShapeArgs parseOrExit(String tool, String countName, int defaultCount, String[] args) {
        try {
            int count = args.length > 0 ? positive(args[0], countName) : defaultCount;
            List<String> shapes = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : DEFAULT_SHAPES;
            return new ShapeArgs(count, shapes.stream().map(ShapeArgs::dimensions).collect(Collectors.toList()));
        } catch (IllegalArgumentException e) {
            System.err.println("usage: " + tool + " [" + countName + "] [shape ...]: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** A shape as text: {256, 1024} as "256x1024". */
    static String text(int[] dims) {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    /** "256x1024" as {256, 1024}: two sizes (N, D) or four (N, C, H, W), each at least 1. */
    static int[] dimensions(String shape) {
        String[] parts = shape.split("x", -1);
        if (parts.length != 2 && parts.length != 4) {
            throw new IllegalArgumentException("a shape is N x D or N x C x H x W, like 256x1024 or 32x64x32x32; got \""
                    + shape + "\"");
        }
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = positive(parts[i], "each size of shape \"" + shape + "\"");
        }
        return dims;
    }

    /** {@code text} as a whole number >= 1, or an error that names {@code what}. */
    private static int positive(String text, String what) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be a whole number >= 1; got \"" + text + "\"");
        }
        return n;
    }
}
