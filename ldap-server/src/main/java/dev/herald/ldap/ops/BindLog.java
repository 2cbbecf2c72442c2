package dev.herald.ldap.ops;

import static dev.herald.ldap.log.AccessLog.quote;

import java.security.cert.X509Certificate;

import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.log.CertificateNames;
import dev.herald.ldap.session.LdapSession;
import dev.herald.ldap.session.TlsFacts;

/**
 * The extra fields of a bind's access-log result line: the mechanism, the identities, the TLS
 * version and suite, and for a connection with a verified client certificate its subject and
 * issuer, so that one line says who came in, with which certificate, mapped to which entry.
 */
final class BindLog {

    private BindLog() {}

    static String simple(LdapSession session) {
        StringBuilder b = new StringBuilder();
        tls(b, session, false);
        return b.toString().trim();
    }

    /**
     * @param authcDn the authenticated (mapped) entry, null after a failure
     * @param detail the mechanism's explanation (which mapper decided, or why none did)
     */
    static String sasl(LdapSession session, String mechanism, Dn authcDn, Dn authzDn, String detail) {
        StringBuilder b = new StringBuilder("mech=").append(mechanism);
        if (authcDn != null) {
            b.append(" authcDN=").append(quote(authcDn.getName()));
            b.append(" authzDN=").append(quote(authzDn.getName()));
        }
        tls(b, session, true);
        if (detail != null && !detail.isEmpty()) {
            b.append(" detail=").append(quote(detail));
        }
        return b.toString();
    }

    private static void tls(StringBuilder b, LdapSession session, boolean withCertificate) {
        if (session.tls().isEmpty()) {
            b.append(" tls=none");
            return;
        }
        TlsFacts t = session.tls().get();
        b.append(" tls=").append(t.protocol()).append(" suite=").append(t.cipherSuite());
        if (withCertificate) {
            if (t.hasVerifiedClientCertificate()) {
                X509Certificate leaf = t.verifiedPeerChain().get(0);
                b.append(" cert.subject=").append(quote(CertificateNames.of(leaf.getSubjectX500Principal())));
                b.append(" cert.issuer=").append(quote(CertificateNames.of(leaf.getIssuerX500Principal())));
            } else {
                b.append(" cert=none");
            }
        }
    }
}
