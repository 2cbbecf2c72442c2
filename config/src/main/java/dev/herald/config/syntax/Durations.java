package dev.herald.config.syntax;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as a number and a unit ({@code 500ms}, {@code 10s}, {@code 15m},
 * {@code 2h}, {@code 1d}), several of them in a row ({@code 1h30m}), plain {@code 0}, or
 * ISO-8601 ({@code PT10S}).
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final String FIX = "write a number followed by a unit: ms, s, m, h or d (for example 10s, 15m, 1h30m)";

    private Durations() {}

    public static Duration parse(String text) throws SyntaxException {
        String s = text.strip();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.matches("\\d+")) {
            throw new SyntaxException("'" + s + "' has no unit", "write " + s + "s for seconds, or " + FIX);
        }
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                Duration d = Duration.parse(s);
                if (d.isNegative()) {
                    throw new SyntaxException("'" + s + "' is negative", FIX);
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new SyntaxException("'" + s + "' is not a valid ISO-8601 duration", FIX);
            }
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        Duration total = Duration.ZERO;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new SyntaxException("'" + s + "' is not a duration", FIX);
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new SyntaxException("'" + s + "' is too large", FIX);
            }
            try {
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            } catch (ArithmeticException e) {
                throw new SyntaxException("'" + s + "' is too large", FIX);
            }
            at = m.end();
        }
        return total;
    }

    /** A short human form such as {@code 10s} or {@code 1h30m}, for messages. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        if (d.toMillisPart() != 0 || d.getNano() % 1_000_000 != 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder sb = new StringBuilder();
        if (d.toDaysPart() > 0) {
            sb.append(d.toDaysPart()).append('d');
        }
        if (d.toHoursPart() > 0) {
            sb.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            sb.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            sb.append(d.toSecondsPart()).append('s');
        }
        return sb.toString();
    }
}
