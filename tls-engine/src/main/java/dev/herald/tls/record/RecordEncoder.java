package dev.herald.tls.record;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Outbound half of the record layer: coalesces handshake messages into as few records as
 * possible, fragments anything longer than 2^14, protects each record with the current
 * direction state and queues the finished records for the transport.
 */
public final class RecordEncoder {
    private RecordProtection protection = NullProtection.INSTANCE;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int queuedBytes;
    private int headOffset;
    private byte[] pendingHandshake = new byte[1024];
    private int pendingLength;
    private final int paddingBlock;

    /**
     * @param paddingBlock when positive, TLS 1.3 records are padded so that the inner
     *     plaintext length is a multiple of it (RFC 8446 §5.4)
     */
    public RecordEncoder(int paddingBlock) {
        this.paddingBlock = paddingBlock;
    }

    /** Switches keys; handshake bytes queued under the old keys are flushed first. */
    public void setProtection(RecordProtection p) {
        flushHandshake();
        this.protection = p;
    }

    public RecordProtection protection() {
        return protection;
    }

    /** Queues a framed handshake message; it is sent, coalesced, on the next flush. */
    public void addHandshake(byte[] message) {
        if (pendingLength + message.length > pendingHandshake.length) {
            pendingHandshake = java.util.Arrays.copyOf(pendingHandshake,
                    Math.max(pendingHandshake.length * 2, pendingLength + message.length));
        }
        System.arraycopy(message, 0, pendingHandshake, pendingLength, message.length);
        pendingLength += message.length;
    }

    /** Drops handshake bytes not yet sent (a flight abandoned by a fatal error). */
    public void discardPendingHandshake() {
        pendingLength = 0;
    }

    public void flushHandshake() {
        if (pendingLength > 0) {
            int n = pendingLength;
            pendingLength = 0;
            writeRecords(ContentType.HANDSHAKE, pendingHandshake, 0, n);
        }
    }

    /** Protects {@code len} bytes of the given type as one or more records. */
    public void writeRecords(int type, byte[] src, int off, int len) {
        if (type != ContentType.HANDSHAKE) {
            flushHandshake();
        }
        if (len == 0) {
            enqueue(protection.seal(type, src, off, 0, padding(0)));
            return;
        }
        while (len > 0) {
            int n = Math.min(len, RecordLimits.MAX_PLAINTEXT);
            enqueue(protection.seal(type, src, off, n, padding(n)));
            off += n;
            len -= n;
        }
    }

    private int padding(int len) {
        if (paddingBlock <= 0 || !(protection instanceof Tls13Protection)) {
            return 0;
        }
        int pad = (paddingBlock - (len + 1) % paddingBlock) % paddingBlock;
        return Math.min(pad, RecordLimits.MAX_PLAINTEXT - len);
    }

    private void enqueue(byte[] record) {
        queue.add(record);
        queuedBytes += record.length;
    }

    /** Bytes of finished records waiting for the transport. */
    public int pendingBytes() {
        return queuedBytes - headOffset;
    }

    /** The next chunk of finished records (a whole array the caller now owns), or null. */
    public byte[] poll() {
        byte[] head = queue.poll();
        if (head == null) {
            return null;
        }
        if (headOffset > 0) {
            head = java.util.Arrays.copyOfRange(head, headOffset, head.length);
            queuedBytes -= headOffset;
            headOffset = 0;
        }
        queuedBytes -= head.length;
        return head;
    }

    /** Copies as many pending bytes as fit into {@code dst}; returns how many. */
    public int drainTo(ByteBuffer dst) {
        int written = 0;
        while (dst.hasRemaining() && !queue.isEmpty()) {
            byte[] head = queue.peek();
            int n = Math.min(dst.remaining(), head.length - headOffset);
            dst.put(head, headOffset, n);
            written += n;
            headOffset += n;
            if (headOffset == head.length) {
                queue.poll();
                queuedBytes -= head.length;
                headOffset = 0;
            }
        }
        return written;
    }
}
