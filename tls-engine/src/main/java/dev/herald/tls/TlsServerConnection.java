package dev.herald.tls;

import dev.herald.tls.handshake.ExpectClientHello;
import dev.herald.tls.handshake.HandshakeIo;
import dev.herald.tls.handshake.ServerSettings;
import dev.herald.tls.handshake.ServerState;
import dev.herald.tls.handshake.Tls12States;
import dev.herald.tls.handshake.Tls13States;
import dev.herald.tls.record.ContentType;
import dev.herald.tls.record.HandshakeAssembler;
import dev.herald.tls.record.Plaintext;
import dev.herald.tls.record.RecordDecoder;
import dev.herald.tls.record.RecordEncoder;
import dev.herald.tls.record.RecordProtection;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The server engine for one TLS connection: bytes in, bytes out, plaintext in and out. It owns
 * no socket and no thread, and must be used by one thread at a time (e.g. a Netty event loop).
 *
 * <pre>
 *   conn.readTls(bytesFromPeer);      // take ciphertext
 *   conn.processNewPackets();         // run records through the handshake / decryption
 *   conn.writeTls(out) / pollTls();   // send whatever we produced (handshake, alerts, data)
 *   conn.readPlaintext(...);          // application data from the peer
 *   conn.writePlaintext(...);         // application data to the peer (held until the handshake completes)
 * </pre>
 *
 * A {@link TlsException} from {@link #processNewPackets()} is fatal: our alert (if we
 * detected the error) is then queued, so flush {@link #pollTls()} once more and close.
 */
public final class TlsServerConnection {
    /** Caps against peers that make us spin without progress. */
    static final int MAX_WARNING_ALERTS = 5;
    static final int MAX_EMPTY_RECORDS = 32;
    static final int MAX_KEY_UPDATES = 32;
    static final int MAX_RENEGOTIATION_ATTEMPTS = 3;
    /** Records sent under one TLS 1.3 key before we replace it (RFC 8446 §5.5). */
    static final long KEY_UPDATE_AFTER_RECORDS = 1L << 23;
    /** readTls takes nothing while this much received plaintext waits to be read. */
    static final int MAX_BUFFERED_PLAINTEXT = 1 << 17;

    private final ServerSettings settings;
    private final RecordDecoder decoder = new RecordDecoder();
    private final RecordEncoder encoder;
    private final HandshakeAssembler assembler = new HandshakeAssembler();
    private final Io io = new Io();
    private ServerState state;
    private TlsSession session;
    private TlsException failure;
    private boolean closeNotifySent;
    private boolean closeNotifyReceived;
    private boolean compatibilityCcsSeen;
    private int warningAlerts;
    private int emptyRecords;
    private int keyUpdates;
    private int renegotiationAttempts;
    private long startNanos = -1;
    private long keyUpdateAfterRecords = KEY_UPDATE_AFTER_RECORDS;
    private final ArrayDeque<byte[]> heldWrites = new ArrayDeque<>();
    /**
     * Received application data, position..limit unread. A read-only entry is a view of the
     * record decoder's buffer, where the record was decrypted in place; it stays valid until the
     * decoder takes more input, so {@link #readTls} first copies any view still unread
     * ({@link #detachViews()}). A writable entry is an array of its own.
     */
    private final ArrayDeque<ByteBuffer> plaintextIn = new ArrayDeque<>();
    private int plaintextInBytes;
    private boolean viewsPending;

    TlsServerConnection(TlsServerContext context) {
        this.settings = context.settings();
        this.encoder = new RecordEncoder(context.config().recordPaddingBlock());
        this.state = new ExpectClientHello(settings);
    }

    // ---------------------------------------------------------------- ciphertext in

    /**
     * Takes ciphertext from {@code src} (as much as the record buffer has room for; call
     * {@link #processNewPackets()} and then again with the rest). Returns the bytes taken.
     */
    public int readTls(ByteBuffer src) {
        if (closeNotifyReceived || failure != null) {
            int n = src.remaining();
            src.position(src.limit()); // RFC 8446 §6.1: data after close_notify is ignored
            return n;
        }
        if (plaintextInBytes >= MAX_BUFFERED_PLAINTEXT) {
            return 0;
        }
        markStart(src.remaining());
        if (viewsPending) {
            detachViews();
        }
        return decoder.write(src);
    }

    /** Copies unread plaintext out of the decoder's buffer before that buffer is reused. */
    private void detachViews() {
        int n = plaintextIn.size();
        for (int i = 0; i < n; i++) {
            ByteBuffer b = plaintextIn.poll();
            plaintextIn.add(b.isReadOnly() ? ByteBuffer.wrap(copyOf(b)) : b);
        }
        viewsPending = false;
    }

    private static byte[] copyOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    public int readTls(byte[] src, int off, int len) {
        return readTls(ByteBuffer.wrap(src, off, len));
    }

    private void markStart(int n) {
        if (startNanos < 0 && n > 0) {
            startNanos = System.nanoTime();
        }
    }

    /**
     * Processes every complete record received so far.
     *
     * @throws TlsException on a fatal error (ours or the peer's alert); the connection is dead
     */
    public void processNewPackets() throws TlsException {
        if (failure != null) {
            throw failure;
        }
        try {
            Plaintext p;
            while (!closeNotifyReceived && (p = decoder.next()) != null) {
                handleRecord(p);
            }
        } catch (TlsException e) {
            fail(e);
            throw e;
        } catch (RuntimeException e) {
            TlsException te = TlsException.local(AlertDescription.INTERNAL_ERROR, "internal error: " + e, e);
            fail(te);
            throw te;
        }
    }

    private void fail(TlsException e) {
        failure = e;
        heldWrites.clear();
        if (!e.receivedFromPeer() && !closeNotifySent) {
            encoder.discardPendingHandshake();
            encoder.writeRecords(ContentType.ALERT, new byte[] {2, (byte) e.alertCode()}, 0, 2);
            closeNotifySent = true; // no further records after a fatal alert
        }
    }

    private void handleRecord(Plaintext p) throws TlsException {
        if (p.type() != ContentType.HANDSHAKE && !assembler.isEmpty()) {
            // RFC 8446 §5.1: handshake messages must not be interleaved with other records.
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    ContentType.name(p.type()) + " record inside a fragmented handshake message");
        }
        switch (p.type()) {
            case ContentType.HANDSHAKE -> handleHandshake(p);
            case ContentType.CHANGE_CIPHER_SPEC -> handleChangeCipherSpec(p);
            case ContentType.ALERT -> handleAlert(p);
            case ContentType.APPLICATION_DATA -> handleApplicationData(p);
            default -> throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "record type " + p.type());
        }
    }

    private void handleHandshake(Plaintext p) throws TlsException {
        if (p.length() == 0) {
            // RFC 8446 §5.1: zero-length handshake fragments are forbidden.
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "empty handshake record");
        }
        if (!p.wasProtected() && decoder.protection().isEncrypting()) {
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "unprotected handshake record after keys changed");
        }
        emptyRecords = 0;
        assembler.add(p.buffer(), p.offset(), p.length());
        HandshakeAssembler.Message m;
        while ((m = assembler.next()) != null) {
            state = state.handle(m, io);
        }
        encoder.flushHandshake();
    }

    private void handleChangeCipherSpec(Plaintext p) throws TlsException {
        if (p.wasProtected()) {
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "protected ChangeCipherSpec");
        }
        if (p.length() != 1 || p.buffer()[p.offset()] != 1) {
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "malformed ChangeCipherSpec");
        }
        if (state.toleratesCompatibilityCcs()) {
            // RFC 8446 §5: drop the one middlebox-compatibility CCS; a second one is not a dummy.
            if (compatibilityCcsSeen) {
                throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "second ChangeCipherSpec in TLS 1.3");
            }
            compatibilityCcsSeen = true;
            return;
        }
        state = state.handleChangeCipherSpec(io);
    }

    private void handleAlert(Plaintext p) throws TlsException {
        if (p.length() != 2) {
            throw TlsException.local(AlertDescription.DECODE_ERROR, "alert record of " + p.length() + " bytes");
        }
        if (!p.wasProtected() && decoder.protection().isEncrypting() && state.isTraffic()) {
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "unprotected alert after the handshake");
        }
        int level = p.buffer()[p.offset()] & 0xff;
        int description = p.buffer()[p.offset() + 1] & 0xff;
        if (description == AlertDescription.CLOSE_NOTIFY.code()) {
            closeNotifyReceived = true;
            if (!state.isTraffic()) {
                throw TlsException.fromPeer(description, "client closed the connection during the handshake");
            }
            sendCloseNotify(); // answer it (RFC 8446 §6.1)
            return;
        }
        boolean tls13 = state.version() == TlsVersion.TLS_1_3;
        boolean warning = level == 1 && (!tls13 || description == AlertDescription.USER_CANCELED.code());
        if (warning) {
            // RFC 8446 §6: in TLS 1.3 only user_canceled may be a warning; others are fatal.
            if (++warningAlerts > MAX_WARNING_ALERTS) {
                throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "too many warning alerts");
            }
            return;
        }
        throw TlsException.fromPeer(description, describePeerAlert(description));
    }

    /** Words an administrator can act on, attributing a late alert to what it means. */
    private String describePeerAlert(int description) {
        String name = AlertDescription.nameOf(description);
        boolean ourCertificateSent = !(state instanceof ExpectClientHello)
                && !(state instanceof Tls13States.ExpectSecondClientHello);
        if (session == null && ourCertificateSent && isCertificateAlert(description)) {
            return "client rejected the server certificate: " + name;
        }
        if (session == null) {
            return "client aborted the handshake: " + name;
        }
        return "client sent fatal alert: " + name;
    }

    private static boolean isCertificateAlert(int d) {
        return d == AlertDescription.BAD_CERTIFICATE.code() || d == AlertDescription.UNSUPPORTED_CERTIFICATE.code()
                || d == AlertDescription.CERTIFICATE_REVOKED.code() || d == AlertDescription.CERTIFICATE_EXPIRED.code()
                || d == AlertDescription.CERTIFICATE_UNKNOWN.code() || d == AlertDescription.UNKNOWN_CA.code()
                || d == AlertDescription.ACCESS_DENIED.code() || d == AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE.code()
                || d == AlertDescription.BAD_CERTIFICATE_HASH_VALUE.code() || d == AlertDescription.CERTIFICATE_UNOBTAINABLE.code();
    }

    private void handleApplicationData(Plaintext p) throws TlsException {
        if (!state.isTraffic()) {
            throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "application data before the handshake finished");
        }
        if (p.length() == 0) {
            if (++emptyRecords > MAX_EMPTY_RECORDS) {
                throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "too many empty records");
            }
            return;
        }
        emptyRecords = 0;
        keyUpdates = 0;
        // No copy here: the record was decrypted in place, and the reader copies it once, into
        // its own buffer (readPlaintext) or a new array (pollPlaintext).
        plaintextIn.add(ByteBuffer.wrap(p.buffer(), p.offset(), p.length()).asReadOnlyBuffer());
        plaintextInBytes += p.length();
        viewsPending = true;
    }

    // ---------------------------------------------------------------- plaintext in

    /** Bytes of application data received and not yet read. */
    public int plaintextAvailable() {
        return plaintextInBytes;
    }

    public int readPlaintext(byte[] dst, int off, int len) {
        int total = 0;
        while (len > 0 && !plaintextIn.isEmpty()) {
            ByteBuffer head = plaintextIn.peek();
            int n = Math.min(len, head.remaining());
            head.get(dst, off, n);
            off += n;
            len -= n;
            total += n;
            consumed(head, n);
        }
        return total;
    }

    public int readPlaintext(ByteBuffer dst) {
        int total = 0;
        while (dst.hasRemaining() && !plaintextIn.isEmpty()) {
            ByteBuffer head = plaintextIn.peek();
            int n = Math.min(dst.remaining(), head.remaining());
            int limit = head.limit();
            head.limit(head.position() + n);
            dst.put(head);
            head.limit(limit);
            total += n;
            consumed(head, n);
        }
        return total;
    }

    /**
     * The next received chunk of application data (a new array the caller owns), or null.
     * {@link #readPlaintext(ByteBuffer)} into a buffer the caller reuses saves the allocation.
     */
    public byte[] pollPlaintext() {
        ByteBuffer head = plaintextIn.poll();
        if (head == null) {
            return null;
        }
        plaintextInBytes -= head.remaining();
        if (!head.isReadOnly() && head.arrayOffset() == 0 && head.position() == 0
                && head.remaining() == head.array().length) {
            return head.array();
        }
        return copyOf(head);
    }

    private void consumed(ByteBuffer head, int n) {
        plaintextInBytes -= n;
        if (!head.hasRemaining()) {
            plaintextIn.poll();
        }
    }

    // ---------------------------------------------------------------- plaintext out

    /**
     * Encrypts application data for the peer. Before the handshake completes the data is held
     * and sent once it does (never to an unauthenticated client in the middle of a handshake).
     *
     * @throws IllegalStateException after close_notify was sent or the connection failed
     */
    public void writePlaintext(byte[] src, int off, int len) {
        if (closeNotifySent || failure != null) {
            throw new IllegalStateException("TLS connection is closed");
        }
        if (len == 0) {
            return; // no empty records from us
        }
        if (session == null) {
            heldWrites.add(java.util.Arrays.copyOfRange(src, off, off + len));
            return;
        }
        encoder.writeRecords(ContentType.APPLICATION_DATA, src, off, len);
        rekeyIfWorn();
    }

    /**
     * RFC 8446 §5.5: AES-GCM keys must be retired well before 2^24.5 records; we update our
     * sending key (TLS 1.3 KeyUpdate) after {@link #KEY_UPDATE_AFTER_RECORDS} records.
     */
    private void rekeyIfWorn() {
        if (state instanceof Tls13States.Traffic t && encoder.protection() instanceof dev.herald.tls.record.Tls13Protection p
                && p.sequenceNumber() >= keyUpdateAfterRecords) {
            state = t.updateSendingKey(io, false);
            encoder.flushHandshake();
        }
    }

    public void writePlaintext(ByteBuffer src) {
        if (src.hasArray()) {
            int n = src.remaining();
            writePlaintext(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.position() + n);
        } else {
            byte[] b = new byte[src.remaining()];
            src.get(b);
            writePlaintext(b, 0, b.length);
        }
    }

    /** Queues a close_notify alert (once); no application data may be written after it. */
    public void sendCloseNotify() {
        if (!closeNotifySent && failure == null) {
            heldWrites.clear();
            encoder.writeRecords(ContentType.ALERT, new byte[] {1, 0}, 0, 2);
            closeNotifySent = true;
        }
    }

    // ---------------------------------------------------------------- ciphertext out

    public boolean wantsWrite() {
        return encoder.pendingBytes() > 0;
    }

    public int pendingTlsBytes() {
        return encoder.pendingBytes();
    }

    /** Copies pending ciphertext into {@code dst}; returns the number of bytes. */
    public int writeTls(ByteBuffer dst) {
        return encoder.drainTo(dst);
    }

    /** The next chunk of pending ciphertext (the caller owns the array), or null. */
    public byte[] pollTls() {
        return encoder.poll();
    }

    /** Tests only: a lower record count before our key update. */
    void keyUpdateAfterRecords(long records) {
        this.keyUpdateAfterRecords = records;
    }

    // ---------------------------------------------------------------- status

    public boolean isHandshaking() {
        return session == null && failure == null && !closeNotifyReceived;
    }

    /** The handshake result, once it completed. */
    public Optional<TlsSession> session() {
        return Optional.ofNullable(session);
    }

    /** The fatal error that ended this connection, if any. */
    public Optional<TlsException> failure() {
        return Optional.ofNullable(failure);
    }

    /** True once the peer's close_notify arrived. */
    public boolean isPeerClosed() {
        return closeNotifyReceived;
    }

    public boolean isCloseNotifySent() {
        return closeNotifySent;
    }

    /**
     * Keying material exporter (RFC 8446 §7.5 / RFC 5705), e.g. for channel bindings
     * ({@code EXPORTER-Channel-Binding}, RFC 9266).
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        if (state instanceof Tls13States.Traffic t) {
            return t.exportKeyingMaterial(label, context, length);
        }
        if (state instanceof Tls12States.Traffic t) {
            return t.exportKeyingMaterial(label, context, length);
        }
        throw new IllegalStateException("handshake not complete");
    }

    /** The handshake's effects on this connection. */
    private final class Io implements HandshakeIo {
        @Override
        public void sendHandshake(byte[] encodedMessage) {
            encoder.addHandshake(encodedMessage);
        }

        @Override
        public void sendChangeCipherSpec() {
            encoder.writeRecords(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}, 0, 1);
        }

        @Override
        public void sendWarningAlert(AlertDescription alert) {
            encoder.writeRecords(ContentType.ALERT, new byte[] {1, (byte) alert.code()}, 0, 2);
        }

        @Override
        public void setWriteProtection(RecordProtection protection) {
            encoder.setProtection(protection);
        }

        @Override
        public void setReadProtection(RecordProtection protection) throws TlsException {
            if (!assembler.isEmpty()) {
                throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "handshake data spans a key change");
            }
            decoder.setProtection(protection);
            decoder.stopSkipping();
        }

        @Override
        public void keyLog(String label, byte[] clientRandom, byte[] secret) {
            if (settings.keyLog() != null) {
                HexFormat hex = HexFormat.of();
                settings.keyLog().log(label + " " + hex.formatHex(clientRandom) + " " + hex.formatHex(secret));
            }
        }

        @Override
        public void skipPlainEarlyData() {
            decoder.skipPlainApplicationData();
        }

        @Override
        public void skipUndecryptableEarlyData() {
            decoder.skipUndecryptableRecords();
        }

        @Override
        public void countKeyUpdate() throws TlsException {
            if (++keyUpdates > MAX_KEY_UPDATES) {
                throw TlsException.local(AlertDescription.UNEXPECTED_MESSAGE, "too many KeyUpdates without data");
            }
        }

        @Override
        public void countRenegotiationAttempt() throws TlsException {
            if (++renegotiationAttempts > MAX_RENEGOTIATION_ATTEMPTS) {
                throw TlsException.local(AlertDescription.HANDSHAKE_FAILURE, "client keeps trying to renegotiate");
            }
        }

        @Override
        public long handshakeStartNanos() {
            return startNanos < 0 ? System.nanoTime() : startNanos;
        }

        @Override
        public void complete(TlsSession s) {
            session = s;
            encoder.flushHandshake();
            byte[] held;
            while ((held = heldWrites.poll()) != null) {
                encoder.writeRecords(ContentType.APPLICATION_DATA, held, 0, held.length);
            }
        }
    }
}
