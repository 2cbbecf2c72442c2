package dev.herald.tls.crypto;

import static dev.herald.tls.crypto.TestKeys.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.herald.tls.crypto.spi.KeyExchangeBackend;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Wycheproof file (the shared vectors, copied to src/test/resources/wycheproof) that matches a
 * primitive we use, run vector by vector through the production composition
 * ({@link TlsCryptos#defaultCrypto()}) and through each backend alone (JDK, Bouncy Castle).
 *
 * <p>"valid" must be accepted, "invalid" rejected. "acceptable" vectors get a decision per flag
 * ({@link #acceptableVerdict}), which the test asserts just as strictly; the reasons are in
 * docs/benchmarks.md, "Crypto primitives". Counts per file and backend go to
 * target/wycheproof-summary.txt.
 */
class WycheproofTest {

    /** The composition under test: production, or one backend for every primitive. */
    enum Impl {
        DEFAULT(TlsCryptos.defaultCrypto()),
        JCA(TlsCryptos.jca()),
        BC(TlsCryptos.bouncyCastle());

        final TlsCrypto crypto;

        Impl(TlsCrypto crypto) {
            this.crypto = crypto;
        }

        KeyExchangeBackend keyExchange(NamedGroup group) {
            return ((ComposedTlsCrypto) crypto).keyExchangeBackend(group);
        }
    }

    /** Files we read, and the one we deliberately do not (with the reason). */
    private static final Set<String> USED = Set.of("aes_gcm_test.json", "chacha20_poly1305_test.json",
            "ecdh_secp256r1_ecpoint_test.json", "ecdh_secp384r1_ecpoint_test.json", "ecdsa_secp256r1_sha256_test.json",
            "ecdsa_secp384r1_sha384_test.json", "ed25519_test.json", "hkdf_sha256_test.json", "hkdf_sha384_test.json",
            "hmac_sha256_test.json", "hmac_sha384_test.json", "rsa_pss_2048_sha256_mgf1_32_test.json",
            "rsa_signature_2048_sha256_test.json", "x25519_test.json");
    private static final Map<String, String> NOT_USED = Map.of("mlkem_768_test.json",
            "ML-KEM is not one of our groups (x25519, secp256r1, secp384r1)");

    /**
     * Valid vectors that JDK 17's SunEC ECDSA rejects: signatures where x(kG) >= n, so that
     * r = x - n (Wycheproof "ArithmeticError" / "r = x - n"). Such signatures arise with
     * probability about 2^-128 from honest signers, but they are valid, and this is one reason
     * production verifies ECDSA with Bouncy Castle. Only the JCA-only composition may get these
     * wrong; the outcome is tolerated either way (a later JDK may fix it) and counted apart.
     */
    private static final Map<String, Set<Integer>> KNOWN_JDK_DEFECTS = Map.of(
            "ecdsa_secp256r1_sha256_test.json", Set.of(350, 479),
            "ecdsa_secp384r1_sha384_test.json", Set.of(382, 499));

    private static final Map<String, String> SUMMARY = new TreeMap<>();

    /**
     * The repository's copy (src/test/resources/wycheproof), so that a fresh clone runs these
     * tests without the project's shared folder; {@link #repositoryCopyMatchesTheSharedVectors}
     * keeps it equal to the shared one.
     */
    static Path vectorDir() {
        URL url = WycheproofTest.class.getResource("/wycheproof/LICENSE");
        if (url == null) {
            fail("Wycheproof vectors not on the test class path (src/test/resources/wycheproof)");
        }
        try {
            return Paths.get(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject load(String file) {
        Path p = vectorDir().resolve(file);
        if (!Files.isRegularFile(p)) {
            fail("missing Wycheproof file " + p);
        }
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }

    @Test
    void everyVectorFileIsUsedOrDeliberatelyLeftOut() throws IOException {
        Set<String> present;
        try (Stream<Path> s = Files.list(vectorDir())) {
            present = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_test.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> known = new TreeSet<>(USED);
        known.addAll(NOT_USED.keySet());
        assertThat(present).as("Wycheproof files vs. this test's list").isEqualTo(known);
    }

    @Test
    void repositoryCopyMatchesTheSharedVectors() throws IOException {
        // Surefire points herald.shared.dir at the project's shared folder (../shared); where a
        // clone has none beside it, there is nothing to compare with.
        String shared = System.getProperty("herald.shared.dir", "");
        Path sharedDir = Paths.get(shared, "vectors", "wycheproof");
        Assumptions.assumeTrue(!shared.isBlank() && Files.isDirectory(sharedDir),
                "no shared Wycheproof folder at " + sharedDir.toAbsolutePath());
        Set<String> ours;
        Set<String> theirs;
        try (Stream<Path> a = Files.list(vectorDir()); Stream<Path> b = Files.list(sharedDir)) {
            ours = a.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            theirs = b.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(ours).as("files in src/test/resources/wycheproof vs " + sharedDir).isEqualTo(theirs);
        for (String name : theirs) {
            assertThat(Files.mismatch(vectorDir().resolve(name), sharedDir.resolve(name)))
                    .as("%s differs from the shared copy: copy it again", name).isEqualTo(-1L);
        }
    }

    @AfterAll
    static void writeSummary() throws IOException {
        Path out = Paths.get("target", "wycheproof-summary.txt");
        Files.createDirectories(out.getParent());
        List<String> lines = new ArrayList<>();
        SUMMARY.forEach((k, v) -> lines.add(k + ": " + v));
        NOT_USED.forEach((k, v) -> lines.add(k + ": not run — " + v));
        Files.write(out, lines, StandardCharsets.UTF_8);
        lines.forEach(System.out::println);
    }

    /** Collects outcomes for one file and one implementation. */
    private static final class Run {
        final String file;
        final Impl impl;
        final JsonObject json;
        int passed;
        int knownDefects;
        final Map<String, Integer> skipped = new TreeMap<>();
        final Map<String, Integer> acceptable = new TreeMap<>();
        final List<String> failures = new ArrayList<>();

        Run(String file, Impl impl) {
            this.file = file;
            this.impl = impl;
            this.json = load(file);
        }

        void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        void check(JsonObject t, boolean expectAccept, boolean accepted, String detail) {
            String result = t.get("result").getAsString();
            if ("acceptable".equals(result)) {
                acceptable.merge(expectAccept ? "accepted" : "rejected", 1, Integer::sum);
            }
            int tcId = t.get("tcId").getAsInt();
            if (impl == Impl.JCA && KNOWN_JDK_DEFECTS.getOrDefault(file, Set.of()).contains(tcId)) {
                knownDefects++;
            } else if (expectAccept == accepted) {
                passed++;
            } else {
                failures.add("tcId " + t.get("tcId").getAsInt() + " (" + result + " " + flags(t) + ", "
                        + t.get("comment").getAsString() + "): expected " + (expectAccept ? "accept" : "reject")
                        + " but got " + (accepted ? "accept" : "reject") + (detail == null ? "" : " — " + detail));
            }
        }

        void finish(int expectedSkipped) {
            int total = json.get("numberOfTests").getAsInt();
            int skippedCount = skipped.values().stream().mapToInt(Integer::intValue).sum();
            String line = String.format("%d vectors, %d passed, %d failed, %d skipped%s%s%s", total, passed,
                    failures.size(), skippedCount, skipped.isEmpty() ? "" : " " + skipped,
                    acceptable.isEmpty() ? "" : "; of the acceptable ones " + acceptable,
                    knownDefects == 0 ? "" : "; " + knownDefects + " known JDK defect(s) tolerated");
            synchronized (SUMMARY) {
                SUMMARY.put(String.format("%-42s %-7s", file, impl), line);
            }
            assertThat(failures).as(file + " via " + impl).isEmpty();
            assertThat(passed + knownDefects + failures.size() + skippedCount).as("every vector of " + file + " accounted for")
                    .isEqualTo(total);
            assertThat(skippedCount).as("skipped vectors in " + file).isEqualTo(expectedSkipped);
            assertThat(passed).isPositive();
        }
    }

    static List<String> flags(JsonObject t) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : t.getAsJsonArray("flags")) {
            out.add(e.getAsString());
        }
        return out;
    }

    static Iterable<JsonObject> groups(JsonObject file) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement g : file.getAsJsonArray("testGroups")) {
            out.add(g.getAsJsonObject());
        }
        return out;
    }

    static Iterable<JsonObject> tests(JsonObject group) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement t : group.getAsJsonArray("tests")) {
            out.add(t.getAsJsonObject());
        }
        return out;
    }

    static byte[] bytes(JsonObject o, String field) {
        return hex(o.get(field).getAsString());
    }

    /**
     * Our decision for Wycheproof's "acceptable" vectors, by file and flag (documented in
     * docs/benchmarks.md). Returns whether we accept.
     */
    static boolean acceptableVerdict(String file, JsonObject t) {
        List<String> flags = flags(t);
        if (file.startsWith("ecdh_")) {
            // CompressedPublic / CompressedPoint: RFC 8446 §4.2.8.2 and RFC 8422 §5.1.2 allow
            // only the uncompressed form in TLS; a compressed key share is refused.
            return false;
        }
        if (file.startsWith("x25519")) {
            // RFC 7748 §5 says to accept every 32-byte string (mask the top bit, reduce mod p):
            // Twist, NonCanonicalPublic, SmallPublicKey, SpecialPublicKey, EdgeCase*, Ktv are
            // accepted. RFC 8446 §7.4.2: an all-zero shared secret (ZeroSharedSecret,
            // LowOrderPublic) MUST be refused. Decided by the expected output, cross-checked
            // against the flag.
            boolean zero = isAllZero(bytes(t, "shared"));
            assertThat(zero).as("tcId %s: zero shared iff ZeroSharedSecret flag", t.get("tcId"))
                    .isEqualTo(flags.contains("ZeroSharedSecret"));
            return !zero;
        }
        if (file.startsWith("rsa_signature_")) {
            // MissingNull: DigestInfo without the NULL parameters. RFC 8017 §9.2 note 1 gives
            // the encoding with NULL; we compare against that encoding only (one encoding per
            // signature, as every TLS peer produces it).
            return false;
        }
        throw new AssertionError("no decision for acceptable vector in " + file + " " + flags);
    }

    static boolean expectAccept(String file, JsonObject t) {
        switch (t.get("result").getAsString()) {
            case "valid":
                return true;
            case "invalid":
                return false;
            default:
                return acceptableVerdict(file, t);
        }
    }

    static boolean isAllZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- AEAD

    @ParameterizedTest
    @EnumSource(Impl.class)
    void aesGcm(Impl impl) {
        aead(new Run("aes_gcm_test.json", impl), 183);
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void chacha20Poly1305(Impl impl) {
        aead(new Run("chacha20_poly1305_test.json", impl), 9);
    }

    private static void aead(Run run, int expectedSkipped) {
        boolean chacha = run.file.startsWith("chacha");
        for (JsonObject g : groups(run.json)) {
            int ivBits = g.get("ivSize").getAsInt();
            int keyBits = g.get("keySize").getAsInt();
            int tagBits = g.get("tagSize").getAsInt();
            AeadAlgorithm alg = chacha ? AeadAlgorithm.CHACHA20_POLY1305
                    : keyBits == 128 ? AeadAlgorithm.AES_128_GCM : keyBits == 256 ? AeadAlgorithm.AES_256_GCM : null;
            for (JsonObject t : tests(g)) {
                // TLS uses only 12-byte nonces and 16-byte tags (RFC 8446 §5.3, RFC 5288 §3,
                // RFC 7905 §2); AES-192 is in no suite.
                if (ivBits != 96) {
                    run.skip(ivBits + "-bit IV");
                    continue;
                }
                if (tagBits != 128) {
                    run.skip(tagBits + "-bit tag");
                    continue;
                }
                if (alg == null) {
                    run.skip("AES-" + keyBits);
                    continue;
                }
                aeadVector(run, alg, t);
            }
        }
        run.finish(expectedSkipped);
    }

    private static void aeadVector(Run run, AeadAlgorithm alg, JsonObject t) {
        byte[] key = bytes(t, "key");
        byte[] iv = bytes(t, "iv");
        byte[] aad = bytes(t, "aad");
        byte[] msg = bytes(t, "msg");
        byte[] ctTag = concat(bytes(t, "ct"), bytes(t, "tag"));
        boolean expect = expectAccept(run.file, t);
        Aead aead = run.impl.crypto.newAead(alg, key);
        String detail = null;
        boolean accepted;
        try {
            // open in place inside a larger buffer, as the record layer does
            byte[] buf = new byte[3 + ctTag.length];
            System.arraycopy(ctTag, 0, buf, 3, ctTag.length);
            int n = aead.open(iv, aad, buf, 3, ctTag.length, buf, 3);
            accepted = n == msg.length && Arrays.equals(Arrays.copyOfRange(buf, 3, 3 + n), msg);
            if (!accepted) {
                detail = "opened to a different plaintext";
            }
        } catch (BadTagException e) {
            accepted = false;
        }
        if (expect && accepted) {
            // valid vectors also seal to exactly the expected ciphertext, in place
            Aead sealer = run.impl.crypto.newAead(alg, key);
            byte[] buf = Arrays.copyOf(msg, msg.length + AeadAlgorithm.TAG_LENGTH);
            int n = sealer.seal(iv, aad, buf, 0, msg.length, buf, 0);
            if (n != ctTag.length || !Arrays.equals(buf, ctTag)) {
                accepted = false;
                detail = "seal produced " + hex(buf);
            }
        }
        run.check(t, expect, accepted, detail);
    }

    // ---------------------------------------------------------------- HMAC and HKDF

    @ParameterizedTest
    @EnumSource(Impl.class)
    void hmacSha256(Impl impl) {
        hmac(new Run("hmac_sha256_test.json", impl), HashAlgorithm.SHA256);
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void hmacSha384(Impl impl) {
        hmac(new Run("hmac_sha384_test.json", impl), HashAlgorithm.SHA384);
    }

    private static void hmac(Run run, HashAlgorithm alg) {
        for (JsonObject g : groups(run.json)) {
            int tagBytes = g.get("tagSize").getAsInt() / 8;
            for (JsonObject t : tests(g)) {
                byte[] full = run.impl.crypto.hmac(alg, bytes(t, "key"), bytes(t, "msg"));
                byte[] expected = bytes(t, "tag");
                // Truncated-tag groups compare the leading bytes (RFC 2104 §5).
                boolean accepted = expected.length == tagBytes
                        && ConstantTime.equals(Arrays.copyOf(full, tagBytes), expected);
                run.check(t, expectAccept(run.file, t), accepted, null);
            }
        }
        run.finish(0);
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void hkdfSha256(Impl impl) {
        hkdf(new Run("hkdf_sha256_test.json", impl), HashAlgorithm.SHA256);
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void hkdfSha384(Impl impl) {
        hkdf(new Run("hkdf_sha384_test.json", impl), HashAlgorithm.SHA384);
    }

    private static void hkdf(Run run, HashAlgorithm alg) {
        for (JsonObject g : groups(run.json)) {
            for (JsonObject t : tests(g)) {
                int size = t.get("size").getAsInt();
                boolean accepted;
                String detail = null;
                try {
                    byte[] prk = run.impl.crypto.hkdfExtract(alg, bytes(t, "salt"), bytes(t, "ikm"));
                    byte[] okm = run.impl.crypto.hkdfExpand(alg, prk, bytes(t, "info"), size);
                    accepted = Arrays.equals(okm, bytes(t, "okm"));
                    if (!accepted) {
                        detail = "okm " + hex(okm);
                    }
                } catch (IllegalArgumentException e) {
                    accepted = false; // e.g. size > 255 * HashLen
                }
                run.check(t, expectAccept(run.file, t), accepted, detail);
            }
        }
        run.finish(0);
    }

    // ---------------------------------------------------------------- key exchange

    @ParameterizedTest
    @EnumSource(Impl.class)
    void x25519(Impl impl) {
        Run run = new Run("x25519_test.json", impl);
        KeyExchangeBackend backend = impl.keyExchange(NamedGroup.X25519);
        for (JsonObject g : groups(run.json)) {
            for (JsonObject t : tests(g)) {
                agreeVector(run, backend, NamedGroup.X25519, t);
            }
        }
        run.finish(0);
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void ecdhSecp256r1(Impl impl) {
        ecdh(new Run("ecdh_secp256r1_ecpoint_test.json", impl), NamedGroup.SECP256R1);
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void ecdhSecp384r1(Impl impl) {
        ecdh(new Run("ecdh_secp384r1_ecpoint_test.json", impl), NamedGroup.SECP384R1);
    }

    private static void ecdh(Run run, NamedGroup group) {
        KeyExchangeBackend backend = run.impl.keyExchange(group);
        for (JsonObject g : groups(run.json)) {
            assertThat(g.get("curve").getAsString()).isEqualTo(group.tlsName());
            assertThat(g.get("encoding").getAsString()).isEqualTo("ecpoint");
            for (JsonObject t : tests(g)) {
                agreeVector(run, backend, group, t);
            }
        }
        run.finish(0);
    }

    private static void agreeVector(Run run, KeyExchangeBackend backend, NamedGroup group, JsonObject t) {
        KeyExchange kx = backend.fromPrivateKey(group, bytes(t, "private"));
        boolean accepted;
        String detail = null;
        try {
            byte[] shared = kx.agree(bytes(t, "public"));
            accepted = Arrays.equals(shared, bytes(t, "shared"));
            if (!accepted) {
                detail = "shared " + hex(shared);
            }
        } catch (InvalidPeerKeyException e) {
            accepted = false;
            detail = e.getMessage();
        }
        run.check(t, expectAccept(run.file, t), accepted, detail);
    }

    // ---------------------------------------------------------------- signatures

    @ParameterizedTest
    @EnumSource(Impl.class)
    void ecdsaSecp256r1Sha256(Impl impl) {
        signatures(new Run("ecdsa_secp256r1_sha256_test.json", impl), SignatureScheme.ECDSA_SECP256R1_SHA256, "EC");
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void ecdsaSecp384r1Sha384(Impl impl) {
        signatures(new Run("ecdsa_secp384r1_sha384_test.json", impl), SignatureScheme.ECDSA_SECP384R1_SHA384, "EC");
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void ed25519(Impl impl) {
        signatures(new Run("ed25519_test.json", impl), SignatureScheme.ED25519, "Ed25519");
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void rsaPss2048Sha256(Impl impl) {
        Run run = new Run("rsa_pss_2048_sha256_mgf1_32_test.json", impl);
        for (JsonObject g : groups(run.json)) {
            // rsa_pss_rsae_sha256 = RFC 8446 §4.2.3: MGF1 with the same hash, salt = hash length
            assertThat(g.get("sha").getAsString()).isEqualTo("SHA-256");
            assertThat(g.get("mgfSha").getAsString()).isEqualTo("SHA-256");
            assertThat(g.get("sLen").getAsInt()).isEqualTo(32);
        }
        signatures(run, SignatureScheme.RSA_PSS_RSAE_SHA256, "RSA");
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void rsaPkcs1Sha256(Impl impl) {
        signatures(new Run("rsa_signature_2048_sha256_test.json", impl), SignatureScheme.RSA_PKCS1_SHA256, "RSA");
    }

    /**
     * Each group's key is decoded twice, by the JDK's KeyFactory and by Bouncy Castle's
     * provider, and every vector is verified with both key objects.
     */
    private static void signatures(Run run, SignatureScheme scheme, String keyAlgorithm) {
        for (JsonObject g : groups(run.json)) {
            if (g.has("sha") && scheme.hash() != null) {
                assertThat(g.get("sha").getAsString()).isEqualTo(scheme.hash().jcaName());
            }
            byte[] der = bytes(g, "publicKeyDer");
            List<PublicKey> keys = new ArrayList<>();
            try {
                keys.add(KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(der)));
                keys.add(KeyFactory.getInstance(keyAlgorithm, TestKeys.BC).generatePublic(new X509EncodedKeySpec(der)));
            } catch (Exception e) {
                throw new IllegalStateException(run.file + ": group key not decodable", e);
            }
            for (JsonObject t : tests(g)) {
                byte[] msg = bytes(t, "msg");
                byte[] sig = bytes(t, "sig");
                boolean expect = expectAccept(run.file, t);
                boolean all = true;
                boolean any = false;
                for (PublicKey k : keys) {
                    boolean ok = run.impl.crypto.verify(scheme, k, msg, sig);
                    all &= ok;
                    any |= ok;
                }
                String detail = all == any ? null : "JDK-decoded and BC-decoded keys disagree";
                run.check(t, expect, all == any ? all : !expect, detail);
            }
        }
        run.finish(0);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
