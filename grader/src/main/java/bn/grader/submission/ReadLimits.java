package bn.grader.submission;

/**
 * The bounds on reading one submission, so that any input, however large or odd, costs bounded time and memory.
 * Every limit is checked while reading, before the bytes are kept; going over one makes the submission unreadable
 * with a message naming the limit.
 *
 * @param maxFileBytes      one source file (or one zip entry that is kept)
 * @param maxFiles          Java source files kept
 * @param maxWalkEntries    files and folders looked at in a submitted folder
 * @param maxZipBytes       the .zip file itself
 * @param maxZipEntries     entries in a zip, skipped ones included
 * @param maxUnzippedBytes  bytes decompressed from a zip, skipped entries included
 * @param maxNotebookBytes  one .ipynb file
 * @param maxCells          cells in one notebook
 * @param maxNotebooks      notebooks combined into one submission
 */
public record ReadLimits(long maxFileBytes, int maxFiles, int maxWalkEntries, long maxZipBytes, int maxZipEntries,
                         long maxUnzippedBytes, long maxNotebookBytes, int maxCells, int maxNotebooks) {
    /** The grader's limits: far above any honest submission of this course (one file per exercise). */
    public static final ReadLimits DEFAULT = new ReadLimits(1L << 20, 200, 20_000, 20L << 20, 5_000, 64L << 20,
            16L << 20, 5_000, 20);
}
