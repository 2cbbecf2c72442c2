package dev.herald.it.bench;

import static dev.herald.it.Herald.ALICE;
import static dev.herald.it.Herald.SUFFIX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.herald.it.AccessLogCapture;
import dev.herald.it.Herald;
import dev.herald.it.TestPki;

/**
 * Keeps the benchmark's load generator honest: every mode, briefly, against Herald in this JVM
 * (the demo PKI), with every operation checked; and the checks themselves are checked — a
 * search that finds nothing, a refused EXTERNAL bind and a refused search count as errors, not
 * as operations. Runs stop after a number of operations, never after a time that a loaded
 * machine might not meet. Nothing is timed.
 */
class LoadGeneratorTest {

    private static final Path PKI = TestPki.get().caPem().getParent();

    private static LdapLoad.Target target(Herald herald) {
        return new LdapLoad.Target("herald", herald.port(), herald.ldapsPort(), ProcessHandle.current().pid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls-connect", "ldaps-connect", "starttls-search", "plain-search"})
    void everyModeRunsWithoutErrors(String mode) throws Exception {
        try (AccessLogCapture log = new AccessLogCapture();
                Herald herald = Herald.builder().section("security", "anonymous-read: true").start()) {
            LdapLoad.Result r = new LdapLoad("127.0.0.1", SUFFIX, 0, PKI).run(target(herald), mode, 2, 0, 0.2, 10);
            assertThat(r.errors()).as(r.firstError()).isZero();
            assertThat(r.operations()).isGreaterThanOrEqualTo(10);
            assertThat(r.negotiated()).isEqualTo(mode.equals("plain-search") ? "-" : "TLSv1.3 " + suiteOf(r));
            if (!mode.equals("plain-search")) {
                // the generator's EXTERNAL bind is alice's certificate, verified and mapped
                assertThat(log.await(l -> l.contains("handshake ok"))).contains("client-certificate=verified");
                assertThat(log.await(l -> l.contains("BIND") && l.contains("mech=EXTERNAL"))).contains("err=0",
                        "authcDN=\"" + ALICE + "\"");
            }
        }
    }

    private static String suiteOf(LdapLoad.Result r) {
        assertThat(r.negotiated()).matches("TLSv1\\.3 TLS_[A-Z0-9_]+");
        return r.negotiated().substring("TLSv1.3 ".length());
    }

    @Test
    void aSearchThatFindsNoEntryIsAnError() throws Exception {
        try (Herald herald = Herald.start()) {
            // people=1000: (uid=userN) for N < 1000, and the example directory has no such user
            LdapLoad.Result r = new LdapLoad("127.0.0.1", SUFFIX, 1000, PKI).run(target(herald), "starttls-search", 1, 0,
                    0.1, 1);
            assertThat(r.operations()).isZero();
            assertThat(r.errors()).isPositive();
            assertThat(r.firstError()).contains("search found 0 entries, expected 1");
        }
    }

    @Test
    void aRefusedExternalBindIsAnError() throws Exception {
        // no CertificateRequest, so no verified chain: EXTERNAL is inappropriateAuthentication (RFC 4513 §5.2.3)
        try (Herald herald = Herald.builder().clientCertificates("never").start()) {
            LdapLoad.Result r = new LdapLoad("127.0.0.1", SUFFIX, 0, PKI).run(target(herald), "starttls-connect", 1, 0,
                    0.1, 1);
            assertThat(r.operations()).isZero();
            assertThat(r.errors()).isPositive();
            assertThat(r.firstError()).contains("EXTERNAL bind failed", "result code 48");
        }
    }

    @Test
    void aRefusedSearchIsAnError() throws Exception {
        // anonymous reads are off by default
        try (Herald herald = Herald.start()) {
            LdapLoad.Result r = new LdapLoad("127.0.0.1", SUFFIX, 0, PKI).run(target(herald), "plain-search", 1, 0, 0.1, 1);
            assertThat(r.operations()).isZero();
            assertThat(r.errors()).isPositive();
            assertThat(r.firstError()).startsWith("java.io.IOException: search");
        }
    }

    @Test
    void processCpuComesFromUtimeAndStime() {
        // proc(5): field 2 is the command in parentheses, which may itself hold spaces and ')'
        String stat = "4242 (java) (x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 8 9 20 0 30 0 99 0 0";
        assertThat(ProcCpu.parse(stat)).isEqualTo(1234 + 567);
        assertThat(ProcCpu.ticks(0)).isZero();
        assertThat(ProcCpu.ticks(ProcessHandle.current().pid())).isPositive();
    }
}
