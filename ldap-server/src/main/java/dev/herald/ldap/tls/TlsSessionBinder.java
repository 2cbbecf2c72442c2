package dev.herald.ldap.tls;

import java.security.cert.X509Certificate;

import dev.herald.ldap.log.AccessLog;
import dev.herald.ldap.log.CertificateNames;
import dev.herald.ldap.ops.RequestDispatcher;
import dev.herald.ldap.session.BoundIdentity;
import dev.herald.ldap.session.LdapSession;
import dev.herald.ldap.session.TlsFacts;
import dev.herald.tls.TlsSession;
import dev.herald.tls.netty.TlsHandshakeEvent;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits right behind the TLS handler and turns its {@link TlsHandshakeEvent} into LDAP session
 * state. On success it records the {@link TlsFacts} (before the first decrypted request is
 * decoded: the engine fires the event first) and, after StartTLS, makes the session anonymous
 * (a bind made before StartTLS does not survive it, as in slapd; RFC 4513 §3.1.2 leaves it to
 * the server). On failure it logs the reason and closes the connection. Either way the
 * outcome goes to the access log, with the StartTLS operation it belongs to.
 */
public final class TlsSessionBinder extends ChannelInboundHandlerAdapter {

    /** The pipeline name of this handler. */
    public static final String NAME = "tls-session";

    private final AccessLog accessLog;
    private final Integer startTlsOperation;

    /**
     * @param startTlsOperation the StartTLS operation's number, or null on an LDAPS connection
     */
    public TlsSessionBinder(AccessLog accessLog, Integer startTlsOperation) {
        this.accessLog = accessLog;
        this.startTlsOperation = startTlsOperation;
    }

    private static LdapSession session(ChannelHandlerContext ctx) {
        RequestDispatcher dispatcher = ctx.pipeline().get(RequestDispatcher.class);
        return dispatcher == null ? null : dispatcher.session();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // LDAPS: TLS is on the connection from the first byte.
        LdapSession session = session(ctx);
        if (session != null) {
            session.markTlsInstalled();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof TlsHandshakeEvent event)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        LdapSession session = session(ctx);
        long conn = session == null ? -1 : session.id();
        if (event.isSuccess()) {
            TlsSession tls = event.session().orElseThrow();
            TlsFacts facts = TlsFactsMapper.of(tls);
            if (session != null) {
                if (startTlsOperation != null) {
                    session.setIdentity(BoundIdentity.ANONYMOUS);
                    session.detach(LdapSession.SASL_EXCHANGE);
                }
                session.setTls(facts);
            }
            accessLog.tlsHandshake(conn, startTlsOperation, true, describe(tls, facts));
        } else {
            String details = "reason=" + AccessLog.quote(event.reason().orElse("unknown"))
                    + event.failureKind().map(k -> " kind=" + k.name().toLowerCase(java.util.Locale.ROOT)).orElse("")
                    + event.alert().map(a -> " alert=" + a).orElse("");
            accessLog.tlsHandshake(conn, startTlsOperation, false, details);
            if (session != null) {
                session.markClosing();
            }
            ctx.channel().close();
        }
    }

    /** The handshake's facts as access-log fields. */
    static String describe(TlsSession tls, TlsFacts facts) {
        StringBuilder b = new StringBuilder()
                .append("version=").append(facts.protocol())
                .append(" suite=").append(facts.cipherSuite())
                .append(" group=").append(tls.group().tlsName())
                .append(" ssf=").append(facts.ssf());
        tls.serverName().ifPresent(n -> b.append(" sni=").append(AccessLog.quote(n)));
        b.append(" client-certificate=");
        if (!tls.certificateRequested()) {
            b.append("not-requested");
        } else if (!tls.certificatePresented()) {
            b.append("none");
        } else if (facts.hasVerifiedClientCertificate()) {
            X509Certificate leaf = facts.verifiedPeerChain().get(0);
            b.append("verified subject=").append(AccessLog.quote(CertificateNames.of(leaf.getSubjectX500Principal())))
                    .append(" issuer=").append(AccessLog.quote(CertificateNames.of(leaf.getIssuerX500Principal())));
        } else {
            b.append("ignored");
            tls.presentedSubject().ifPresent(s -> b.append(" subject=").append(AccessLog.quote(s)));
            tls.certificateProblem().ifPresent(p -> b.append(" problem=").append(AccessLog.quote(p)));
        }
        return b.toString();
    }
}
