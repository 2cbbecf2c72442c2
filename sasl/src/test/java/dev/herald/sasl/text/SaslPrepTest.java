package dev.herald.sasl.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4013 §3 examples and the prohibited tables. */
class SaslPrepTest {

    @Test
    void prohibitedOutputIsRefused() {
        assertThat(SaslPrep.query("\u0007")).isEmpty();          // C.2.1 ASCII control (RFC 4013 example 5)
        assertThat(SaslPrep.query("a\u0000b")).isEmpty();        // NUL
        assertThat(SaslPrep.query("a\u0085")).isEmpty();         // C.2.2
        assertThat(SaslPrep.query("a\u2028")).isEmpty();         // C.2.2 line separator
        assertThat(SaslPrep.query("\uE000")).isEmpty();          // C.3 private use
        assertThat(SaslPrep.query("a\uFDD0")).isEmpty();         // C.4 non-character
        assertThat(SaslPrep.query("a\uD800")).isEmpty();         // C.5 lone surrogate
        assertThat(SaslPrep.query("a\uFFFD")).isEmpty();         // C.6
        assertThat(SaslPrep.query("a\u2FF0")).isEmpty();         // C.7
        assertThat(SaslPrep.query("a\u202Eb")).isEmpty();        // C.8 bidi override
        assertThat(SaslPrep.query("a\uDB40\uDC01")).isEmpty();   // C.9 tag U+E0001
    }

    @Test
    void bidiRulesAreEnforced() {
        assertThat(SaslPrep.query("\u0627\u0031")).isEmpty();    // RFC 4013 example 7: RandALCat first, not last
        assertThat(SaslPrep.query("\u0627a\u0628")).isEmpty();   // RandALCat with LCat
        assertThat(SaslPrep.query("\u0627\u0031\u0628")).contains("\u0627\u0031\u0628");
    }

    @Test
    void mappingAndNormalisation() {
        assertThat(SaslPrep.query("I\u00ADX")).contains("IX");   // RFC 4013 example 1: soft hyphen mapped to nothing
        assertThat(SaslPrep.query("user")).contains("user");     // example 2
        assertThat(SaslPrep.query("USER")).contains("USER");     // example 3: case preserved
        assertThat(SaslPrep.query("\u00AA")).contains("a");      // example 4: NFKC
        assertThat(SaslPrep.query("\u2168")).contains("IX");     // example 6
        assertThat(SaslPrep.query("a\u00A0b")).contains("a b");  // C.1.2 mapped to SPACE
    }

    @Test
    void storedStringsRefuseUnassignedCodePoints() {
        assertThat(SaslPrep.query("a\u0378")).contains("a\u0378");
        assertThat(SaslPrep.stored("a\u0378")).isEmpty();
    }
}
