package dev.herald.ldap.backend.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.junit.jupiter.api.Test;

/**
 * Stored attribute descriptions are found by their bytes (no string per attribute): every
 * spelling keeps its own stored form, the table stays bounded, and descriptions past its bound
 * are still resolved (through the string map).
 */
class EntryCodecDescriptionTest {

    @Test
    void everySpellingResolvesToItsOwnFormBeyondTheTableBound() throws Exception {
        EntryCodec codec = new EntryCodec(TestSchema.get());
        AttributeType description = TestSchema.get().getAttributeType("description");
        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 600; i++) {
                String spelling = caseVariant("description", i);
                EntryCodec.Out out = new EntryCodec.Out(64);
                out.u8(7);
                out.str(spelling);
                out.u8(9);
                byte[] record = out.toByteArray();
                EntryCodec.In in = new EntryCodec.In(record);
                assertThat(in.u8()).isEqualTo(7);
                EntryCodec.Described d = codec.described(in);
                assertThat(d.upId()).isEqualTo(spelling);
                assertThat(d.type().getOid()).isEqualTo(description.getOid());
                assertThat(new String(d.upIdUtf8(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(spelling);
                assertThat(in.u8()).as("reader after the description").isEqualTo(9);
                seen.add(spelling);
            }
        }
        assertThat(seen).hasSize(600);
    }

    @Test
    void rememberedAnswersBelongToTheirPredicate() throws Exception {
        EntryCodec codec = new EntryCodec(TestSchema.get());
        EntryCodec.Described d = codec.described("cn");
        java.util.function.Predicate<AttributeType> yes = t -> true;
        java.util.function.Predicate<AttributeType> no = t -> false;
        int[] asked = {0};
        java.util.function.Predicate<AttributeType> counting = t -> {
            asked[0]++;
            return t.getOid().equals("2.5.4.3");
        };
        for (int i = 0; i < 3; i++) {
            assertThat(d.test(yes)).isTrue();
            assertThat(d.test(no)).isFalse();
            assertThat(d.test(counting)).isTrue();
            assertThat(d.test(counting)).isTrue();
        }
        assertThat(asked[0]).as("asked once per turn, then remembered").isEqualTo(3);
    }

    private static String caseVariant(String s, int bits) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append((bits >> i & 1) != 0 ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }
}
