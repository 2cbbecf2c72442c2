package dev.herald.ldap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.message.SearchResultEntryImpl;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;

import dev.herald.ldap.directory.ReturnedEntry;
import dev.herald.ldap.schema.HeraldSchema;

/**
 * The hand-written SearchResultEntry encoder writes exactly the bytes of the Directory API's
 * encoder for the same entry (attributes in the same order): string and binary values, empty
 * attributes (typesOnly), entries without attributes, and lengths in every DER length form
 * (short, one, two and three length bytes), with message IDs of every INTEGER length.
 */
class SearchEntryEncoderTest {

    private static final SchemaManager SCHEMA = HeraldSchema.shared();
    private final LdapCodec codec = new LdapCodec(SCHEMA);
    private final Random random = new Random(4511);

    @Test
    void sameBytesAsTheApiEncoderOverManyEntries() throws Exception {
        int[] ids = {1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0x7FFFFF, 0x800000, Integer.MAX_VALUE};
        for (int i = 0; i < 600; i++) {
            Entry e = randomEntry(i);
            boolean typesOnly = i % 7 == 3;
            check(ids[i % ids.length], typesOnly ? withoutValues(e) : e);
        }
    }

    @Test
    void entryWithoutAttributes() throws Exception {
        check(5, new DefaultEntry(SCHEMA, new Dn(SCHEMA, "dc=example,dc=com")));
        check(5, new DefaultEntry(SCHEMA, Dn.EMPTY_DN));
    }

    @Test
    void longValuesAndLongDn() throws Exception {
        Entry e = new DefaultEntry(SCHEMA, new Dn(SCHEMA, "cn=" + "x".repeat(300) + ",dc=example,dc=com"));
        e.add(SCHEMA.getAttributeType("description"), "d".repeat(70_000));
        e.add(SCHEMA.getAttributeType("userPKCS12"), bytes(66_000));
        e.add(SCHEMA.getAttributeType("cn"), "x".repeat(300), "é".repeat(100));
        check(2, e);
        check(70_000, withoutValues(e));
    }

    private void check(int messageId, Entry entry) throws Exception {
        SearchResultEntryImpl msg = new SearchResultEntryImpl(messageId);
        msg.setEntry(entry);
        byte[] expected = codec.encodeToBytes(msg);
        ByteBuf actual = SearchEntryEncoder.encode(UnpooledByteBufAllocator.DEFAULT, messageId, returned(entry));
        try {
            assertThat(ByteBufUtil.getBytes(actual)).as(entry.getDn().getName() + " #" + messageId).isEqualTo(expected);
            assertThat(actual.capacity()).isEqualTo(expected.length);
        } finally {
            actual.release();
        }
    }

    /** The entry as the directory hands it to the encoder: attributes and values in entry order. */
    static ReturnedEntry returned(Entry entry) {
        ReturnedEntry out = new ReturnedEntry();
        out.reset(entry.getDn().getName());
        for (Attribute a : entry) {
            out.startAttribute(a.getUpId().getBytes(StandardCharsets.UTF_8));
            for (Value v : a) {
                byte[] b = v.isHumanReadable() ? v.getString().getBytes(StandardCharsets.UTF_8) : v.getBytes();
                // place the value inside a larger buffer, as the backend's record buffers do
                byte[] buffer = new byte[b.length + 7];
                System.arraycopy(b, 0, buffer, 3, b.length);
                out.addValue(buffer, 3, b.length);
            }
        }
        return out;
    }

    private static Entry withoutValues(Entry e) throws Exception {
        Entry out = new DefaultEntry(SCHEMA, e.getDn());
        for (Attribute a : e) {
            out.put(new DefaultAttribute(a.getUpId(), a.getAttributeType()));
        }
        return out;
    }

    private Entry randomEntry(int i) throws Exception {
        Entry e = new DefaultEntry(SCHEMA, new Dn(SCHEMA, "uid=user" + i + ",ou=People,dc=example,dc=com"));
        List<String> names = new ArrayList<>(List.of("cn", "sn", "mail", "description", "title", "givenName",
                "objectClass", "userPKCS12", "audio", "CN", "uid", "CN;lang-en"));
        int n = i % 9 == 0 ? 0 : 1 + random.nextInt(6);
        for (int k = 0; k < n && !names.isEmpty(); k++) {
            String name = names.remove(random.nextInt(names.size()));
            String base = name.split(";")[0];
            if (e.containsAttribute(base)) {
                continue;
            }
            var at = SCHEMA.getAttributeType(base);
            int values = 1 + random.nextInt(3);
            DefaultAttribute a = new DefaultAttribute(name, at);
            for (int j = 0; j < values; j++) {
                if (!at.getSyntax().isHumanReadable()) {
                    a.add(bytes(pickLength()));
                } else if (base.equalsIgnoreCase("objectClass")) {
                    a.add(List.of("top", "person", "inetOrgPerson").get(j));
                } else {
                    a.add(base + "-" + j + "-" + "v".repeat(pickLength()));
                }
            }
            e.put(a);
        }
        return e;
    }

    private int pickLength() {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(10);
            case 1 -> 100 + random.nextInt(60);
            case 2 -> 250 + random.nextInt(20);
            case 3 -> 1000 + random.nextInt(2000);
            default -> 65_530 + random.nextInt(20);
        };
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
