package bn.data;

import bn.tensor.Tensor;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The UCI "Optical Recognition of Handwritten Digits" data in its 8x8 form (E. Alpaydin, C. Kaynak; CC BY 4.0),
 * as shipped with scikit-learn: 1,797 images of the digits 0..9, each 64 pixel counts in 0..16. The file sits in the
 * repository at {@code notebooks/data/digits.csv.gz} (see the README there); nothing is downloaded.
 *
 * <p>Each row of the file is 64 pixels, row by row from the top left, then the label. {@link #load} scales the
 * pixels to [0, 1] by dividing by 16.
 *
 * <pre>{@code
 * Dataset digits = Digits.load();                      // finds notebooks/data/digits.csv.gz
 * Dataset.Split split = digits.split(0.2, 42);
 * split.train().x().shape();                           // (1438, 64)
 * }</pre>
 */
public final class Digits {
    /** The file's name inside {@code notebooks/data/}. */
    public static final String FILE_NAME = "digits.csv.gz";
    /** Pixels per image: 8 x 8. */
    public static final int PIXELS = 64;
    /** The digits 0..9. */
    public static final int CLASSES = 10;
    /** The largest pixel count: an 8x8 image counts on-pixels in 4x4 blocks of a 32x32 bitmap. */
    public static final int MAX_PIXEL = 16;

    private Digits() {
    }

    /**
     * Loads the committed file, looking in {@code data/} (a notebook's working directory is {@code notebooks/}),
     * {@code notebooks/data/} (the repository root) and {@code ../notebooks/data/} (a module such as {@code lib/}).
     */
    public static Dataset load() {
        return load(find());
    }

    /** The first of the usual places that holds the file; the message lists them all when none does. */
    public static Path find() {
        List<Path> tried = new ArrayList<>();
        for (String dir : List.of("data", "notebooks/data", "../notebooks/data")) {
            Path candidate = Path.of(dir, FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            tried.add(candidate.toAbsolutePath().normalize());
        }
        throw new IllegalArgumentException("cannot find " + FILE_NAME + "; looked in " + tried
                + ". It is committed at notebooks/data/" + FILE_NAME + " in the course repository: run from the"
                + " repository, from notebooks/ or from a module, or call Digits.load(path)");
    }

    /** Loads the digits from a CSV file (gzip-compressed when the name ends in .gz), pixels scaled to [0, 1]. */
    public static Dataset load(Path file) {
        Table table = Csv.read(file, PIXELS + 1);
        int n = table.rowCount();
        double[] x = new double[n * PIXELS];   // (N, 64)
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < PIXELS; c++) {
                double v = Csv.number(table, r, c, file);
                if (v < 0 || v > MAX_PIXEL || v != Math.rint(v)) {
                    throw new IllegalArgumentException(file + ": row " + (r + 1) + ", column " + (c + 1)
                            + " holds " + v + " but a pixel count is a whole number in 0.." + MAX_PIXEL);
                }
                x[r * PIXELS + c] = v / MAX_PIXEL;
            }
            double label = Csv.number(table, r, PIXELS, file);
            if (label < 0 || label >= CLASSES || label != Math.rint(label)) {
                throw new IllegalArgumentException(file + ": row " + (r + 1) + " has label " + label
                        + " but a digit label is a whole number in 0.." + (CLASSES - 1));
            }
            labels[r] = (int) label;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < PIXELS; i++) {
            names.add("pixel " + (i / 8) + "," + (i % 8));
        }
        return new Dataset("digits", Tensor.of(x, n, PIXELS), labels, CLASSES, names);
    }
}
