package dev.herald.tls.keyschedule;

import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TlsCrypto;
import java.util.Arrays;

/**
 * TLS 1.2 secrets for AEAD suites: the master secret (RFC 5246 §8.1, or the extended master
 * secret of RFC 7627 §4 bound to the session hash), the key block (RFC 5246 §6.3; AES-GCM takes
 * a 4-byte implicit IV, RFC 5288 §3, ChaCha20-Poly1305 a 12-byte one, RFC 7905 §2) and
 * Finished verify_data (RFC 5246 §7.4.9, 12 bytes).
 */
public final class Tls12KeySchedule {
    public static final int MASTER_SECRET_LENGTH = 48;
    public static final int VERIFY_DATA_LENGTH = 12;

    private final TlsCrypto crypto;
    private final HashAlgorithm hash;
    private final byte[] masterSecret;

    /** The write keys of both directions. */
    public record KeyBlock(TrafficKeys client, TrafficKeys server) {
    }

    private Tls12KeySchedule(TlsCrypto crypto, HashAlgorithm hash, byte[] masterSecret) {
        this.crypto = crypto;
        this.hash = hash;
        this.masterSecret = masterSecret;
    }

    /** master_secret = PRF(pre_master_secret, "master secret", client_random + server_random). */
    public static Tls12KeySchedule fromPreMaster(TlsCrypto crypto, HashAlgorithm hash, byte[] preMaster,
            byte[] clientRandom, byte[] serverRandom) {
        byte[] ms = Tls12Prf.prf(crypto, hash, preMaster, "master secret",
                Tls12Prf.concat(clientRandom, serverRandom), MASTER_SECRET_LENGTH);
        return new Tls12KeySchedule(crypto, hash, ms);
    }

    /** RFC 7627 §4: PRF(pre_master_secret, "extended master secret", session_hash). */
    public static Tls12KeySchedule fromPreMasterExtended(TlsCrypto crypto, HashAlgorithm hash, byte[] preMaster,
            byte[] sessionHash) {
        byte[] ms = Tls12Prf.prf(crypto, hash, preMaster, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
        return new Tls12KeySchedule(crypto, hash, ms);
    }

    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    /** key_block = PRF(master_secret, "key expansion", server_random + client_random). */
    public KeyBlock keyBlock(AeadAlgorithm aead, byte[] clientRandom, byte[] serverRandom) {
        int keyLen = aead.keyLength();
        int ivLen = aead == AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4;
        byte[] block = Tls12Prf.prf(crypto, hash, masterSecret, "key expansion",
                Tls12Prf.concat(serverRandom, clientRandom), 2 * keyLen + 2 * ivLen);
        try {
            byte[] ck = Arrays.copyOfRange(block, 0, keyLen);
            byte[] sk = Arrays.copyOfRange(block, keyLen, 2 * keyLen);
            byte[] civ = Arrays.copyOfRange(block, 2 * keyLen, 2 * keyLen + ivLen);
            byte[] siv = Arrays.copyOfRange(block, 2 * keyLen + ivLen, 2 * keyLen + 2 * ivLen);
            return new KeyBlock(new TrafficKeys(ck, civ), new TrafficKeys(sk, siv));
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    /** verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]. */
    public byte[] verifyData(boolean client, byte[] handshakeHash) {
        return Tls12Prf.prf(crypto, hash, masterSecret, client ? "client finished" : "server finished",
                handshakeHash, VERIFY_DATA_LENGTH);
    }

    /** RFC 5705 keying material exporter (without context when {@code context} is null). */
    public byte[] export(String label, byte[] clientRandom, byte[] serverRandom, byte[] context, int length) {
        byte[] seed = Tls12Prf.concat(clientRandom, serverRandom);
        if (context != null) {
            byte[] lc = new byte[] {(byte) (context.length >>> 8), (byte) context.length};
            seed = Tls12Prf.concat(seed, Tls12Prf.concat(lc, context));
        }
        return Tls12Prf.prf(crypto, hash, masterSecret, label, seed, length);
    }
}
