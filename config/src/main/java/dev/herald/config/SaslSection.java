package dev.herald.config;

import dev.herald.config.model.AuthzRule;
import dev.herald.config.model.AuthzSettings;
import dev.herald.config.model.CertificateMapping;
import dev.herald.config.model.EntryLookup;
import dev.herald.config.model.ExternalSettings;
import dev.herald.config.model.SanType;
import dev.herald.config.model.SaslSettings;
import dev.herald.config.model.SearchScope;
import dev.herald.config.pki.KeyMaterial;
import dev.herald.config.pki.PkiException;
import dev.herald.config.syntax.AuthzSyntax;
import dev.herald.config.syntax.DidYouMean;
import dev.herald.config.syntax.DnSyntax;
import dev.herald.config.syntax.LdapUrlSyntax;
import dev.herald.config.syntax.SyntaxException;
import dev.herald.config.yaml.ConfigMapping;
import dev.herald.config.yaml.ConfigNode;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Binds {@code sasl}: the EXTERNAL certificate mappers and the authorization-identity rules. */
final class SaslSection {

    static final List<String> MAPPER_TYPES = List.of(
            CertificateMapping.SubjectDn.TYPE, CertificateMapping.SubjectAttribute.TYPE, CertificateMapping.SubjectDnAttribute.TYPE,
            CertificateMapping.Fingerprint.TYPE, CertificateMapping.SubjectAltName.TYPE, CertificateMapping.CertificateMatch.TYPE,
            CertificateMapping.Regex.TYPE);

    private static final Pattern GROUP_REF = Pattern.compile("\\$(\\d+)|\\$\\{(\\d+)\\}");

    private final List<List<DnSyntax.Ava>> suffix;
    private final String suffixText;

    SaslSection(List<List<DnSyntax.Ava>> suffix, String suffixText) {
        this.suffix = suffix;
        this.suffixText = suffixText;
    }

    SaslSettings bind(ConfigNode node) {
        if (!node.present()) {
            return SaslSettings.DEFAULTS;
        }
        Optional<ConfigMapping> mo = node.mapping("write sasl: { external: { mappers: [...] }, authz: {...} }");
        if (mo.isEmpty()) {
            return null;
        }
        ExternalSettings external = external(mo.get().get("external"));
        AuthzSettings authz = authz(mo.get().get("authz"));
        Optional<EntryLookup> usernames = Optional.empty();
        boolean usernamesOk = true;
        ConfigNode usernamesNode = mo.get().get("usernames");
        if (usernamesNode.present()) {
            Optional<ConfigMapping> um = usernamesNode.mapping("write usernames as a mapping with attribute (e.g. uid), base and scope");
            if (um.isEmpty()) {
                usernamesOk = false;
            } else {
                usernames = Optional.ofNullable(lookup(um.get(), "attribute", null));
                um.get().finish();
                usernamesOk = usernames.isPresent();
            }
        }
        mo.get().finish();
        return external == null || authz == null || !usernamesOk ? null : new SaslSettings(external, authz, usernames);
    }

    private ExternalSettings external(ConfigNode node) {
        if (!node.present()) {
            return ExternalSettings.NONE;
        }
        Optional<ConfigMapping> mo = node.mapping("write external: { mappers: [ { type: subject-attribute, ... } ] }");
        if (mo.isEmpty()) {
            return null;
        }
        ConfigNode mappersNode = mo.get().get("mappers");
        mo.get().finish();
        if (!mappersNode.present()) {
            return ExternalSettings.NONE;
        }
        Optional<List<ConfigNode>> items = mappersNode.list("list mappers, each a mapping with a type");
        if (items.isEmpty()) {
            return null;
        }
        List<CertificateMapping> out = new ArrayList<>();
        boolean ok = true;
        for (ConfigNode item : items.get()) {
            CertificateMapping mapping = mapper(item);
            if (mapping == null) {
                ok = false;
            } else {
                out.add(mapping);
            }
        }
        return ok ? new ExternalSettings(out) : null;
    }

