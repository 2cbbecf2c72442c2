package dev.herald.ldap.log;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;

import dev.herald.sasl.cert.SubjectNames;
import dev.herald.sasl.text.LogText;

/**
 * Certificate subject and issuer names for the access log, in the same RFC 4514 rendering the
 * certificate mappers and the explain command use ({@link SubjectNames}: {@code
 * emailAddress=...} rather than a hex OID), made log-safe.
 */
public final class CertificateNames {

    private CertificateNames() {}

    public static String of(X500Principal name) {
        try {
            return LogText.safe(SubjectNames.toRfc4514(X500Name.getInstance(name.getEncoded())));
        } catch (RuntimeException e) {
            return LogText.safe(name.getName(X500Principal.RFC2253));
        }
    }
}
