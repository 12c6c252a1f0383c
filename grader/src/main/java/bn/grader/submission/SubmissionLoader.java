package bn.grader.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a submission: a folder holding the learner's copy of {@code exercises/}, a .zip of it, or a worksheet notebook.
 * Java files are found at any depth; the learner's own tests (anything under src/test, or named *Test.java /
 * *Tests.java) and build output (target/) are left out. A zip is read in memory with limits on size and entry count.
 */
public final class SubmissionLoader {
    static final long MAX_ZIP_BYTES = 50L * 1024 * 1024;
    static final int MAX_ZIP_ENTRIES = 20_000;
    static final long MAX_SOURCE_BYTES = 2L * 1024 * 1024;

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
        String name = studentName(submission);
        try {
            if (!Files.exists(submission)) {
                return Submission.unreadable(name, "The submission " + submission + " does not exist.");
            }
            if (Files.isDirectory(submission)) {
                List<SourceFile> sources = fromFolder(submission);
                Path single = sources.isEmpty() ? singleUpload(submission) : null;
                if (single != null) {
                    // Gradescope puts an uploaded notebook or zip into /autograder/submission/.
                    Submission inner = load(single);
                    return new Submission(name, inner.sources(), inner.problem());
                }
                return new Submission(name, sources, null);
            }
            String file = submission.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (file.endsWith(".zip")) {
                return new Submission(name, fromZip(submission), null);
            }
            if (file.endsWith(".ipynb")) {
                return new Submission(name, NotebookExtractor.extract(Files.readString(submission),
                        submission.getFileName().toString()), null);
            }
            if (file.endsWith(".java")) {
                return new Submission(name, List.of(new SourceFile(submission.getFileName().toString(),
                        Files.readString(submission))), null);
            }
            return Submission.unreadable(name, "Cannot grade " + submission.getFileName()
                    + ": expected a folder, a .zip or a .ipynb notebook.");
        } catch (IOException | RuntimeException e) {
            return Submission.unreadable(name, "Could not read the submission " + submission.getFileName() + ": " + e.getMessage());
        }
    }

    /** The one .ipynb or .zip directly in a folder without Java files, or null. */
    private static Path singleUpload(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> uploads = list.filter(Files::isRegularFile).filter(p -> {
                String f = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return f.endsWith(".ipynb") || f.endsWith(".zip");
            }).toList();
            return uploads.size() == 1 ? uploads.get(0) : null;
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

    private static List<SourceFile> fromFolder(Path folder) throws IOException {
        List<SourceFile> sources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = folder.relativize(p).toString().replace('\\', '/');
                if (isStudentSource(relative)) {
                    if (Files.size(p) > MAX_SOURCE_BYTES) {
                        throw new IOException(relative + " is larger than " + MAX_SOURCE_BYTES + " bytes");
                    }
                    sources.add(new SourceFile(relative, Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
        }
        return sources;
    }

    private static List<SourceFile> fromZip(Path zip) throws IOException {
        List<SourceFile> sources = new ArrayList<>();
        long total = 0;
        int entries = 0;
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new IOException("the zip has more than " + MAX_ZIP_ENTRIES + " entries");
                }
                if (entry.isDirectory() || !isStudentSource(entry.getName())) {
                    continue;
                }
                byte[] bytes = in.readNBytes((int) MAX_SOURCE_BYTES + 1);
                if (bytes.length > MAX_SOURCE_BYTES) {
                    throw new IOException(entry.getName() + " is larger than " + MAX_SOURCE_BYTES + " bytes");
                }
                total += bytes.length;
                if (total > MAX_ZIP_BYTES) {
                    throw new IOException("the zip's Java files add up to more than " + MAX_ZIP_BYTES + " bytes");
                }
                sources.add(new SourceFile(entry.getName(), new String(bytes, StandardCharsets.UTF_8)));
            }
        }
        if (entries == 0) {
            throw new IOException("it is not a zip file, or it is empty");
        }
        return sources;
    }
}
