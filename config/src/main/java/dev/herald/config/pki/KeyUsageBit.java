package dev.herald.config.pki;

import org.bouncycastle.asn1.x509.KeyUsage;

/** Key usage bits (RFC 5280 §4.2.1.3) the certificate builder can set. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
    NON_REPUDIATION(KeyUsage.nonRepudiation),
    KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT(KeyUsage.dataEncipherment),
    KEY_AGREEMENT(KeyUsage.keyAgreement),
    KEY_CERT_SIGN(KeyUsage.keyCertSign),
    CRL_SIGN(KeyUsage.cRLSign);

    private final int bit;

    KeyUsageBit(int bit) {
        this.bit = bit;
    }

    int bit() {
        return bit;
    }
}
