package dev.herald.ldap.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.Request;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.ResultResponse;
import org.apache.directory.api.ldap.model.message.ResultResponseRequest;
import org.apache.directory.api.ldap.model.message.SearchResultEntryImpl;
import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.codec.LdapCodec;
import dev.herald.ldap.directory.Requestor;
import dev.herald.ldap.directory.ReturnedEntry;
import dev.herald.ldap.log.AccessLog;
import dev.herald.ldap.session.LdapSession;
import dev.herald.ldap.session.OperationHandle;

/**
 * One request in progress: what handlers see. It knows the request, the connection, who asked
 * (the identity when the request arrived), and sends the entries and the one final response,
 * each with the request's message ID, logging the result line. After Abandon nothing more is
 * sent (RFC 4511 §4.11).
 */
public final class OperationContext implements OperationHandle {

    private final ServerContext server;
    private final LdapConnection connection;
    private final Request request;
    private final int number;
    private final long startNanos;
    private final boolean exclusive;
    private final Requestor requestor;
    /**
     * The access log's request text: built up front when the log is on (handlers may change the
     * request), never when it is off.
     */
    private String description;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean abandoned;
    private Runnable onFinish = () -> { };
    private int entries;
    /** Encoded messages not yet handed to the event loop (worker side; see {@link #push}). */
    private List<ByteBuf> pending = new ArrayList<>();
    private String logExtra = "";

    OperationContext(ServerContext server, LdapConnection connection, Request request, int number, long startNanos,
            boolean exclusive) {
        this.server = server;
        this.connection = connection;
        this.request = request;
        this.number = number;
        this.startNanos = startNanos;
        this.exclusive = exclusive;
        this.description = server.accessLog().isEnabled() ? Descriptions.of(request) : null;
        Dn authz = connection.session().identity().authzDn();
        this.requestor = new Requestor(authz);
    }

    /** The request as the access log shows it. */
    private String description() {
        if (description == null) {
            description = Descriptions.of(request);
        }
        return description;
    }

    void onFinish(Runnable r) {
        this.onFinish = r;
    }

    public ServerContext server() {
        return server;
    }

    public LdapConnection connection() {
        return connection;
    }

    public LdapSession session() {
        return connection.session();
    }

    public Request request() {
        return request;
    }

    @Override
    public int messageId() {
        return request.getMessageId();
    }

    /** Who asked, as the connection was bound when the request arrived. */
    public Requestor requestor() {
        return requestor;
    }

    /** The operation's number on its connection (the access log's {@code op=}). */
    public int operationNumber() {
        return number;
    }

    public long startNanos() {
        return startNanos;
    }

    public boolean isExclusive() {
        return exclusive;
    }

    @Override
    public void abandon() {
        abandoned = true;
    }

    @Override
    public boolean isAbandonable() {
        return !exclusive;
    }

    /** True once Abandon arrived or the connection is closing. */
    public boolean isAbandoned() {
        return abandoned || connection.session().isClosing() || !connection.channel().isActive();
    }

    /** Extra fields for the access log result line, e.g. {@code nentries=3}. */
    public void setLogExtra(String extra) {
        this.logExtra = extra;
    }

    /** Sends one search entry; false when the search should stop (abandoned, connection gone). */
    public boolean sendEntry(Entry entry, java.util.function.BooleanSupplier stop) {
        if (!mayWriteEntry(stop)) {
            return false;
        }
        SearchResultEntryImpl msg = new SearchResultEntryImpl(messageId());
        msg.setEntry(entry);
        return queueEntry(connection.encode(msg));
    }

    /** Sends one search entry given as it goes on the wire; as {@link #sendEntry(Entry, java.util.function.BooleanSupplier)}. */
    public boolean sendEntry(ReturnedEntry entry, java.util.function.BooleanSupplier stop) {
        return mayWriteEntry(stop) && queueEntry(connection.encodeEntry(messageId(), entry));
    }

    /** Whether an entry may be written now (waits while the channel is not writable). */
    private boolean mayWriteEntry(java.util.function.BooleanSupplier stop) {
        if (isAbandoned()) {
            return false;
        }
        // On the event loop (an inline search, a few entries at most) nothing may wait: the
        // outbound buffer takes them whatever its level.
        if (!connection.channel().isWritable() && !connection.channel().eventLoop().inEventLoop()) {
            connection.flush();
            if (!connection.awaitWritable(() -> isAbandoned() || stop.getAsBoolean())) {
                return false;
            }
        }
        return true;
    }

