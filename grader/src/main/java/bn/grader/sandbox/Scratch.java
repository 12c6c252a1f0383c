package bn.grader.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the folders the grader and its children write in: scratch folders, per-grade folders, leftovers. */
public final class Scratch {
    private Scratch() {
    }

    /**
     * Deletes {@code dir} and everything below it, links themselves and not what they point to; what cannot be
     * deleted (already gone, or vanishing during the walk) is left to the OS's own clean-up of temporary space.
     */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Scratch space: gone already, or the OS cleans it eventually.
        }
    }

    /** An empty {@code dir}: whatever it held is deleted first. */
    public static void recreate(Path dir) {
        try {
            if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }
}
