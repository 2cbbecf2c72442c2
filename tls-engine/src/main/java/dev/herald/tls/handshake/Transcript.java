package dev.herald.tls.handshake;

import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.crypto.TranscriptHash;
import java.io.ByteArrayOutputStream;

/**
 * The handshake transcript: a running hash with the suite's hash, and, while a TLS 1.2 client
 * CertificateVerify may still come, the raw messages (RFC 5246 §7.4.8 signs the messages, and
 * the client may pick a hash other than the suite's).
 */
final class Transcript {
    private final TranscriptHash hash;
    private ByteArrayOutputStream raw;

    Transcript(TlsCrypto crypto, HashAlgorithm algorithm, boolean keepRaw) {
        this.hash = crypto.newHash(algorithm);
        this.raw = keepRaw ? new ByteArrayOutputStream(4096) : null;
    }

    void add(byte[] encodedMessage) {
        hash.update(encodedMessage);
        if (raw != null) {
            raw.write(encodedMessage, 0, encodedMessage.length);
        }
    }

    byte[] hash() {
        return hash.current();
    }

    byte[] raw() {
        if (raw == null) {
            throw new IllegalStateException("raw transcript not kept");
        }
        return raw.toByteArray();
    }

    void dropRaw() {
        raw = null;
    }
}
