package dev.herald.ldap.codec;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import dev.herald.ldap.directory.ReturnedEntry;

/**
 * Encodes a SearchResultEntry LDAPMessage (RFC 4511 §4.2, §4.5.2) from a {@link ReturnedEntry}
 * into one buffer of the exact size: the values' stored bytes are copied straight in, without
 * the Directory API's message object, schema-aware values and reverse buffer. DER lengths
 * (shortest form), no controls: the bytes are those the Directory API's encoder produces for
 * the same entry with its attributes in the same order ({@code SearchEntryEncoderTest}).
 */
public final class SearchEntryEncoder {

    private SearchEntryEncoder() {}

    /** The LDAPMessage {@code messageId, searchResEntry} for {@code entry}. */
    public static ByteBuf encode(ByteBufAllocator alloc, int messageId, ReturnedEntry entry) {
        byte[] dn = entry.dn().getBytes(StandardCharsets.UTF_8);
        int n = entry.size();
        int[] setLength = new int[n];
        int[] attrLength = new int[n];
        int attrsLength = 0;
        for (int k = 0; k < n; k++) {
            int set = 0;
            for (int v = entry.firstValue(k), end = entry.firstValue(k + 1); v < end; v++) {
                set += tlv(entry.valueLength(v));
            }
            setLength[k] = set;
            attrLength[k] = tlv(entry.description(k).length) + tlv(set);
            attrsLength += tlv(attrLength[k]);
        }
        int opLength = tlv(dn.length) + tlv(attrsLength);
        int idLength = integerLength(messageId);
        int messageLength = tlv(idLength) + tlv(opLength);
        ByteBuf out = alloc.buffer(tlv(messageLength));
        header(out, 0x30, messageLength);
        header(out, 0x02, idLength);
        for (int k = idLength - 1; k >= 0; k--) {
            out.writeByte(messageId >>> (8 * k));
        }
        header(out, 0x64, opLength); // [APPLICATION 4], constructed
        octets(out, dn, 0, dn.length);
        header(out, 0x30, attrsLength);
        for (int k = 0; k < n; k++) {
            header(out, 0x30, attrLength[k]);
            byte[] name = entry.description(k);
            octets(out, name, 0, name.length);
            header(out, 0x31, setLength[k]);
            for (int v = entry.firstValue(k), end = entry.firstValue(k + 1); v < end; v++) {
                octets(out, entry.valueBuffer(v), entry.valueOffset(v), entry.valueLength(v));
            }
        }
        return out;
    }

    /** Bytes of a whole TLV with {@code length} content bytes (one-byte tag). */
    static int tlv(int length) {
        return 1 + lengthOfLength(length) + length;
    }

    private static int lengthOfLength(int length) {
        if (length < 0x80) {
            return 1;
        } else if (length < 0x100) {
            return 2;
        } else if (length < 0x10000) {
            return 3;
        } else if (length < 0x1000000) {
            return 4;
        }
        return 5;
    }

    /** Content bytes of a minimal two's-complement INTEGER (message IDs are 0..2^31-1). */
    private static int integerLength(int v) {
        if (v < 0x80) {
            return 1;
        } else if (v < 0x8000) {
            return 2;
        } else if (v < 0x800000) {
            return 3;
        }
        return 4;
    }

    private static void header(ByteBuf out, int tag, int length) {
        out.writeByte(tag);
        int ll = lengthOfLength(length);
        if (ll == 1) {
            out.writeByte(length);
            return;
        }
        out.writeByte(0x80 | (ll - 1));
        for (int k = ll - 2; k >= 0; k--) {
            out.writeByte(length >>> (8 * k));
        }
    }

    private static void octets(ByteBuf out, byte[] b, int offset, int length) {
        header(out, 0x04, length);
        out.writeBytes(b, offset, length);
    }
}
