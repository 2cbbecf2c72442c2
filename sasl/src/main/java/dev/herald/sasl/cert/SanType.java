package dev.herald.sasl.cert;

import java.util.Locale;

/**
 * The subjectAltName (RFC 5280 §4.2.1.6) name forms a mapper can use: rfc822Name, dNSName,
 * uniformResourceIdentifier and the Microsoft user principal name (an otherName with type
 * 1.3.6.1.4.1.311.20.2.3 and a UTF8String value).
 */
public enum SanType {
    RFC822_NAME("rfc822Name"),
    DNS_NAME("dNSName"),
    URI("uniformResourceIdentifier"),
    UPN("userPrincipalName");

    /** The otherName type-id of a UPN. */
    public static final String UPN_OID = "1.3.6.1.4.1.311.20.2.3";

    private final String displayName;

    SanType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Parses the configuration spellings (any case): {@code rfc822Name} / {@code email},
     * {@code dNSName} / {@code dns}, {@code uniformResourceIdentifier} / {@code uri},
     * {@code userPrincipalName} / {@code upn}.
     */
    public static SanType parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "rfc822name": case "rfc822": case "email": return RFC822_NAME;
            case "dnsname": case "dns": return DNS_NAME;
            case "uniformresourceidentifier": case "uri": return URI;
            case "userprincipalname": case "upn": return UPN;
            default: throw new IllegalArgumentException("unknown subjectAltName type '" + text
                    + "' (expected rfc822Name, dNSName, URI or UPN)");
        }
    }
}
