package dev.herald.it.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few LDAP messages the load generator sends, encoded by hand (BER, RFC 4511 §4), and a
 * reader that frames responses and picks out what the generator checks (message type and result
 * code). Hand-made so that the client spends as little CPU as possible per operation: the
 * measurement is the server's CPU, but one client core has to keep a server core busy.
 */
final class Ber {

    static final int BIND_RESPONSE = 0x61;
    static final int SEARCH_ENTRY = 0x64;
    static final int SEARCH_DONE = 0x65;
    static final int EXTENDED_RESPONSE = 0x78;

    private Ber() {}

    /** StartTLS extended request (RFC 4511 §4.14.1). */
    static byte[] startTls(int messageId) {
        return message(messageId, tlv(0x77, tlv(0x80, ascii("1.3.6.1.4.1.1466.20037"))));
    }

    /**
     * SASL EXTERNAL bind with empty credentials: the implicit assertion in one round trip (RFC
     * 4422 appendix A; what ldapwhoami -Y EXTERNAL sends). Absent credentials would cost slapd
     * (Cyrus SASL) a second round trip: it answers saslBindInProgress with an empty challenge.
     */
    static byte[] externalBind(int messageId) {
        return message(messageId, tlv(0x60, concat(tlv(0x02, new byte[] {3}), tlv(0x04, new byte[0]),
                tlv(0xA3, concat(tlv(0x04, ascii("EXTERNAL")), tlv(0x04, new byte[0]))))));
    }

    /** A subtree search with an equality filter, asking for the given attributes. */
    static byte[] search(int messageId, String base, String attribute, String value, String... attributes) {
        byte[][] attrs = new byte[attributes.length][];
        for (int i = 0; i < attributes.length; i++) {
            attrs[i] = tlv(0x04, utf8(attributes[i]));
        }
        byte[] body = concat(tlv(0x04, utf8(base)), tlv(0x0A, new byte[] {2}), tlv(0x0A, new byte[] {0}),
                tlv(0x02, new byte[] {0}), tlv(0x02, new byte[] {0}), tlv(0x01, new byte[] {0}),
                tlv(0xA3, concat(tlv(0x04, utf8(attribute)), tlv(0x04, utf8(value)))), tlv(0x30, concat(attrs)));
        return message(messageId, tlv(0x63, body));
    }

    /** A search with {@code (&(a1=v1)(a2=v2))}, otherwise as {@link #search}. */
    static byte[] searchAnd(int messageId, String base, String a1, String v1, String a2, String v2,
            String... attributes) {
        byte[][] attrs = new byte[attributes.length][];
        for (int i = 0; i < attributes.length; i++) {
            attrs[i] = tlv(0x04, utf8(attributes[i]));
        }
        byte[] filter = tlv(0xA0, concat(tlv(0xA3, concat(tlv(0x04, utf8(a1)), tlv(0x04, utf8(v1)))),
                tlv(0xA3, concat(tlv(0x04, utf8(a2)), tlv(0x04, utf8(v2))))));
        byte[] body = concat(tlv(0x04, utf8(base)), tlv(0x0A, new byte[] {2}), tlv(0x0A, new byte[] {0}),
                tlv(0x02, new byte[] {0}), tlv(0x02, new byte[] {0}), tlv(0x01, new byte[] {0}), filter,
                tlv(0x30, concat(attrs)));
        return message(messageId, tlv(0x63, body));
    }

    static byte[] unbind(int messageId) {
        return message(messageId, new byte[] {0x42, 0x00});
    }

    private static byte[] message(int messageId, byte[] op) {
        return tlv(0x30, concat(tlv(0x02, integer(messageId)), op));
    }

    private static byte[] integer(int v) {
        if (v < 0x80) {
            return new byte[] {(byte) v};
        }
        if (v < 0x8000) {
            return new byte[] {(byte) (v >> 8), (byte) v};
        }
        if (v < 0x800000) {
            return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
        }
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x84);
            out.write(n >>> 24);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One response: its protocolOp tag, message ID, and result code (-1 for a search entry). */
    record Response(int messageId, int type, int resultCode) {}

    /** Reads LDAPMessages from a stream, reusing one buffer. Not thread-safe. */
    static final class Reader {
        private final InputStream in;
        private byte[] buf = new byte[4096];

        Reader(InputStream in) {
            this.in = in;
        }

        Response next() throws IOException {
            int tag = read();
            if (tag != 0x30) {
                throw new IOException("not an LDAPMessage: tag 0x" + Integer.toHexString(tag));
            }
            int len = length();
            if (len > buf.length) {
                buf = new byte[Math.max(len, buf.length * 2)];
            }
            readFully(buf, len);
            int p = 0;
            if (buf[p++] != 0x02) {
                throw new IOException("no message ID");
            }
            int idLen = buf[p++];
            int id = 0;
            for (int i = 0; i < idLen; i++) {
                id = id << 8 | buf[p++] & 0xFF;
            }
            int type = buf[p++] & 0xFF;
            // the op's own length, then (for results) the ENUMERATED resultCode
            int l = buf[p++] & 0xFF;
            if (l >= 0x80) {
                p += l & 0x7F;
            }
            if (type == SEARCH_ENTRY) {
                return new Response(id, type, -1);
            }
            if (buf[p] != 0x0A || buf[p + 1] != 1) {
                throw new IOException("no result code in a response of type 0x" + Integer.toHexString(type));
            }
            return new Response(id, type, buf[p + 2] & 0xFF);
        }

        private int length() throws IOException {
            int b = read();
            if (b < 0x80) {
                return b;
            }
            int n = b & 0x7F;
            if (n == 0 || n > 4) {
                throw new IOException("bad length");
            }
            int len = 0;
            for (int i = 0; i < n; i++) {
                len = len << 8 | read();
            }
            return len;
        }

        private int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            return b;
        }

        private void readFully(byte[] b, int len) throws IOException {
            int off = 0;
            while (off < len) {
                int n = in.read(b, off, len - off);
                if (n < 0) {
                    throw new EOFException("connection closed by the server");
                }
                off += n;
            }
        }
    }
}
