package dev.herald.ldap.session;

import java.net.SocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.herald.ldap.settings.Limits;

/**
 * The state of one LDAP connection: its id (as in the access log), the bound identity, the
 * TLS facts once TLS is up, the operations in progress by message ID, limits, and the state of
 * a multi-step SASL bind or of paged searches. Identity and TLS facts are read by worker
 * threads and written by the Bind / StartTLS code while the connection is paused for them,
 * hence volatile.
 */
public final class LdapSession {

    /** The attachment key of a multi-step SASL bind waiting for the client's next message. */
    public static final String SASL_EXCHANGE = "herald.saslExchange";

    private final long id;
    private final SocketAddress remote;
    private final SocketAddress local;
    private final Limits limits;
    private final AtomicInteger operations = new AtomicInteger();
    private final Map<Integer, OperationHandle> outstanding = new ConcurrentHashMap<>();
    private final Map<String, Object> attachments = new ConcurrentHashMap<>();
    private volatile BoundIdentity identity = BoundIdentity.ANONYMOUS;
    private volatile TlsFacts tls;
    private volatile boolean tlsInstalled;
    private volatile boolean closing;

    public LdapSession(long id, SocketAddress remote, SocketAddress local, Limits limits) {
        this.id = id;
        this.remote = remote;
        this.local = local;
        this.limits = limits;
    }

    /** The connection id, unique in this server process. */
    public long id() {
        return id;
    }

    public SocketAddress remoteAddress() {
        return remote;
    }

    public SocketAddress localAddress() {
        return local;
    }

    public Limits limits() {
        return limits;
    }

    public BoundIdentity identity() {
        return identity;
    }

    public void setIdentity(BoundIdentity identity) {
        this.identity = identity;
    }

    /** The TLS facts, once StartTLS or LDAPS established TLS. */
    public Optional<TlsFacts> tls() {
        return Optional.ofNullable(tls);
    }

    public void setTls(TlsFacts facts) {
        this.tls = facts;
        this.tlsInstalled = true;
    }

    /**
     * Whether a TLS layer is on this connection, established or still handshaking (LDAPS, or
     * after a successful StartTLS response): a second StartTLS is refused from that moment.
     */
    public boolean isTlsInstalled() {
        return tlsInstalled;
    }

    /** Records that a TLS layer was put on the connection; its facts follow with the handshake. */
    public void markTlsInstalled() {
        this.tlsInstalled = true;
    }

    /** Whether a multi-step SASL bind is waiting for the client's next Bind request. */
    public boolean isSaslBindInProgress() {
        return attachments.containsKey(SASL_EXCHANGE);
    }

    /** The largest PDU this connection may send now: smaller until a bind succeeds. */
    public int maxPduSize() {
        return identity.isAnonymous() ? limits.maxPduAnonymous() : limits.maxPduBound();
    }

    /** The next operation number (the access log's {@code op=}). */
    public int nextOperationNumber() {
        return operations.getAndIncrement();
    }

    /** Registers an operation; false when its message ID is already in progress. */
    public boolean register(OperationHandle op) {
        return outstanding.putIfAbsent(op.messageId(), op) == null;
    }

    public void unregister(OperationHandle op) {
        outstanding.remove(op.messageId(), op);
    }

    public Optional<OperationHandle> outstanding(int messageId) {
        return Optional.ofNullable(outstanding.get(messageId));
    }

    public int outstandingCount() {
        return outstanding.size();
    }

    public Collection<OperationHandle> outstandingOperations() {
        return outstanding.values();
    }

    public boolean isClosing() {
        return closing;
    }

    /** Marks the connection as ending: operations in progress stop sending. */
    public void markClosing() {
        closing = true;
        for (OperationHandle op : outstanding.values()) {
            op.abandon();
        }
    }

    /** Per-connection state of other parts (SASL exchanges, paged searches), by key. */
    @SuppressWarnings("unchecked")
    public <T> T attachment(String key, java.util.function.Supplier<T> create) {
        return (T) attachments.computeIfAbsent(key, k -> create.get());
    }

    public void detach(String key) {
        attachments.remove(key);
    }

    @SuppressWarnings("unchecked")
    public <T> Optional<T> attachment(String key) {
        return Optional.ofNullable((T) attachments.get(key));
    }
}
