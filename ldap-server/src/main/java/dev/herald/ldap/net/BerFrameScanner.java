package dev.herald.ldap.net;

import io.netty.buffer.ByteBuf;

/**
 * Checks the BER structure of the next LDAPMessage in a buffer without decoding it and
 * without recursion: the outer SEQUENCE, definite lengths of at most four octets (LDAP forbids
 * the indefinite form, RFC 4511 §5.1), every element lying inside its parent, single-octet
 * tags, a bounded nesting depth of constructed elements, and the LDAPMessage shape: a message
 * ID from 1 to 2^31-1, a request protocolOp tag, optional controls. Only a PDU that passes
 * reaches the Directory API decoder, which in 2.1.8 trusts declared lengths (DIRAPI-437) and
 * recurses on nesting (DIRAPI-438).
 *
 * <p>The scan reads the buffer from its reader index and moves no index. It looks at the outer
 * length as soon as the header has arrived, so an oversized PDU is refused before it is
 * buffered.
 */
public final class BerFrameScanner {

    /** The outcome of scanning the front of a buffer. */
    public sealed interface Result {}

    /** The buffer does not yet hold a whole PDU. */
    public record NeedMore() implements Result {}

    /** A well-formed PDU of {@code length} bytes. */
    public record Frame(int length, int messageId, int opTag) implements Result {}

    /**
     * A well-formed PDU of {@code length} bytes whose nesting exceeds the limit: it is skipped
     * and the operation answered with protocolError; the connection goes on.
     */
    public record TooDeep(int length, int messageId, int opTag) implements Result {}

    /** A PDU whose declared size exceeds the limit: the connection ends. */
    public record TooLarge(long declared, int limit) implements Result {}

    /** Bytes that are not an LDAP request: the connection ends (RFC 4511 §4.1.1). */
    public record Malformed(String reason) implements Result {}

    private static final NeedMore NEED_MORE = new NeedMore();

    private BerFrameScanner() {}

    /** Whether {@code tag} is a protocolOp an LDAP client may send (RFC 4511 §4.2–§4.12). */
    static boolean isRequestTag(int tag) {
        return switch (tag) {
            case 0x60, // BindRequest
                 0x42, // UnbindRequest
                 0x63, // SearchRequest
                 0x66, // ModifyRequest
                 0x68, // AddRequest
                 0x4a, // DelRequest
                 0x6c, // ModifyDNRequest
                 0x6e, // CompareRequest
                 0x50, // AbandonRequest
                 0x77 // ExtendedRequest
                    -> true;
            default -> false;
        };
    }

    public static Result scan(ByteBuf buf, int maxPdu, int maxDepth) {
        int start = buf.readerIndex();
        int avail = buf.readableBytes();
        if (avail < 1) {
            return NEED_MORE;
        }
        if ((buf.getByte(start) & 0xff) != 0x30) {
            return new Malformed("not an LDAPMessage (expected a SEQUENCE)");
        }
        if (avail < 2) {
            return NEED_MORE;
        }
        int first = buf.getByte(start + 1) & 0xff;
        long length;
        int lengthOctets;
        if (first < 0x80) {
            length = first;
            lengthOctets = 1;
        } else {
            int n = first & 0x7f;
            if (n == 0) {
                return new Malformed("indefinite length");
            }
            if (n > 4) {
                return new Malformed("length of " + n + " octets");
            }
            if (avail < 2 + n) {
                return NEED_MORE;
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (buf.getByte(start + 2 + i) & 0xff);
            }
            lengthOctets = 1 + n;
        }
        long total = 1 + lengthOctets + length;
        if (total > maxPdu) {
            return new TooLarge(total, maxPdu);
        }
        if (avail < total) {
            return NEED_MORE;
        }
        return walk(buf, start, (int) total, maxDepth);
    }

    /** Walks every element of a complete PDU with an explicit stack of element ends. */
    private static Result walk(ByteBuf buf, int start, int total, int maxDepth) {
        int end = start + total;
        int[] ends = new int[Math.max(2, maxDepth) + 1];
        int depth = 0;
        int pos = start;
        int topLevelIndex = 0;
        int messageId = -1;
        int opTag = -1;
        boolean tooDeep = false;
        while (pos < end) {
            while (depth > 0 && pos == ends[depth - 1]) {
                depth--;
            }
            if (depth == 0 && pos != start) {
                return new Malformed("bytes after the LDAPMessage");
            }
            int limit = depth == 0 ? end : ends[depth - 1];
            int tag = buf.getByte(pos) & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                return new Malformed("multi-octet tag");
            }
            if (pos + 1 >= limit) {
                return new Malformed("element header runs past its enclosing element");
            }
            int first = buf.getByte(pos + 1) & 0xff;
            long len;
            int headerLength;
            if (first < 0x80) {
                len = first;
                headerLength = 2;
            } else {
                int n = first & 0x7f;
                if (n == 0) {
                    return new Malformed("indefinite length");
                }
                if (n > 4) {
                    return new Malformed("length of " + n + " octets");
                }
                if (pos + 2 + n > limit) {
                    return new Malformed("element header runs past its enclosing element");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (buf.getByte(pos + 2 + i) & 0xff);
                }
                headerLength = 2 + n;
            }
            long contentEnd = (long) pos + headerLength + len;
            if (contentEnd > limit) {
                return new Malformed("element longer than its enclosing element");
            }
            boolean constructed = (tag & 0x20) != 0;
            if (depth == 1) {
                // Children of the LDAPMessage SEQUENCE: messageID, protocolOp, [0] controls.
                switch (topLevelIndex++) {
                    case 0 -> {
                        if (tag != 0x02 || len < 1 || len > 4) {
                            return new Malformed("bad messageID");
                        }
                        long id = 0;
                        for (int i = 0; i < len; i++) {
                            id = (id << 8) | (buf.getByte(pos + headerLength + i) & 0xff);
                        }
                        if ((buf.getByte(pos + headerLength) & 0x80) != 0) {
                            return new Malformed("negative messageID");
                        }
                        if (id == 0) {
                            return new Malformed("messageID 0 is reserved for unsolicited notifications");
                        }
                        messageId = (int) id;
                    }
                    case 1 -> {
                        if (!isRequestTag(tag)) {
                            return new Malformed(String.format("protocolOp tag 0x%02x is not a request", tag));
                        }
                        opTag = tag;
                    }
                    case 2 -> {
                        if (tag != 0xa0) {
                            return new Malformed("unexpected element after protocolOp");
                        }
                    }
                    default -> {
                        return new Malformed("too many elements in LDAPMessage");
                    }
                }
            }
            if (constructed) {
                if (depth >= maxDepth) {
                    // The structure is bounded by the PDU; no need to look further.
                    tooDeep = true;
                    break;
                }
                ends[depth++] = (int) contentEnd;
                pos += headerLength;
            } else {
                pos = (int) contentEnd;
            }
            if (depth == 0 && pos != end) {
                return new Malformed("bytes after the LDAPMessage");
            }
        }
        if (tooDeep) {
            if (messageId < 1 || opTag < 0) {
                return new Malformed("nesting too deep");
            }
            return new TooDeep(total, messageId, opTag);
        }
        if (topLevelIndex < 2) {
            return new Malformed("LDAPMessage without messageID and protocolOp");
        }
        return new Frame(total, messageId, opTag);
    }
}
