package dev.herald.sasl.mapping;

import dev.herald.sasl.text.LogText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a certificate chain mapped to an entry or did not: the certificate, one
 * {@link MapperTrial} per mapper tried (in configured order) and the outcome. The bind path logs
 * {@link #summary()}; the CLI's explain command prints {@link #lines()}. Both are log-safe
 * (see {@link LogText}).
 *
 * @param subject the leaf's subject as an RFC 4514 string (empty when unreadable)
 * @param issuer  the leaf's issuer as an RFC 4514 string (empty when unreadable)
 * @param sha256  the leaf's SHA-256 fingerprint, lower-case hex (empty when unreadable)
 */
public record MappingExplanation(String subject, String issuer, String sha256, List<MapperTrial> trials,
                                 MappingOutcome outcome) {

    public MappingExplanation {
        trials = List.copyOf(trials);
    }

    /** The mapped entry's DN, when the outcome is {@link MappingOutcome.Mapped}. */
    public Optional<String> mappedDn() {
        return outcome instanceof MappingOutcome.Mapped
                ? Optional.of(((MappingOutcome.Mapped) outcome).dn()) : Optional.empty();
    }

    /** One line for the certificate, one per mapper tried, one for the result. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(LogText.safe(certificateLine()));
        for (MapperTrial t : trials) {
            out.add(LogText.safe(t.toString()));
        }
        out.add(LogText.safe("result: " + describeOutcome()));
        return out;
    }

    /**
     * The whole explanation on one line, for the bind log: after a successful mapping each tried
     * mapper with its result, otherwise each with its details (filters, DNs) as well.
     */
    public String summary() {
        boolean detailed = !(outcome instanceof MappingOutcome.Mapped);
        String tried = trials.stream().filter(t -> !t.afterDecision())
                .map(t -> "[" + t.position() + "] " + t.mapper() + ": " + t.result().label()
                        + (detailed ? ": " + t.detail() : ""))
                .collect(Collectors.joining("; "));
        return LogText.safe(certificateLine() + " -> " + describeOutcome()
                + (tried.isEmpty() ? "" : " (" + tried + ")"));
    }

    private String certificateLine() {
        return "certificate subject=\"" + subject + "\" issuer=\"" + issuer + "\" sha256=" + sha256;
    }

    private String describeOutcome() {
        if (outcome instanceof MappingOutcome.Mapped) {
            MappingOutcome.Mapped m = (MappingOutcome.Mapped) outcome;
            return "mapped to \"" + m.dn() + "\" by [" + m.position() + "] " + m.mapper();
        }
        if (outcome instanceof MappingOutcome.Ambiguous) {
            MappingOutcome.Ambiguous a = (MappingOutcome.Ambiguous) outcome;
            return "ambiguous: [" + a.position() + "] " + a.mapper() + " found more than one entry";
        }
        if (outcome instanceof MappingOutcome.NotMapped) {
            return "not mapped: " + ((MappingOutcome.NotMapped) outcome).reason();
        }
        return "failed: " + ((MappingOutcome.Failed) outcome).reason();
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
