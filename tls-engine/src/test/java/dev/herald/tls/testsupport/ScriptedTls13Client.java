package dev.herald.tls.testsupport;

import dev.herald.tls.CipherSuite;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.codec.Certificate13;
import dev.herald.tls.codec.CertificateRequest13;
import dev.herald.tls.codec.CertificateVerify;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.EncryptedExtensions;
import dev.herald.tls.codec.Extension;
import dev.herald.tls.codec.Extensions;
import dev.herald.tls.codec.Finished;
import dev.herald.tls.codec.HandshakeType;
import dev.herald.tls.codec.ServerHello;
import dev.herald.tls.crypto.InvalidPeerKeyException;
import dev.herald.tls.crypto.KeyExchange;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.crypto.TranscriptHash;
import dev.herald.tls.keyschedule.Tls13KeySchedule;
import dev.herald.tls.keyschedule.TrafficKeys;
import dev.herald.tls.record.HandshakeAssembler;
import dev.herald.tls.record.Tls13Protection;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A hand-driven TLS 1.3 client: each protocol step is a method a test may skip or bend. */
public final class ScriptedTls13Client extends ScriptedClient {
    public static final List<Integer> DEFAULT_SIGALGS = List.of(0x0403, 0x0503, 0x0804, 0x0805, 0x0806, 0x0807, 0x0401);

    private final Map<NamedGroup, KeyExchange> keyShares = new EnumMap<>(NamedGroup.class);
    public ClientHello clientHello;
    public ServerHello serverHello;
    public CipherSuite suite;
    public Tls13KeySchedule schedule;
    public byte[] clientHsSecret;
    public byte[] serverHsSecret;
    public byte[] clientAppSecret;
    public byte[] serverAppSecret;
    public CertificateRequest13 certificateRequest;
    public EncryptedExtensions encryptedExtensions;
    public List<X509Certificate> serverChain = List.of();
    public boolean helloRetryRequested;
    public byte[] sessionId = new byte[0];

    public ScriptedTls13Client(TlsServerConnection server) {
        super(server);
    }

    /** A typical ClientHello with shares for {@code shareGroups}. */
    public ClientHello buildClientHello(List<NamedGroup> shareGroups, List<Extension> extra) {
        List<Extension.KeyShareEntry> shares = new ArrayList<>();
        for (NamedGroup g : shareGroups) {
            KeyExchange kx = keyShares.computeIfAbsent(g, crypto::newKeyExchange);
            shares.add(new Extension.KeyShareEntry(g.code(), kx.publicKey()));
        }
        List<Extension> ext = new ArrayList<>();
        ext.add(new Extension.SupportedVersionsClient(List.of(0x0304)));
        ext.add(new Extension.SupportedGroups(List.of(0x1d, 0x17, 0x18)));
        ext.add(new Extension.SignatureAlgorithms(DEFAULT_SIGALGS));
        ext.add(new Extension.KeyShareClient(shares));
        ext.addAll(extra);
        byte[] random = new byte[32];
        crypto.random().nextBytes(random);
        return new ClientHello(0x0303, random, sessionId, List.of(0x1301, 0x1302, 0x1303), new byte[] {0},
                new Extensions(ext));
    }

    public ClientHello buildClientHello() {
        return buildClientHello(List.of(NamedGroup.X25519), List.of());
    }

    public void sendClientHello(ClientHello ch) {
        this.clientHello = ch;
        send(ch);
    }

