package dev.herald.ldap.ops;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.apache.directory.api.asn1.EncoderException;
import org.apache.directory.api.ldap.model.message.ExtendedResponse;
import org.apache.directory.api.ldap.model.message.Message;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.herald.ldap.codec.SearchEntryEncoder;
import dev.herald.ldap.directory.ReturnedEntry;
import dev.herald.ldap.codec.LdapCodec;
import dev.herald.ldap.codec.NoticeOfDisconnection;
import dev.herald.ldap.log.AccessLog;
import dev.herald.ldap.net.LdapFrameDecoder;
import dev.herald.ldap.session.LdapSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.DuplexChannel;

/**
 * The output side and the controls of one connection, usable from any thread: encodes and
 * writes messages, waits for the outbound buffer to drain, pauses and resumes reading, ends
 * the connection with a Notice of Disconnection, and upgrades it to TLS for StartTLS.
 */
public final class LdapConnection {

    private static final Logger LOG = LoggerFactory.getLogger(LdapConnection.class);
    /** How long input is drained after a Notice of Disconnection before the socket closes. */
    private static final long LINGER_MILLIS = 2000;
    /** Batches of messages up to this size are written as one buffer (one TLS record's worth). */
    private static final int COALESCE_LIMIT = 16 * 1024;

    private final Channel channel;
    private final LdapCodec codec;
    private final LdapFrameDecoder framer;
    private final LdapSession session;
    private final AccessLog accessLog;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writable = lock.newCondition();

    LdapConnection(Channel channel, LdapCodec codec, LdapFrameDecoder framer, LdapSession session, AccessLog accessLog) {
        this.channel = channel;
        this.codec = codec;
        this.framer = framer;
        this.session = session;
        this.accessLog = accessLog;
    }

    public LdapSession session() {
        return session;
    }

    public Channel channel() {
        return channel;
    }

    /** Encodes {@code message} on the calling thread and writes it; flushes when asked. */
    public void write(Message message, boolean flush) {
        if (!channel.isActive()) {
            return;
        }
        ByteBuf bytes = encode(message);
        if (bytes == null) {
            return;
        }
        if (flush) {
            channel.writeAndFlush(bytes, channel.voidPromise());
        } else {
            channel.write(bytes, channel.voidPromise());
        }
    }

    /**
     * Encodes {@code message} on the calling thread; null when it cannot be encoded, in which
     * case the connection is being ended (the client would otherwise wait forever).
     */
    ByteBuf encode(Message message) {
        try {
            return codec.encode(channel.alloc(), message);
        } catch (EncoderException | RuntimeException e) {
            LOG.warn("conn={} cannot encode {}: {}", session.id(), message.getType(), e.toString());
            disconnect(ResultCodeEnum.OTHER, "internal error: a response could not be encoded");
            return null;
        }
    }

    /** {@link #encode} for a search entry given as it goes on the wire ({@link SearchEntryEncoder}). */
    ByteBuf encodeEntry(int messageId, ReturnedEntry entry) {
        try {
            return SearchEntryEncoder.encode(channel.alloc(), messageId, entry);
        } catch (RuntimeException e) {
            LOG.warn("conn={} cannot encode a search entry: {}", session.id(), e.toString());
            disconnect(ResultCodeEnum.OTHER, "internal error: a response could not be encoded");
            return null;
        }
    }

    /**
     * Writes encoded messages in order and flushes, then runs {@code after}, all in one task on
     * the event loop: a worker's writes for one operation cost one hand-off instead of one per
     * message. The list is handed over (not to be used afterwards); a closed channel releases
     * the buffers.
     */
    void writeAll(List<ByteBuf> messages, Runnable after) {
        List<ByteBuf> out = coalesce(messages);
        onEventLoop(() -> {
            for (ByteBuf b : out) {
                channel.write(b, channel.voidPromise());
            }
            if (!out.isEmpty()) {
                channel.flush();
            }
            after.run();
        });
    }

