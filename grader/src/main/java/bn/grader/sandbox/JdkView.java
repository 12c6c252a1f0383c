package bn.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a JVM needs of the host's file system to start inside a {@link BubblewrapSandbox}, besides the jars it runs:
 * the JDK folder, the files its symbolic links point to outside it (Debian's JDK keeps its configuration in
 * {@code /etc/java-17-openjdk}), and the system libraries and dynamic loader (a JDK's binaries link against libc,
 * libz, libstdc++). Nothing else of the host: no home, no checkout, no {@code /tmp}.
 */
final class JdkView {
    private static final Object LOCK = new Object();
    private static List<Path> cached;

    private JdkView() {
    }

    /** The folders to show read-only for the JDK at {@code javaHome} (computed once per grader, about 10 ms). */
    static List<Path> of(Path javaHome) {
        synchronized (LOCK) {
            if (cached == null) {
                cached = compute(javaHome);
            }
            return cached;
        }
    }

    /** The library folders, the dynamic loader's included, that exist here (symbolic links kept as links). */
    static List<Path> systemLibraries() {
        List<Path> dirs = new ArrayList<>();
        String multiarch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            default -> null;
        };
        for (String d : new String[]{"/lib64", "/usr/lib64", "/lib", "/usr/lib/" + multiarch}) {
            if (d.endsWith("null")) {
                continue;
            }
            Path p = Path.of(d);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                dirs.add(p);
            }
        }
        return dirs;
    }

    private static List<Path> compute(Path javaHome) {
        Set<Path> view = new LinkedHashSet<>();
        try {
            Path real = javaHome.toRealPath();
            view.add(real);
            try (Stream<Path> walk = Files.walk(real)) {
                for (Path p : walk.filter(Files::isSymbolicLink).toList()) {
                    try {
                        Path target = p.toRealPath();
                        if (!target.startsWith(real)) {
                            view.add(topOf(target));
                        }
                    } catch (IOException dangling) {
                        // A link to nothing: nothing to show.
                    }
                }
            }
        } catch (IOException e) {
            view.add(javaHome);
        }
        // A folder inside another one needs no bind of its own.
        List<Path> all = new ArrayList<>(view);
        all.removeIf(p -> all.stream().anyMatch(q -> !q.equals(p) && p.startsWith(q)));
        return List.copyOf(all);
    }

    /** The folder two levels below the root ({@code /etc/java-17-openjdk}), three under /usr ({@code /usr/share/doc}). */
    private static Path topOf(Path target) {
        int depth = target.startsWith("/usr") ? 3 : 2;
        Path folder = Files.isDirectory(target) ? target : target.getParent();
        return folder.getNameCount() <= depth ? folder : folder.getRoot().resolve(folder.subpath(0, depth));
    }
}
