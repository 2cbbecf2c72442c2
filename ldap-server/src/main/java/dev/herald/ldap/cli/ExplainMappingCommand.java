package dev.herald.ldap.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.security.auth.x500.X500Principal;

import dev.herald.config.ConfigException;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.pki.KeyMaterial;
import dev.herald.config.pki.PkiException;
import dev.herald.ldap.boot.HeraldInstance;
import dev.herald.sasl.cert.ChainAssembler;
import dev.herald.sasl.mapping.MappingExplanation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code herald explain-mapping --config FILE CERT.pem [CHAIN.pem...]}: which entry a client
 * certificate maps to under the configured SASL EXTERNAL mappers, and why — every mapper tried,
 * with its search and result — or why it maps to none. The directory is read from the
 * configured backend (an LMDB folder read-only, so it works beside a running server) or, with
 * {@code --ldif}, from an LDIF file. The chain is assembled offline from the file's
 * certificates, the extra files and the configured trust anchors (names and signatures; no
 * dates, no revocation): it shows what a bind would decide, not whether the TLS handshake would
 * accept the certificate, though it says whether the chain reaches a trust anchor at all.
 *
 * <p>Exit code 0 when the certificate maps to exactly one entry, 1 when it does not, 2 for a
 * configuration or file problem.
 */
@Command(name = "explain-mapping", mixinStandardHelpOptions = true,
        description = "Show which directory entry a client certificate maps to for SASL EXTERNAL, and why.")
final class ExplainMappingCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The server's configuration file.")
    Path config;

    @Option(names = "--ldif", paramLabel = "FILE",
            description = "Read the directory from this LDIF instead of the configured backend.")
    Path ldif;

    @Parameters(index = "0", paramLabel = "CERT.pem", description = "The client certificate (PEM; further certificates in the file are its chain).")
    Path certificate;

    @Parameters(index = "1..*", paramLabel = "CHAIN.pem", description = "Files with intermediate CA certificates.")
    List<Path> chainFiles = new ArrayList<>();

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        HeraldConfig cfg = ServerRunner.load(config, err);
        if (cfg == null) {
            return ServerRunner.CONFIG_ERROR;
        }
        List<X509Certificate> presented;
        List<X509Certificate> cas = new ArrayList<>();
        try {
            presented = KeyMaterial.readCertificates(certificate);
            cas.addAll(presented.subList(1, presented.size()));
            for (Path p : chainFiles) {
                cas.addAll(KeyMaterial.readCertificates(p));
            }
        } catch (PkiException e) {
            err.println("explain-mapping: " + e.getMessage() + (e.fix().isEmpty() ? "" : " (" + e.fix() + ")"));
            return ServerRunner.CONFIG_ERROR;
        }
        List<X509Certificate> anchors = cfg.tls().map(t -> t.trustAnchors()).orElse(List.of());
        cas.addAll(anchors);
        List<X509Certificate> chain = ChainAssembler.assemble(presented.get(0), cas);

        try (HeraldInstance.Directory directory = ldif != null ? HeraldInstance.openDirectory(cfg, ldif)
                : HeraldInstance.openDirectory(cfg, HeraldInstance.DirectorySource.CONFIGURED_READ_ONLY)) {
            out.println("chain (assembled offline from names and signatures; dates and revocation not checked):");
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate c = chain.get(i);
                out.println("  [" + i + "] " + c.getSubjectX500Principal().getName(X500Principal.RFC2253)
                        + (anchors.contains(c) ? "   (configured trust anchor)" : ""));
            }
            X509Certificate top = chain.get(chain.size() - 1);
            if (!anchors.contains(top)) {
                out.println("  warning: the chain does not reach a configured trust anchor (tls.trust-anchors):"
                        + " a TLS handshake would reject this certificate (try, demand) or ignore it (allow),"
                        + " so no bind would get this far");
            }
            if (cfg.sasl().external().mappers().isEmpty()) {
                out.println("no mappers are configured (sasl.external.mappers): SASL EXTERNAL never succeeds");
                return 1;
            }
            MappingExplanation explanation = directory.sasl().certificateMapper().explain(chain);
            for (String line : explanation.lines()) {
                out.println(line);
            }
            return explanation.mappedDn().isPresent() ? 0 : 1;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return ServerRunner.CONFIG_ERROR;
        }
    }
}
