package dev.herald.config;

import dev.herald.config.model.ClientCertificateMode;
import dev.herald.config.model.Secret;
import dev.herald.config.model.TlsCredential;
import dev.herald.config.model.TlsNames;
import dev.herald.config.model.TlsProtocol;
import dev.herald.config.model.TlsSettings;
import dev.herald.config.pki.KeyMaterial;
import dev.herald.config.pki.KeyTypes;
import dev.herald.config.pki.LoadedPrivateKey;
import dev.herald.config.pki.Pkcs12Contents;
import dev.herald.config.pki.PkiException;
import dev.herald.config.syntax.DidYouMean;
import dev.herald.config.yaml.ConfigMapping;
import dev.herald.config.yaml.ConfigNode;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds {@code tls}: server credentials (PEM chain + key, or PKCS#12), trust anchors, the
 * client-certificate mode and the algorithm lists, and checks each credential the way a TLS
 * client will (key matches certificate, chain order, key usage, validity).
 */
final class TlsSection {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EKU = "2.5.29.37.0";
    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static final String DNS_NAME = "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";

    private final Secrets secrets;
    private final Clock clock;

    TlsSection(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Empty when {@code tls} is absent or broken; the caller tells them apart with {@code node.present()}. */
    Optional<TlsSettings> bind(ConfigNode node) {
        Optional<ConfigMapping> mo = node.mapping("write tls: as a mapping with credentials, trust-anchors, client-certificates ...");
        if (mo.isEmpty()) {
            return Optional.empty();
        }
        ConfigMapping m = mo.get();
        int errorsBefore = node.problems().errorCount();

        List<TlsCredential> credentials = credentials(m.get("credentials"));
        List<X509Certificate> anchors = trustAnchors(m.get("trust-anchors"));
        ConfigNode modeNode = m.get("client-certificates");
        ClientCertificateMode mode = clientMode(modeNode, anchors);
        List<TlsProtocol> protocols = protocols(m.get("protocols"));
        ConfigNode suitesNode = m.get("cipher-suites");
        List<String> suites = names(suitesNode, TlsNames.CIPHER_SUITES, "cipher suite",
                "names are written as IANA spells them, e.g. TLS_AES_128_GCM_SHA256");
        List<String> groups = names(m.get("groups"), TlsNames.GROUPS, "key-exchange group", "e.g. x25519, secp256r1");
        boolean ems = m.get("require-extended-master-secret").bool().orElse(false);
        Duration handshakeTimeout = m.get("handshake-timeout").duration(Duration.ofMillis(100))
                .orElse(TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT);
        ConfigNode keyLogNode = m.get("key-log-file");
        Optional<Path> keyLog = keyLogNode.path("write the path of the key log file, or leave the key out");
        keyLog.ifPresent(p -> keyLogNode.warn("TLS secrets are written to " + p + "; anyone with that file can decrypt the captured traffic",
                "use key-log-file only while debugging, and remove it afterwards"));
        m.finish();

        if (protocols != null && suites != null) {
            checkSuitesCoverProtocols(suitesNode, suites, protocols, credentials);
        }
        if (node.problems().errorCount() > errorsBefore || credentials == null || protocols == null
                || suites == null || groups == null || mode == null || anchors == null) {
            return Optional.empty();
        }
        return Optional.of(new TlsSettings(credentials, anchors, mode, protocols, suites, groups, ems, handshakeTimeout, keyLog));
    }

    // ---- credentials ----

    private List<TlsCredential> credentials(ConfigNode node) {
        String fix = "list one or more credentials, e.g. credentials: [ { certificate: pki/server.pem, key: pki/server.key } ]";
        if (!node.present()) {
            node.error("TLS is configured but has no credentials", fix);
            return null;
        }
        Optional<List<ConfigNode>> items = node.list(fix);
        if (items.isEmpty()) {
            return null;
        }
        if (items.get().isEmpty()) {
            node.error("the list of credentials is empty", fix);
            return null;
        }
        List<TlsCredential> out = new ArrayList<>();
        boolean broken = false;
        for (ConfigNode item : items.get()) {
            TlsCredential c = credential(item);
            if (c == null) {
                broken = true;
            } else {
                out.add(c);
            }
        }
        return broken ? null : out;
    }

    private TlsCredential credential(ConfigNode item) {
        String fix = "write { certificate: CHAIN.pem, key: KEY.pem } or { pkcs12: FILE.p12, password: { env: NAME } }";
        Optional<ConfigMapping> mo = item.mapping(fix);
        if (mo.isEmpty()) {
            return null;
        }
        ConfigMapping m = mo.get();
        ConfigNode certNode = m.get("certificate");
        ConfigNode keyNode = m.get("key");
        ConfigNode keyPasswordNode = m.get("key-password");
        ConfigNode p12Node = m.get("pkcs12");
        ConfigNode passwordNode = m.get("password");
        ConfigNode aliasNode = m.get("alias");
        ConfigNode namesNode = m.get("server-names");
        m.finish();

        boolean pem = certNode.present() || keyNode.present();
        if (pem && p12Node.present()) {
            item.error("the credential gives both certificate/key and pkcs12", "keep either certificate and key, or pkcs12");
            return null;
        }
        if (!pem && !p12Node.present()) {
            item.error("the credential names no certificate", fix);
            return null;
        }
        List<X509Certificate> chain;
        PrivateKey key;
        String origin;
        ConfigNode materialNode;
        ConfigNode keyFileNode;
        if (pem) {
            if (!certNode.present()) {
                certNode.error("the credential has a key but no certificate", "add certificate: CHAIN.pem (leaf first)");
                return null;
            }
            if (!keyNode.present()) {
                keyNode.error("the credential has a certificate but no key", "add key: KEY.pem");
                return null;
            }
            if (passwordNode.present()) {
                passwordNode.error("password is the PKCS#12 file's password", "for a PEM key write key-password instead");
                return null;
            }
            if (aliasNode.present()) {
                aliasNode.error("alias only applies to pkcs12", "remove alias");
                return null;
            }
            Optional<Path> certPath = certNode.path("write the path of the PEM certificate chain");
            Optional<Path> keyPath = keyNode.path("write the path of the PEM private key");
            Optional<Secret> keyPassword = secrets.read(keyPasswordNode);
            if (certPath.isEmpty() || keyPath.isEmpty() || (keyPasswordNode.present() && keyPassword.isEmpty())) {
                return null;
            }
            chain = null;
            try {
                chain = KeyMaterial.readCertificates(certPath.get());
            } catch (PkiException e) {
                certNode.error(e.getMessage(), e.fix());
            }
            LoadedPrivateKey loaded = null;
            char[] pw = keyPassword.map(Secret::reveal).orElse(null);
            try {
                loaded = KeyMaterial.readPrivateKey(keyPath.get(), pw);
            } catch (PkiException e) {
                ConfigNode at = e.reason() == PkiException.Reason.WRONG_PASSWORD && keyPasswordNode.present() ? keyPasswordNode : keyNode;
                at.error(e.getMessage(), e.fix());
            } finally {
                if (pw != null) {
                    Arrays.fill(pw, '\0');
                }
            }
            if (chain == null || loaded == null) {
                return null;
            }
            if (!loaded.encrypted()) {
                if (keyPassword.isPresent()) {
                    keyPasswordNode.warn("the key in " + keyPath.get() + " is not encrypted, so key-password is not used",
                            "remove key-password, or store the key encrypted");
                }
                Secrets.warnIfOthersCanRead(keyNode, keyPath.get());
            }
            key = loaded.privateKey();
            origin = certPath.get() + " + " + keyPath.get();
            materialNode = certNode;
            keyFileNode = keyNode;
        } else {
            Optional<Path> p12Path = p12Node.path("write the path of the PKCS#12 file");
            Optional<Secret> password = secrets.read(passwordNode);
            Optional<Secret> keyPassword = secrets.read(keyPasswordNode);
            Optional<String> alias = aliasNode.nonBlankText("write the key entry's alias");
            if (p12Path.isEmpty() || (passwordNode.present() && password.isEmpty())
                    || (keyPasswordNode.present() && keyPassword.isEmpty()) || (aliasNode.present() && alias.isEmpty())) {
                return null;
            }
            char[] pw = password.map(Secret::reveal).orElse(null);
            char[] kpw = keyPassword.map(Secret::reveal).orElse(null);
            Pkcs12Contents contents;
            try {
                contents = KeyMaterial.readPkcs12(p12Path.get(), pw, kpw, alias.orElse(null));
            } catch (PkiException e) {
                ConfigNode at = p12Node;
                if (e.reason() == PkiException.Reason.WRONG_PASSWORD) {
                    at = e.getMessage().contains("key-password") ? keyPasswordNode : passwordNode.present() ? passwordNode : p12Node;
                } else if (e.getMessage().contains("alias") || e.fix().contains("alias")) {
                    at = aliasNode.present() ? aliasNode : p12Node;
                }
                at.error(e.getMessage(), e.fix());
                return null;
            } finally {
                if (pw != null) {
                    Arrays.fill(pw, '\0');
                }
                if (kpw != null) {
                    Arrays.fill(kpw, '\0');
                }
            }
            chain = contents.chain();
            key = contents.privateKey();
            origin = p12Path.get() + " (" + contents.alias() + ")";
            materialNode = p12Node;
            keyFileNode = p12Node;
        }
        if (!checkCredential(chain, key, materialNode, keyFileNode)) {
            return null;
        }
        List<String> names = serverNames(namesNode, chain.get(0));
        if (names == null) {
            return null;
        }
        return new TlsCredential(chain, key, names, origin, item.location());
    }

    private boolean checkCredential(List<X509Certificate> chain, PrivateKey key, ConfigNode certNode, ConfigNode keyNode) {
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName();
        Optional<String> unsupported = KeyTypes.unsupportedAsServerKey(leaf.getPublicKey());
        if (unsupported.isPresent()) {
            certNode.error("the certificate " + subject + " cannot be used: " + unsupported.get(),
                    "issue the server certificate for an ECDSA P-256 / P-384, RSA 2048+ or Ed25519 key");
            return false;
        }
        try {
            KeyMaterial.checkKeyMatchesCertificate(key, leaf);
        } catch (PkiException e) {
            for (int i = 1; i < chain.size(); i++) {
                try {
                    KeyMaterial.checkKeyMatchesCertificate(key, chain.get(i));
                    certNode.error("the key belongs to certificate " + (i + 1) + " of the chain ("
                            + chain.get(i).getSubjectX500Principal().getName() + "), not to the first (" + subject + ")",
                            "list the server certificate first, then the CA that issued it, and so on");
                    return false;
                } catch (PkiException ignored) {
                    // not this one either
                }
            }
            keyNode.error(e.getMessage(), e.fix());
            return false;
        }
        try {
            KeyMaterial.checkChainOrder(chain);
        } catch (PkiException e) {
            certNode.error(e.getMessage(), e.fix());
            return false;
        }
        boolean ok = true;
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_EKU)) {
                certNode.error("the certificate " + subject + " is not for TLS servers: its extendedKeyUsage lacks serverAuth",
                        "use a certificate issued for a server (extendedKeyUsage serverAuth); is this a client certificate?");
                ok = false;
            }
        } catch (CertificateParsingException e) {
            certNode.error("the extendedKeyUsage of " + subject + " cannot be read: " + e.getMessage(), "reissue the certificate");
            ok = false;
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && (ku.length == 0 || !ku[0])) {
            // Every suite Herald offers signs the handshake (TLS 1.3; ECDHE in TLS 1.2): RFC 5280 §4.2.1.3.
            certNode.error("the certificate " + subject + " does not allow digitalSignature in its keyUsage, which TLS needs",
                    "reissue it with keyUsage digitalSignature");
            ok = false;
        }
        if (KeyMaterial.isCa(leaf)) {
            certNode.warn("the server certificate " + subject + " is a CA certificate", "use an end-entity certificate for the server");
        }
        Date now = Date.from(clock.instant());
        for (X509Certificate c : chain) {
            String who = c == leaf ? "the server certificate " : "the chain certificate ";
            try {
                c.checkValidity(now);
                Instant end = c.getNotAfter().toInstant();
                if (end.isBefore(clock.instant().plus(EXPIRY_WARNING))) {
                    certNode.warn(who + c.getSubjectX500Principal().getName() + " expires on " + end, "renew it soon");
                }
            } catch (CertificateExpiredException e) {
                certNode.warn(who + c.getSubjectX500Principal().getName() + " expired on " + c.getNotAfter().toInstant()
                        + "; clients will reject it", "renew the certificate");
            } catch (CertificateNotYetValidException e) {
                certNode.warn(who + c.getSubjectX500Principal().getName() + " is not valid before " + c.getNotBefore().toInstant()
                        + "; clients will reject it until then", "check the system clock, or reissue the certificate");
            }
        }
        return ok;
    }

    private List<String> serverNames(ConfigNode node, X509Certificate leaf) {
        List<String> sans = dnsNames(leaf);
        if (!node.present()) {
            return sans;
        }
        Optional<List<String>> given = node.stringList("list host names, e.g. server-names: [ldap.example.com]");
        if (given.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < given.get().size(); i++) {
            String written = given.get().get(i).strip().toLowerCase(Locale.ROOT);
            String name = written.endsWith(".") ? written.substring(0, written.length() - 1) : written;
            String path = node.path() + "[" + i + "]";
            if (name.matches("[0-9.]+") || name.contains(":")) {
                node.problems().error(node.location().withKeyPath(path), "'" + name + "' is an IP address; clients never send IP addresses in SNI (RFC 6066 §3)",
                        "list DNS names only; a credential without server-names is used when no name matches");
                ok = false;
                continue;
            }
            if (!name.matches(DNS_NAME) || name.length() > 253) {
                node.problems().error(node.location().withKeyPath(path), "'" + given.get().get(i) + "' is not a valid host name",
                        "write a DNS name such as ldap.example.com or *.example.com");
                ok = false;
                continue;
            }
            if (!sans.isEmpty() && sans.stream().noneMatch(san -> covers(san, name))) {
                node.problems().warn(node.location().withKeyPath(path), "the certificate does not cover '" + name
                        + "' (its DNS names are " + sans + "); clients that check host names will reject it",
                        "add the name to the certificate's subjectAltName, or remove it here");
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return ok ? out : null;
    }

    private static boolean covers(String san, String name) {
        san = san.toLowerCase(Locale.ROOT);
        if (san.equals(name)) {
            return true;
        }
        if (san.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(san.substring(1));
        }
        return false;
    }

    private static List<String> dnsNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        out.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unreadable SAN extension leaves no names to select by.
        }
        return out;
    }

    // ---- trust ----

    private List<X509Certificate> trustAnchors(ConfigNode node) {
        if (!node.present()) {
            return List.of();
        }
        Optional<List<ConfigNode>> items = node.list("list CA certificate files, e.g. trust-anchors: [pki/ca.pem]");
        if (items.isEmpty()) {
            return null;
        }
        Set<X509Certificate> out = new LinkedHashSet<>();
        boolean ok = true;
        Date now = Date.from(clock.instant());
        for (ConfigNode item : items.get()) {
            Optional<Path> p = item.path("write the path of a PEM file with CA certificates");
            if (p.isEmpty()) {
                ok = false;
                continue;
            }
            List<X509Certificate> certs;
            try {
                certs = KeyMaterial.readCertificates(p.get());
            } catch (PkiException e) {
                item.error(e.getMessage(), e.fix());
                ok = false;
                continue;
            }
            for (X509Certificate c : certs) {
                String subject = c.getSubjectX500Principal().getName();
                boolean v1SelfSigned = c.getVersion() < 3 && c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
                if (!KeyMaterial.isCa(c) && !v1SelfSigned) {
                    item.error("the certificate " + subject + " in " + p.get() + " is not a CA certificate (its basicConstraints do not say cA)",
                            "list the CA that issues the client certificates (e.g. pki/ca.pem), not a client or server certificate");
                    ok = false;
                    continue;
                }
                try {
                    c.checkValidity(now);
                } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                    item.warn("the trust anchor " + subject + " is outside its validity period (" + c.getNotBefore().toInstant()
                            + " to " + c.getNotAfter().toInstant() + ")", "replace it with the CA's current certificate");
                }
                out.add(c);
            }
        }
        return ok ? List.copyOf(out) : null;
    }

    private static ClientCertificateMode clientMode(ConfigNode node, List<X509Certificate> anchors) {
        Map<String, ClientCertificateMode> choices = Choices.of(ClientCertificateMode.values(), ClientCertificateMode::configName);
        if (!node.present()) {
            // The design's default is try; without trust anchors nothing could be verified, so do not ask.
            return anchors != null && anchors.isEmpty() ? ClientCertificateMode.NEVER : ClientCertificateMode.TRY;
        }
        Optional<ClientCertificateMode> mode = node.oneOf(choices, "client-certificate mode");
        if (mode.isEmpty()) {
            return null;
        }
        if (mode.get() != ClientCertificateMode.NEVER && anchors != null && anchors.isEmpty()) {
            node.error("client certificates are requested (" + mode.get().configName() + ") but no trust-anchors are configured, "
                    + "so no client chain could ever be verified",
                    "add trust-anchors: [CA.pem] with the CA that issues client certificates, or set client-certificates: never");
            return null;
        }
        return mode.get();
    }

    // ---- algorithms ----

    private static List<TlsProtocol> protocols(ConfigNode node) {
        if (!node.present()) {
            return TlsSettings.DEFAULT_PROTOCOLS;
        }
        Map<String, TlsProtocol> choices = Choices.of(TlsProtocol.values(), TlsProtocol::configName);
        Optional<List<ConfigNode>> items = node.list("list protocols, e.g. protocols: [TLSv1.3, TLSv1.2]");
        if (items.isEmpty()) {
            return null;
        }
        if (items.get().isEmpty()) {
            node.error("the list of protocols is empty", "list TLSv1.3 and/or TLSv1.2");
            return null;
        }
        List<TlsProtocol> out = new ArrayList<>();
        boolean ok = true;
        for (ConfigNode item : items.get()) {
            String written = item.isScalar() ? item.text("").orElse("") : "";
            if (written.matches("(?i)(SSLv[23]|TLSv1(\\.[01])?)")) {
                item.error(written + " is obsolete (RFC 8996 deprecates TLS 1.0 and 1.1) and Herald does not offer it",
                        "list TLSv1.3 and/or TLSv1.2");
                ok = false;
                continue;
            }
            Optional<TlsProtocol> p = item.oneOf(choices, "TLS protocol (Herald speaks TLSv1.3 and TLSv1.2)");
            if (p.isEmpty()) {
                ok = false;
            } else if (out.contains(p.get())) {
                item.error(p.get().configName() + " is listed twice", "list each protocol once");
                ok = false;
            } else {
                out.add(p.get());
            }
        }
        return ok ? out : null;
    }

    private static List<String> names(ConfigNode node, List<String> known, String what, String hint) {
        if (!node.present()) {
            return known;
        }
        Optional<List<ConfigNode>> items = node.list("list " + what + "s; " + hint);
        if (items.isEmpty()) {
            return null;
        }
        if (items.get().isEmpty()) {
            node.error("the list is empty", "list at least one " + what + ", or leave the key out for the defaults: " + known);
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (ConfigNode item : items.get()) {
            Optional<String> t = item.nonBlankText(hint);
            if (t.isEmpty()) {
                ok = false;
                continue;
            }
            String name = t.get().strip();
            if (!known.contains(name)) {
                String fix = DidYouMean.suggest(name, known).map(s -> "did you mean '" + s + "'? ").orElse("")
                        + "Herald knows: " + String.join(", ", known);
                item.error("'" + name + "' is not a " + what + " Herald supports", fix);
                ok = false;
            } else if (out.contains(name)) {
                item.error(name + " is listed twice", "list each " + what + " once");
                ok = false;
            } else {
                out.add(name);
            }
        }
        return ok ? out : null;
    }

    /** Each enabled protocol needs a suite; TLS 1.2 suites also need a credential whose key can sign them. */
    private static void checkSuitesCoverProtocols(ConfigNode node, List<String> suites, List<TlsProtocol> protocols,
            List<TlsCredential> credentials) {
        for (TlsProtocol p : protocols) {
            if (suites.stream().noneMatch(s -> TlsNames.protocolOf(s).orElseThrow() == p)) {
                List<String> examples = TlsNames.CIPHER_SUITES.stream().filter(s -> TlsNames.protocolOf(s).orElseThrow() == p).toList();
                node.error(p.configName() + " is enabled but no cipher suite for it is listed",
                        "add " + p.configName() + " suites (" + String.join(", ", examples) + ") or remove " + p.configName() + " from protocols");
                return;
            }
        }
        for (String s : suites) {
            if (!protocols.contains(TlsNames.protocolOf(s).orElseThrow())) {
                node.warn(s + " is listed but its protocol " + TlsNames.protocolOf(s).orElseThrow().configName() + " is not enabled",
                        "remove it, or enable the protocol");
            }
        }
        if (credentials == null || !protocols.contains(TlsProtocol.TLS_1_2)) {
            return;
        }
        boolean any = false;
        for (String s : suites) {
            Optional<String> family = TlsNames.tls12SignatureFamily(s);
            if (family.isEmpty()) {
                continue;
            }
            for (TlsCredential c : credentials) {
                KeyTypes.Family f = KeyTypes.family(c.privateKey());
                if (family.get().equals("RSA") ? f == KeyTypes.Family.RSA : f == KeyTypes.Family.EC || f == KeyTypes.Family.ED25519) {
                    any = true;
                }
            }
        }
        if (!any) {
            String problem = "no listed TLS 1.2 cipher suite fits the credentials' keys (ECDHE_ECDSA suites need an EC or Ed25519 key, "
                    + "ECDHE_RSA suites an RSA key)";
            String fix = "add suites for your key type, or a credential with another key type";
            if (protocols.contains(TlsProtocol.TLS_1_3)) {
                node.warn(problem + "; TLS 1.2 clients will not be able to connect", fix);
            } else {
                node.error(problem, fix);
            }
        }
    }
}
