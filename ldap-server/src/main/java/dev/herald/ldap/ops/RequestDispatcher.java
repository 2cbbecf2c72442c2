package dev.herald.ldap.ops;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.directory.api.ldap.model.message.AbandonRequest;
import org.apache.directory.api.ldap.model.message.AddRequest;
import org.apache.directory.api.ldap.model.message.AddResponseImpl;
import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.BindResponseImpl;
import org.apache.directory.api.ldap.model.message.CompareRequest;
import org.apache.directory.api.ldap.model.message.CompareResponseImpl;
import org.apache.directory.api.ldap.model.message.Control;
import org.apache.directory.api.ldap.model.message.DeleteRequest;
import org.apache.directory.api.ldap.model.message.DeleteResponseImpl;
import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.Message;
import org.apache.directory.api.ldap.model.message.ModifyDnRequest;
import org.apache.directory.api.ldap.model.message.ModifyDnResponseImpl;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.ModifyResponseImpl;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.Request;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.ResultResponse;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchResultDoneImpl;
import org.apache.directory.api.ldap.model.message.UnbindRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.herald.ldap.codec.DecodeResult;
import dev.herald.ldap.directory.CandidateBudget;
import dev.herald.ldap.net.FramingEvent;
import dev.herald.ldap.net.LdapFrame;
import dev.herald.ldap.net.LdapFrameDecoder;
import dev.herald.ldap.session.BoundIdentity;
import dev.herald.ldap.session.LdapSession;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The last inbound handler of a connection: decodes each framed PDU and dispatches it. Abandon
 * and Unbind are handled right here on the event loop; every other request becomes an
 * {@link OperationContext}, run right here too when it is cheap and bounded (see
 * {@link InlinePolicy}: small indexed searches, compares, WhoAmI), otherwise by the worker
 * pool, several at a time per connection. A Bind
 * (and an exclusive extended operation such as StartTLS) pauses reading until it completes,
 * so the requests after it run with its outcome; too many outstanding requests, or a full
 * outbound buffer, pause reading as well. Protocol violations end the connection with a
 * Notice of Disconnection.
 */
