package dev.herald.sasl.text;

/**
 * Makes text taken from certificates and clients safe to put in a log line: control characters
 * (C0, C1), format characters (bidi overrides, zero-width joiners), line and paragraph
 * separators and unpaired surrogates become a backslash, {@code u} and the hex code point in
 * braces, so a certificate subject cannot forge log lines or hide text.
 */
public final class LogText {
    private LogText() {
    }

    public static String safe(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            int type = Character.getType(cp);
            boolean bad = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
            if (bad) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append("\\u{").append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT)).append('}');
            } else if (out != null) {
                out.append(s, i, i + n);
            }
            i += n;
        }
        return out == null ? s : out.toString();
    }
}
