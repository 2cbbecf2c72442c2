package dev.herald.tls.bench;

import dev.herald.tls.pki.ChainVerdict;
import dev.herald.tls.pki.ClientChainVerifier;
import dev.herald.tls.testsupport.TestPki;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The server's PKIX work for one presented client chain (leaf issued by the trusted root, both
 * ECDSA P-256): parse the DER certificates and validate the chain, as
 * {@code ClientAuthenticator.presented} does in every handshake with a client certificate.
 *
 * <p>{@code same} presents one certificate again and again. The JDK's X.509 certificate factory
 * keeps the last 750 parsed certificates and hands out the same object for the same bytes,
 * and that object remembers its last successful signature check, so this is the cost for a
 * client whose certificate the server saw recently. {@code distinct} cycles through 2000
 * different client certificates, more than the factory keeps, so every validation parses and
 * checks a signature afresh (a server facing many different clients).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientChainBench {
    private static final int DISTINCT = 2000;

    @Param({"same", "distinct"})
    public String certificates;

    /** Who checks the certificate signatures: the engine's code (production) or the JDK's SunEC. */
    @Param({"engine", "jdk"})
    public String signatures;

    private ClientChainVerifier verifier;
    private final List<List<byte[]>> chains = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        TestPki.Ca root = TestPki.Ca.root("CN=Herald Bench Root CA,O=Herald Bench");
        verifier = new ClientChainVerifier(List.of(root.certificate()), Clock.systemUTC(), signatures.equals("engine"));
        int n = certificates.equals("same") ? 1 : DISTINCT;
        for (int i = 0; i < n; i++) {
            chains.add(List.of(root.client("client-" + i, TestPki.KeyType.EC_P256).certificate().getEncoded()));
        }
        if (!(validate() instanceof ChainVerdict.Valid)) {
            throw new IllegalStateException("bench chain does not validate");
        }
    }

    @Benchmark
    public ChainVerdict parseAndValidate() throws CertificateException {
        return validate();
    }

    private ChainVerdict validate() throws CertificateException {
        List<byte[]> ders = chains.get(next);
        next = next + 1 == chains.size() ? 0 : next + 1;
        List<X509Certificate> chain = ClientChainVerifier.parse(ders);
        return verifier.verify(chain);
    }
}