    private CertificateMapping mapper(ConfigNode item) {
        String typesFix = "set type to one of: " + String.join(", ", MAPPER_TYPES);
        Optional<ConfigMapping> mo = item.mapping("write each mapper as a mapping, e.g. { type: subject-dn }");
        if (mo.isEmpty()) {
            return null;
        }
        ConfigMapping m = mo.get();
        Optional<ConfigNode> typeNode = m.required("type", typesFix);
        if (typeNode.isEmpty()) {
            return null;
        }
        Optional<String> type = typeNode.get().nonBlankText(typesFix);
        if (type.isEmpty()) {
            return null;
        }
        if (!MAPPER_TYPES.contains(type.get())) {
            String fix = DidYouMean.suggest(type.get(), MAPPER_TYPES).map(s -> "did you mean '" + s + "'? ").orElse("")
                    + "The mapper types are: " + String.join(", ", MAPPER_TYPES);
            typeNode.get().error("'" + type.get() + "' is not a mapper type", fix);
            return null;
        }
        int errorsBefore = item.problems().errorCount();
        Optional<X509Certificate> issuer = issuer(m.get("issuer"));
        CertificateMapping result = switch (type.get()) {
            case CertificateMapping.SubjectDn.TYPE -> new CertificateMapping.SubjectDn(issuer, item.location());
            case CertificateMapping.SubjectAttribute.TYPE -> {
                Optional<ConfigNode> attrNode = m.required("certificate-attribute",
                        "name the subject attribute to take, e.g. certificate-attribute: CN");
                String attr = null;
                String oid = null;
                if (attrNode.isPresent()) {
                    attr = attrNode.get().nonBlankText("e.g. CN, emailAddress, UID").map(String::strip).orElse(null);
                    if (attr != null) {
                        oid = CertificateAttributes.oid(attr).orElse(null);
                        if (oid == null) {
                            String a = attr;
                            attrNode.get().error("'" + attr + "' is not a known certificate subject attribute",
                                    DidYouMean.suggest(a, CertificateAttributes.COMMON).map(s -> "did you mean '" + s + "'? ").orElse("")
                                            + "Use a name such as " + String.join(", ", CertificateAttributes.COMMON) + ", or a dotted OID");
                        }
                    }
                }
                EntryLookup lookup = lookup(m, item, null);
                yield attr == null || oid == null || lookup == null ? null
                        : new CertificateMapping.SubjectAttribute(issuer, attr, oid, lookup, item.location());
            }
            case CertificateMapping.SubjectDnAttribute.TYPE -> {
                EntryLookup lookup = lookup(m, item, null);
                yield lookup == null ? null : new CertificateMapping.SubjectDnAttribute(issuer, lookup, item.location());
            }
            case CertificateMapping.Fingerprint.TYPE -> {
                EntryLookup lookup = lookup(m, item, null);
                yield lookup == null ? null : new CertificateMapping.Fingerprint(issuer, lookup, item.location());
            }
            case CertificateMapping.SubjectAltName.TYPE -> {
                Map<String, SanType> choices = Choices.of(SanType.values(), SanType::configName);
                Optional<SanType> san = m.required("san-type", "set san-type to one of: " + String.join(", ", choices.keySet()))
                        .flatMap(n -> n.oneOf(choices, "subjectAltName type"));
                EntryLookup lookup = lookup(m, item, null);
                yield san.isEmpty() || lookup == null ? null
                        : new CertificateMapping.SubjectAltName(issuer, san.get(), lookup, item.location());
            }
            case CertificateMapping.CertificateMatch.TYPE -> {
                EntryLookup lookup = lookup(m, item, "userCertificate");
                yield lookup == null ? null : new CertificateMapping.CertificateMatch(issuer, lookup, item.location());
            }
            default -> regex(m, item, issuer);
        };
        m.finish();
        if (item.problems().errorCount() > errorsBefore || (m.has("issuer") && issuer.isEmpty())) {
            return null;
        }
        return result;
    }

