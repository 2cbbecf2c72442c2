package dev.herald.config.pki;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Extended key usages (RFC 5280 §4.2.1.12) the certificate builder can set. */
public enum KeyPurpose {
    SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
    CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth),
    EMAIL_PROTECTION(KeyPurposeId.id_kp_emailProtection),
    CODE_SIGNING(KeyPurposeId.id_kp_codeSigning),
    ANY(KeyPurposeId.anyExtendedKeyUsage);

    private final KeyPurposeId id;

    KeyPurpose(KeyPurposeId id) {
        this.id = id;
    }

    KeyPurposeId id() {
        return id;
    }
}
