package dev.herald.tls.codec;

import dev.herald.tls.TlsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small shared encodings: lists of uint16 and of DistinguishedName. */
final class Codecs {
    private Codecs() {
    }

    /** A uint16 list in a 16-bit length prefix, at least {@code minCount} entries. */
    static List<Integer> readU16List16(TlsReader r, int minCount, String what) throws TlsException {
        TlsReader list = r.sub16();
        if (list.remaining() % 2 != 0 || list.remaining() < 2 * minCount) {
            throw TlsReader.decodeError("bad " + what + " length");
        }
        List<Integer> v = new ArrayList<>(list.remaining() / 2);
        while (list.hasRemaining()) {
            v.add(list.u16());
        }
        return v;
    }

    static void writeU16List16(TlsWriter w, List<Integer> values) {
        int m = w.begin16();
        for (int v : values) {
            w.u16(v);
        }
        w.end(m);
    }

    /** DistinguishedName authorities&lt;min..2^16-1&gt;, each opaque&lt;1..2^16-1&gt;. */
    static List<byte[]> readDistinguishedNames(TlsReader r, boolean nonEmpty) throws TlsException {
        TlsReader list = r.sub16();
        if (nonEmpty && !list.hasRemaining()) {
            throw TlsReader.decodeError("empty certificate_authorities");
        }
        List<byte[]> v = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] dn = list.opaque16();
            if (dn.length == 0) {
                throw TlsReader.decodeError("empty distinguished name");
            }
            v.add(dn);
        }
        return v;
    }

    static void writeDistinguishedNames(TlsWriter w, List<byte[]> names) {
        int m = w.begin16();
        for (byte[] dn : names) {
            w.opaque16(dn);
        }
        w.end(m);
    }

    static boolean equalLists(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
