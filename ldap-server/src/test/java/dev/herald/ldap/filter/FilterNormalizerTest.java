package dev.herald.ldap.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.junit.jupiter.api.Test;

import dev.herald.ldap.schema.HeraldSchema;

/** objectClass assertion values, as the decoder gives them (bytes) or as text, normalise alike and once. */
class FilterNormalizerTest {

    private final FilterNormalizer normalizer = new FilterNormalizer(HeraldSchema.shared());

    private Value normalised(Object raw) throws Exception {
        EqualityNode<?> node = raw instanceof byte[] b ? new EqualityNode<String>("objectClass", b)
                : new EqualityNode<String>("objectClass", (String) raw);
        return ((EqualityNode<?>) normalizer.normalize(node)).getValue();
    }

    @Test
    void bytesAndTextGiveTheSameRememberedValue() throws Exception {
        Value fromBytes = normalised("inetOrgPerson".getBytes(StandardCharsets.UTF_8));
        Value again = normalised("inetOrgPerson".getBytes(StandardCharsets.UTF_8));
        Value fromText = normalised("inetOrgPerson");
        assertThat(again).isSameAs(fromBytes);
        assertThat(fromText).isSameAs(fromBytes);
        assertThat(fromBytes.getNormalized()).isEqualTo(normalised("INETORGPERSON").getNormalized());
        assertThat(fromBytes.getString()).isEqualTo("inetOrgPerson");
    }

    @Test
    void otherTypesAreNotRemembered() throws Exception {
        ExprNode a = normalizer.normalize(new EqualityNode<String>("uid", "bob".getBytes(StandardCharsets.UTF_8)));
        ExprNode b = normalizer.normalize(new EqualityNode<String>("uid", "bob".getBytes(StandardCharsets.UTF_8)));
        assertThat(((EqualityNode<?>) a).getValue()).isNotSameAs(((EqualityNode<?>) b).getValue())
                .isEqualTo(((EqualityNode<?>) b).getValue());
    }

    @Test
    void attributeDescriptionsAreRememberedWithinABound() throws Exception {
        EqualityNode<?> upper = (EqualityNode<?>) normalizer.normalize(new EqualityNode<String>("UID", "x"));
        EqualityNode<?> withOption = (EqualityNode<?>) normalizer.normalize(new EqualityNode<String>("uid;x-o", "x"));
        assertThat(upper.getAttributeType().getOid()).isEqualTo("0.9.2342.19200300.100.1.1");
        assertThat(withOption.getAttributeType()).isSameAs(upper.getAttributeType());
        for (int i = 0; i < 1100; i++) {
            normalizer.normalize(new EqualityNode<String>("cn;x-" + i, "x"));
            assertThat(normalizer.rememberedTypes()).isLessThanOrEqualTo(1024);
        }
        assertThat(normalizer.normalize(new EqualityNode<String>("noSuchType", "x")))
                .isInstanceOf(org.apache.directory.api.ldap.model.filter.UndefinedNode.class);
    }
}
