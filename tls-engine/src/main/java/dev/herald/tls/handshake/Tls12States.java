package dev.herald.tls.handshake;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.CipherSuite;
import dev.herald.tls.TlsException;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.codec.Certificate12;
import dev.herald.tls.codec.CertificateRequest12;
import dev.herald.tls.codec.CertificateVerify;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.ClientKeyExchangeEcdhe;
import dev.herald.tls.codec.Extension;
import dev.herald.tls.codec.Extensions;
import dev.herald.tls.codec.Finished;
import dev.herald.tls.codec.HandshakeType;
import dev.herald.tls.codec.ServerHello;
import dev.herald.tls.codec.ServerHelloDone;
import dev.herald.tls.codec.ServerKeyExchangeEcdhe;
import dev.herald.tls.crypto.InvalidPeerKeyException;
import dev.herald.tls.crypto.KeyExchange;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.handshake.verify.FinishedChecked;
import dev.herald.tls.handshake.verify.FinishedVerifier;
import dev.herald.tls.handshake.verify.PeerAuthentication;
import dev.herald.tls.handshake.verify.PresentedChain;
import dev.herald.tls.keyschedule.Tls12KeySchedule;
import dev.herald.tls.keyschedule.TrafficKeys;
import dev.herald.tls.record.HandshakeAssembler;
import dev.herald.tls.record.Tls12AeadProtection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS 1.2 server handshake (RFC 5246 §7.3 with ECDHE, RFC 8422), full handshakes only:
 *
 * <pre>
 * ClientHello -> ServerHello, Certificate, ServerKeyExchange, [CertificateRequest], ServerHelloDone
 *   -> [ExpectCertificate ->] ExpectClientKeyExchange -> [ExpectCertificateVerify (non-empty chain) ->]
 *   ExpectChangeCipherSpec -> ExpectFinished -> (our ChangeCipherSpec, Finished) Traffic
 * </pre>
 */
