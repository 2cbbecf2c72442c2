package dev.herald.tls.keyschedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.crypto.TlsCryptos;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the TLS 1.2 PRF (RFC 5246 §5), the master secret, the extended master
 * secret (RFC 7627 §4) and the key block. The SHA-256 PRF vector is the one published on the
 * IETF TLS list; the others were computed with OpenSSL 3's independent TLS1-PRF
 * ({@code openssl kdf ... TLS1-PRF}), which reproduces the published vector.
 */
class Tls12KeyScheduleTest {
    private final TlsCrypto crypto = TlsCryptos.defaultCrypto();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] repeat(int b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    @Test
    void prfSha256PublishedVector() {
        byte[] out = Tls12Prf.prf(crypto, HashAlgorithm.SHA256, hex("9bbe436ba940f017b17652849a71db35"), "test label",
                hex("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertThat(out).isEqualTo(hex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9"
                + "c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a51"
                + "10fff70187347b66"));
    }

    @Test
    void prfSha384() {
        byte[] out = Tls12Prf.prf(crypto, HashAlgorithm.SHA384, hex("b80b733d6ceefcdc71566ea48e5567df"), "test label",
                hex("cd665cf6a8447dd6ff8b27555edb7465"), 148);
        assertThat(out).isEqualTo(hex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe3"
                + "4f82b1233c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad0"
                + "5d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e09907"
                + "03d73e56f"));
    }

    @Test
    void masterSecret() {
        Tls12KeySchedule ks = Tls12KeySchedule.fromPreMaster(crypto, HashAlgorithm.SHA256, repeat(0x0b, 48),
                repeat(0x01, 32), repeat(0x02, 32));
        assertThat(ks.masterSecret()).isEqualTo(hex(
                "50e095f3e89abd4c6fde14c8f022af1fad38ca86a3308bb28b3521988b5fb5f636ec06681d65bc2e7bfba165aee2ac16"));
    }

    @Test
    void extendedMasterSecretSha256() throws Exception {
        byte[] sessionHash = MessageDigest.getInstance("SHA-256").digest("herald ems".getBytes(StandardCharsets.US_ASCII));
        Tls12KeySchedule ks = Tls12KeySchedule.fromPreMasterExtended(crypto, HashAlgorithm.SHA256, repeat(0x0b, 48),
                sessionHash);
        assertThat(ks.masterSecret()).isEqualTo(hex(
                "b8246053ceb81d268b063645a0a0c78e2bc0b0888f4aaeaf39c9129e90fde9434fe0c1c97a9c3611f5f9a233c37c1c94"));
    }

    @Test
    void extendedMasterSecretSha384() throws Exception {
        byte[] sessionHash = MessageDigest.getInstance("SHA-384").digest("herald ems".getBytes(StandardCharsets.US_ASCII));
        Tls12KeySchedule ks = Tls12KeySchedule.fromPreMasterExtended(crypto, HashAlgorithm.SHA384, repeat(0x0b, 48),
                sessionHash);
        assertThat(ks.masterSecret()).isEqualTo(hex(
                "5fc41bdde929747e4dec5c5be5ed08f0da01586f9c6123a078f01348f0da2725ff3bb73807e94a735c7bf2f7191c43a1"));
    }

    @Test
    void keyBlockLayout() {
        byte[] clientRandom = repeat(0x01, 32);
        byte[] serverRandom = repeat(0x02, 32);
        Tls12KeySchedule ks = Tls12KeySchedule.fromPreMaster(crypto, HashAlgorithm.SHA256, repeat(0x0b, 48),
                clientRandom, serverRandom);
        // RFC 5246 §6.3: client key, server key, client IV, server IV, from server_random + client_random.
        byte[] block = Tls12Prf.prf(crypto, HashAlgorithm.SHA256, ks.masterSecret(), "key expansion",
                Tls12Prf.concat(serverRandom, clientRandom), 40);
        Tls12KeySchedule.KeyBlock gcm = ks.keyBlock(AeadAlgorithm.AES_128_GCM, clientRandom, serverRandom);
        assertThat(gcm.client().key()).isEqualTo(Arrays.copyOfRange(block, 0, 16));
        assertThat(gcm.server().key()).isEqualTo(Arrays.copyOfRange(block, 16, 32));
        assertThat(gcm.client().iv()).isEqualTo(Arrays.copyOfRange(block, 32, 36));
        assertThat(gcm.server().iv()).isEqualTo(Arrays.copyOfRange(block, 36, 40));
        Tls12KeySchedule.KeyBlock chacha = ks.keyBlock(AeadAlgorithm.CHACHA20_POLY1305, clientRandom, serverRandom);
        assertThat(chacha.client().iv()).hasSize(12);
        assertThat(chacha.server().key()).hasSize(32);
    }

    @Test
    void finishedVerifyData() {
        Tls12KeySchedule ks = Tls12KeySchedule.fromPreMaster(crypto, HashAlgorithm.SHA256, repeat(0x0b, 48),
                repeat(0x01, 32), repeat(0x02, 32));
        byte[] h = repeat(0x33, 32);
        assertThat(ks.verifyData(true, h)).hasSize(12)
                .isEqualTo(Tls12Prf.prf(crypto, HashAlgorithm.SHA256, ks.masterSecret(), "client finished", h, 12));
        assertThat(ks.verifyData(false, h))
                .isEqualTo(Tls12Prf.prf(crypto, HashAlgorithm.SHA256, ks.masterSecret(), "server finished", h, 12));
    }
}
