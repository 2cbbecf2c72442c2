package dev.herald.sasl.syntax;

import java.util.regex.Pattern;

/**
 * Syntax check for attribute descriptions (RFC 4512 §2.5: a descr or numericoid followed by
 * {@code ;option}s). Every attribute name that reaches a filter or a DN from configuration goes
 * through here, so configuration text can never inject filter syntax.
 */
public final class AttributeDescription {

    private static final String DESCR = "[A-Za-z][A-Za-z0-9-]*";
    private static final String NUMBER = "(?:0|[1-9][0-9]*)";
    private static final String NUMERICOID = NUMBER + "(?:\\." + NUMBER + ")+";
    private static final Pattern TYPE = Pattern.compile("(?:" + DESCR + "|" + NUMERICOID + ")");
    private static final Pattern DESCRIPTION =
            Pattern.compile("(?:" + DESCR + "|" + NUMERICOID + ")(?:;[A-Za-z0-9-]+)*");
    private static final Pattern NUMERIC_OID = Pattern.compile(NUMERICOID);

    private AttributeDescription() {
    }

    /** True for {@code descr} or {@code numericoid} (RFC 4512 §1.4), without options. */
    public static boolean isAttributeType(String s) {
        return s != null && TYPE.matcher(s).matches();
    }

    /** True for an attribute description with optional options (RFC 4512 §2.5). */
    public static boolean isValid(String s) {
        return s != null && DESCRIPTION.matcher(s).matches();
    }

    /** True for a dotted-decimal OID without leading zeros. */
    public static boolean isNumericOid(String s) {
        return s != null && NUMERIC_OID.matcher(s).matches();
    }

    /**
     * Returns {@code s} when it is a valid attribute description.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static String require(String s, String what) {
        if (!isValid(s)) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not an attribute description"
                    + " (a name such as uid or mail, or a dotted OID, optionally with ;options)");
        }
        return s;
    }
}
