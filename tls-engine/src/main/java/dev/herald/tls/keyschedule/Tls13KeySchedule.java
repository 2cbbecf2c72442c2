package dev.herald.tls.keyschedule;

import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TlsCrypto;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The TLS 1.3 key schedule without PSKs (RFC 8446 §7.1): Early Secret from zeros, Handshake
 * Secret from the (EC)DHE secret, Master Secret, and the traffic secrets, keys and Finished
 * values derived from them. Instances move forward only: {@link #handshakeSecrets} once, then
 * {@link #applicationSecrets} once.
 */
public final class Tls13KeySchedule {
    private static final byte[] LABEL_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);

    private final TlsCrypto crypto;
    private final HashAlgorithm hash;
    private final byte[] emptyHash;
    private byte[] handshakeSecret;
    private byte[] masterSecret;

    /** Client and server handshake traffic secrets. */
    public record HandshakeSecrets(byte[] client, byte[] server) {
    }

    /** Client and server application traffic secrets, and the exporter master secret. */
    public record ApplicationSecrets(byte[] client, byte[] server, byte[] exporterMaster) {
    }

    public Tls13KeySchedule(TlsCrypto crypto, HashAlgorithm hash) {
        this.crypto = crypto;
        this.hash = hash;
        this.emptyHash = crypto.newHash(hash).current();
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** HKDF-Expand-Label (RFC 8446 §7.1). */
    public byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + LABEL_PREFIX.length + l.length + 1 + context.length];
        int i = 0;
        info[i++] = (byte) (length >>> 8);
        info[i++] = (byte) length;
        info[i++] = (byte) (LABEL_PREFIX.length + l.length);
        System.arraycopy(LABEL_PREFIX, 0, info, i, LABEL_PREFIX.length);
        i += LABEL_PREFIX.length;
        System.arraycopy(l, 0, info, i, l.length);
        i += l.length;
        info[i++] = (byte) context.length;
        System.arraycopy(context, 0, info, i, context.length);
        return crypto.hkdfExpand(hash, secret, info, length);
    }

    /** Derive-Secret(secret, label, messages) with the transcript hash already computed. */
    public byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(secret, label, transcriptHash, hash.length());
    }

    /**
     * Runs the schedule up to the Handshake Secret and returns the handshake traffic secrets.
     *
     * @param sharedSecret the (EC)DHE output
     * @param helloHash Transcript-Hash(ClientHello...ServerHello)
     */
    public HandshakeSecrets handshakeSecrets(byte[] sharedSecret, byte[] helloHash) {
        if (handshakeSecret != null) {
            throw new IllegalStateException("handshake secrets already derived");
        }
        byte[] zeros = new byte[hash.length()];
        byte[] earlySecret = crypto.hkdfExtract(hash, zeros, zeros);
        byte[] derived = deriveSecret(earlySecret, "derived", emptyHash);
        handshakeSecret = crypto.hkdfExtract(hash, derived, sharedSecret);
        Arrays.fill(earlySecret, (byte) 0);
        return new HandshakeSecrets(deriveSecret(handshakeSecret, "c hs traffic", helloHash),
                deriveSecret(handshakeSecret, "s hs traffic", helloHash));
    }

    /**
     * Derives the Master Secret and the application traffic secrets.
     *
     * @param serverFinishedHash Transcript-Hash(ClientHello...server Finished)
     */
    public ApplicationSecrets applicationSecrets(byte[] serverFinishedHash) {
        if (handshakeSecret == null || masterSecret != null) {
            throw new IllegalStateException("key schedule out of order");
        }
        byte[] derived = deriveSecret(handshakeSecret, "derived", emptyHash);
        masterSecret = crypto.hkdfExtract(hash, derived, new byte[hash.length()]);
        Arrays.fill(handshakeSecret, (byte) 0);
        return new ApplicationSecrets(deriveSecret(masterSecret, "c ap traffic", serverFinishedHash),
                deriveSecret(masterSecret, "s ap traffic", serverFinishedHash),
                deriveSecret(masterSecret, "exp master", serverFinishedHash));
    }

    /** resumption_master_secret (RFC 8446 §7.1), for completeness of the schedule. */
    public byte[] resumptionMasterSecret(byte[] clientFinishedHash) {
        if (masterSecret == null) {
            throw new IllegalStateException("key schedule out of order");
        }
        return deriveSecret(masterSecret, "res master", clientFinishedHash);
    }

    /** Record key and IV for a traffic secret (RFC 8446 §7.3). */
    public TrafficKeys trafficKeys(byte[] trafficSecret, AeadAlgorithm aead) {
        return new TrafficKeys(expandLabel(trafficSecret, "key", new byte[0], aead.keyLength()),
                expandLabel(trafficSecret, "iv", new byte[0], AeadAlgorithm.NONCE_LENGTH));
    }

    /** verify_data = HMAC(finished_key, transcript hash), RFC 8446 §4.4.4. */
    public byte[] finishedVerifyData(byte[] baseKey, byte[] transcriptHash) {
        byte[] finishedKey = expandLabel(baseKey, "finished", new byte[0], hash.length());
        try {
            return crypto.hmac(hash, finishedKey, transcriptHash);
        } finally {
            Arrays.fill(finishedKey, (byte) 0);
        }
    }

    /** application_traffic_secret_N+1 (RFC 8446 §7.2). */
    public byte[] nextTrafficSecret(byte[] trafficSecret) {
        return expandLabel(trafficSecret, "traffic upd", new byte[0], hash.length());
    }

    /** TLS-Exporter (RFC 8446 §7.5). */
    public byte[] export(byte[] exporterMaster, String label, byte[] context, int length) {
        byte[] secret = deriveSecret(exporterMaster, label, emptyHash);
        var h = crypto.newHash(hash);
        h.update(context);
        byte[] contextHash = h.current();
        return expandLabel(secret, "exporter", contextHash, length);
    }

    /**
     * The synthetic message_hash message that replaces ClientHello1 in the transcript after a
     * HelloRetryRequest (RFC 8446 §4.4.1): 0xFE 00 00 Hash.length Hash(ClientHello1).
     */
    public static byte[] messageHash(byte[] clientHello1Hash) {
        byte[] out = new byte[4 + clientHello1Hash.length];
        out[0] = (byte) 254;
        out[3] = (byte) clientHello1Hash.length;
        System.arraycopy(clientHello1Hash, 0, out, 4, clientHello1Hash.length);
        return out;
    }
}
