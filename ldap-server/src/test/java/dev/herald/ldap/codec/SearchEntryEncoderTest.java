package dev.herald.ldap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.message.SearchResultEntryImpl;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.herald.ldap.schema.HeraldSchema;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

/** The direct entry encoder writes exactly the bytes of the Directory API's encoder. */
class SearchEntryEncoderTest {

    private static final SchemaManager SCHEMA = HeraldSchema.shared();
    private final LdapCodec codec = new LdapCodec(SCHEMA);

    private void assertSameBytes(int messageId, Entry entry) throws Exception {
        SearchResultEntryImpl msg = new SearchResultEntryImpl(messageId);
        msg.setEntry(entry);
        byte[] expected = codec.encodeToBytes(msg);
        ByteBuf direct = SearchEntryEncoder.encode(UnpooledByteBufAllocator.DEFAULT, messageId, entry);
        try {
            assertThat(ByteBufUtil.getBytes(direct)).as("message %d, %s", messageId, entry.getDn())
                    .isEqualTo(expected);
        } finally {
            direct.release();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 127, 128, 255, 256, 32767, 32768, 65535, 65536, 8388607, 8388608, Integer.MAX_VALUE})
    void messageIds(int id) throws Exception {
        assertSameBytes(id, new DefaultEntry(SCHEMA, "uid=user7,ou=people,dc=example,dc=com",
                "objectClass: inetOrgPerson", "uid: user7", "cn: User 7 Example", "sn: Example7",
                "mail: user7@example.com"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 127, 128, 200, 255, 256, 1000, 65535, 65536, 70000})
    void lengthsAroundEveryLengthOfLength(int size) throws Exception {
        char[] c = new char[size];
        Arrays.fill(c, 'x');
        String big = new String(c);
        Entry e = new DefaultEntry(SCHEMA, "uid=big,ou=people,dc=example,dc=com", "objectClass: inetOrgPerson",
                "uid: big", "cn: big", "sn: big");
        if (size > 0) {
            e.add("description", big);
        }
        byte[] bin = new byte[size];
        Arrays.fill(bin, (byte) 0xA5);
        e.add("userPassword", bin);
        assertSameBytes(5, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn", "CN", "commonName", "2.5.4.3", "cn;lang-de"})
    void attributeNamesAsGivenNonAsciiValuesAndDns(String name) throws Exception {
        Entry e = new DefaultEntry(SCHEMA, "CN=Jürgen Müller+uid=jm,OU=People,dc=example,dc=com");
        e.add(new DefaultAttribute(name, SCHEMA.getAttributeType("cn"), "Jürgen Müller", "Юрий", "日本語 テキスト"));
        e.add("userPassword", "secret".getBytes(StandardCharsets.UTF_8));
        e.add("objectClass", "top", "person", "inetOrgPerson");
        assertSameBytes(42, e);
    }

    @org.junit.jupiter.api.Test
    void typesOnlyAndEmptyEntries() throws Exception {
        Entry typesOnly = new DefaultEntry(SCHEMA, "uid=a,dc=example,dc=com");
        typesOnly.put(new DefaultAttribute("cn", SCHEMA.getAttributeType("cn")));
        typesOnly.put(new DefaultAttribute("Mail", SCHEMA.getAttributeType("mail")));
        assertSameBytes(9, typesOnly);
        assertSameBytes(10, new DefaultEntry(SCHEMA, "uid=a,dc=example,dc=com"));
        assertSameBytes(11, new DefaultEntry(SCHEMA, ""));
    }
}
