package dev.herald.tls.testsupport;

import dev.herald.tls.CipherSuite;
import dev.herald.tls.TlsServerConnection;
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
import dev.herald.tls.codec.ServerKeyExchangeEcdhe;
import dev.herald.tls.crypto.InvalidPeerKeyException;
import dev.herald.tls.crypto.KeyExchange;
import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.SignatureScheme;
import dev.herald.tls.keyschedule.Tls12KeySchedule;
import dev.herald.tls.record.HandshakeAssembler;
import dev.herald.tls.record.Tls12AeadProtection;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A hand-driven TLS 1.2 ECDHE client. */
public final class ScriptedTls12Client extends ScriptedClient {
    public ClientHello clientHello;
    public ServerHello serverHello;
    public CipherSuite suite;
    public CertificateRequest12 certificateRequest;
    public ServerKeyExchangeEcdhe serverKeyExchange;
    public KeyExchange keyExchange;
    public Tls12KeySchedule schedule;
    public Tls12KeySchedule.KeyBlock keys;
    public boolean ems;

    public ScriptedTls12Client(TlsServerConnection server) {
        super(server);
    }

    public ClientHello buildClientHello(List<Integer> suites, List<Extension> extensions) {
        byte[] random = new byte[32];
        crypto.random().nextBytes(random);
        return new ClientHello(0x0303, random, new byte[0], suites, new byte[] {0}, new Extensions(extensions));
    }

    public static List<Extension> defaultExtensions() {
        List<Extension> ext = new ArrayList<>();
        ext.add(new Extension.SupportedGroups(List.of(0x1d, 0x17, 0x18)));
        ext.add(Extension.EcPointFormats.uncompressedOnly());
        ext.add(new Extension.SignatureAlgorithms(List.of(0x0403, 0x0503, 0x0804, 0x0401, 0x0807)));
        ext.add(new Extension.ExtendedMasterSecret());
        ext.add(Extension.RenegotiationInfo.initial());
        return ext;
    }

    public ClientHello buildClientHello() {
        return buildClientHello(List.of(0xc02b, 0xc02f), defaultExtensions());
    }

    public void sendClientHello(ClientHello ch) {
        clientHello = ch;
        send(ch);
    }

    /** Reads ServerHello .. ServerHelloDone. */
    public void readServerFlight() {
        try {
            HandshakeAssembler.Message m = expectMessage(HandshakeType.SERVER_HELLO);
            serverHello = ServerHello.parse(m.body());
            addToTranscript(m);
            suite = CipherSuite.fromCode(serverHello.cipherSuite()).orElseThrow();
            ems = serverHello.extensions().find(Extension.ExtendedMasterSecret.class).isPresent();
            addToTranscript(expectMessage(HandshakeType.CERTIFICATE));
            m = expectMessage(HandshakeType.SERVER_KEY_EXCHANGE);
            serverKeyExchange = ServerKeyExchangeEcdhe.parse(m.body());
            addToTranscript(m);
            m = nextMessage();
            if (m.type() == HandshakeType.CERTIFICATE_REQUEST) {
                certificateRequest = CertificateRequest12.parse(m.body());
                addToTranscript(m);
                m = expectMessage(HandshakeType.SERVER_HELLO_DONE);
            }
            if (m.type() != HandshakeType.SERVER_HELLO_DONE) {
                throw new AssertionError("expected ServerHelloDone");
            }
            addToTranscript(m);
            keyExchange = crypto.newKeyExchange(NamedGroup.fromCode(serverKeyExchange.namedGroup()).orElseThrow());
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
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
        send(new Certificate12(ders));
    }

    /** Sends ClientKeyExchange (our key unless {@code publicKey} is given) and derives keys. */
    public void sendClientKeyExchange(byte[] publicKey) {
        send(new ClientKeyExchangeEcdhe(publicKey == null ? keyExchange.publicKey() : publicKey));
        byte[] pms;
        try {
            pms = keyExchange.agree(serverKeyExchange.publicKey());
        } catch (InvalidPeerKeyException e) {
            throw new AssertionError(e);
        }
        byte[] cr = clientHello.random();
        byte[] sr = serverHello.random();
        schedule = ems ? Tls12KeySchedule.fromPreMasterExtended(crypto, suite.hash(), pms, transcriptHash(suite.hash()))
                : Tls12KeySchedule.fromPreMaster(crypto, suite.hash(), pms, cr, sr);
        keys = schedule.keyBlock(suite.aead(), cr, sr);
    }

    public void sendCertificateVerify(SignatureScheme scheme, PrivateKey key) {
        send(new CertificateVerify(scheme.code(), crypto.sign(scheme, key, transcript.toByteArray())));
    }

    /** ChangeCipherSpec, then our write keys. */
    public void sendChangeCipherSpecAndSwitch() {
        sendChangeCipherSpec();
        out.setProtection(new Tls12AeadProtection(crypto.newAead(suite.aead(), keys.client().key()), keys.client().iv()));
    }

    public byte[] clientFinishedVerifyData() {
        return schedule.verifyData(true, transcriptHash(suite.hash()));
    }

    public void sendFinished(byte[] verifyData) {
        readProtectionAfterCcs = new Tls12AeadProtection(crypto.newAead(suite.aead(), keys.server().key()), keys.server().iv());
        send(new Finished(verifyData));
    }

    /** Reads the server's Finished (after its CCS, which the record reader counts). */
    public void readServerFinished() {
        HandshakeAssembler.Message m = expectMessage(HandshakeType.FINISHED);
        byte[] expected = schedule.verifyData(false, transcriptHash(suite.hash()));
        if (!Arrays.equals(expected, m.body())) {
            throw new AssertionError("server Finished does not verify");
        }
        addToTranscript(m);
    }

    public ScriptedTls12Client handshake(TestPki.Issued clientCert, SignatureScheme scheme) {
        sendClientHello(buildClientHello());
        readServerFlight();
        if (certificateRequest != null) {
            sendCertificate(clientCert == null ? List.of() : clientCert.chain());
        }
        sendClientKeyExchange(null);
        if (certificateRequest != null && clientCert != null) {
            sendCertificateVerify(scheme, clientCert.privateKey());
        }
        sendChangeCipherSpecAndSwitch();
        sendFinished(clientFinishedVerifyData());
        readServerFinished();
        return this;
    }
}