    /** Reads ServerHello (or HelloRetryRequest) and installs the handshake keys. */
    public void readServerHello() {
        HandshakeAssembler.Message m = expectMessage(HandshakeType.SERVER_HELLO);
        try {
            serverHello = ServerHello.parse(m.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        suite = CipherSuite.fromCode(serverHello.cipherSuite()).orElseThrow();
        if (serverHello.isHelloRetryRequest()) {
            helloRetryRequested = true;
            // RFC 8446 §4.4.1: replace ClientHello1 with message_hash.
            TranscriptHash h = crypto.newHash(suite.hash());
            h.update(transcript.toByteArray());
            transcript.reset();
            transcript.writeBytes(Tls13KeySchedule.messageHash(h.current()));
            addToTranscript(m);
            return;
        }
        addToTranscript(m);
        Extension.KeyShareEntry share = serverHello.extensions().find(Extension.KeyShareServer.class).orElseThrow().share();
        KeyExchange kx = keyShares.get(NamedGroup.fromCode(share.group()).orElseThrow());
        byte[] shared;
        try {
            shared = kx.agree(share.keyExchange());
        } catch (InvalidPeerKeyException e) {
            throw new AssertionError(e);
        }
        schedule = new Tls13KeySchedule(crypto, suite.hash());
        Tls13KeySchedule.HandshakeSecrets hs = schedule.handshakeSecrets(shared, transcriptHash(suite.hash()));
        clientHsSecret = hs.client();
        serverHsSecret = hs.server();
        in.setProtection(protection(serverHsSecret));
        out.setProtection(protection(clientHsSecret));
    }

    public int helloRetryGroup() {
        return serverHello.extensions().find(Extension.KeyShareRetry.class).orElseThrow().selectedGroup();
    }

    public Tls13Protection protection(byte[] secret) {
        TrafficKeys k = schedule.trafficKeys(secret, suite.aead());
        return new Tls13Protection(crypto.newAead(suite.aead(), k.key()), k.iv());
    }

    /** Reads EncryptedExtensions through the server Finished, checking the server's Finished. */
    public void readServerFlight() {
        try {
            encryptedExtensions = EncryptedExtensions.parse(expectMessage(HandshakeType.ENCRYPTED_EXTENSIONS).body());
            addToTranscript(lastMessage);
            HandshakeAssembler.Message m = nextMessage();
            lastMessage = m;
            if (m.type() == HandshakeType.CERTIFICATE_REQUEST) {
                certificateRequest = CertificateRequest13.parse(m.body());
                addToTranscript(m);
                m = expectMessage(HandshakeType.CERTIFICATE);
            }
            Certificate13 cert = Certificate13.parse(m.body());
            addToTranscript(m);
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (byte[] der : cert.certificates()) {
                chain.add((X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(der)));
            }
            serverChain = chain;
            byte[] cvContent = cvContent("TLS 1.3, server CertificateVerify", transcriptHash(suite.hash()));
            CertificateVerify cv = CertificateVerify.parse(expectMessage(HandshakeType.CERTIFICATE_VERIFY).body());
            addToTranscript(lastMessage);
            if (!crypto.verify(SignatureScheme.fromCode(cv.scheme()).orElseThrow(), chain.get(0).getPublicKey(), cvContent,
                    cv.signature())) {
                throw new AssertionError("server CertificateVerify does not verify");
            }
            byte[] expected = schedule.finishedVerifyData(serverHsSecret, transcriptHash(suite.hash()));
            Finished fin = Finished.parse(expectMessage(HandshakeType.FINISHED).body());
            if (!Arrays.equals(expected, fin.verifyData())) {
                throw new AssertionError("server Finished does not verify");
            }
            addToTranscript(lastMessage);
            Tls13KeySchedule.ApplicationSecrets app = schedule.applicationSecrets(transcriptHash(suite.hash()));
            clientAppSecret = app.client();
            serverAppSecret = app.server();
            in.setProtection(protection(serverAppSecret));
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HandshakeAssembler.Message lastMessage;

    @Override
    public HandshakeAssembler.Message expectMessage(int type) {
        lastMessage = super.expectMessage(type);
        return lastMessage;
    }

    public static byte[] cvContent(String label, byte[] hash) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + l.length + 1 + hash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(l, 0, out, 64, l.length);
        System.arraycopy(hash, 0, out, 65 + l.length, hash.length);
        return out;
    }

    public void sendCertificate(List<X509Certificate> chain) {
        List<byte[]> ders = new ArrayList<>();
        try {
            for (X509Certificate c : chain) {
                ders.add(c.getEncoded());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        send(Certificate13.of(ders));
    }

    /** Signs the transcript with {@code key} under {@code scheme}. */
    public void sendCertificateVerify(SignatureScheme scheme, PrivateKey key) {
        byte[] content = cvContent("TLS 1.3, client CertificateVerify", transcriptHash(suite.hash()));
        send(new CertificateVerify(scheme.code(), crypto.sign(scheme, key, content)));
    }

    public byte[] currentTranscriptHash() {
        return transcriptHash(suite.hash());
    }

    public byte[] clientFinishedVerifyData() {
        return schedule.finishedVerifyData(clientHsSecret, transcriptHash(suite.hash()));
    }

    /** Sends Finished and switches our write keys to the application keys. */
    public void sendFinished(byte[] verifyData) {
        send(new Finished(verifyData));
        out.setProtection(protection(clientAppSecret));
    }

    public void sendFinished() {
        sendFinished(clientFinishedVerifyData());
    }

    /** Sends the client's second flight (certificate if asked and given) and Finished. */
    public void finishHandshake(TestPki.Issued clientCert, SignatureScheme scheme) {
        if (certificateRequest != null) {
            if (clientCert == null) {
                sendCertificate(List.of());
            } else {
                sendCertificate(clientCert.chain());
                sendCertificateVerify(scheme, clientCert.privateKey());
            }
        }
        sendFinished();
    }

    /** A full, well-behaved handshake. */
    public ScriptedTls13Client handshake(TestPki.Issued clientCert, SignatureScheme scheme) {
        sendClientHello(buildClientHello());
        readServerHello();
        readServerFlight();
        finishHandshake(clientCert, scheme);
        return this;
    }

    public void updateReadKeys(byte[] newServerSecret) {
        serverAppSecret = newServerSecret;
        in.setProtection(protection(newServerSecret));
    }

    public void updateWriteKeys(byte[] newClientSecret) {
        clientAppSecret = newClientSecret;
        out.setProtection(protection(newClientSecret));
    }

    public KeyExchange keyShare(NamedGroup g) {
        return keyShares.computeIfAbsent(g, crypto::newKeyExchange);
    }
}
