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
    void theSameDecodedFilterIsNormalisedOncePerThread() throws Exception {
        ExprNode raw = new EqualityNode<String>("uid", "Bob".getBytes(StandardCharsets.UTF_8));
        ExprNode first = normalizer.normalize(raw);
        assertThat(normalizer.normalize(raw)).isSameAs(first);
        ExprNode equal = new EqualityNode<String>("uid", "Bob".getBytes(StandardCharsets.UTF_8));
        ExprNode other = normalizer.normalize(equal);
        assertThat(other).as("remembered by identity only").isNotSameAs(first);
        assertThat(((EqualityNode<?>) other).getValue()).isEqualTo(((EqualityNode<?>) first).getValue());
        ExprNode[] onOtherThread = new ExprNode[1];
        Thread t = new Thread(() -> {
            try {
                onOtherThread[0] = normalizer.normalize(raw);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        t.join();
        assertThat(onOtherThread[0]).isNotSameAs(first);
        assertThat(((EqualityNode<?>) onOtherThread[0]).getValue().getNormalized())
                .isEqualTo(((EqualityNode<?>) first).getValue().getNormalized());
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