public final class RequestDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    @SuppressWarnings("rawtypes")
    private static final Map<Class<? extends Request>, OperationHandler> HANDLERS = Map.of(
            BindRequest.class, new BindHandler(),
            SearchRequest.class, new SearchHandler(),
            CompareRequest.class, UpdateHandlers.COMPARE,
            AddRequest.class, UpdateHandlers.ADD,
            ModifyRequest.class, UpdateHandlers.MODIFY,
            DeleteRequest.class, UpdateHandlers.DELETE,
            ModifyDnRequest.class, UpdateHandlers.MODIFY_DN,
            ExtendedRequest.class, new ExtendedHandler());

    private final ServerContext server;
    private final WorkerPool workers;
    private final InlinePolicy inline;
    private final AtomicLong connectionIds;
    private final LdapFrameDecoder framer;
    private LdapSession session;
    private LdapConnection connection;

    public RequestDispatcher(ServerContext server, WorkerPool workers, AtomicLong connectionIds, LdapFrameDecoder framer) {
        this.server = server;
        this.workers = workers;
        this.inline = new InlinePolicy(server.directory());
        this.connectionIds = connectionIds;
        this.framer = framer;
    }

    /** The session, for the framer's PDU size limit (valid once the channel is active). */
    public LdapSession session() {
        return session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        SocketAddress local = ctx.channel().localAddress();
        session = new LdapSession(connectionIds.incrementAndGet(), remote, local, server.settings().limits());
        connection = new LdapConnection(ctx.channel(), server.codec(), framer, session, server.accessLog());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        server.accessLog().accept(session.id(), ctx.channel().remoteAddress(), ctx.channel().localAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.markClosing();
        server.accessLog().closed(session.id());
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.signalWritabilityChanged();
        if (ctx.channel().isWritable()) {
            framer.resume(LdapFrameDecoder.PAUSE_UNWRITABLE);
        } else {
            framer.pause(LdapFrameDecoder.PAUSE_UNWRITABLE);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("conn={} {}", session.id(), cause.toString());
        } else {
            LOG.warn("conn={} closing after an unexpected error", session.id(), cause);
        }
        connection.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof FramingEvent.Violation v) {
            connection.disconnect(ResultCodeEnum.PROTOCOL_ERROR, v.reason());
        } else if (evt instanceof FramingEvent.Rejected r) {
            rejectTooDeep(r);
        } else if (evt instanceof IdleStateEvent) {
            // Idle: nothing in progress, or results pending that the client has not read for
            // the whole idle period (a worker may be waiting for it).
            if (session.outstandingCount() == 0 || !ctx.channel().isWritable()) {
                LOG.debug("conn={} idle, closing", session.id());
                connection.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof LdapFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long received = System.nanoTime();
        DecodeResult result;
        try {
            result = server.codec().decode(frame.bytes().nioBuffer());
        } finally {
            frame.bytes().release();
        }
        if (result instanceof DecodeResult.Malformed m) {
            connection.disconnect(ResultCodeEnum.PROTOCOL_ERROR, "malformed request: " + m.reason());
        } else if (result instanceof DecodeResult.Rejected r) {
            int op = session.nextOperationNumber();
            ResultResponse response = r.response();
            connection.write(response, true);
            server.accessLog().result(session.id(), op, response.getMessageId(), Descriptions.ofTag(frame.opTag()),
                    response.getLdapResult().getResultCode().getResultCode(), System.nanoTime() - received, null,
                    response.getLdapResult().getDiagnosticMessage());
        } else if (result instanceof DecodeResult.Decoded d) {
            dispatch(d.message(), received);
        }
    }

    private void dispatch(Message message, long received) {
        int number = session.nextOperationNumber();
        if (message instanceof AbandonRequest a) {
            server.accessLog().request(session.id(), number, a.getMessageId(), "ABANDON msgid=" + a.getAbandoned());
            session.outstanding(a.getAbandoned()).filter(h -> h.isAbandonable()).ifPresent(h -> h.abandon());
            return;
        }
        if (message instanceof UnbindRequest u) {
            server.accessLog().request(session.id(), number, u.getMessageId(), "UNBIND");
            connection.close();
            return;
        }
        if (!(message instanceof Request request) || !HANDLERS.containsKey(handlerKey(request))) {
            connection.disconnect(ResultCodeEnum.PROTOCOL_ERROR, "not a request: " + message.getType());
            return;
        }
        boolean exclusive = request instanceof BindRequest
                || (request instanceof ExtendedRequest x && server.extendedOperations().isExclusive(x.getRequestName()));
        OperationContext op = new OperationContext(server, connection, request, number, received, exclusive);
        if (!session.register(op)) {
            connection.disconnect(ResultCodeEnum.PROTOCOL_ERROR,
                    "message ID " + request.getMessageId() + " is already in use by an outstanding request");
            return;
        }
        op.onFinish(() -> connection.onEventLoop(() -> finished(op)));
        if (exclusive) {
            framer.pause(LdapFrameDecoder.PAUSE_BARRIER);
        }
        if (request instanceof BindRequest) {
            // RFC 4513 §4: anonymous from the moment a Bind request arrives.
            session.setIdentity(BoundIdentity.ANONYMOUS);
        }
        if (session.outstandingCount() >= session.limits().maxOutstandingPerConnection()) {
            framer.pause(LdapFrameDecoder.PAUSE_OUTSTANDING);
        }
        Control critical = Controls.unsupportedCritical(request);
        if (critical != null) {
            op.respond(ResultCodeEnum.UNAVAILABLE_CRITICAL_EXTENSION, "unsupported critical control " + critical.getOid());
            return;
        }
        if (server.settings().security().tlsRequiredForAllOperations() && session.tls().isEmpty()
                && !TlsGate.allowedInClear(request)) {
            op.respond(ResultCodeEnum.CONFIDENTIALITY_REQUIRED,
                    "TLS is required: use StartTLS or the LDAPS port first");
            return;
        }
        if (inline.runsInline(request) && runInline(op)) {
            return;
        }
        try {
            workers.execute(() -> run(op));
        } catch (RejectedExecutionException e) {
            op.respond(ResultCodeEnum.BUSY, "server busy");
        }
    }

    /** Runs an operation on a worker. */
    private void run(OperationContext op) {
        if (op.isAbandoned()) {
            op.finishSilently();
            return;
        }
        try {
            handle(op);
        } finally {
            if (!op.isFinished()) {
                op.finishSilently();
            }
        }
    }

    /**
     * Runs an operation here on the event loop, a search under a {@link CandidateBudget} of
     * {@link InlinePolicy#MAX_CANDIDATES}; false when the directory found the search over it,
     * before anything was sent: then the caller hands it to the pool.
     */
    private boolean runInline(OperationContext op) {
        CandidateBudget.limit(InlinePolicy.MAX_CANDIDATES);
        try {
            handle(op);
        } catch (CandidateBudget.Exceeded e) {
            if (op.entriesSent() == 0 && !op.isFinished()) {
                return false;
            }
            // Not after something was sent (the directory checks first); should it happen, the
            // client still gets an answer.
            LOG.warn("conn={} search over its budget after sending entries", session.id());
            op.respond(ResultCodeEnum.OTHER, "internal error");
        } catch (RuntimeException | Error e) {
            if (!op.isFinished()) {
                op.finishSilently();
            }
            throw e;
        } finally {
            CandidateBudget.clear();
        }
        if (!op.isFinished()) {
            op.finishSilently();
        }
        return true;
    }

    /** Calls the operation's handler; every error becomes its response, except an exceeded budget. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(OperationContext op) {
        OperationHandler handler = HANDLERS.get(handlerKey(op.request()));
        try {
            handler.handle(op, op.request());
        } catch (CandidateBudget.Exceeded e) {
            throw e;
        } catch (Exception e) {
            if (!(e instanceof org.apache.directory.api.ldap.model.exception.LdapOperationException)) {
                LOG.warn("conn={} {} failed", session.id(), op.request().getType(), e);
            }
            op.respond(e);
        } catch (Error e) {
            LOG.error("conn={} {} failed", session.id(), op.request().getType(), e);
            op.respond(new IllegalStateException(e));
        }
    }

    /** Runs on the event loop when an operation has sent its last message. */
    private void finished(OperationContext op) {
        // The operation left the outstanding set when it responded (OperationContext).
        if (op.isExclusive()) {
            framer.resume(LdapFrameDecoder.PAUSE_BARRIER);
        }
        if (session.outstandingCount() < session.limits().maxOutstandingPerConnection()) {
            framer.resume(LdapFrameDecoder.PAUSE_OUTSTANDING);
        }
    }

    private static Class<? extends Request> handlerKey(Request r) {
        if (r instanceof BindRequest) {
            return BindRequest.class;
        } else if (r instanceof SearchRequest) {
            return SearchRequest.class;
        } else if (r instanceof CompareRequest) {
            return CompareRequest.class;
        } else if (r instanceof AddRequest) {
            return AddRequest.class;
        } else if (r instanceof ModifyRequest) {
            return ModifyRequest.class;
        } else if (r instanceof DeleteRequest) {
            return DeleteRequest.class;
        } else if (r instanceof ModifyDnRequest) {
            return ModifyDnRequest.class;
        } else if (r instanceof ExtendedRequest) {
            return ExtendedRequest.class;
        }
        return Request.class;
    }

    /** Answers a request the framer skipped for its nesting depth with protocolError. */
    private void rejectTooDeep(FramingEvent.Rejected r) {
        ResultResponse response = switch (r.opTag()) {
            case 0x60 -> new BindResponseImpl(r.messageId());
            case 0x63 -> new SearchResultDoneImpl(r.messageId());
            case 0x66 -> new ModifyResponseImpl(r.messageId());
            case 0x68 -> new AddResponseImpl(r.messageId());
            case 0x4a -> new DeleteResponseImpl(r.messageId());
            case 0x6c -> new ModifyDnResponseImpl(r.messageId());
            case 0x6e -> new CompareResponseImpl(r.messageId());
            case 0x77 -> new OpaqueExtendedResponse(r.messageId());
            default -> null;
        };
        int number = session.nextOperationNumber();
        if (response == null) {
            connection.disconnect(ResultCodeEnum.PROTOCOL_ERROR, r.reason());
            return;
        }
        response.getLdapResult().setResultCode(ResultCodeEnum.PROTOCOL_ERROR);
        response.getLdapResult().setDiagnosticMessage(r.reason());
        connection.write(response, true);
        server.accessLog().result(session.id(), number, r.messageId(), Descriptions.ofTag(r.opTag()),
                ResultCodeEnum.PROTOCOL_ERROR.getResultCode(), 0, null, r.reason());
    }
}
