package dev.herald.sasl.text;

import java.text.Normalizer;
import java.util.Optional;

/**
 * SASLprep (RFC 4013), the stringprep profile (RFC 3454) for user names and passwords, used for
 * {@code u:} authorization identities (RFC 4513 §5.2.1.8 requires it) and later for PLAIN and
 * SCRAM. Steps: map non-ASCII spaces (C.1.2) to SPACE and "commonly mapped to nothing"
 * characters (B.1) to nothing; NFKC; refuse prohibited output (C.1.2, C.2.1, C.2.2, C.3 to
 * C.9); check bidirectional text (RFC 3454 §6). For stored strings, unassigned code points are
 * refused as well. The tables are RFC 3454's; "unassigned" and the bidi categories come from the
 * JDK's Unicode version, which is newer than RFC 3454's Unicode 3.2.
 */
public final class SaslPrep {
    private SaslPrep() {
    }

    /** Prepares a "query" string (unassigned code points allowed); empty when prohibited. */
    public static Optional<String> query(String s) {
        return prepare(s, true);
    }

    /** Prepares a "stored" string (unassigned code points refused); empty when prohibited. */
    public static Optional<String> stored(String s) {
        return prepare(s, false);
    }

    private static Optional<String> prepare(String s, boolean allowUnassigned) {
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                return Optional.empty();
            }
            if (mappedToNothing(cp)) {
                continue;
            }
            mapped.appendCodePoint(nonAsciiSpace(cp) ? ' ' : cp);
        }
        String n = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        boolean hasRandAL = false;
        boolean hasL = false;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (prohibited(cp) || (!allowUnassigned && !Character.isDefined(cp))) {
                return Optional.empty();
            }
            byte d = Character.getDirectionality(cp);
            hasRandAL |= d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            hasL |= d == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        if (hasRandAL) {
            // RFC 3454 §6: no LCat at all, and RandALCat first and last.
            if (hasL || !isRandAL(n.codePointAt(0)) || !isRandAL(n.codePointBefore(n.length()))) {
                return Optional.empty();
            }
        }
        return Optional.of(n);
    }

    private static boolean isRandAL(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 B.1. */
    static boolean mappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 3454 C.1.2. */
    static boolean nonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 4013 §2.3: C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9. */
    static boolean prohibited(int cp) {
        return nonAsciiSpace(cp)
                // C.2.1 ASCII control
                || cp <= 0x1F || cp == 0x7F
                // C.2.2 non-ASCII control
                || (cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C
                || cp == 0x200D || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC)
                || (cp >= 0x1D173 && cp <= 0x1D17A)
                // C.3 private use
                || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD)
                // C.4 non-character code points
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE
                // C.5 surrogate codes
                || (cp >= 0xD800 && cp <= 0xDFFF)
                // C.6 inappropriate for plain text
                || (cp >= 0xFFF9 && cp <= 0xFFFD)
                // C.7 inappropriate for canonical representation
                || (cp >= 0x2FF0 && cp <= 0x2FFB)
                // C.8 change display properties or deprecated
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                // C.9 tagging characters
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}
