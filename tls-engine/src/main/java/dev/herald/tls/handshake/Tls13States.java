package dev.herald.tls.handshake;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.CipherSuite;
import dev.herald.tls.TlsException;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.codec.Certificate13;
import dev.herald.tls.codec.CertificateRequest13;
import dev.herald.tls.codec.CertificateVerify;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.EncryptedExtensions;
import dev.herald.tls.codec.Extension;
import dev.herald.tls.codec.ExtensionType;
import dev.herald.tls.codec.Extensions;
import dev.herald.tls.codec.Finished;
import dev.herald.tls.codec.HandshakeType;
import dev.herald.tls.codec.KeyUpdate;
import dev.herald.tls.codec.ServerHello;
import dev.herald.tls.crypto.InvalidPeerKeyException;
import dev.herald.tls.crypto.KeyExchange;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.crypto.TranscriptHash;
import dev.herald.tls.handshake.verify.FinishedChecked;
import dev.herald.tls.handshake.verify.FinishedVerifier;
import dev.herald.tls.handshake.verify.PeerAuthentication;
import dev.herald.tls.handshake.verify.PresentedChain;
import dev.herald.tls.keyschedule.Tls13KeySchedule;
import dev.herald.tls.keyschedule.TrafficKeys;
import dev.herald.tls.record.HandshakeAssembler;
import dev.herald.tls.record.Tls13Protection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The TLS 1.3 server handshake (RFC 8446 §2, 1-RTT with optional HelloRetryRequest and
 * client authentication):
 *
 * <pre>
 * ClientHello -> [HelloRetryRequest -> ExpectSecondClientHello ->]
 *   ServerHello, EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify, Finished
 *   -> [ExpectCertificate -> (non-empty) ExpectCertificateVerify ->] ExpectFinished -> Traffic
 * </pre>
 */
