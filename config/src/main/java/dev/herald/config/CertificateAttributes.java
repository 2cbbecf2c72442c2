package dev.herald.config;

import dev.herald.config.syntax.DnSyntax;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.RFC4519Style;

/**
 * Resolves the names of certificate subject attributes ({@code CN}, {@code emailAddress},
 * {@code UID}...) to OIDs with Bouncy Castle's name tables: the LDAP names of RFC 4519 first
 * (so {@code sn} is the surname, as in a directory), then Bouncy Castle's X.509 names (for
 * {@code emailAddress}, {@code E} and friends). Dotted OIDs are taken as they are.
 */
final class CertificateAttributes {

    /** Names offered in did-you-mean suggestions. */
    static final List<String> COMMON = List.of("CN", "O", "OU", "C", "L", "ST", "DC", "UID", "emailAddress",
            "serialNumber", "SN", "givenName", "title", "street", "postalCode", "initials", "pseudonym");

    private CertificateAttributes() {}

    static Optional<String> oid(String name) {
        if (DnSyntax.isNumericOid(name)) {
            return Optional.of(name);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            return Optional.of(RFC4519Style.INSTANCE.attrNameToOID(lower).getId());
        } catch (IllegalArgumentException e) {
            // not an RFC 4519 name
        }
        try {
            return Optional.of(BCStyle.INSTANCE.attrNameToOID(lower).getId());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
