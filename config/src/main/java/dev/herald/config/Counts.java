package dev.herald.config;

import dev.herald.config.syntax.Durations;
import dev.herald.config.syntax.SyntaxException;
import dev.herald.config.yaml.ConfigNode;
import java.time.Duration;
import java.util.Optional;

/** Reads limits that accept the word {@code unlimited} (stored as 0, as LDAP writes "no limit"). */
final class Counts {

    static final String UNLIMITED = "unlimited";

    private Counts() {}

    /** A count in {@code [min, max]}, {@code unlimited} (0) or the default when absent; null when invalid. */
    static Integer read(ConfigNode node, long min, long max, int dflt, String fix) {
        if (!node.present()) {
            return dflt;
        }
        if (node.isScalar() && node.text(fix).map(String::strip).orElse("").equals(UNLIMITED)) {
            return 0;
        }
        return node.integer(min, max, fix).map(Long::intValue).orElse(null);
    }

    /** A duration at least {@code min}, {@code 0} / {@code unlimited} (zero) or the default when absent; null when invalid. */
    static Duration readDuration(ConfigNode node, Duration min, Duration dflt) {
        if (!node.present()) {
            return dflt;
        }
        Optional<String> t = node.text("write a duration such as 60s, or unlimited");
        if (t.isEmpty()) {
            return null;
        }
        String s = t.get().strip();
        if (s.equals(UNLIMITED)) {
            return Duration.ZERO;
        }
        try {
            Duration d = Durations.parse(s);
            if (!d.isZero() && d.compareTo(min) < 0) {
                node.error("the duration " + s + " is shorter than the minimum " + Durations.format(min),
                        "use at least " + Durations.format(min) + ", or 0 / unlimited for no limit");
                return null;
            }
            return d;
        } catch (SyntaxException e) {
            node.error(e.getMessage(), e.fix() + "; or unlimited");
            return null;
        }
    }
}
