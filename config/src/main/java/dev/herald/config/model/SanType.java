package dev.herald.config.model;

/**
 * The subjectAltName kinds a mapper can read (RFC 5280 §4.2.1.6): rfc822Name ({@code email}),
 * dNSName ({@code dns}), uniformResourceIdentifier ({@code uri}) and the Microsoft
 * userPrincipalName otherName ({@code upn}, OID 1.3.6.1.4.1.311.20.2.3).
 */
public enum SanType {
    EMAIL("email", 1),
    DNS("dns", 2),
    URI("uri", 6),
    UPN("upn", 0);

    /** The otherName type id of a userPrincipalName. */
    public static final String UPN_OID = "1.3.6.1.4.1.311.20.2.3";

    private final String configName;
    private final int generalNameTag;

    SanType(String configName, int generalNameTag) {
        this.configName = configName;
        this.generalNameTag = generalNameTag;
    }

    public String configName() {
        return configName;
    }

    /** The GeneralName choice tag (0 = otherName, for UPN). */
    public int generalNameTag() {
        return generalNameTag;
    }
}