public final class Tls12States {
    /** RFC 8446 §4.1.3: the last 8 bytes of ServerHello.random when a 1.3 server negotiates 1.2. */
    static final byte[] DOWNGRADE_TLS12 = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};

    private Tls12States() {
    }

    /** What one handshake has agreed on so far. */
    record Params(ServerSettings settings, CipherSuite suite, NamedGroup group, Optional<String> sni,
            byte[] clientRandom, byte[] serverRandom, boolean extendedMasterSecret, Transcript transcript,
            KeyExchange keyExchange) {
    }

    static ServerState start(ServerSettings s, ClientHello ch, byte[] encoded, HandshakeIo io) throws TlsException {
        TlsCrypto crypto = s.crypto();
        byte[] compression = ch.compressionMethods();
        boolean nullCompression = false;
        for (byte b : compression) {
            nullCompression |= b == 0;
        }
        if (!nullCompression) {
            throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "ClientHello without null compression");
        }
        // RFC 5746 §3.6: the initial handshake's renegotiation_info must be empty.
        Optional<Extension.RenegotiationInfo> ri = ch.extensions().find(Extension.RenegotiationInfo.class);
        if (ri.isPresent() && ri.get().renegotiatedConnection().length != 0) {
            throw TlsException.local(AlertDescription.HANDSHAKE_FAILURE, "non-empty renegotiation_info in the initial handshake");
        }
        boolean secureRenegotiation = ri.isPresent() || ch.cipherSuites().contains(Negotiator.EMPTY_RENEGOTIATION_INFO_SCSV);
        boolean ems = ch.extensions().find(Extension.ExtendedMasterSecret.class).isPresent();
        if (!ems && s.requireExtendedMasterSecret()) {
            // RFC 7627 §5.2
            throw TlsException.local(AlertDescription.HANDSHAKE_FAILURE, "client does not offer extended_master_secret");
        }
        if (ch.extensions().find(Extension.SignatureAlgorithms.class).isEmpty()) {
            // Without the extension RFC 5246 §7.4.1.4.1 implies SHA-1, which we do not sign with.
            throw TlsException.local(AlertDescription.HANDSHAKE_FAILURE, "TLS 1.2 ClientHello without signature_algorithms");
        }
        Optional<Extension.EcPointFormats> pf = ch.extensions().find(Extension.EcPointFormats.class);
        if (pf.isPresent() && !pf.get().formats().contains(0)) {
            // RFC 8422 §5.1.2: uncompressed points must be supported.
            throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "ec_point_formats without uncompressed");
        }
        Optional<List<Integer>> clientGroups = ch.extensions().find(Extension.SupportedGroups.class)
                .map(Extension.SupportedGroups::groups);
        NamedGroup group = s.groups().stream()
                .filter(g -> clientGroups.map(l -> l.contains(g.code())).orElse(true))
                .findFirst()
                .orElseThrow(() -> TlsException.local(AlertDescription.HANDSHAKE_FAILURE, "no common ECDHE group"));
        Optional<String> sni = Negotiator.serverName(ch);
        Negotiator.Choice12 choice = Negotiator.suiteAndCredential12(s, ch, sni).orElseThrow(
                () -> TlsException.local(AlertDescription.HANDSHAKE_FAILURE, "no common TLS 1.2 cipher suite and certificate"
                        + " (client offers suites " + Negotiator.hexList(ch.cipherSuites()) + ")"));
        CipherSuite suite = choice.suite();

        byte[] serverRandom = new byte[32];
        crypto.random().nextBytes(serverRandom);
        if (s.versions().contains(TlsVersion.TLS_1_3)) {
            System.arraycopy(DOWNGRADE_TLS12, 0, serverRandom, 24, 8);
        }
        byte[] clientRandom = ch.random();
        Transcript t = new Transcript(crypto, suite.hash(), s.requestsCertificate());
        t.add(encoded);

        List<Extension> ext = new ArrayList<>();
        if (secureRenegotiation) {
            ext.add(Extension.RenegotiationInfo.initial());
        }
        if (ems) {
            ext.add(new Extension.ExtendedMasterSecret());
        }
        if (pf.isPresent()) {
            ext.add(Extension.EcPointFormats.uncompressedOnly());
        }
        if (choice.credential().sniMatched()) {
            ext.add(Extension.ServerName.acknowledgement());
        }
        send(new ServerHello(TlsVersion.TLS_1_2.code(), serverRandom, new byte[0], suite.code(), 0,
                new Extensions(ext)).encode(), t, io);
        PreparedCredential cred = choice.credential().credential();
        send(new Certificate12(cred.ders()).encode(), t, io);

        KeyExchange kx = crypto.newKeyExchange(group);
        byte[] params = ServerKeyExchangeEcdhe.params(group.code(), kx.publicKey());
        byte[] signed = concat(clientRandom, serverRandom, params);
        byte[] signature = crypto.sign(choice.credential().scheme(), cred.credential().privateKey(), signed);
        send(new ServerKeyExchangeEcdhe(group.code(), kx.publicKey(), choice.credential().scheme().code(), signature)
                .encode(), t, io);
        if (s.requestsCertificate()) {
            send(new CertificateRequest12(List.of(CertificateRequest12.RSA_SIGN, CertificateRequest12.ECDSA_SIGN),
                    SignatureSchemes.codes(SignatureSchemes.ACCEPTED), s.caNames()).encode(), t, io);
        }
        send(new ServerHelloDone().encode(), t, io);

        Params p = new Params(s, suite, group, sni, clientRandom, serverRandom, ems, t, kx);
        if (s.requestsCertificate()) {
            return new ExpectCertificate(p);
        }
        return new ExpectClientKeyExchange(p, s.authenticator().notRequested(), null);
    }

    private static void send(byte[] message, Transcript t, HandshakeIo io) {
        t.add(message);
        io.sendHandshake(message);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    static Tls12AeadProtection protection(TlsCrypto crypto, CipherSuite suite, TrafficKeys keys) {
        return new Tls12AeadProtection(crypto.newAead(suite.aead(), keys.key()), keys.iv());
    }

    /** Waiting for the client's Certificate (RFC 5246 §7.4.6: required, possibly empty). */
    public record ExpectCertificate(Params params) implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_2;
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.CERTIFICATE);
            Certificate12 cert = Certificate12.parse(message.body());
            params.transcript().add(message.encoded());
            var auth = params.settings().authenticator();
            if (cert.certificates().isEmpty()) {
                return new ExpectClientKeyExchange(params, auth.noCertificate(TlsVersion.TLS_1_2), null);
            }
            return new ExpectClientKeyExchange(params, null, auth.presented(cert.certificates()));
        }
    }

    /**
     * Waiting for ClientKeyExchange. Exactly one of {@code auth} (settled: none requested or an
     * empty chain) and {@code pending} (a chain awaiting its CertificateVerify) is set.
     */
    public record ExpectClientKeyExchange(Params params, PeerAuthentication auth, PresentedChain pending)
            implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_2;
        }

        public ExpectClientKeyExchange {
            if ((auth == null) == (pending == null)) {
                throw new IllegalArgumentException("exactly one of auth and pending");
            }
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.CLIENT_KEY_EXCHANGE);
            ClientKeyExchangeEcdhe cke = ClientKeyExchangeEcdhe.parse(message.body());
            byte[] preMaster;
            try {
                preMaster = params.keyExchange().agree(cke.publicKey());
            } catch (InvalidPeerKeyException e) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "invalid client ECDHE key: " + e.getMessage());
            }
            Transcript t = params.transcript();
            t.add(message.encoded());
            TlsCrypto crypto = params.settings().crypto();
            Tls12KeySchedule ks = params.extendedMasterSecret()
                    ? Tls12KeySchedule.fromPreMasterExtended(crypto, params.suite().hash(), preMaster, t.hash())
                    : Tls12KeySchedule.fromPreMaster(crypto, params.suite().hash(), preMaster, params.clientRandom(),
                            params.serverRandom());
            Arrays.fill(preMaster, (byte) 0);
            io.keyLog("CLIENT_RANDOM", params.clientRandom(), ks.masterSecret());
            Tls12KeySchedule.KeyBlock keys = ks.keyBlock(params.suite().aead(), params.clientRandom(), params.serverRandom());
            if (pending != null) {
                return new ExpectCertificateVerify(params, ks, keys, pending);
            }
            t.dropRaw();
            return new ExpectChangeCipherSpec(params, ks, keys, auth);
        }
    }

    /** Waiting for CertificateVerify, required because the client's chain was not empty. */
    public record ExpectCertificateVerify(Params params, Tls12KeySchedule schedule, Tls12KeySchedule.KeyBlock keys,
            PresentedChain pending) implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_2;
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.CERTIFICATE_VERIFY);
            CertificateVerify cv = CertificateVerify.parse(message.body());
            Transcript t = params.transcript();
            // RFC 5246 §7.4.8: the signature covers all handshake messages so far.
            PeerAuthentication auth = params.settings().authenticator().certificateVerify(pending, TlsVersion.TLS_1_2,
                    cv.scheme(), cv.signature(), t.raw(), SignatureSchemes.ACCEPTED);
            t.add(message.encoded());
            t.dropRaw();
            return new ExpectChangeCipherSpec(params, schedule, keys, auth);
        }
    }

    /** Only the client's ChangeCipherSpec is accepted here; it switches the read keys. */
    public record ExpectChangeCipherSpec(Params params, Tls12KeySchedule schedule, Tls12KeySchedule.KeyBlock keys,
            PeerAuthentication auth) implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_2;
        }

        public ExpectChangeCipherSpec {
            Objects.requireNonNull(auth, "auth");
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            throw unexpected(HandshakeType.name(message.type()) + " before ChangeCipherSpec");
        }

        @Override
        public ServerState handleChangeCipherSpec(HandshakeIo io) throws TlsException {
            io.setReadProtection(protection(params.settings().crypto(), params.suite(), keys.client()));
            return new ExpectFinished(params, schedule, keys, auth);
        }
    }

    /** Waiting for the client's Finished; then we send ChangeCipherSpec and Finished. */
    public record ExpectFinished(Params params, Tls12KeySchedule schedule, Tls12KeySchedule.KeyBlock keys,
            PeerAuthentication auth) implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_2;
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.FINISHED);
            Transcript t = params.transcript();
            byte[] expected = schedule.verifyData(true, t.hash());
            FinishedChecked proof = FinishedVerifier.verify(expected, Finished.parse(message.body()).verifyData());
            t.add(message.encoded());
            io.sendChangeCipherSpec();
            io.setWriteProtection(protection(params.settings().crypto(), params.suite(), keys.server()));
            byte[] serverFinished = new Finished(schedule.verifyData(false, t.hash())).encode();
            t.add(serverFinished);
            io.sendHandshake(serverFinished);
            io.complete(Sessions.build(TlsVersion.TLS_1_2, params.suite(), params.group(), params.sni(), auth,
                    params.extendedMasterSecret(), io.handshakeStartNanos()));
            return new Traffic(params, schedule, proof, auth);
        }
    }

    /**
     * The handshake is complete. A ClientHello (renegotiation) is refused with a
     * no_renegotiation warning (RFC 5746 §4.2 lets a server decline); anything else is
     * unexpected_message.
     */
    public record Traffic(Params params, Tls12KeySchedule schedule, FinishedChecked finished, PeerAuthentication auth)
            implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_2;
        }

        public Traffic {
            Objects.requireNonNull(finished, "Finished proof");
            Objects.requireNonNull(auth, "client authentication");
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.CLIENT_HELLO);
            ClientHello.parse(message.body());
            io.countRenegotiationAttempt();
            io.sendWarningAlert(AlertDescription.NO_RENEGOTIATION);
            return this;
        }

        /** RFC 5705 exporter. */
        public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
            return schedule.export(label, params.clientRandom(), params.serverRandom(), context, length);
        }

        @Override
        public boolean isTraffic() {
            return true;
        }
    }
}
