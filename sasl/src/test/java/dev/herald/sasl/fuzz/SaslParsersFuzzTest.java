package dev.herald.sasl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.sasl.authz.AuthzId;
import dev.herald.sasl.authz.AuthzPattern;
import dev.herald.sasl.authz.MalformedAuthzIdException;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.Filter;
import dev.herald.sasl.syntax.SyntaxException;
import dev.herald.sasl.syntax.Utf8Strict;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for every parser that reads client or directory text: authzIds (client), DNs,
 * filters and authzTo values (directory). Each may only succeed or throw its own checked
 * exception, and what it accepts must survive a render / parse round trip unchanged.
 * {@code JAZZER_FUZZ=1 mvn test} fuzzes; plain {@code mvn test} replays the corpus in
 * src/test/resources.
 */
class SaslParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void authzId(byte[] data) throws SyntaxException {
        AuthzId id;
        try {
            id = AuthzId.parse(data);
        } catch (MalformedAuthzIdException e) {
            return;
        }
        if (id instanceof AuthzId.DnAuthzId) {
            Dn dn = ((AuthzId.DnAuthzId) id).dn();
            assertThat(Dn.parse(dn.toString())).isEqualTo(dn);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void dn(byte[] data) throws SyntaxException {
        String text = new String(data, StandardCharsets.UTF_8);
        Dn dn;
        try {
            dn = Dn.parse(text);
        } catch (SyntaxException e) {
            return;
        }
        Dn again = Dn.parse(dn.toString());
        assertThat(again).isEqualTo(dn);
        assertThat(again.toString()).isEqualTo(dn.toString());
        assertThat(again.size()).isEqualTo(dn.size());
    }

    @FuzzTest(maxDuration = "30s")
    void filter(byte[] data) throws SyntaxException {
        String text = new String(data, StandardCharsets.UTF_8);
        Filter f;
        try {
            f = Filter.parse(text);
        } catch (SyntaxException e) {
            return;
        }
        assertThat(Filter.parse(f.toString())).isEqualTo(f);
    }

    @FuzzTest(maxDuration = "30s")
    void escapedValuesStayOneValue(byte[] data) throws SyntaxException {
        String value = Utf8Strict.decode(data).orElse(null);
        if (value == null) {
            return;
        }
        Dn dn = Dn.parse("uid=" + Dn.escapeValue(value) + ",dc=example");
        assertThat(dn.size()).isEqualTo(2);
        assertThat(dn.rdns().get(0).avas()).hasSize(1);
        assertThat(dn.rdns().get(0).avas().get(0).value()).isEqualTo(value);
        Filter f = Filter.parse(Filter.equality("uid", value).toString());
        assertThat(f).isEqualTo(Filter.equality("uid", value));
    }

    @FuzzTest(maxDuration = "30s")
    void authzPattern(byte[] data) {
        try {
            AuthzPattern.parse(new String(data, StandardCharsets.UTF_8));
        } catch (SyntaxException e) {
            // refused is fine
        }
    }
}
