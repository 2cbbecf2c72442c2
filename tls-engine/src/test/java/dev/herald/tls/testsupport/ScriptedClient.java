package dev.herald.tls.testsupport;

import dev.herald.tls.TlsException;
import dev.herald.tls.TlsServerConnection;
import dev.herald.tls.codec.HandshakeMessage;
import dev.herald.tls.crypto.HashAlgorithm;
import dev.herald.tls.crypto.TlsCrypto;
import dev.herald.tls.crypto.TlsCryptos;
import dev.herald.tls.crypto.TranscriptHash;
import dev.herald.tls.record.ContentType;
import dev.herald.tls.record.HandshakeAssembler;
import dev.herald.tls.record.NullProtection;
import dev.herald.tls.record.Plaintext;
import dev.herald.tls.record.RecordDecoder;
import dev.herald.tls.record.RecordEncoder;
import dev.herald.tls.record.RecordProtection;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The plumbing of a hand-driven TLS client talking to our server engine in memory: it sends
 * records (protected or not, as the test decides), runs the server, and reads the server's
 * records back, decrypting with whatever keys the client has derived. Tests use it to break
 * protocol rules one at a time.
 */
public abstract class ScriptedClient {
    protected final TlsServerConnection server;
    protected final TlsCrypto crypto = TlsCryptos.defaultCrypto();
    protected final RecordEncoder out = new RecordEncoder(0);
    protected final RecordDecoder in = new RecordDecoder();
    protected final HandshakeAssembler inbound = new HandshakeAssembler();
    protected final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    /** Alerts the server sent, as (level, description). */
    public final List<int[]> alerts = new ArrayList<>();
    public final List<byte[]> applicationData = new ArrayList<>();
    public int changeCipherSpecs;
    public TlsException serverError;

    protected ScriptedClient(TlsServerConnection server) {
        this.server = server;
    }

    public TlsServerConnection server() {
        return server;
    }

    // ------------------------------------------------------------ sending

    /** Sends a handshake message under the current protection and adds it to the transcript. */
    public void send(HandshakeMessage m) {
        sendRaw(m.encode(), true);
    }

    public void sendRaw(byte[] framedMessage, boolean addToTranscript) {
        if (addToTranscript) {
            transcript.writeBytes(framedMessage);
        }
        out.addHandshake(framedMessage);
        out.flushHandshake();
        deliver();
    }

    public void sendRecord(int type, byte[] content) {
        out.writeRecords(type, content, 0, content.length);
        deliver();
    }

    /** Sends bytes to the server as they are (hand-built records). */
    public void sendWire(byte[] bytes) {
        server.readTls(bytes, 0, bytes.length);
        runServer();
    }

    public void sendChangeCipherSpec() {
        RecordProtection p = out.protection();
        out.setProtection(NullProtection.INSTANCE);
        out.writeRecords(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}, 0, 1);
        out.setProtection(p);
        deliver();
    }

    public void sendApplicationData(byte[] data) {
        sendRecord(ContentType.APPLICATION_DATA, data);
    }

    public void sendAlert(int level, int description) {
        sendRecord(ContentType.ALERT, new byte[] {(byte) level, (byte) description});
    }

    /** Pushes queued client records into the server and collects what the server sends back. */
    protected void deliver() {
        byte[] chunk;
        while ((chunk = out.poll()) != null) {
            int off = 0;
            while (off < chunk.length) {
                int n = server.readTls(chunk, off, chunk.length - off);
                off += n;
                runServer();
                if (n == 0 && serverError != null) {
                    return;
                }
            }
        }
    }

    private void runServer() {
        if (serverError != null) {
            return;
        }
        try {
            server.processNewPackets();
        } catch (TlsException e) {
            serverError = e;
        }
        collect();
    }

    /** Moves the server's output into our inbound record buffer. */
    protected void collect() {
        byte[] chunk;
        while ((chunk = server.pollTls()) != null) {
            int off = 0;
            while (off < chunk.length) {
                off += in.write(chunk, off, chunk.length - off);
                drainRecords();
            }
        }
        drainRecords();
    }

    private final List<HandshakeAssembler.Message> pendingMessages = new ArrayList<>();
    /** TLS 1.2: the server's keys, installed when its ChangeCipherSpec arrives. */
    protected RecordProtection readProtectionAfterCcs;
    private boolean readingPaused;

    /** Decrypting server records needs keys we may not have yet: we stop at each handshake message. */
    private void drainRecords() {
        if (readingPaused) {
            return;
        }
        try {
            Plaintext p;
            while ((p = in.next()) != null) {
                switch (p.type()) {
                    case ContentType.ALERT -> alerts.add(new int[] {p.buffer()[p.offset()] & 0xff, p.buffer()[p.offset() + 1] & 0xff});
                    case ContentType.CHANGE_CIPHER_SPEC -> {
                        changeCipherSpecs++;
                        if (readProtectionAfterCcs != null) {
                            in.setProtection(readProtectionAfterCcs);
                            readProtectionAfterCcs = null;
                        }
                    }
                    case ContentType.APPLICATION_DATA -> applicationData.add(p.copy());
                    case ContentType.HANDSHAKE -> {
                        inbound.add(p.buffer(), p.offset(), p.length());
                        HandshakeAssembler.Message m;
                        while ((m = inbound.next()) != null) {
                            pendingMessages.add(m);
                        }
                        if (!pendingMessages.isEmpty()) {
                            // Keys may change after these messages; let the script catch up first.
                            readingPaused = true;
                            return;
                        }
                    }
                    default -> throw new IllegalStateException("record type " + p.type());
                }
            }
        } catch (TlsException e) {
            throw new IllegalStateException("client could not read the server's records: " + e.getMessage(), e);
        }
    }

    /** The next handshake message from the server, or null when none is available. */
    public HandshakeAssembler.Message nextMessage() {
        if (pendingMessages.isEmpty()) {
            readingPaused = false;
            drainRecords();
        }
        if (pendingMessages.isEmpty()) {
            return null;
        }
        HandshakeAssembler.Message m = pendingMessages.remove(0);
        if (pendingMessages.isEmpty()) {
            readingPaused = false;
        }
        return m;
    }

    /** Like {@link #nextMessage()} but fails the test when none comes or the type differs. */
    public HandshakeAssembler.Message expectMessage(int type) {
        HandshakeAssembler.Message m = nextMessage();
        if (m == null) {
            throw new AssertionError("no message from server; server error: "
                    + (serverError == null ? "none" : serverError.alertName() + " " + serverError.getMessage()));
        }
        if (m.type() != type) {
            throw new AssertionError("expected handshake type " + type + " but got " + m.type());
        }
        return m;
    }

    /** Reads everything the server has sent so far (after the handshake). */
    public void drain() {
        readingPaused = false;
        collect();
    }

    public byte[] transcriptBytes() {
        return transcript.toByteArray();
    }

    public void addRawToTranscript(byte[] framed) {
        transcript.writeBytes(framed);
    }

    protected void addToTranscript(HandshakeAssembler.Message m) {
        transcript.writeBytes(m.encoded());
    }

    protected byte[] transcriptHash(HashAlgorithm h) {
        TranscriptHash th = crypto.newHash(h);
        th.update(transcript.toByteArray());
        return th.current();
    }

    /** The last alert the server sent, or -1. */
    public int lastAlert() {
        readingPaused = false;
        drainRecords();
        return alerts.isEmpty() ? -1 : alerts.get(alerts.size() - 1)[1];
    }

    public boolean lastAlertFatal() {
        lastAlert();
        return !alerts.isEmpty() && alerts.get(alerts.size() - 1)[0] == 2;
    }
}
