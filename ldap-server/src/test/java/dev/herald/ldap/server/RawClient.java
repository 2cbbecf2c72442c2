package dev.herald.ldap.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * A bare socket that writes arbitrary bytes and reads LDAP messages, for tests that break the
 * protocol on purpose.
 */
public final class RawClient implements AutoCloseable {

    public static final String NOTICE_OF_DISCONNECTION = "1.3.6.1.4.1.1466.20036";

    private final Socket socket;
    private final OutputStream out;
    private final ASN1StreamReader in;

    public RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new ASN1StreamReader(new BufferedInputStream(socket.getInputStream()), 64 * 1024 * 1024);
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void send(int messageId, ProtocolOp op, Control... controls) throws IOException {
        send(new LDAPMessage(messageId, op, controls).encode().encode());
    }

    /** The next message, or null at end of stream. */
    public LDAPMessage read() throws LDAPException {
        return LDAPMessage.readFrom(in, true);
    }

    /** Whether the server closed the connection (reads until end of stream or an error). */
    public boolean isClosedByServer() {
        try {
            while (true) {
                if (LDAPMessage.readFrom(in, true) == null) {
                    return true;
                }
            }
        } catch (LDAPException e) {
            return !(e.getCause() instanceof SocketTimeoutException);
        }
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
