package dev.herald.ldap.codec;

import java.nio.charset.StandardCharsets;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes a SearchResultEntry (RFC 4511 §4.5.2) straight from an entry into one buffer of the
 * exact size, without the Directory API's message object and reverse buffer, which cost more
 * than the rest of writing an entry. The bytes are those {@link LdapCodec#encode} produces for
 * the same entry (DER lengths; the DN as given, attribute descriptions as stored or requested,
 * values in entry order); {@code SearchEntryEncoderTest} compares the two. No controls: search
 * entries carry none here.
 */
public final class SearchEntryEncoder {

    private SearchEntryEncoder() {}

    /** The LDAPMessage {@code messageId, searchResEntry} for {@code entry}. */
    public static ByteBuf encode(ByteBufAllocator alloc, int messageId, Entry entry) {
        byte[] dn = utf8(entry.getDn().getName());
        int n = entry.size();
        byte[][] names = new byte[n][];
        byte[][][] values = new byte[n][][];
        int[] setLength = new int[n];
        int[] attrLength = new int[n];
        int attrsLength = 0;
        int i = 0;
        for (Attribute a : entry) {
            names[i] = utf8(a.getUpId());
            byte[][] vs = new byte[a.size()][];
            int j = 0;
            int set = 0;
            for (Value v : a) {
                vs[j] = v.isHumanReadable() ? utf8(v.getString()) : v.getBytes();
                if (vs[j] == null) {
                    vs[j] = new byte[0];
                }
                set += tlv(vs[j].length);
                j++;
            }
            values[i] = vs;
            setLength[i] = set;
            attrLength[i] = tlv(names[i].length) + tlv(set);
            attrsLength += tlv(attrLength[i]);
            i++;
        }
        int opLength = tlv(dn.length) + tlv(attrsLength);
        int idLength = integerLength(messageId);
        int messageLength = 1 + lengthOfLength(idLength) + idLength + tlv(opLength);
        ByteBuf out = alloc.buffer(tlv(messageLength));
        header(out, 0x30, messageLength);
        header(out, 0x02, idLength);
        for (int k = idLength - 1; k >= 0; k--) {
            out.writeByte(messageId >>> (8 * k));
        }
        header(out, 0x64, opLength);
        octets(out, dn);
        header(out, 0x30, attrsLength);
        for (int k = 0; k < n; k++) {
            header(out, 0x30, attrLength[k]);
            octets(out, names[k]);
            header(out, 0x31, setLength[k]);
            for (byte[] v : values[k]) {
                octets(out, v);
            }
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes of a whole TLV with {@code length} content bytes (one-byte tag). */
    private static int tlv(int length) {
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

    private static void octets(ByteBuf out, byte[] b) {
        header(out, 0x04, b.length);
        out.writeBytes(b);
    }
}
