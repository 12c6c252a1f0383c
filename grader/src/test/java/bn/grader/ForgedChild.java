package bn.grader;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import bn.grader.child.CallProtocol;
import bn.grader.child.MessageReader;
import bn.grader.child.MessageWriter;
import bn.grader.child.Ref;
import bn.grader.child.Refs;
import bn.tensor.Tensor;

/**
 * Stands in for a child process that student code has fully taken over: it answers the grader with whatever it likes.
 * <ul>
 *   <li>{@code random}: random bytes, forever;</li>
 *   <li>{@code verdicts}: the old text channel's "PASSED" lines and a results.json;</li>
 *   <li>{@code wrong}: well-formed answers of the right types with wrong values (42 everywhere), and "PASSED" as
 *       the printed output;</li>
 *   <li>{@code mistyped}: well-formed answers whose types do not match the methods called.</li>
 * </ul>
 */
public final class ForgedChild {
    private ForgedChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        InputStream in = new java.io.BufferedInputStream(new FileInputStream(FileDescriptor.in));
        switch (mode) {
            case "random" -> {
                Random random = new Random(7);
                byte[] junk = new byte[4096];
                while (true) {
                    random.nextBytes(junk);
                    out.write(junk);
                    out.flush();
                }
            }
            case "verdicts" -> {
                for (String test : new String[] {"FakeEx1_1Test#meanOfThreeValues", "FakeEx1_1Test#singleValue",
                        "FakeEx1_2Test#defaultFactorIsTwo", "FakeEx2_1Test#columnsHaveMeanZero"}) {
                    out.write(("READY\nSTART bn.exercises." + test + "\nEND bn.exercises." + test + " PASSED - -\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                out.write("{\"score\": 100.0, \"tests\": []}\nDONE\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                in.transferTo(OutputStream.nullOutputStream());
            }
            default -> answer(mode.equals("wrong"), in, out);
        }
    }

    private static void answer(boolean typed, InputStream in, OutputStream out) throws Exception {
        Refs refs = new Refs() {
            @Override
            public Ref refOf(Object value) {
                return null;
            }

            @Override
            public Object resolve(Ref ref) {
                return new Object();
            }

            @Override
            public Class<?> studentClass(String name) {
                return Object.class;
            }
        };
        CallProtocol.send(out, CallProtocol.write(CallProtocol.READY, refs).toBytes());
        for (byte[] frame = CallProtocol.receive(in); frame != null; frame = CallProtocol.receive(in)) {
            MessageReader request = CallProtocol.read(frame, refs);
            switch (request.kind()) {
                case CallProtocol.OUTPUT -> CallProtocol.send(out, CallProtocol.write(CallProtocol.PRINTED, refs)
                        .text("PASSED 100/100").toBytes());
                case CallProtocol.NEW, CallProtocol.CALL -> {
                    boolean construct = request.kind() == CallProtocol.NEW;
                    request.text();
                    if (!construct) {
                        request.text();
                    }
                    String descriptor = request.text();
                    if (!construct) {
                        request.value();
                    }
                    int n = request.number();
                    for (int i = 0; i < n; i++) {
                        request.value();
                    }
                    MessageWriter answer = CallProtocol.write(CallProtocol.RETURNED, refs);
                    answer.value(typed ? wrongValueFor(descriptor) : "PASSED");
                    for (int i = 0; i < n; i++) {
                        answer.value(null);
                    }
                    CallProtocol.send(out, answer.toBytes());
                }
                default -> {
                    // LOAD and RESET need no answer.
                }
            }
        }
    }

    /** A value of the method's result type that is wrong for every graded test of the fake course. */
    private static Object wrongValueFor(String descriptor) {
        String result = descriptor.substring(descriptor.indexOf(')') + 1);
        return switch (result) {
            case "D" -> 42.0;
            case "I" -> 42;
            case "J" -> 42L;
            case "V" -> null;
            case "Lbn/tensor/Tensor;" -> Tensor.full(42, 2, 2);
            default -> null;
        };
    }
}
