package bn.grader.compile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import bn.grader.sandbox.ChildJar;

/**
 * The javac child's whole classpath: a small jar holding only {@link CompileChild} and {@link CompileProtocol} (with
 * their nested classes). The child sees no other grader class, and a jar (unlike the build's classes folder) can be
 * class-data shared.
 */
final class JavacChildJar {
    private JavacChildJar() {
    }

    /** The jar under {@code dir}, written if it is not there yet. */
    static Path prepare(Path dir) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Class<?> host : new Class<?>[]{CompileChild.class, CompileProtocol.class}) {
            for (Class<?> c : host.getNestMembers()) {
                String name = c.getName().replace('.', '/') + ".class";
                try (InputStream in = JavacChildJar.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("cannot read the grader's own class " + name);
                    }
                    classes.put(name, in.readAllBytes());
                }
            }
        }
        return ChildJar.write(dir, "javac-child", classes);
    }
}