    private Optional<X509Certificate> issuer(ConfigNode node) {
        if (!node.present()) {
            return Optional.empty();
        }
        Optional<Path> p = node.path("write the path of the issuing CA's certificate (PEM)");
        if (p.isEmpty()) {
            return Optional.empty();
        }
        List<X509Certificate> certs;
        try {
            certs = KeyMaterial.readCertificates(p.get());
        } catch (PkiException e) {
            node.error(e.getMessage(), e.fix());
            return Optional.empty();
        }
        if (certs.size() != 1) {
            node.error(p.get() + " holds " + certs.size() + " certificates; issuer names exactly one CA",
                    "point issuer at a file with only the issuing CA's certificate (use one mapper per CA)");
            return Optional.empty();
        }
        X509Certificate c = certs.get(0);
        if (!KeyMaterial.isCa(c)) {
            node.error("the certificate " + c.getSubjectX500Principal().getName() + " in " + p.get() + " is not a CA certificate",
                    "issuer names the CA that issued the client certificates, e.g. pki/ca.pem");
            return Optional.empty();
        }
        return Optional.of(c);
    }

    /** entry-attribute, base and scope; {@code defaultAttribute} null means entry-attribute is required. */
    private EntryLookup lookup(ConfigMapping m, ConfigNode item, String defaultAttribute) {
        return lookup(m, "entry-attribute", defaultAttribute);
    }

    /** {@code attributeKey}, base and scope; {@code defaultAttribute} null means the attribute is required. */
    private EntryLookup lookup(ConfigMapping m, String attributeKey, String defaultAttribute) {
        String attrFix = "name the entry attribute holding the value, e.g. " + attributeKey + ": uid";
        String attribute = defaultAttribute;
        if (defaultAttribute == null) {
            Optional<ConfigNode> n = m.required(attributeKey, attrFix);
            attribute = n.flatMap(x -> attributeName(x, attrFix)).orElse(null);
        } else {
            ConfigNode n = m.get(attributeKey);
            if (n.present()) {
                attribute = attributeName(n, attrFix).orElse(null);
            }
        }
        ConfigNode baseNode = m.get("base");
        String base = suffixText;
        if (baseNode.present()) {
            base = Dns.read(baseNode, "ou=people," + (suffixText == null ? "dc=example,dc=com" : suffixText)).orElse(null);
            if (base != null && Dns.relation(base, suffix) == DnSyntax.Relation.OUTSIDE) {
                baseNode.error("the search base " + base + " is not inside the directory suffix " + suffixText
                        + ", so the search can never find an entry", "use a base under " + suffixText + " (check for typos)");
                base = null;
            }
        }
        Map<String, SearchScope> scopes = Choices.of(SearchScope.values(), SearchScope::configName);
        // The long names of RFC 4511 and OpenLDAP's tools are accepted too.
        scopes.put("onelevel", SearchScope.ONE);
        scopes.put("subtree", SearchScope.SUB);
        ConfigNode scopeNode = m.get("scope");
        SearchScope scope = scopeNode.present() ? scopeNode.oneOf(scopes, "search scope").orElse(null) : SearchScope.SUB;
        if (attribute == null || base == null || scope == null) {
            return null;
        }
        return new EntryLookup(attribute, base, scope);
    }

    private static Optional<String> attributeName(ConfigNode n, String fix) {
        Optional<String> t = n.nonBlankText(fix).map(String::strip);
        if (t.isPresent() && !DnSyntax.isAttributeDescription(t.get())) {
            n.error("'" + t.get() + "' is not an attribute name", fix);
            return Optional.empty();
        }
        return t;
    }