public final class Tls13States {
    private static final int LEGACY_VERSION = 0x0303;
    private static final byte[] SERVER_CV_LABEL = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_CV_LABEL = "TLS 1.3, client CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private Tls13States() {
    }

    /** What one handshake has agreed on so far; shared by its states. */
    record Params(ServerSettings settings, CipherSuite suite, NamedGroup group, Optional<String> sni,
            byte[] clientRandom, Tls13KeySchedule schedule, Transcript transcript) {
    }

    /** The negotiated parameters of a ClientHello we can answer. */
    private record Offer(CipherSuite suite, Negotiator.CredentialChoice credential, Optional<String> sni,
            NamedGroup group, byte[] clientShare, boolean earlyData) {
    }

    static ServerState start(ServerSettings s, ClientHello ch, byte[] encoded, HandshakeIo io) throws TlsException {
        Offer offer = negotiate(s, ch);
        TlsCrypto crypto = s.crypto();
        if (offer.clientShare != null) {
            Transcript t = new Transcript(crypto, offer.suite.hash(), false);
            t.add(encoded);
            return serverFlight(s, ch, offer, t, false, io);
        }
        // RFC 8446 §4.1.4: ask for a share of a group both sides support.
        TranscriptHash h = crypto.newHash(offer.suite.hash());
        h.update(encoded);
        Transcript t = new Transcript(crypto, offer.suite.hash(), false);
        t.add(Tls13KeySchedule.messageHash(h.current()));
        ServerHello hrr = new ServerHello(LEGACY_VERSION, ServerHello.helloRetryRequestRandom(), ch.sessionId(),
                offer.suite.code(), 0, Extensions.of(
                        new Extension.SupportedVersionsServer(TlsVersion.TLS_1_3.code()),
                        new Extension.KeyShareRetry(offer.group.code())));
        byte[] hrrBytes = hrr.encode();
        t.add(hrrBytes);
        io.sendHandshake(hrrBytes);
        boolean ccsSent = false;
        if (ch.sessionId().length > 0) {
            // Middlebox compatibility (RFC 8446 §D.4): a CCS right after our first message.
            io.sendChangeCipherSpec();
            ccsSent = true;
        }
        if (offer.earlyData) {
            io.skipPlainEarlyData();
        }
        return new ExpectSecondClientHello(s, ch, offer.suite, offer.group, t, ccsSent);
    }

    /** Checks a ClientHello for TLS 1.3 and picks suite, credential and group. */
    private static Offer negotiate(ServerSettings s, ClientHello ch) throws TlsException {
        byte[] compression = ch.compressionMethods();
        if (compression.length != 1 || compression[0] != 0) {
            throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "TLS 1.3 ClientHello with compression methods");
        }
        List<Extension> exts = ch.extensions().list();
        for (int i = 0; i < exts.size() - 1; i++) {
            if (exts.get(i).type() == ExtensionType.PRE_SHARED_KEY) {
                // RFC 8446 §4.2.11: pre_shared_key must be the last extension.
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "pre_shared_key is not the last extension");
            }
        }
        if (ch.extensions().find(Extension.SignatureAlgorithms.class).isEmpty()) {
            throw TlsException.local(AlertDescription.MISSING_EXTENSION, "TLS 1.3 ClientHello without signature_algorithms");
        }
        List<Integer> supportedGroups = ch.extensions().find(Extension.SupportedGroups.class)
                .map(Extension.SupportedGroups::groups)
                .orElseThrow(() -> TlsException.local(AlertDescription.MISSING_EXTENSION,
                        "TLS 1.3 ClientHello without supported_groups"));
        List<Extension.KeyShareEntry> shares = ch.extensions().find(Extension.KeyShareClient.class)
                .map(Extension.KeyShareClient::shares)
                .orElseThrow(() -> TlsException.local(AlertDescription.MISSING_EXTENSION,
                        "TLS 1.3 ClientHello without key_share"));
        Set<Integer> seen = new HashSet<>();
        for (Extension.KeyShareEntry e : shares) {
            // RFC 8446 §4.2.8: one share per group, only for groups in supported_groups.
            if (!seen.add(e.group())) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "two key shares for group " + e.group());
            }
            if (!supportedGroups.contains(e.group())) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "key share for a group not in supported_groups");
            }
        }
        CipherSuite suite = s.suites13().stream().filter(x -> ch.cipherSuites().contains(x.code())).findFirst()
                .orElseThrow(() -> TlsException.local(AlertDescription.HANDSHAKE_FAILURE,
                        "no common TLS 1.3 cipher suite (client offers " + Negotiator.hexList(ch.cipherSuites()) + ")"));
        Optional<String> sni = Negotiator.serverName(ch);
        Negotiator.CredentialChoice cred = Negotiator.credential13(s, ch, sni);
        boolean earlyData = ch.extensions().has(ExtensionType.EARLY_DATA);
        for (NamedGroup g : s.groups()) {
            for (Extension.KeyShareEntry e : shares) {
                if (e.group() == g.code()) {
                    return new Offer(suite, cred, sni, g, e.keyExchange(), earlyData);
                }
            }
        }
        for (NamedGroup g : s.groups()) {
            if (supportedGroups.contains(g.code())) {
                return new Offer(suite, cred, sni, g, null, earlyData);
            }
        }
        throw TlsException.local(AlertDescription.HANDSHAKE_FAILURE,
                "no common key-exchange group (client supports " + Negotiator.hexList(supportedGroups) + ")");
    }

    /**
     * Sends ServerHello through our Finished, installs the handshake keys and our application
     * write key, and returns the state waiting for the client's second flight.
     */
    private static ServerState serverFlight(ServerSettings s, ClientHello ch, Offer offer, Transcript t,
            boolean ccsSent, HandshakeIo io) throws TlsException {
        TlsCrypto crypto = s.crypto();
        CipherSuite suite = offer.suite;
        KeyExchange kx = crypto.newKeyExchange(offer.group);
        byte[] shared;
        try {
            shared = kx.agree(offer.clientShare);
        } catch (InvalidPeerKeyException e) {
            throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "invalid client key share: " + e.getMessage());
        }
        byte[] serverRandom = new byte[32];
        crypto.random().nextBytes(serverRandom);
        ServerHello sh = new ServerHello(LEGACY_VERSION, serverRandom, ch.sessionId(), suite.code(), 0, Extensions.of(
                new Extension.KeyShareServer(new Extension.KeyShareEntry(offer.group.code(), kx.publicKey())),
                new Extension.SupportedVersionsServer(TlsVersion.TLS_1_3.code())));
        byte[] shBytes = sh.encode();
        t.add(shBytes);
        Tls13KeySchedule ks = new Tls13KeySchedule(crypto, suite.hash());
        Tls13KeySchedule.HandshakeSecrets hs = ks.handshakeSecrets(shared, t.hash());
        Arrays.fill(shared, (byte) 0);
        // Read keys first: if handshake bytes span this key change we fail before sending anything.
        io.setReadProtection(protection(crypto, ks, suite, hs.client()));
        io.sendHandshake(shBytes);
        if (ch.sessionId().length > 0 && !ccsSent) {
            io.sendChangeCipherSpec();
        }
        byte[] clientRandom = ch.random();
        io.keyLog("CLIENT_HANDSHAKE_TRAFFIC_SECRET", clientRandom, hs.client());
        io.keyLog("SERVER_HANDSHAKE_TRAFFIC_SECRET", clientRandom, hs.server());
        io.setWriteProtection(protection(crypto, ks, suite, hs.server()));
        if (offer.earlyData) {
            io.skipUndecryptableEarlyData();
        }

        List<Extension> ee = new ArrayList<>();
        if (offer.credential.sniMatched()) {
            ee.add(Extension.ServerName.acknowledgement());
        }
        send(new EncryptedExtensions(new Extensions(ee)).encode(), t, io);
        if (s.requestsCertificate()) {
            List<Extension> cr = new ArrayList<>();
            cr.add(new Extension.SignatureAlgorithms(SignatureSchemes.codes(SignatureSchemes.ACCEPTED)));
            if (!s.caNames().isEmpty()) {
                cr.add(new Extension.CertificateAuthorities(s.caNames()));
            }
            send(new CertificateRequest13(new byte[0], new Extensions(cr)).encode(), t, io);
        }
        PreparedCredential cred = offer.credential.credential();
        send(Certificate13.of(cred.ders()).encode(), t, io);
        byte[] signed = certificateVerifyContent(SERVER_CV_LABEL, t.hash());
        byte[] signature = crypto.sign(offer.credential.scheme(), cred.credential().privateKey(), signed);
        send(new CertificateVerify(offer.credential.scheme().code(), signature).encode(), t, io);
        send(new Finished(ks.finishedVerifyData(hs.server(), t.hash())).encode(), t, io);

        Tls13KeySchedule.ApplicationSecrets app = ks.applicationSecrets(t.hash());
        io.keyLog("CLIENT_TRAFFIC_SECRET_0", clientRandom, app.client());
        io.keyLog("SERVER_TRAFFIC_SECRET_0", clientRandom, app.server());
        io.keyLog("EXPORTER_SECRET", clientRandom, app.exporterMaster());
        io.setWriteProtection(protection(crypto, ks, suite, app.server()));

        Params p = new Params(s, suite, offer.group, offer.sni, clientRandom, ks, t);
        Secrets secrets = new Secrets(hs.client(), app.client(), app.server(), app.exporterMaster());
        if (s.requestsCertificate()) {
            return new ExpectCertificate(p, secrets);
        }
        return new ExpectFinished(p, secrets, s.authenticator().notRequested());
    }

    /** The client-side secrets still needed after our flight. */
    record Secrets(byte[] clientHandshake, byte[] clientApplication, byte[] serverApplication, byte[] exporterMaster) {
    }

    private static void send(byte[] message, Transcript t, HandshakeIo io) {
        t.add(message);
        io.sendHandshake(message);
    }

    static Tls13Protection protection(TlsCrypto crypto, Tls13KeySchedule ks, CipherSuite suite, byte[] secret) {
        TrafficKeys k = ks.trafficKeys(secret, suite.aead());
        return new Tls13Protection(crypto.newAead(suite.aead(), k.key()), k.iv());
    }

    /** The content covered by a TLS 1.3 CertificateVerify (RFC 8446 §4.4.3). */
    static byte[] certificateVerifyContent(byte[] label, byte[] transcriptHash) {
        byte[] out = new byte[64 + label.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(label, 0, out, 64, label.length);
        System.arraycopy(transcriptHash, 0, out, 64 + label.length + 1, transcriptHash.length);
        return out;
    }

    /** After HelloRetryRequest: the second ClientHello, which must carry the requested share. */
    public record ExpectSecondClientHello(ServerSettings settings, ClientHello first, CipherSuite suite,
            NamedGroup group, Transcript transcript, boolean ccsSent) implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_3;
        }


        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.CLIENT_HELLO);
            ClientHello ch = ClientHello.parse(message.body());
            // RFC 8446 §4.1.2: the same ClientHello except for the permitted changes.
            if (Negotiator.version(settings, ch) != TlsVersion.TLS_1_3) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "second ClientHello changed the version");
            }
            if (!Arrays.equals(ch.sessionId(), first.sessionId())) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "second ClientHello changed legacy_session_id");
            }
            if (!ch.cipherSuites().contains(suite.code())) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER,
                        "second ClientHello dropped the cipher suite of the HelloRetryRequest");
            }
            if (ch.extensions().has(ExtensionType.EARLY_DATA)) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "early_data after HelloRetryRequest");
            }
            List<Extension.KeyShareEntry> shares = ch.extensions().find(Extension.KeyShareClient.class)
                    .map(Extension.KeyShareClient::shares).orElse(List.of());
            if (shares.size() != 1 || shares.get(0).group() != group.code()) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER,
                        "second ClientHello does not carry exactly one key share for " + group.tlsName());
            }
            Offer offer = negotiate(settings, ch);
            if (offer.suite != suite || offer.group != group || offer.clientShare == null) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "second ClientHello negotiates differently");
            }
            transcript.add(message.encoded());
            return serverFlight(settings, ch, offer, transcript, ccsSent, io);
        }

        @Override
        public boolean toleratesCompatibilityCcs() {
            return true;
        }
    }

    /** Waiting for the client's Certificate (we sent a CertificateRequest). */
    public record ExpectCertificate(Params params, Secrets secrets) implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_3;
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.CERTIFICATE);
            Certificate13 cert = Certificate13.parse(message.body());
            if (cert.context().length != 0) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "client Certificate with a request context");
            }
            for (Certificate13.Entry e : cert.entries()) {
                // RFC 8446 §4.4.2: entry extensions must answer our request; we requested none.
                if (!e.extensions().isEmpty()) {
                    throw TlsException.local(AlertDescription.UNSUPPORTED_EXTENSION, "unrequested extension in client Certificate");
                }
            }
            params.transcript().add(message.encoded());
            var auth = params.settings().authenticator();
            if (cert.entries().isEmpty()) {
                return new ExpectFinished(params, secrets, auth.noCertificate(TlsVersion.TLS_1_3));
            }
            PresentedChain chain = auth.presented(cert.certificates());
            byte[] signed = certificateVerifyContent(CLIENT_CV_LABEL, params.transcript().hash());
            return new ExpectCertificateVerify(params, secrets, chain, signed);
        }

        @Override
        public boolean toleratesCompatibilityCcs() {
            return true;
        }
    }

    /** Waiting for the CertificateVerify that proves possession of the presented leaf key. */
    public record ExpectCertificateVerify(Params params, Secrets secrets, PresentedChain chain, byte[] signedContent)
            implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_3;
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.CERTIFICATE_VERIFY);
            CertificateVerify cv = CertificateVerify.parse(message.body());
            PeerAuthentication auth = params.settings().authenticator().certificateVerify(chain, TlsVersion.TLS_1_3,
                    cv.scheme(), cv.signature(), signedContent, SignatureSchemes.ACCEPTED);
            params.transcript().add(message.encoded());
            return new ExpectFinished(params, secrets, auth);
        }

        @Override
        public boolean toleratesCompatibilityCcs() {
            return true;
        }
    }

    /** Waiting for the client's Finished. */
    public record ExpectFinished(Params params, Secrets secrets, PeerAuthentication auth) implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_3;
        }

        public ExpectFinished {
            Objects.requireNonNull(auth, "auth");
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.FINISHED);
            byte[] expected = params.schedule().finishedVerifyData(secrets.clientHandshake(), params.transcript().hash());
            FinishedChecked proof = FinishedVerifier.verify(expected, Finished.parse(message.body()).verifyData());
            params.transcript().add(message.encoded());
            io.setReadProtection(protection(params.settings().crypto(), params.schedule(), params.suite(),
                    secrets.clientApplication()));
            io.complete(Sessions.build(TlsVersion.TLS_1_3, params.suite(), params.group(), params.sni(), auth, true,
                    io.handshakeStartNanos()));
            return new Traffic(params.settings(), params.suite(), params.schedule(), secrets.clientApplication(),
                    secrets.serverApplication(), secrets.exporterMaster(), proof, auth);
        }

        @Override
        public boolean toleratesCompatibilityCcs() {
            return true;
        }
    }

    /**
     * The handshake is complete. Only KeyUpdate is accepted (RFC 8446 §4.6.3); a ClientHello
     * (renegotiation does not exist in TLS 1.3) or anything else is unexpected_message.
     */
    public record Traffic(ServerSettings settings, CipherSuite suite, Tls13KeySchedule schedule, byte[] clientSecret,
            byte[] serverSecret, byte[] exporterMaster, FinishedChecked finished, PeerAuthentication auth)
            implements ServerState {
        @Override
        public TlsVersion version() {
            return TlsVersion.TLS_1_3;
        }

        public Traffic {
            Objects.requireNonNull(finished, "Finished proof");
            Objects.requireNonNull(auth, "client authentication");
        }

        @Override
        public ServerState handle(HandshakeAssembler.Message message, HandshakeIo io) throws TlsException {
            expect(message, HandshakeType.KEY_UPDATE);
            KeyUpdate ku = KeyUpdate.parse(message.body());
            io.countKeyUpdate();
            TlsCrypto crypto = settings.crypto();
            byte[] nextClient = schedule.nextTrafficSecret(clientSecret);
            io.setReadProtection(protection(crypto, schedule, suite, nextClient));
            byte[] nextServer = serverSecret;
            if (ku.updateRequested()) {
                io.sendHandshake(new KeyUpdate(false).encode());
                nextServer = schedule.nextTrafficSecret(serverSecret);
                io.setWriteProtection(protection(crypto, schedule, suite, nextServer));
            }
            return new Traffic(settings, suite, schedule, nextClient, nextServer, exporterMaster, finished, auth);
        }

        /** Updates our own sending key (RFC 8446 §4.6.3), e.g. before AES-GCM usage limits. */
        public Traffic updateSendingKey(HandshakeIo io, boolean requestPeerUpdate) {
            io.sendHandshake(new KeyUpdate(requestPeerUpdate).encode());
            byte[] nextServer = schedule.nextTrafficSecret(serverSecret);
            io.setWriteProtection(protection(settings.crypto(), schedule, suite, nextServer));
            return new Traffic(settings, suite, schedule, clientSecret, nextServer, exporterMaster, finished, auth);
        }

        /** TLS-Exporter (RFC 8446 §7.5). */
        public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
            return schedule.export(exporterMaster, label, context == null ? new byte[0] : context, length);
        }

        @Override
        public boolean isTraffic() {
            return true;
        }
    }
}
