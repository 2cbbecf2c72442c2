package dev.herald.ldap.log;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log, logger {@code herald.access}: one line per operation result, in the manner
 * of slapd's {@code conn=… op=… RESULT} lines, plus one line when a connection opens and one
 * when it closes:
 *
 * <pre>
 * conn=3 ACCEPT from=127.0.0.1:51234 to=127.0.0.1:1389
 * conn=3 op=0 msgid=1 BIND dn="uid=alice,ou=people,dc=example,dc=com" method=simple RESULT err=0 etime=0.004127
 * conn=3 op=1 msgid=2 SRCH dn="dc=example,dc=com" scope=sub filter="(uid=bob)" attrs="*" RESULT err=0 nentries=1 etime=0.000611
 * conn=4 op=0 msgid=1 EXT oid="1.3.6.1.4.1.1466.20037" RESULT err=0 etime=0.000210
 * conn=4 op=0 STARTTLS handshake ok version=TLSv1.3 suite=TLS_AES_128_GCM_SHA256 group=x25519 ssf=128 client-certificate=verified subject="CN=alice,OU=people,O=Herald Demo" issuer="CN=Herald Demo CA,O=Herald Demo"
 * conn=4 op=1 msgid=2 BIND dn="" method=sasl/EXTERNAL RESULT err=0 mech=EXTERNAL authcDN="uid=alice,ou=people,dc=example,dc=com" ... etime=0.000877
 * conn=3 op=2 msgid=3 UNBIND
 * conn=3 CLOSED
 * </pre>
 *
 * {@code err} is the LDAP result code, {@code etime} the seconds from decoding the request to
 * sending its result, {@code text} the diagnostic message when there is one.
 */
public final class AccessLog {

    /** The logger name administrators route to a file. */
    public static final String LOGGER = "herald.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /**
     * Whether result lines are written at all: callers skip building a request's description
     * (filter text, attribute lists) when they are not.
     */
    public boolean isEnabled() {
        return LOG.isInfoEnabled();
    }

    public void accept(long conn, Object from, Object to) {
        if (LOG.isInfoEnabled()) {
            LOG.info("conn={} ACCEPT from={} to={}", conn, address(from), address(to));
        }
    }

    public void closed(long conn) {
        LOG.info("conn={} CLOSED", conn);
    }

    /** A line for a request that gets no response (Abandon, Unbind). */
    public void request(long conn, int op, int msgId, String description) {
        if (LOG.isInfoEnabled()) {
            LOG.info("conn={} op={} msgid={} {}", conn, op, msgId, description);
        }
    }

    /** The result line of an operation. */
    public void result(long conn, int op, int msgId, String description, int resultCode, long elapsedNanos,
            String extra, String text) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder b = new StringBuilder(160);
        b.append("conn=").append(conn).append(" op=").append(op).append(" msgid=").append(msgId).append(' ')
                .append(description).append(" RESULT err=").append(resultCode);
        if (extra != null && !extra.isEmpty()) {
            b.append(' ').append(extra);
        }
        b.append(" etime=").append(String.format(Locale.ROOT, "%.6f", elapsedNanos / 1e9));
        if (text != null && !text.isEmpty()) {
            b.append(" text=").append(quote(text));
        }
        LOG.info(b.toString());
    }

    /** An operation that ended without a response (abandoned, or the connection went away). */
    public void abandoned(long conn, int op, int msgId, String description, long elapsedNanos) {
        if (LOG.isInfoEnabled()) {
            LOG.info("conn={} op={} msgid={} {} ABANDONED etime={}", conn, op, msgId, description,
                    String.format(Locale.ROOT, "%.6f", elapsedNanos / 1e9));
        }
    }

    /**
     * The outcome of a TLS handshake: on an LDAPS connection ({@code op} null) or after the
     * StartTLS operation number {@code op}; {@code details} are {@code key=value} fields.
     */
    public void tlsHandshake(long conn, Integer op, boolean ok, String details) {
        if (LOG.isInfoEnabled()) {
            LOG.info("conn={} {} handshake {} {}", conn, op == null ? "TLS" : "op=" + op + " STARTTLS",
                    ok ? "ok" : "failed", details);
        }
    }

    /** The server ends the connection with a Notice of Disconnection. */
    public void disconnect(long conn, int resultCode, String reason) {
        LOG.info("conn={} NOTICE-OF-DISCONNECTION err={} text={}", conn, resultCode, quote(reason));
    }

    /** A string as a double-quoted log field, with quotes, backslashes and control characters escaped. */
    public static String quote(String s) {
        if (s == null) {
            return "\"\"";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length() && i < 1024; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > 1024) {
            b.append("...");
        }
        return b.append('"').toString();
    }

    private static String address(Object a) {
        if (a instanceof java.net.InetSocketAddress i) {
            return i.getAddress() == null ? i.getHostString() + ":" + i.getPort()
                    : i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }
}
