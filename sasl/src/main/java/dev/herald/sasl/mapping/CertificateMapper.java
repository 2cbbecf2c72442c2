package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.ChainLinkage;
import dev.herald.sasl.cert.ClientCertificate;
import dev.herald.sasl.cert.FingerprintFormat;
import dev.herald.sasl.cert.IssuerCa;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured chain of certificate mappers, bound to the directory. Immutable and thread-safe.
 *
 * <p>Decision rule, in configured order:
 * <ul>
 *   <li>a mapper restricted to another issuer CA is skipped;</li>
 *   <li>a mapper the certificate gives nothing to work with (no such attribute or
 *       subjectAltName, regex does not match) is skipped;</li>
 *   <li>a mapper that finds exactly one entry decides: mapped;</li>
 *   <li>a mapper that finds several entries decides: ambiguous, a failure; later mappers are
 *       not asked (they might pick one of the several);</li>
 *   <li>a failed lookup decides: failed (fail closed);</li>
 *   <li>a mapper that finds no entry lets the next one try, unless it is configured with
 *       {@link WhenNoEntry#FAIL}.</li>
 * </ul>
 * Before any mapper runs, the chain must be a linked path ({@link ChainLinkage}) with a readable
 * leaf.
 */
public final class CertificateMapper {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateMapper.class);

    private record Compiled(int position, MapperSpec spec, Optional<IssuerCa> issuer, Strategy strategy) {
    }

    private final List<MapperSpec> specs;
    private final List<Compiled> mappers;
    private final DirectoryLookup directory;

    /**
     * @throws IllegalArgumentException when two mappers share a name or an issuer certificate
     *                                  cannot be read
     */
    public CertificateMapper(List<MapperSpec> specs, DirectoryLookup directory) {
        if (directory == null) {
            throw new IllegalArgumentException("directory lookup must not be null");
        }
        this.specs = List.copyOf(specs);
        this.directory = directory;
        Set<String> names = new HashSet<>();
        List<Compiled> compiled = new ArrayList<>();
        int position = 1;
        for (MapperSpec spec : this.specs) {
            if (!names.add(spec.options().name())) {
                throw new IllegalArgumentException("two mappers are named '" + spec.options().name() + "'");
            }
            compiled.add(new Compiled(position++, spec, spec.options().issuer().map(IssuerCa::of), strategy(spec)));
        }
        this.mappers = List.copyOf(compiled);
    }

    private static Strategy strategy(MapperSpec spec) {
        if (spec instanceof MapperSpec.SubjectDn) {
            return new SubjectDnStrategy((MapperSpec.SubjectDn) spec);
        }
        if (spec instanceof MapperSpec.SubjectAttribute) {
            MapperSpec.SubjectAttribute s = (MapperSpec.SubjectAttribute) spec;
            return new ValueSearchStrategy(new CertificateValue.SubjectAttribute(s.certificateAttribute()),
                    s.entryAttribute(), s.search());
        }
        if (spec instanceof MapperSpec.SubjectDnAttribute) {
            MapperSpec.SubjectDnAttribute s = (MapperSpec.SubjectDnAttribute) spec;
            return new ValueSearchStrategy(new CertificateValue.SubjectDn(), s.entryAttribute(), s.search());
        }
        if (spec instanceof MapperSpec.Fingerprint) {
            MapperSpec.Fingerprint s = (MapperSpec.Fingerprint) spec;
            return new ValueSearchStrategy(new CertificateValue.Fingerprint(s.format()), s.entryAttribute(), s.search());
        }
        if (spec instanceof MapperSpec.SubjectAltName) {
            MapperSpec.SubjectAltName s = (MapperSpec.SubjectAltName) spec;
            return new ValueSearchStrategy(new CertificateValue.SubjectAltName(s.sanType()), s.entryAttribute(), s.search());
        }
        if (spec instanceof MapperSpec.ExactCertificate) {
            return new ExactCertificateStrategy((MapperSpec.ExactCertificate) spec);
        }
        MapperSpec.Regex r = (MapperSpec.Regex) spec;
        return RegexRewrite.compile(r.options().name(), r.pattern(), r.replacement());
    }

    /** The configured mappers, in order. */
    public List<MapperSpec> specs() {
        return specs;
    }

    /**
     * Maps a verified chain (leaf first, trust anchor last), stopping at the first decision. The
     * explanation lists the mappers tried.
     */
    public MappingExplanation map(List<X509Certificate> chain) {
        return run(chain, false);
    }

    /**
     * Like {@link #map} (same outcome), but also evaluates the mappers after the decision and
     * marks them {@link MapperTrial#afterDecision()}: for the CLI's "which entry does this
     * certificate map to, and why" command.
     */
    public MappingExplanation explain(List<X509Certificate> chain) {
        return run(chain, true);
    }

    private MappingExplanation run(List<X509Certificate> chain, boolean all) {
        if (chain == null || chain.isEmpty()) {
            return new MappingExplanation("", "", "", List.of(), new MappingOutcome.Failed("no client certificate"));
        }
        ClientCertificate leaf;
        try {
            leaf = ClientCertificate.of(chain.get(0));
        } catch (CertificateParsingException e) {
            return new MappingExplanation("", "", "", List.of(), new MappingOutcome.Failed(e.getMessage()));
        }
        String subject = leaf.subjectDn();
        String issuer = leaf.issuerDn();
        String fp = leaf.fingerprint(FingerprintFormat.HEX);
        Optional<String> broken;
        try {
            broken = ChainLinkage.problem(chain);
        } catch (RuntimeException e) {
            broken = Optional.of("unreadable certificate in the chain: " + e.getMessage());
        }
        if (broken.isPresent()) {
            return new MappingExplanation(subject, issuer, fp, List.of(), new MappingOutcome.Failed(
                    "the peer chain is not an issuer-linked path: " + broken.get()));
        }
        if (mappers.isEmpty()) {
            return new MappingExplanation(subject, issuer, fp, List.of(),
                    new MappingOutcome.NotMapped("no certificate mappers are configured"));
        }
        List<MapperTrial> trials = new ArrayList<>();
        MappingOutcome outcome = null;
        for (Compiled c : mappers) {
            if (outcome != null && !all) {
                break;
            }
            String name = c.spec().options().name();
            Attempt a;
            if (c.issuer().isPresent() && !c.issuer().get().isAboveLeafIn(chain)) {
                a = new Attempt(TrialResult.SKIPPED_ISSUER, null,
                        "the chain does not pass through issuer CA " + c.issuer().get());
            } else {
                a = attempt(c, leaf);
            }
            trials.add(new MapperTrial(c.position(), name, c.spec().type(), a.result(),
                    a.result() == TrialResult.MAPPED ? a.detail() + ": \"" + a.dn() + "\"" : a.detail(),
                    outcome != null));
            if (outcome == null) {
                outcome = decide(c, a);
            }
        }
        if (outcome == null) {
            outcome = new MappingOutcome.NotMapped("no mapper found an entry");
        }
        return new MappingExplanation(subject, issuer, fp, trials, outcome);
    }

    private Attempt attempt(Compiled c, ClientCertificate leaf) {
        try {
            return c.strategy().attempt(leaf, directory);
        } catch (DirectoryException e) {
            return Attempt.error("directory lookup failed: " + e.getMessage());
        } catch (CertificateParsingException e) {
            return Attempt.error("certificate unreadable: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("certificate mapper {} failed unexpectedly", c.spec().options().name(), e);
            return Attempt.error("internal error: " + e);
        }
    }

    private static MappingOutcome decide(Compiled c, Attempt a) {
        String name = c.spec().options().name();
        switch (a.result()) {
            case MAPPED:
                return new MappingOutcome.Mapped(a.dn(), c.position(), name);
            case AMBIGUOUS:
                return new MappingOutcome.Ambiguous(c.position(), name);
            case ERROR:
                return new MappingOutcome.Failed("[" + c.position() + "] " + name + ": " + a.detail());
            case NO_ENTRY:
                return c.spec().options().whenNoEntry() == WhenNoEntry.FAIL
                        ? new MappingOutcome.NotMapped("[" + c.position() + "] " + name
                        + " found no entry and is configured to stop the chain")
                        : null;
            default:
                return null;
        }
    }
}
