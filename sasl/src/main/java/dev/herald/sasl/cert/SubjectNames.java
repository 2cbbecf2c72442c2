package dev.herald.sasl.cert;

import dev.herald.sasl.syntax.AttributeTypes;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.Utf8Strict;
import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1NumericString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1T61String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.ASN1UniversalString;
import org.bouncycastle.asn1.ASN1VisibleString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.encoders.Hex;

import java.io.IOException;
import java.util.Optional;

/**
 * Renders X.501 names from certificates as RFC 4514 strings, which is how Herald defines "the
 * LDAP DN of a certificate subject":
 * <ul>
 *   <li>RDN order is reversed (RFC 4514 §2.1): the last RDN of the encoded RDNSequence comes
 *       first, so a subject encoded as {@code C=US, O=Example, CN=alice} renders as
 *       {@code CN=alice,O=Example,C=US}. A name a CA encoded "backwards" renders backwards; it is
 *       never reordered or tried both ways (that would be a second, unvetted identity).</li>
 *   <li>Types in {@link AttributeTypes} use their short name; other types use the dotted OID and
 *       their value is always {@code #} + hex of its DER encoding (RFC 4514 §2.4).</li>
 *   <li>Values of directory-string types (UTF8String, PrintableString, IA5String, BMPString,
 *       UniversalString, TeletexString read as ISO 8859-1, VisibleString, NumericString) are
 *       escaped with {@link Dn#escapeValue(String)}; a value of any other type, or one that does
 *       not decode to well-formed Unicode, is rendered as {@code #hex}.</li>
 *   <li>AVAs of a multi-valued RDN keep their encoded order, joined by {@code +}.</li>
 * </ul>
 */
public final class SubjectNames {
    private SubjectNames() {
    }

    /** The RFC 4514 string of {@code name}; the empty string for an empty name. */
    public static String toRfc4514(X500Name name) {
        RDN[] rdns = name.getRDNs();
        StringBuilder out = new StringBuilder();
        for (int i = rdns.length - 1; i >= 0; i--) {
            if (out.length() > 0) {
                out.append(',');
            }
            AttributeTypeAndValue[] avas = rdns[i].getTypesAndValues();
            for (int j = 0; j < avas.length; j++) {
                if (j > 0) {
                    out.append('+');
                }
                appendAva(out, avas[j]);
            }
        }
        return out.toString();
    }

    private static void appendAva(StringBuilder out, AttributeTypeAndValue ava) {
        String oid = ava.getType().getId();
        Optional<AttributeTypes.Known> known = AttributeTypes.byOid(oid);
        Optional<String> text = known.isPresent() ? decodeString(ava.getValue()) : Optional.empty();
        out.append(known.map(AttributeTypes.Known::displayName).orElse(oid)).append('=');
        if (text.isPresent()) {
            out.append(Dn.escapeValue(text.get()));
        } else {
            out.append('#').append(Hex.toHexString(der(ava.getValue())));
        }
    }

    /**
     * The Unicode text of a directory-string value, or empty for any other ASN.1 type or a value
     * that does not decode to well-formed Unicode (for example a BMPString with a lone surrogate).
     */
    public static Optional<String> decodeString(ASN1Encodable value) {
        ASN1Primitive p = value.toASN1Primitive();
        String s;
        if (p instanceof ASN1UniversalString) {
            s = decodeUcs4(((ASN1UniversalString) p).getOctets());
        } else if (p instanceof ASN1UTF8String || p instanceof ASN1PrintableString || p instanceof ASN1IA5String
                || p instanceof ASN1BMPString || p instanceof ASN1T61String || p instanceof ASN1VisibleString
                || p instanceof ASN1NumericString) {
            s = ((ASN1String) p).getString();
        } else {
            return Optional.empty();
        }
        return s != null && Utf8Strict.isWellFormed(s) ? Optional.of(s) : Optional.empty();
    }

    private static String decodeUcs4(byte[] b) {
        if (b.length % 4 != 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder(b.length / 4);
        for (int i = 0; i < b.length; i += 4) {
            int cp = (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
            if (!Character.isValidCodePoint(cp) || (cp >= 0xd800 && cp <= 0xdfff)) {
                return null;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    static byte[] der(ASN1Encodable v) {
        try {
            return v.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-encode an ASN.1 value", e);
        }
    }
}
