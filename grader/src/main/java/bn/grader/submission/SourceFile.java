package bn.grader.submission;

/**
 * One student source file.
 *
 * @param path    where it came from, for messages ("exercises/src/main/java/bn/exercises/Ex4_1.java", or a notebook cell)
 * @param content its text
 */
public record SourceFile(String path, String content) {
    /** The file name without directories, such as {@code Ex4_1.java}. */
    public String fileName() {
        String p = path.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** The top-level class the file name promises, such as {@code Ex4_1}. */
    public String simpleClassName() {
        String name = fileName();
        return name.endsWith(".java") ? name.substring(0, name.length() - 5) : name;
    }
}
