package dev.herald.config.syntax;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sizes in bytes: a plain number of bytes, or a number with a unit — {@code KiB},
 * {@code MiB}, {@code GiB}, {@code TiB} (powers of 1024) or {@code KB}, {@code MB}, {@code GB},
 * {@code TB} (powers of 1000), {@code B}. Units are not case-sensitive.
 */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final String FIX = "write a number of bytes, or a number with a unit: B, KiB, MiB, GiB (1024-based) or KB, MB, GB (1000-based), for example 2MiB";

    private ByteSizes() {}

    public static long parse(String text) throws SyntaxException {
        String s = text.strip();
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new SyntaxException("'" + s + "' is not a size", FIX);
        }
        long multiplier = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "kib", "k" -> 1L << 10;
            case "mib", "m" -> 1L << 20;
            case "gib", "g" -> 1L << 30;
            case "tib", "t" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default -> throw new SyntaxException("'" + m.group(2) + "' in '" + s + "' is not a size unit", FIX);
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SyntaxException("'" + s + "' is too large", FIX);
        }
    }

    /** A short human form such as {@code 2MiB} or {@code 1500B}, for messages. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        long v = bytes;
        while (u < units.length - 1 && v != 0 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return v + units[u];
    }
}