    private CertificateMapping regex(ConfigMapping m, ConfigNode item, Optional<X509Certificate> issuer) {
        Optional<ConfigNode> matchNode = m.required("match",
                "give the regular expression over the subject DN, e.g. match: \"^CN=([^,]+),OU=people,O=Example$\"");
        Optional<ConfigNode> replaceNode = m.required("replace",
                "give the DN or LDAP URL to map to, e.g. replace: \"uid=$1,ou=people,dc=example,dc=com\"");
        Pattern pattern = null;
        if (matchNode.isPresent()) {
            Optional<String> t = matchNode.get().nonBlankText("write a Java regular expression");
            if (t.isPresent()) {
                try {
                    pattern = Pattern.compile(t.get());
                } catch (PatternSyntaxException e) {
                    matchNode.get().error("the regular expression is invalid: " + e.getDescription() + " near character " + (e.getIndex() + 1),
                            "fix the expression (Java regex syntax; in YAML, quote it with \"...\" and double each backslash, or use '...')");
                }
            }
        }
        String replace = null;
        if (replaceNode.isPresent()) {
            replace = replaceNode.get().nonBlankText("write a DN or ldap:///BASE??SCOPE?FILTER").map(String::strip).orElse(null);
        }
        if (pattern == null || replace == null) {
            return null;
        }
        ConfigNode rn = replaceNode.get();
        Matcher refs = GROUP_REF.matcher(replace);
        while (refs.find()) {
            int group = Integer.parseInt(refs.group(1) != null ? refs.group(1) : refs.group(2));
            if (group > pattern.matcher("").groupCount()) {
                rn.error("replace refers to group $" + group + " but match has only " + pattern.matcher("").groupCount() + " group(s)",
                        "add a (...) group to match, or use a lower group number");
                return null;
            }
        }
        // Check the shape with every group reference standing in for a plain value.
        String sample = GROUP_REF.matcher(replace).replaceAll("x");
        try {
            if (sample.regionMatches(true, 0, "ldap:", 0, 5)) {
                LdapUrlSyntax.SearchUrl url = LdapUrlSyntax.parse(sample);
                if (!replace.contains("$") || !url.base().contains("x")) {
                    checkInSuffix(rn, url.base());
                }
            } else {
                DnSyntax.parseNonEmpty(sample);
            }
        } catch (SyntaxException e) {
            rn.error("replace is not a valid DN or LDAP URL: " + e.getMessage(), e.fix());
            return null;
        }
        return new CertificateMapping.Regex(issuer, pattern, replace, item.location());
    }

    private void checkInSuffix(ConfigNode node, String base) {
        if (!base.isEmpty() && Dns.relation(base, suffix) == DnSyntax.Relation.OUTSIDE) {
            node.error("the search base " + base + " is not inside the directory suffix " + suffixText,
                    "use a base under " + suffixText);
        }
    }

    private static AuthzSettings authz(ConfigNode node) {
        if (!node.present()) {
            return AuthzSettings.NONE;
        }
        Optional<ConfigMapping> mo = node.mapping("write authz: { entry-attribute: authzTo, rules: [ { from: ..., to: ... } ] }");
        if (mo.isEmpty()) {
            return null;
        }
        ConfigNode attrNode = mo.get().get("entry-attribute");
        ConfigNode rulesNode = mo.get().get("rules");
        mo.get().finish();
        Optional<String> attr = Optional.empty();
        boolean ok = true;
        if (attrNode.present()) {
            attr = attributeName(attrNode, "name the attribute holding the rules, e.g. entry-attribute: authzTo");
            ok = attr.isPresent();
        }
        List<AuthzRule> rules = new ArrayList<>();
        if (rulesNode.present()) {
            Optional<List<ConfigNode>> items = rulesNode.list("list rules, e.g. rules: [ { from: \"dn:cn=proxy,dc=example,dc=com\", to: \"dn.subtree:ou=people,dc=example,dc=com\" } ]");
            if (items.isEmpty()) {
                return null;
            }
            for (ConfigNode item : items.get()) {
                Optional<ConfigMapping> rm = item.mapping("write each rule as { from: PATTERN, to: PATTERN }");
                if (rm.isEmpty()) {
                    ok = false;
                    continue;
                }
                Optional<String> from = rule(rm.get(), "from", "who may assert another identity");
                Optional<String> to = rule(rm.get(), "to", "which identities they may assert");
                rm.get().finish();
                if (from.isEmpty() || to.isEmpty()) {
                    ok = false;
                } else {
                    rules.add(new AuthzRule(from.get(), to.get(), item.location()));
                }
            }
        }
        return ok ? new AuthzSettings(attr, rules) : null;
    }

    private static Optional<String> rule(ConfigMapping m, String key, String meaning) {
        Optional<ConfigNode> n = m.required(key, "give " + key + ": (" + meaning + "), e.g. dn.subtree:ou=people,dc=example,dc=com");
        if (n.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> t = n.get().nonBlankText("write an identity pattern such as dn:DN or dn.subtree:DN").map(String::strip);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            AuthzSyntax.check(t.get());
            return t;
        } catch (SyntaxException e) {
            n.get().error(e.getMessage(), e.fix());
            return Optional.empty();
        }
    }
}
