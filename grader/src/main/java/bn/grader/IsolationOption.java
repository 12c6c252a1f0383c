package bn.grader;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import bn.grader.sandbox.Isolation;

/** The --isolation option and the bn.grader.isolation property: auto (null, the strongest available) or a mode. */
final class IsolationOption {
    private IsolationOption() {
    }

    /** @return null for auto, else the mode named (by {@link Isolation#option()}, or {@code bwrap}) */
    static Isolation parse(String text) {
        String t = text == null ? "auto" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("auto")) {
            return null;
        }
        String name = t.equals("bwrap") ? Isolation.BUBBLEWRAP.option() : t;
        return Arrays.stream(Isolation.values()).filter(i -> i.option().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown isolation '" + text + "': expected auto, "
                        + Arrays.stream(Isolation.values()).map(Isolation::option).collect(Collectors.joining(", "))));
    }
}
