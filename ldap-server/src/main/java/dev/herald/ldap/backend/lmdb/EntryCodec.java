package dev.herald.ldap.backend.lmdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * The stored form of an entry's attributes (the DN is not stored here: it follows from the
 * dn2id tree, so a subtree move rewrites one record, as in back-mdb).
 *
 * <p>Layout, version {@value #VERSION}: {@code version:u8, attrCount:varint}, then per attribute
 * {@code upId:str, valueCount:varint} and per value a kind byte and its bytes:
 * {@code 0} string whose normalised form equals it ({@code up:str}); {@code 1} string with a
 * different normalised form ({@code up:str, norm:str}); {@code 2} string without a normalised
 * form ({@code up:str}); {@code 3} binary ({@code bytes:bin}). {@code str} and {@code bin} are a
 * varint length and the bytes (UTF-8 for strings). Keeping the normalised form makes decoding
 * skip the normalisers, which dominate the cost of building schema-aware values.
 */
public final class EntryCodec {
    /** Version byte written first; a record with another version is refused. */
    public static final int VERSION = 1;

    private static final int K_SAME = 0, K_NORM = 1, K_NONORM = 2, K_BINARY = 3;

    private final SchemaManager schemaManager;
    private final Map<String, AttributeType> types = new ConcurrentHashMap<>();

    public EntryCodec(SchemaManager schemaManager) {
        this.schemaManager = schemaManager;
    }

    /** Encodes the attributes of a schema-aware entry. */
    public byte[] encode(Entry entry) {
        Out out = OUT.get();
        out.n = 0;
        out.u8(VERSION);
        out.varint(entry.size());
        for (Attribute a : entry) {
            out.str(a.getUpId());
            out.varint(a.size());
            for (Value v : a) {
                if (!v.isHumanReadable()) {
                    out.u8(K_BINARY);
                    out.bin(v.getBytes());
                    continue;
                }
                String up = v.getString();
                String norm = v.getNormalized();
                if (norm == null) {
                    out.u8(K_NONORM);
                    out.str(up);
                } else if (norm.equals(up)) {
                    out.u8(K_SAME);
                    out.str(up);
                } else {
                    out.u8(K_NORM);
                    out.str(up);
                    out.str(norm);
                }
            }
        }
        byte[] record = out.toByteArray();
        if (out.buf.length > 1 << 16) {
            OUT.remove(); // do not keep a large entry's buffer
        }
        return record;
    }

    /** One output buffer per thread, reused (records are copied out of it). */
    private static final ThreadLocal<Out> OUT = ThreadLocal.withInitial(() -> new Out(1024));

    /** Decodes a record read from LMDB (the buffer is only valid inside its transaction). */
    public Entry decode(ByteBuffer record, Dn dn) throws LdapException {
        return decode(record, dn, null);
    }

    /**
     * Decodes a record read from LMDB, keeping only the attributes {@code wanted} accepts
     * (null: all); the others are skipped without building their values, the bulk of the
     * decoding cost.
     */
    public Entry decode(ByteBuffer record, Dn dn, Predicate<AttributeType> wanted) throws LdapException {
        byte[] b = new byte[record.remaining()];
        record.get(record.position(), b);
        return decode(b, dn, wanted);
    }

    /** Decodes a record into a schema-aware entry named {@code dn}. */
    public Entry decode(byte[] b, Dn dn) throws LdapException {
        return decode(b, dn, null);
    }

    private Entry decode(byte[] b, Dn dn, Predicate<AttributeType> wanted) throws LdapException {
        try {
            return decode0(b, dn, wanted);
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            throw new LdapOtherException("stored entry " + dn + " is corrupt: " + e.getMessage(), e);
        }
    }

    private Entry decode0(byte[] b, Dn dn, Predicate<AttributeType> wanted) throws LdapException {
        Entry entry = new DefaultEntry(schemaManager, dn);
        decodeInto(new In(b), entry, wanted, dn);
        return entry;
    }

    /**
     * Decodes the attributes {@code wanted} accepts (null: all) from a record into {@code entry}
     * ({@code name} only names the entry in errors).
     */
    void decodeInto(In in, Entry entry, Predicate<AttributeType> wanted, Object name) throws LdapException {
        int version = in.u8();
        if (version != VERSION) {
            throw new LdapOtherException("stored entry " + name + " has record version " + version
                    + ", this Herald reads version " + VERSION);
        }
        int attrs = in.varint();
        for (int i = 0; i < attrs; i++) {
            Described d = described(in);
            String upId = d.upId();
            AttributeType at = d.type();
            int n = in.varint();
            if (wanted != null && !d.test(wanted)) {
                skipValues(in, n, name);
                continue;
            }
            Value[] values = new Value[n];
            for (int j = 0; j < n; j++) {
                int kind = in.u8();
                switch (kind) {
                    case K_SAME -> {
                        String up = in.str();
                        values[j] = new Value(at, up, up);
                    }
                    case K_NORM -> {
                        String up = in.str();
                        values[j] = new Value(at, up, in.str());
                    }
                    case K_NONORM -> values[j] = new Value(at, in.str());
                    case K_BINARY -> values[j] = new Value(at, in.bin());
                    default -> throw new LdapOtherException("stored entry " + name + " is corrupt (value kind " + kind + ")");
                }
            }
            entry.put(new DefaultAttribute(upId, at, values));
        }
    }

    /**
     * Decodes the attributes {@code wanted} accepts from the first {@code length} bytes of
     * {@code record} into {@code entry}.
     */
    void decodeInto(byte[] record, int length, Entry entry, Predicate<AttributeType> wanted, Object name)
            throws LdapException {
        try {
            decodeInto(new In(record, length), entry, wanted, name);
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            throw new LdapOtherException("stored entry " + name + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Reads past {@code n} values of the layout above. */
    private static void skipValues(In in, int n, Object dn) throws LdapException {
        for (int j = 0; j < n; j++) {
            int kind = in.u8();
            switch (kind) {
                case K_SAME, K_NONORM, K_BINARY -> in.skip();
                case K_NORM -> {
                    in.skip();
                    in.skip();
                }
                default -> throw new LdapOtherException("stored entry " + dn + " is corrupt (value kind " + kind + ")");
            }
        }
    }

    /**
     * A stored attribute description resolved: its type and the description as the Directory
     * API's {@code DefaultAttribute.getUpId()} gives it (what a response carries), as UTF-8.
     */
    static final class Described {
        private final String upId;
        private final AttributeType type;
        private final byte[] upIdUtf8;
        /** The last predicate asked about this type and its answer (one field: read and written whole). */
        private volatile Answer last;

        Described(String upId, AttributeType type, byte[] upIdUtf8) {
            this.upId = upId;
            this.type = type;
            this.upIdUtf8 = upIdUtf8;
        }

        String upId() {
            return upId;
        }

        AttributeType type() {
            return type;
        }

        byte[] upIdUtf8() {
            return upIdUtf8;
        }

        /**
         * {@code p.test(type())}, remembered for the last predicate asked: searches of one shape
         * share one projection ({@code EntryProjection.Cache}) and one selection, so the same
         * predicate asks about the same few types again and again. Predicates must answer by
         * the type alone (the same answer every time).
         */
        boolean test(Predicate<AttributeType> p) {
            Answer a = last;
            if (a != null && a.predicate == p) {
                return a.answer;
            }
            boolean answer = p.test(type);
            last = new Answer(p, answer);
            return answer;
        }
    }

    private record Answer(Predicate<AttributeType> predicate, boolean answer) {}

    /** Per stored description; bounded by the schema's types and the spellings stored. */
    private final Map<String, Described> described = new ConcurrentHashMap<>();

    Described described(String upId) throws LdapException {
        Described d = described.get(upId);
        if (d == null) {
            AttributeType at = type(upId);
            d = new Described(upId, at, new DefaultAttribute(upId, at).getUpId().getBytes(StandardCharsets.UTF_8));
            if (described.size() < 4096) {
                described.put(upId, d);
            }
        }
        return d;
    }

    /**
     * The description at the reader's position ({@code str}), found by its stored bytes without
     * decoding a string: records repeat the same few descriptions. An open-addressing table,
     * copied on write (rare: once per description), read without locks; bounded.
     */
    Described described(In in) throws LdapException {
        int len = in.varint();
        in.check(len);
        byte[] b = in.b;
        int off = in.p;
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        Slot[] t = slots;
        int mask = t.length - 1;
        for (int i = h & mask;; i = (i + 1) & mask) {
            Slot slot = t[i];
            if (slot == null) {
                break;
            }
            if (slot.hash == h && same(slot.key, b, off, len)) {
                in.p += len;
                return slot.described;
            }
        }
        String upId = new String(b, off, len, StandardCharsets.UTF_8);
        in.p += len;
        Described d = described(upId);
        remember(Arrays.copyOfRange(b, off, off + len), h, d);
        return d;
    }

    /** Whether {@code key} equals {@code len} bytes of {@code b} from {@code off} (short keys: a plain loop). */
    private static boolean same(byte[] key, byte[] b, int off, int len) {
        if (key.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (key[i] != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    private record Slot(byte[] key, int hash, Described described) {}

    private static final int SLOTS = 512;
    private volatile Slot[] slots = new Slot[SLOTS];
    private int slotsUsed;

    private synchronized void remember(byte[] key, int h, Described d) {
        if (slotsUsed >= SLOTS / 2) {
            return; // full enough: further descriptions go through the string map
        }
        Slot[] t = slots.clone();
        int mask = t.length - 1;
        for (int i = h & mask;; i = (i + 1) & mask) {
            if (t[i] == null) {
                t[i] = new Slot(key, h, d);
                break;
            }
            if (t[i].hash == h && Arrays.equals(t[i].key, key)) {
                return;
            }
        }
        slotsUsed++;
        slots = t;
    }

    /**
     * Walks one record's attributes and hands out each value's user-provided bytes in place,
     * without building values. Reusable: {@link #reset} for the next record.
     */
    final class RecordCursor implements dev.herald.ldap.backend.StoredEntry.AttributeCursor {
        private final In in = new In(new byte[0]);
        private Object name;
        private int attrsLeft;
        private int valuesLeft;
        private Described current;
        private int off;
        private int len;

        /** Starts at the first {@code length} bytes of {@code record} ({@code name} for errors). */
        RecordCursor reset(byte[] record, int length, Object name) throws LdapException {
            this.name = name;
            in.reset(record, length);
            valuesLeft = 0;
            current = null;
            try {
                int version = in.u8();
                if (version != VERSION) {
                    throw new LdapOtherException("stored entry " + name + " has record version " + version
                            + ", this Herald reads version " + VERSION);
                }
                attrsLeft = in.varint();
            } catch (IllegalStateException e) {
                throw corrupt(e);
            }
            return this;
        }

        @Override
        public boolean next() throws LdapException {
            try {
                if (valuesLeft > 0) {
                    skipValues(in, valuesLeft, name);
                    valuesLeft = 0;
                }
                if (attrsLeft == 0) {
                    current = null;
                    return false;
                }
                attrsLeft--;
                current = described(in);
                valuesLeft = in.varint();
                return true;
            } catch (IllegalStateException e) {
                throw corrupt(e);
            }
        }

        @Override
        public AttributeType type() {
            return current.type();
        }

        @Override
        public byte[] upIdUtf8() {
            return current.upIdUtf8();
        }

        @Override
        public boolean typeIs(Predicate<AttributeType> p) {
            return current.test(p);
        }

        @Override
        public boolean nextValue() throws LdapException {
            if (valuesLeft == 0) {
                return false;
            }
            valuesLeft--;
            try {
                int kind = in.u8();
                len = in.varint();
                in.check(len);
                off = in.p;
                in.p += len;
                switch (kind) {
                    case K_SAME, K_NONORM, K_BINARY -> { }
                    case K_NORM -> in.skip();
                    default -> throw new LdapOtherException("stored entry " + name + " is corrupt (value kind " + kind + ")");
                }
                return true;
            } catch (IllegalStateException e) {
                throw corrupt(e);
            }
        }

        @Override
        public byte[] valueBuffer() {
            return in.b;
        }

        @Override
        public int valueOffset() {
            return off;
        }

        @Override
        public int valueLength() {
            return len;
        }

        private LdapException corrupt(IllegalStateException e) {
            return new LdapOtherException("stored entry " + name + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Resolves an attribute description (name or OID, options stripped) once per name. */
    AttributeType type(String upId) throws LdapException {
        AttributeType at = types.get(upId);
        if (at == null) {
            int semi = upId.indexOf(';');
            String base = (semi < 0 ? upId : upId.substring(0, semi)).toLowerCase(Locale.ROOT);
            at = schemaManager.lookupAttributeTypeRegistry(base);
            types.put(upId, at);
        }
        return at;
    }

    /** A growable output buffer. */
    static final class Out {
        private byte[] buf;
        private int n;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        void u8(int v) {
            ensure(1);
            buf[n++] = (byte) v;
        }

        void varint(int v) {
            ensure(5);
            while ((v & ~0x7F) != 0) {
                buf[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[n++] = (byte) v;
        }

        void bin(byte[] b) {
            varint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        void str(String s) {
            int len = s.length();
            if (len < 128) {
                // ASCII, the usual case, straight into the buffer (a one-byte length, no array)
                ensure(1 + len);
                int start = n + 1;
                for (int i = 0; i < len; i++) {
                    char c = s.charAt(i);
                    if (c >= 0x80) {
                        bin(s.getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    buf[start + i] = (byte) c;
                }
                buf[n] = (byte) len;
                n = start + len;
                return;
            }
            bin(s.getBytes(StandardCharsets.UTF_8)); // intrinsic; fast for Latin-1 and UTF-16 strings
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, n);
        }
    }

    /** A bounds-checked reader over one record. */
    static final class In {
        private byte[] b;
        private int p;
        private int end;

        In(byte[] b) {
            this(b, b.length);
        }

        In(byte[] b, int end) {
            reset(b, end);
        }

        void reset(byte[] b, int end) {
            this.b = b;
            this.end = end;
            this.p = 0;
        }

        int u8() {
            if (p >= end) {
                throw new IllegalStateException("record truncated");
            }
            return b[p++] & 0xFF;
        }

        int varint() {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int x = u8();
                v |= (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    if (v < 0) {
                        break;
                    }
                    return v;
                }
            }
            throw new IllegalStateException("bad varint in record");
        }

        String str() {
            int len = varint();
            check(len);
            String s = new String(b, p, len, StandardCharsets.UTF_8);
            p += len;
            return s;
        }

        /** Reads past one {@code str} or {@code bin}. */
        void skip() {
            int len = varint();
            check(len);
            p += len;
        }

        byte[] bin() {
            int len = varint();
            check(len);
            byte[] out = Arrays.copyOfRange(b, p, p + len);
            p += len;
            return out;
        }

        private void check(int len) {
            if (len < 0 || len > end - p) {
                throw new IllegalStateException("record truncated");
            }
        }
    }
}
