package dev.herald.tls.crypto;

/** Hash functions used by the TLS suites and signature schemes we support. */
public enum HashAlgorithm {
    SHA256("SHA-256", 32),
    SHA384("SHA-384", 48),
    SHA512("SHA-512", 64);

    private final String jcaName;
    private final int length;

    HashAlgorithm(String jcaName, int length) {
        this.jcaName = jcaName;
        this.length = length;
    }

    public String jcaName() {
        return jcaName;
    }

    /** Output length in bytes. */
    public int length() {
        return length;
    }
}
