package bn.grader.submission;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a submission as students hand it in: a folder holding their copy of {@code exercises/} (or their whole course
 * repository, of which only {@code exercises/} is graded), loose .java files, a .zip of any of these, one worksheet
 * notebook, or several notebooks (a folder of .ipynb files, combined into one submission).
 *
 * <p>Java files are found at any depth; the learner's own tests (anything under src/test, or named *Test.java /
 * *Tests.java), build output (target/) and editor folders are left out. Symbolic links are never followed: each one is
 * refused and named in the notes. Files are read as UTF-8 (a byte-order mark is dropped), or as Latin-1 with a
 * warning. Two definitions of one class keep the one in the expected place, with a note naming both files. Every
 * read is bounded by {@link ReadLimits}: file sizes, file counts, zip entries and decompressed bytes (skipped entries
 * count), notebook size and cells.
 */
public final class SubmissionLoader {
    /** The folder of a course repository that is graded; nothing else in a repository is. */
    static final String EXERCISES_SOURCES = "exercises/src/main/java/";
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git", "node_modules", "__MACOSX",
            ".ipynb_checkpoints", ".venv", ".idea", ".vscode");
    private static final int MAX_DEPTH = 32;

    private SubmissionLoader() {
    }

    /** The student's name for a submission path: the file or folder name without extension. */
    public static String studentName(Path submission) {
        String name = submission.getFileName().toString();
        if (!Files.isDirectory(submission)) {
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                name = name.substring(0, dot);
            }
        }
        return name;
    }

    /** Never throws for a bad submission: the problem is carried in the result. */
    public static Submission load(Path submission) {
        return load(submission, ReadLimits.DEFAULT);
    }

    public static Submission load(Path submission, ReadLimits limits) {
        String name = studentName(submission);
        try {
            if (!Files.exists(submission, LinkOption.NOFOLLOW_LINKS)) {
                return Submission.unreadable(name, "The submission " + submission + " does not exist.");
            }
            Found found = new Found(limits);
            if (Files.isDirectory(submission)) {
                found.walk(submission.toRealPath()); // the path given is followed; links inside it never are
            } else {
                String file = lower(submission.getFileName().toString());
                if (!file.endsWith(".zip") && !file.endsWith(".ipynb") && !file.endsWith(".java")) {
                    return Submission.unreadable(name, "Cannot grade " + submission.getFileName()
                            + ": expected a folder, a .zip, a .java file or a .ipynb notebook.");
                }
                found.file(submission.toRealPath(), submission.getFileName().toString());
            }
            return found.submission(name);
        } catch (IOException | RuntimeException e) {
            return Submission.unreadable(name, "Could not read the submission " + submission.getFileName() + ": "
                    + e.getMessage());
        }
    }

    static boolean isStudentSource(String path) {
        String p = "/" + path.replace('\\', '/');
        String file = p.substring(p.lastIndexOf('/') + 1);
        return file.endsWith(".java") && !file.endsWith("Test.java") && !file.endsWith("Tests.java")
                && !file.equals("module-info.java") && !file.equals("package-info.java")
                && !p.contains("/src/test/") && !p.contains("/target/") && !p.contains("/__MACOSX/")
                && !p.contains("/.ipynb_checkpoints/") && !file.startsWith(".");
    }

    private static boolean isNotebook(String path) {
        String p = "/" + path.replace('\\', '/');
        return lower(p).endsWith(".ipynb") && !p.contains("/.ipynb_checkpoints/") && !p.contains("/__MACOSX/")
                && !p.substring(p.lastIndexOf('/') + 1).startsWith(".");
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** A file's bytes as found, before decoding. */
    private record Raw(String path, byte[] bytes) {
    }

    /** What reading found so far, with the limits and the notes. */
    private static final class Found {
        final ReadLimits limits;
        final List<Raw> java = new ArrayList<>();
        final List<Raw> notebooks = new ArrayList<>();
        final List<Path> zips = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        int walked;
        long unzipped;

        Found(ReadLimits limits) {
            this.limits = limits;
        }

        void walk(Path root) throws IOException {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    count();
                    return !dir.equals(root) && SKIPPED_FOLDERS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    count();
                    String relative = root.relativize(file).toString().replace('\\', '/');
                    if (attrs.isSymbolicLink()) {
                        notes.add("Refused the symbolic link " + relative + ": links are never followed; submit the file itself.");
                    } else if (attrs.isRegularFile()) {
                        String name = lower(file.getFileName().toString());
                        if (isStudentSource(relative) || isNotebook(relative)) {
                            file(file, relative);
                        } else if (name.endsWith(".zip") && file.getParent().equals(root)) {
                            zips.add(file);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    notes.add("Could not read " + root.relativize(file) + ": " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
            if (java.isEmpty() && notebooks.isEmpty() && zips.size() == 1) {
                // Gradescope puts an uploaded zip into /autograder/submission/.
                zip(zips.get(0));
            }
        }

        void count() throws IOException {
            if (++walked > limits.maxWalkEntries()) {
                throw new IOException("it holds more than " + limits.maxWalkEntries() + " files and folders");
            }
        }

        /** One regular file (never a link: it is opened without following links). */
        void file(Path file, String relative) throws IOException {
            String name = lower(relative);
            if (name.endsWith(".zip")) {
                zip(file);
                return;
            }
            long max = name.endsWith(".ipynb") ? limits.maxNotebookBytes() : limits.maxFileBytes();
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            }
            keep(relative, bytes, max);
        }

        void keep(String path, byte[] bytes, long max) throws IOException {
            if (bytes.length > max) {
                throw new IOException(path + " is larger than " + max + " bytes");
            }
            if (lower(path).endsWith(".ipynb")) {
                if (notebooks.size() >= limits.maxNotebooks()) {
                    throw new IOException("it holds more than " + limits.maxNotebooks() + " notebooks");
                }
                notebooks.add(new Raw(path, bytes));
            } else {
                if (java.size() >= limits.maxFiles()) {
                    throw new IOException("it holds more than " + limits.maxFiles() + " Java files");
                }
                java.add(new Raw(path, bytes));
            }
        }

        void zip(Path zip) throws IOException {
            long size = Files.size(zip);
            if (size > limits.maxZipBytes()) {
                throw new IOException(zip.getFileName() + " is larger than " + limits.maxZipBytes() + " bytes");
            }
            int entries = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream file = Files.newInputStream(zip, LinkOption.NOFOLLOW_LINKS);
                 ZipInputStream in = new ZipInputStream(file, StandardCharsets.UTF_8)) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (++entries > limits.maxZipEntries()) {
                        throw new IOException("the zip has more than " + limits.maxZipEntries() + " entries");
                    }
                    String path = entry.getName().replace('\\', '/');
                    boolean wanted = !entry.isDirectory() && (isStudentSource(path) || isNotebook(path));
                    long max = lower(path).endsWith(".ipynb") ? limits.maxNotebookBytes() : limits.maxFileBytes();
                    ByteArrayOutputStream kept = wanted ? new ByteArrayOutputStream() : null;
                    // Every entry is decompressed through this loop, skipped ones too, so the total is bounded.
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        unzipped += n;
                        if (unzipped > limits.maxUnzippedBytes()) {
                            throw new IOException("the zip decompresses to more than " + limits.maxUnzippedBytes() + " bytes");
                        }
                        if (kept != null) {
                            if (kept.size() + n > max) {
                                throw new IOException(path + " in the zip is larger than " + max + " bytes");
                            }
                            kept.write(buffer, 0, n);
                        }
                    }
                    if (kept != null) {
                        keep(path, kept.toByteArray(), max);
                    }
                }
            }
            if (entries == 0) {
                throw new IOException(zip.getFileName() + " is not a zip file, or it is empty");
            }
        }

        Submission submission(String name) {
            java.sort(Comparator.comparing(Raw::path));
            notebooks.sort(Comparator.comparing(Raw::path));
            if (!java.isEmpty()) {
                List<Raw> graded = onlyExercisesFolder(java);
                List<SourceFile> sources = new ArrayList<>();
                for (Raw raw : graded) {
                    sources.add(new SourceFile(raw.path(), TextDecoding.decode(raw.bytes(), raw.path(), notes)));
                }
                return new Submission(name, Duplicates.resolve(sources, notes), null, notes, null);
            }
            if (!notebooks.isEmpty()) {
                List<SourceFile> sources = new ArrayList<>();
                Set<String> exercises = new LinkedHashSet<>();
                for (Raw raw : notebooks) {
                    String text = TextDecoding.decode(raw.bytes(), raw.path(), notes);
                    NotebookExtractor.Notebook notebook = NotebookExtractor.read(text, raw.path(), limits);
                    sources.addAll(notebook.sources());
                    exercises.addAll(notebook.exercises());
                    notes.addAll(notebook.notes());
                }
                return new Submission(name, Duplicates.resolve(sources, notes), null, notes, exercises);
            }
            return new Submission(name, List.of(), null, notes, null);
        }
    }

    /**
     * A whole course repository is graded on its exercises/ only: when some file lies under exercises/src/main/java/,
     * the files elsewhere (lib/, marking/, grader/, ...) are left out without a note.
     */
    private static List<Raw> onlyExercisesFolder(List<Raw> java) {
        List<Raw> inExercises = java.stream().filter(r -> underExercises(r.path())).toList();
        return inExercises.isEmpty() ? java : inExercises;
    }

    static boolean underExercises(String path) {
        return path.startsWith(EXERCISES_SOURCES) || path.contains("/" + EXERCISES_SOURCES);
    }
}
