package dev.herald.sasl.authz;

import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.SyntaxException;
import dev.herald.sasl.syntax.Utf8Strict;
import dev.herald.sasl.text.SaslPrep;

import java.util.Optional;

/**
 * An explicitly requested authorization identity (RFC 4513 §5.2.1.8, RFC 4422 appendix A):
 * {@code dn:} followed by an RFC 4514 DN, or {@code u:} followed by a user id. The octets must be
 * well-formed UTF-8 without NUL (RFC 4422 {@code UTF8-char-no-nul}); prefixes compare
 * case-insensitively (ABNF literals). Herald refuses {@code dn:} with an empty DN (acting as
 * anonymous) and any other prefix.
 */
public sealed interface AuthzId {

    /** Bound on the octets of an authorization identity. */
    int MAX_LENGTH = 4096;

    /** {@code dn:<dn>}. */
    record DnAuthzId(Dn dn) implements AuthzId {
        @Override
        public String toString() {
            return "dn:" + dn;
        }
    }

    /** {@code u:<userid>}, the user id already prepared with SASLprep as a query string. */
    record UserAuthzId(String userid) implements AuthzId {
        @Override
        public String toString() {
            return "u:" + userid;
        }
    }

    /** Parses the credentials of an EXTERNAL bind (non-empty). */
    static AuthzId parse(byte[] octets) throws MalformedAuthzIdException {
        if (octets.length > MAX_LENGTH) {
            throw new MalformedAuthzIdException("authorization identity is longer than " + MAX_LENGTH + " octets");
        }
        for (byte b : octets) {
            if (b == 0) {
                throw new MalformedAuthzIdException("authorization identity contains NUL");
            }
        }
        Optional<String> text = Utf8Strict.decode(octets);
        if (text.isEmpty()) {
            throw new MalformedAuthzIdException("authorization identity is not valid UTF-8");
        }
        String s = text.get();
        if (s.regionMatches(true, 0, "dn:", 0, 3)) {
            String dn = s.substring(3);
            if (dn.isEmpty()) {
                throw new MalformedAuthzIdException("an empty dn: (anonymous) authorization identity is not supported");
            }
            try {
                return new DnAuthzId(Dn.parse(dn));
            } catch (SyntaxException e) {
                throw new MalformedAuthzIdException("dn: authorization identity: " + e.getMessage());
            }
        }
        if (s.regionMatches(true, 0, "u:", 0, 2)) {
            Optional<String> prepared = SaslPrep.query(s.substring(2));
            if (prepared.isEmpty()) {
                throw new MalformedAuthzIdException("u: authorization identity contains characters SASLprep prohibits");
            }
            if (prepared.get().isEmpty()) {
                throw new MalformedAuthzIdException("u: authorization identity is empty");
            }
            return new UserAuthzId(prepared.get());
        }
        throw new MalformedAuthzIdException("authorization identity must start with dn: or u:");
    }
}
