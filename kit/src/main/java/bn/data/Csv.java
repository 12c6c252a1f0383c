package bn.data;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a headerless numeric CSV file (optionally gzip-compressed) into a Tablesaw {@link Table} of double
 * columns, turning every way a file can be wrong into an {@link IllegalArgumentException} that names the file.
 *
 * <pre>{@code
 * Table t = Csv.read(Path.of("data/digits.csv.gz"), 65);   // 65 double columns C0..C64
 * }</pre>
 */
public final class Csv {
    private Csv() {
    }

    /** Reads {@code file}, which must have exactly {@code columns} numbers on every row and no header. */
    public static Table read(Path file, int columns) {
        if (file == null) {
            throw new IllegalArgumentException("the CSV path must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no data file at " + file.toAbsolutePath().normalize()
                    + ": the course's data sets are committed under notebooks/data/ (see its README.md)");
        }
        ColumnType[] types = new ColumnType[columns];
        Arrays.fill(types, ColumnType.DOUBLE);
        Table table;
        try (InputStream in = open(file)) {
            table = Table.read().usingOptions(CsvReadOptions.builder(in)
                    .tableName(file.getFileName().toString())
                    .header(false)
                    .columnTypes(types)
                    .build());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + " as a CSV file of " + columns
                    + " numbers per row: " + e.getMessage(), e);
        }
        if (table.columnCount() != columns) {
            throw new IllegalArgumentException(file + " has " + table.columnCount() + " columns, expected " + columns);
        }
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(file + " holds no rows");
        }
        return table;
    }

    /** The number at (row, column), refusing a missing value. */
    static double number(Table table, int row, int column, Path file) {
        var col = table.doubleColumn(column);
        if (col.isMissing(row)) {
            throw new IllegalArgumentException(file + ": row " + (row + 1) + ", column " + (column + 1)
                    + " is empty or not a number");
        }
        return col.getDouble(row);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
    }
}
