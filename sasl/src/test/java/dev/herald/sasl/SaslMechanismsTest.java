package dev.herald.sasl;

import dev.herald.sasl.authz.AuthorizationPolicy;
import dev.herald.sasl.external.ExternalMechanism;
import dev.herald.sasl.support.FakeDirectory;
import dev.herald.sasl.support.TestPki;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaslMechanismsTest {

    private static SaslMechanism named(String name) {
        return new SaslMechanism() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SaslSession newSession(SaslContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void invalidAndDuplicateNamesAreRefused() {
        assertThatThrownBy(() -> SaslMechanisms.of(named("external"))).hasMessageContaining("RFC 4422");
        assertThatThrownBy(() -> SaslMechanisms.of(named("A".repeat(21)))).hasMessageContaining("RFC 4422");
        assertThatThrownBy(() -> SaslMechanisms.of(named("")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaslMechanisms.of(new ExternalMechanism(), new ExternalMechanism()))
                .hasMessageContaining("twice");
    }

    @Test
    void lookupIsCaseInsensitiveButAsciiOnly() {
        SaslMechanisms m = SaslMechanisms.of(new ExternalMechanism(), named("SCRAM-SHA-256"));
        assertThat(m.find("EXTERNAL")).isPresent();
        assertThat(m.find("external")).isPresent();
        assertThat(m.find("scram-sha-256")).isPresent();
        assertThat(m.find("EXTERNA\u0131")).isEmpty();   // dotless i would upper-case to I
        assertThat(m.find("PLAIN")).isEmpty();
        assertThat(m.find(null)).isEmpty();
        assertThat(m.find("EXTERNAL ")).isEmpty();
        assertThat(m.names()).containsExactly("EXTERNAL", "SCRAM-SHA-256");
    }

    @Test
    void externalIsAdvertisedOnlyWithAVerifiedChain() {
        FakeDirectory dir = new FakeDirectory();
        SaslServices services = SaslServices.create(dir, List.of(), AuthorizationPolicy.denyAll(), Optional.empty());
        SaslMechanisms m = SaslMechanisms.of(new ExternalMechanism(), named("PLAIN"));
        assertThat(m.advertised(SaslContext.withoutCertificate(services))).containsExactly("PLAIN");
        assertThat(m.advertised(new SaslContext(Optional.of(List.of()), services))).containsExactly("PLAIN");
        TestPki.Ca ca = TestPki.ca("CN=CA");
        assertThat(m.advertised(new SaslContext(Optional.of(ca.chain(ca.leaf("CN=a"))), services)))
                .containsExactly("EXTERNAL", "PLAIN");
    }

    @Test
    void failureResultCodes() {
        assertThat(SaslFailure.OPERATIONS_ERROR.ldapResultCode()).isEqualTo(1);
        assertThat(SaslFailure.AUTH_METHOD_NOT_SUPPORTED.ldapResultCode()).isEqualTo(7);
        assertThat(SaslFailure.INAPPROPRIATE_AUTHENTICATION.ldapResultCode()).isEqualTo(48);
        assertThat(SaslFailure.INVALID_CREDENTIALS.ldapResultCode()).isEqualTo(49);
        assertThat(SaslFailure.OTHER.ldapResultCode()).isEqualTo(80);
    }

    @Test
    void stepValuesDefendTheirBytes() {
        byte[] c = {1, 2};
        SaslStep.Challenge ch = new SaslStep.Challenge(c);
        c[0] = 9;
        ch.serverCredentials()[1] = 9;
        assertThat(ch.serverCredentials()).containsExactly(1, 2);
    }
}
