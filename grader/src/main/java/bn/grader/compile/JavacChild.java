package bn.grader.compile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import bn.grader.sandbox.Sandboxed;
import bn.grader.sandbox.Scratch;
import bn.grader.submission.SourceFile;

/**
 * One javac child JVM in the sandbox ({@link CompileChild}), and its scratch folder: sends it files to compile and
 * reads its answer ({@link CompileProtocol}) within the time left, and kills it when it does not answer in time.
 */
final class JavacChild {
    private static final int MAX_CLASS_BYTES = 8 << 20;

    private final Sandboxed process;
    private final Path scratch;
    private final DataOutputStream requests;
    private final DataInputStream answers;
    private final CompileLimits limits;
    /** How many submissions it served. */
    int uses;

    JavacChild(Sandboxed process, Path scratch, CompileLimits limits) {
        this.process = process;
        this.scratch = scratch;
        this.limits = limits;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.process().getOutputStream()));
        this.answers = new DataInputStream(new BufferedInputStream(process.process().getInputStream()));
        Thread drain = new Thread(() -> {
            try (var err = process.process().getErrorStream()) {
                err.transferTo(OutputStream.nullOutputStream());
            } catch (IOException gone) {
                // The child ended.
            }
        }, "javac-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    boolean alive() {
        return process.process().isAlive();
    }

    /** Compiles {@code files} together; a child that does not answer by the round's limit or the deadline is killed. */
    JavacRound run(List<SourceFile> files, long deadline) throws IOException {
        long wait = Math.min(limits.roundTime().toNanos(), deadline - System.nanoTime());
        if (wait <= 0) {
            return JavacRound.crashed("timeout");
        }
        try {
            requests.writeInt(files.size());
            for (SourceFile f : files) {
                CompileProtocol.writeString(requests, unitPath(f));
                CompileProtocol.writeString(requests, f.fileName());
                CompileProtocol.writeString(requests, f.content());
            }
            requests.flush();
        } catch (IOException gone) {
            kill();
            return JavacRound.crashed("ended");
        }
        CompletableFuture<JavacRound> answer = CompletableFuture.supplyAsync(() -> read(files.size()));
        try {
            return answer.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            kill();
            return JavacRound.crashed("timeout");
        } catch (ExecutionException e) {
            kill();
            return JavacRound.crashed("ended");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IOException("interrupted while javac ran", e);
        }
    }

    private JavacRound read(int files) {
        try {
            byte status = answers.readByte();
            boolean success = answers.readBoolean();
            String general = CompileProtocol.readString(answers);
            Map<String, Integer> classes = new LinkedHashMap<>();
            Map<String, byte[]> bytes = new LinkedHashMap<>();
            for (int i = 0, n = CompileProtocol.readCount(answers); i < n; i++) {
                String name = CompileProtocol.readString(answers);
                classes.put(name, CompileProtocol.readIndex(answers, files));
                bytes.put(name, CompileProtocol.readBytes(answers, MAX_CLASS_BYTES));
            }
            Map<Integer, String> errors = new LinkedHashMap<>();
            for (int i = 0, n = CompileProtocol.readCount(answers); i < n; i++) {
                errors.put(CompileProtocol.readIndex(answers, files), CompileProtocol.readString(answers));
            }
            if (status == CompileProtocol.CRASHED) {
                return JavacRound.crashed(general);
            }
            return new JavacRound(success, classes, bytes, errors, general, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void kill() {
        process.killAll();
    }

    /** Kills the child and removes its scratch folder. */
    void close() {
        kill();
        Scratch.deleteQuietly(scratch);
    }

    /** A unique, safe path for javac's view of the file, keeping its name (javac checks public class names by it). */
    private static String unitPath(SourceFile file) {
        StringBuilder safe = new StringBuilder();
        for (char c : file.path().replace('\\', '/').toCharArray()) {
            safe.append(Character.isLetterOrDigit(c) && c < 128 || "_./$-".indexOf(c) >= 0 ? c : '_');
        }
        String s = safe.toString();
        int i = 0;
        while (i < s.length() && s.charAt(i) == '/') {
            i++;
        }
        s = s.substring(i);
        return s.endsWith(".java") ? s : s + "/" + file.fileName();
    }
}
