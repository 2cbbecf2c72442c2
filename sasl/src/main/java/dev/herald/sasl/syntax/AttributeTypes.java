package dev.herald.sasl.syntax;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The attribute types this module knows by name: those RFC 4514 §3 requires (CN, L, ST, O, OU,
 * C, STREET, DC, UID), the other RFC 4519 naming attributes seen in certificate subjects, and
 * PKCS #9 emailAddress. Used to render certificate subjects (short name when known, dotted OID
 * otherwise) and to compare attribute types case-insensitively with their aliases
 * ({@code commonName} = {@code cn} = {@code 2.5.4.3}). Unknown types are compared by their
 * lower-cased spelling only.
 */
public final class AttributeTypes {

    /** One known type: its OID, the name used when rendering, and its aliases. */
    public record Known(String oid, String displayName, List<String> aliases) {
        /** The lower-case name used in normalised DNs. */
        public String canonical() {
            return displayName.toLowerCase(Locale.ROOT);
        }
    }

    private static final List<Known> TABLE = List.of(
            new Known("2.5.4.3", "CN", List.of("commonName")),
            new Known("2.5.4.4", "SN", List.of("surname")),
            new Known("2.5.4.5", "serialNumber", List.of()),
            new Known("2.5.4.6", "C", List.of("countryName")),
            new Known("2.5.4.7", "L", List.of("localityName")),
            new Known("2.5.4.8", "ST", List.of("stateOrProvinceName")),
            new Known("2.5.4.9", "STREET", List.of("streetAddress")),
            new Known("2.5.4.10", "O", List.of("organizationName")),
            new Known("2.5.4.11", "OU", List.of("organizationalUnitName")),
            new Known("2.5.4.12", "title", List.of()),
            new Known("2.5.4.42", "givenName", List.of("GN")),
            new Known("2.5.4.43", "initials", List.of()),
            new Known("2.5.4.44", "generationQualifier", List.of()),
            new Known("2.5.4.46", "dnQualifier", List.of()),
            new Known("2.5.4.65", "pseudonym", List.of()),
            new Known("0.9.2342.19200300.100.1.1", "UID", List.of("userid")),
            new Known("0.9.2342.19200300.100.1.3", "mail", List.of("rfc822Mailbox")),
            new Known("0.9.2342.19200300.100.1.25", "DC", List.of("domainComponent")),
            new Known("1.2.840.113549.1.9.1", "emailAddress", List.of("E", "email", "pkcs9email")));

    private static final Map<String, Known> BY_NAME_OR_OID = new HashMap<>();
    private static final Map<String, Known> BY_OID = new HashMap<>();

    static {
        for (Known k : TABLE) {
            BY_OID.put(k.oid(), k);
            BY_NAME_OR_OID.put(k.oid(), k);
            BY_NAME_OR_OID.put(k.displayName().toLowerCase(Locale.ROOT), k);
            for (String alias : k.aliases()) {
                BY_NAME_OR_OID.put(alias.toLowerCase(Locale.ROOT), k);
            }
        }
    }

    private AttributeTypes() {
    }

    /** The known type with this name, alias or OID (case-insensitive). */
    public static Optional<Known> lookup(String nameOrOid) {
        return Optional.ofNullable(BY_NAME_OR_OID.get(nameOrOid.toLowerCase(Locale.ROOT)));
    }

    /** The known type with exactly this OID. */
    public static Optional<Known> byOid(String oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }

    /**
     * The form used to compare attribute types: the lower-case short name of a known type
     * (whatever alias or OID was written), otherwise the lower-cased text.
     */
    public static String canonical(String type) {
        Known k = BY_NAME_OR_OID.get(type.toLowerCase(Locale.ROOT));
        return k != null ? k.canonical() : type.toLowerCase(Locale.ROOT);
    }

    /**
     * The OID for a certificate attribute given by name or dotted OID.
     *
     * @throws IllegalArgumentException when the name is unknown and not a numeric OID
     */
    public static String oidOf(String nameOrOid) {
        Optional<Known> k = lookup(nameOrOid);
        if (k.isPresent()) {
            return k.get().oid();
        }
        if (AttributeDescription.isNumericOid(nameOrOid)) {
            return nameOrOid;
        }
        throw new IllegalArgumentException("unknown certificate attribute '" + nameOrOid
                + "' (use a dotted OID or one of CN, SN, serialNumber, C, L, ST, STREET, O, OU, title,"
                + " givenName, initials, generationQualifier, dnQualifier, pseudonym, UID, mail, DC,"
                + " emailAddress)");
    }
}