    /**
     * Several small messages (a search's entry and its result) as one buffer: one write, and
     * under TLS one record to seal instead of one per message. A heap buffer under TLS, which
     * encrypts from arrays; a direct one for the socket otherwise.
     */
    private List<ByteBuf> coalesce(List<ByteBuf> messages) {
        if (messages.size() < 2) {
            return messages;
        }
        int total = 0;
        for (ByteBuf b : messages) {
            total += b.readableBytes();
        }
        if (total > COALESCE_LIMIT) {
            return messages;
        }
        ByteBuf one = session.isTlsInstalled() ? channel.alloc().heapBuffer(total) : channel.alloc().directBuffer(total);
        for (ByteBuf b : messages) {
            one.writeBytes(b);
            b.release();
        }
        return List.of(one);
    }

    public void flush() {
        channel.flush();
    }

    /**
     * Blocks until the outbound buffer is below its high-water mark again, the connection
     * closes, or {@code stop} says so. Returns whether writing may go on.
     */
    public boolean awaitWritable(BooleanSupplier stop) {
        lock.lock();
        try {
            while (channel.isActive() && !channel.isWritable()) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                writable.await(100, TimeUnit.MILLISECONDS);
            }
            return channel.isActive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    void signalWritabilityChanged() {
        lock.lock();
        try {
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code task} on the connection's event loop. */
    public void onEventLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    void pauseReading(int reason) {
        onEventLoop(() -> framer.pause(reason));
    }

    void resumeReading(int reason) {
        onEventLoop(() -> framer.resume(reason));
    }

    /**
     * Sends a Notice of Disconnection (RFC 4511 §4.4.1) and ends the connection: after the
     * notice the output side is shut down and input is read and dropped for a moment before
     * closing, so that unread client data does not turn the close into a TCP reset that could
     * destroy the notice before the client reads it.
     */
    public void disconnect(ResultCodeEnum code, String reason) {
        onEventLoop(() -> {
            if (!channel.isActive() || session.isClosing()) {
                return;
            }
            accessLog.disconnect(session.id(), code.getResultCode(), reason);
            session.markClosing();
            framer.discardInput();
            byte[] notice = NoticeOfDisconnection.encode(codec, code, reason);
            channel.writeAndFlush(channel.alloc().buffer(notice.length).writeBytes(notice)).addListener(f -> {
                if (channel instanceof DuplexChannel duplex && f.isSuccess()) {
                    duplex.shutdownOutput();
                    channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    channel.close();
                }
            });
        });
    }

    /** Closes the connection without a notice (Unbind, idle timeout). */
    public void close() {
        session.markClosing();
        channel.close();
    }

    /**
     * The StartTLS step (RFC 4511 §4.14, RFC 4513 §3): on the event loop, writes
     * {@code response} in clear, then inserts {@code tlsHandler} in front of the LDAP framer
     * under {@code name} and hands it whatever the client already sent after the StartTLS
     * request. The framer stays paused for the StartTLS operation until it completes, so no
     * byte after the request is ever read as LDAP in clear. Call from the StartTLS extended
     * operation handler, which is exclusive, after checking that no other operation is
     * outstanding; then complete the operation without responding again.
     */
    public void startTls(ExtendedResponse response, ChannelHandler tlsHandler, String name) {
        startTls(response, List.of(Map.entry(name, tlsHandler)));
    }

    /**
     * Like {@link #startTls(ExtendedResponse, ChannelHandler, String)} with several handlers in
     * pipeline order (name, handler); the first one receives the bytes that followed the
     * request: the TLS handler, then whatever consumes its handshake event.
     */
    public void startTls(ExtendedResponse response, List<Map.Entry<String, ChannelHandler>> handlers) {
        onEventLoop(() -> {
            write(response, true);
            if (!channel.isActive()) {
                return;
            }
            try {
                framer.insertBefore(handlers);
            } catch (Exception e) {
                LOG.warn("conn={} cannot start TLS: {}", session.id(), e.toString());
                close();
            }
        });
    }
}
