package bn.grader;

import java.util.Locale;

import bn.grader.sandbox.Isolation;

/** The --isolation option and the bn.grader.isolation property: auto (null, the strongest available) or a mode. */
final class IsolationOption {
    private IsolationOption() {
    }

    /** @return null for auto, else the mode named */
    static Isolation parse(String text) {
        String t = text == null ? "auto" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", "auto" -> null;
            case "bubblewrap", "bwrap" -> Isolation.BUBBLEWRAP;
            case "separate-user" -> Isolation.SEPARATE_USER;
            case "process-group" -> Isolation.PROCESS_GROUP;
            default -> throw new IllegalArgumentException("unknown isolation '" + text
                    + "': expected auto, bubblewrap, separate-user or process-group");
        };
    }
}