    private boolean queueEntry(ByteBuf bytes) {
        if (bytes == null) {
            return false;
        }
        entries++;
        pending.add(bytes);
        if (entries % 32 == 0) {
            push(() -> { });
        }
        return true;
    }

    /**
     * Hands the pending messages to the event loop, which writes and flushes them and then
     * runs {@code after}: entries go out in batches of 32, and the last batch, the final
     * response and the end of the operation take a single hand-off.
     */
    private void push(Runnable after) {
        List<ByteBuf> out = pending;
        pending = new ArrayList<>();
        connection.writeAll(out, after);
    }

    public int entriesSent() {
        return entries;
    }

    /** The response object for this request, with its message ID, to fill in and {@link #respond}. */
    public ResultResponse response() {
        if (request instanceof ExtendedRequest) {
            // The API's typed extended responses (WhoAmI, Password Modify, ...) cannot be encoded
            // without a responseName, which most of these responses do not have.
            return new OpaqueExtendedResponse(messageId());
        }
        return ((ResultResponseRequest) request).getResultResponse();
    }

    /** Sends the final response (unless abandoned) and ends the operation. */
    public void respond(ResultResponse response) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        // No longer outstanding from the moment its result can reach the client: a client that
        // read it and then sends StartTLS must not find it still counted (RFC 4513 §3.1.1).
        session().unregister(this);
        LdapResult r = response.getLdapResult();
        AccessLog log = server.accessLog();
        if (isAbandoned()) {
            if (log.isEnabled()) {
                log.abandoned(session().id(), number, messageId(), description(), System.nanoTime() - startNanos);
            }
        } else {
            // Logged before the write, so that the log shows it before the client can react.
            if (log.isEnabled()) {
                log.result(session().id(), number, messageId(), description(), r.getResultCode().getResultCode(),
                        System.nanoTime() - startNanos, logExtra, r.getDiagnosticMessage());
            }
            ByteBuf bytes = connection.channel().isActive() ? connection.encode(response) : null;
            if (bytes != null) {
                pending.add(bytes);
            }
        }
        push(onFinish);
    }

    /** Responds with a result code and diagnostic message. */
    public void respond(ResultCodeEnum code, String text) {
        ResultResponse response = response();
        response.getLdapResult().setResultCode(code);
        if (text != null) {
            response.getLdapResult().setDiagnosticMessage(text);
        }
        respond(response);
    }

    /** Responds with the error an exception carries (result code, message, matchedDN). */
    public void respond(Exception e) {
        ResultResponse response = response();
        LdapResult r = response.getLdapResult();
        if (e instanceof LdapOperationException loe && loe.getResultCode() != null) {
            r.setResultCode(loe.getResultCode());
            r.setDiagnosticMessage(LdapCodec.clean(loe.getResultCode(), loe.getMessage()));
            if (loe.getResolvedDn() != null) {
                r.setMatchedDn(loe.getResolvedDn());
            }
        } else {
            r.setResultCode(ResultCodeEnum.OTHER);
            r.setDiagnosticMessage("internal error");
        }
        respond(response);
    }

    /** Ends the operation without a response (Abandon, or a handler that answered by other means). */
    public void finishSilently() {
        if (finished.compareAndSet(false, true)) {
            session().unregister(this);
            if (server.accessLog().isEnabled()) {
                server.accessLog().abandoned(session().id(), number, messageId(), description(),
                        System.nanoTime() - startNanos);
            }
            push(onFinish);
        }
    }

    /** Ends an operation whose response went out by other means (StartTLS), logging the result. */
    public void finishAfterResponse(ResultCodeEnum code) {
        if (finished.compareAndSet(false, true)) {
            session().unregister(this);
            if (server.accessLog().isEnabled()) {
                server.accessLog().result(session().id(), number, messageId(), description(), code.getResultCode(),
                        System.nanoTime() - startNanos, logExtra, null);
            }
            push(onFinish);
        }
    }

    boolean isFinished() {
        return finished.get();
    }
}
