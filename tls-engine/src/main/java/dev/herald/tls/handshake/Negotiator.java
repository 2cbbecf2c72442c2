package dev.herald.tls.handshake;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.CipherSuite;
import dev.herald.tls.TlsException;
import dev.herald.tls.TlsVersion;
import dev.herald.tls.codec.ClientHello;
import dev.herald.tls.codec.Extension;
import dev.herald.tls.crypto.SignatureScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Choices made from a ClientHello: version, server name, credential. */
final class Negotiator {
    /** TLS_FALLBACK_SCSV (RFC 7507). */
    static final int FALLBACK_SCSV = 0x5600;
    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3). */
    static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

    private Negotiator() {
    }

    /** The chosen credential, the scheme it signs with, and whether it was chosen for the SNI. */
    record CredentialChoice(PreparedCredential credential, SignatureScheme scheme, boolean sniMatched) {
    }

    /**
     * Version negotiation (RFC 8446 §4.2.1): supported_versions when present, else
     * legacy_version (which can only give TLS 1.2 here). Anything below 1.2 is protocol_version.
     */
    static TlsVersion version(ServerSettings s, ClientHello ch) throws TlsException {
        Optional<Extension.SupportedVersionsClient> sv = ch.extensions().find(Extension.SupportedVersionsClient.class);
        TlsVersion chosen = null;
        int clientMax = 0;
        if (sv.isPresent()) {
            for (int v : sv.get().versions()) {
                if (TlsVersion.fromCode(v).isPresent() || v < 0x0304) {
                    clientMax = Math.max(clientMax, v);
                }
            }
            for (TlsVersion v : new TlsVersion[] {TlsVersion.TLS_1_3, TlsVersion.TLS_1_2}) {
                if (s.versions().contains(v) && sv.get().versions().contains(v.code())) {
                    chosen = v;
                    break;
                }
            }
            if (chosen == null) {
                throw TlsException.local(AlertDescription.PROTOCOL_VERSION,
                        "no common protocol version (client offers " + hexList(sv.get().versions()) + ")");
            }
        } else {
            clientMax = ch.legacyVersion();
            if (ch.legacyVersion() >= TlsVersion.TLS_1_2.code() && s.versions().contains(TlsVersion.TLS_1_2)) {
                chosen = TlsVersion.TLS_1_2;
            } else {
                throw TlsException.local(AlertDescription.PROTOCOL_VERSION,
                        "client version 0x" + Integer.toHexString(ch.legacyVersion()) + " is not supported");
            }
        }
        // RFC 7507: a fallback retry while we could have done better is an attack or a bug.
        TlsVersion ourMax = s.versions().contains(TlsVersion.TLS_1_3) ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
        if (ch.cipherSuites().contains(FALLBACK_SCSV) && clientMax < ourMax.code()) {
            throw TlsException.local(AlertDescription.INAPPROPRIATE_FALLBACK, "TLS_FALLBACK_SCSV with a lower version");
        }
        return chosen;
    }

    /** The host name from server_name, when it is a syntactically valid DNS name (RFC 6066 §3). */
    static Optional<String> serverName(ClientHello ch) {
        return ch.extensions().find(Extension.ServerName.class)
                .flatMap(sn -> sn.hostNames().stream().findFirst())
                .filter(Negotiator::isDnsName)
                .map(n -> n.toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean isDnsName(String n) {
        // Literal IP addresses are not permitted in SNI (RFC 6066 §3); we treat them as absent.
        return n.length() <= 253 && n.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")
                && !n.matches("[0-9.]+");
    }

    static List<Integer> signatureAlgorithms(ClientHello ch) {
        return ch.extensions().find(Extension.SignatureAlgorithms.class)
                .map(Extension.SignatureAlgorithms::schemes).orElse(List.of());
    }

    /**
     * Credentials in the order we try them: bound to the SNI name, then unbound, then the rest;
     * within each tier, chains whose signatures the client accepts first.
     */
    static List<PreparedCredential> candidates(ServerSettings s, Optional<String> sni, ClientHello ch) {
        List<Integer> certSchemes = ch.extensions().find(Extension.SignatureAlgorithmsCert.class)
                .map(Extension.SignatureAlgorithmsCert::schemes).orElse(signatureAlgorithms(ch));
        List<PreparedCredential> out = new ArrayList<>(s.credentials());
        out.sort(Comparator.comparingInt((PreparedCredential c) -> tier(c, sni))
                .thenComparing(c -> c.chainAcceptable(certSchemes) ? 0 : 1));
        return out;
    }

    private static int tier(PreparedCredential c, Optional<String> sni) {
        if (sni.isPresent() && c.credential().matchesServerName(sni.get())) {
            return 0;
        }
        return c.credential().serverNames().isEmpty() ? 1 : 2;
    }

    static boolean sniMatched(PreparedCredential c, Optional<String> sni) {
        return sni.isPresent() && c.credential().matchesServerName(sni.get());
    }

    /** TLS 1.3: the first candidate that can sign with a scheme the client offers. */
    static CredentialChoice credential13(ServerSettings s, ClientHello ch, Optional<String> sni) throws TlsException {
        List<Integer> clientSchemes = signatureAlgorithms(ch);
        for (PreparedCredential c : candidates(s, sni, ch)) {
            SignatureScheme scheme = c.pickScheme(TlsVersion.TLS_1_3, clientSchemes);
            if (scheme != null) {
                return new CredentialChoice(c, scheme, sniMatched(c, sni));
            }
        }
        throw TlsException.local(AlertDescription.HANDSHAKE_FAILURE,
                "no server certificate fits the client's signature_algorithms " + hexList(clientSchemes));
    }

    /** TLS 1.2: the first suite (our order) that the client offers and some candidate can serve. */
    /** A TLS 1.2 suite with the credential that serves it. */
    record Choice12(CipherSuite suite, CredentialChoice credential) {
    }

    static Optional<Choice12> suiteAndCredential12(ServerSettings s, ClientHello ch, Optional<String> sni) {
        List<Integer> clientSchemes = signatureAlgorithms(ch);
        List<PreparedCredential> cands = candidates(s, sni, ch);
        for (CipherSuite suite : s.suites12()) {
            if (!ch.cipherSuites().contains(suite.code())) {
                continue;
            }
            for (PreparedCredential c : cands) {
                boolean rsa = c.kind() == dev.herald.tls.pki.KeyKind.RSA;
                if ((suite.authentication() == CipherSuite.Authentication.RSA) != rsa) {
                    continue;
                }
                SignatureScheme scheme = c.pickScheme(TlsVersion.TLS_1_2, clientSchemes);
                if (scheme != null) {
                    return Optional.of(new Choice12(suite, new CredentialChoice(c, scheme, sniMatched(c, sni))));
                }
            }
        }
        return Optional.empty();
    }

    static String hexList(List<Integer> codes) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < codes.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(String.format("0x%04x", codes.get(i)));
        }
        return b.append(']').toString();
    }
}
