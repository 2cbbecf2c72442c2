package dev.herald.ldap.backend;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * A {@link StoredEntry} over a whole schema-aware entry, for backends that hold entries as
 * objects (the in-memory backend): values are handed out as {@code Value.getBytes()}, which is
 * what the LDAP encoder writes for them.
 */
public final class EntryCandidate implements StoredEntry {

    /** UTF-8 attribute descriptions; bounded by the schema's types and their few spellings. */
    private static final Map<String, byte[]> UTF8 = new ConcurrentHashMap<>();

    private final Entry entry;

    public EntryCandidate(Entry entry) {
        this.entry = entry;
    }

    @Override
    public String dnName() {
        return entry.getDn().getName();
    }

    @Override
    public Dn dn() {
        return entry.getDn();
    }

    @Override
    public Entry tested() {
        return entry;
    }

    @Override
    public AttributeCursor attributes() {
        Iterator<Attribute> it = entry.iterator();
        return new AttributeCursor() {
            Attribute current;
            Iterator<Value> values;
            byte[] value;

            @Override
            public boolean next() {
                if (!it.hasNext()) {
                    current = null;
                    return false;
                }
                current = it.next();
                values = current.iterator();
                return true;
            }

            @Override
            public AttributeType type() {
                return current.getAttributeType();
            }

            @Override
            public byte[] upIdUtf8() {
                String id = current.getUpId();
                byte[] b = UTF8.get(id);
                if (b == null) {
                    b = id.getBytes(StandardCharsets.UTF_8);
                    if (UTF8.size() < 4096) {
                        UTF8.put(id, b);
                    }
                }
                return b;
            }

            @Override
            public boolean nextValue() {
                if (!values.hasNext()) {
                    return false;
                }
                Value v = values.next();
                value = v.isHumanReadable() ? utf8(v.getString()) : v.getBytes();
                if (value == null) {
                    value = new byte[0];
                }
                return true;
            }

            @Override
            public byte[] valueBuffer() {
                return value;
            }

            @Override
            public int valueOffset() {
                return 0;
            }

            @Override
            public int valueLength() {
                return value.length;
            }
        };
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
