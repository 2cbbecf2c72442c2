package dev.herald.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * A bare LDAP connection for protocol tests: writes arbitrary bytes or single messages, reads
 * one message at a time without reading ahead (so the TLS handshake bytes that follow a
 * StartTLS response stay in the socket), and can put TLS on the same socket afterwards.
 */
public final class RawLdap implements AutoCloseable {

    public static final String START_TLS = "1.3.6.1.4.1.1466.20037";

    private final Socket plain;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public RawLdap(int port) throws IOException {
        plain = new Socket("127.0.0.1", port);
        plain.setSoTimeout(20_000);
        plain.setTcpNoDelay(true);
        socket = plain;
        in = plain.getInputStream();
        out = plain.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public static byte[] encode(int messageId, ProtocolOp op, Control... controls) {
        return new LDAPMessage(messageId, op, controls).encode().encode();
    }

    public static byte[] startTls(int messageId) {
        return encode(messageId, new ExtendedRequestProtocolOp(START_TLS, null));
    }

    public void send(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        // One write, so the parts travel in one TCP segment (TCP_NODELAY, loopback).
        out.write(all.toByteArray());
        out.flush();
    }

    public void send(int messageId, ProtocolOp op, Control... controls) throws IOException {
        send(encode(messageId, op, controls));
    }

    /** The next message (read exactly, nothing beyond it), or null at end of stream. */
    public LDAPMessage read() throws IOException, LDAPException {
        byte[] element = readElement(in);
        if (element == null) {
            return null;
        }
        return LDAPMessage.readFrom(new ASN1StreamReader(new java.io.ByteArrayInputStream(element)), true);
    }

    /** Whether the server closed the connection (reads until end of stream, reset or an error). */
    public boolean isClosedByServer() {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Puts TLS on this socket (after a successful StartTLS response) and completes the handshake. */
    public void upgrade(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        tls.setUseClientMode(true);
        tls.setSoTimeout(20_000);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
    }

    /** One BER element (tag, definite length, content) read byte by byte; null at end of stream. */
    static byte[] readElement(InputStream in) throws IOException {
        int tag = in.read();
        if (tag < 0) {
            return null;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(tag);
        int first = next(in);
        b.write(first);
        int length = first;
        if ((first & 0x80) != 0) {
            int n = first & 0x7f;
            length = 0;
            for (int i = 0; i < n; i++) {
                int x = next(in);
                b.write(x);
                length = (length << 8) | x;
            }
        }
        byte[] content = in.readNBytes(length);
        if (content.length < length) {
            throw new EOFException("truncated LDAP message");
        }
        b.writeBytes(content);
        return b.toByteArray();
    }

    private static int next(InputStream in) throws IOException {
        int x = in.read();
        if (x < 0) {
            throw new EOFException("truncated LDAP message");
        }
        return x;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        plain.close();
    }
}
