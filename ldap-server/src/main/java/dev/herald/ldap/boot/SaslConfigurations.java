package dev.herald.ldap.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.herald.config.ConfigException;
import dev.herald.config.model.AuthzSettings;
import dev.herald.config.model.CertificateMapping;
import dev.herald.config.model.EntryLookup;
import dev.herald.config.model.SaslSettings;
import dev.herald.config.model.SearchScope;
import dev.herald.config.model.SourceLocation;
import dev.herald.sasl.authz.AuthorizationPolicy;
import dev.herald.sasl.authz.AuthzRule;
import dev.herald.sasl.authz.UsernameMapping;
import dev.herald.sasl.cert.FingerprintFormat;
import dev.herald.sasl.cert.SanType;
import dev.herald.sasl.directory.Scope;
import dev.herald.sasl.mapping.CandidateSource;
import dev.herald.sasl.mapping.MapperOptions;
import dev.herald.sasl.mapping.MapperSpec;
import dev.herald.sasl.mapping.SearchBase;
import dev.herald.sasl.mapping.WhenNoEntry;
import dev.herald.sasl.syntax.AttributeTypes;

/**
 * Maps the configuration's {@code sasl} section onto the sasl module's values.
 *
 * <ul>
 *   <li>Each {@link CertificateMapping} becomes the {@link MapperSpec} of the same type, in file
 *       order, named after its type ({@code subject-attribute}, {@code subject-attribute-2}, ...
 *       for logs and the explain command), with its issuer scope and "try the next mapper when no
 *       entry is found". {@code subject-attribute} passes the attribute's OID when the sasl
 *       module does not know the name; {@code fingerprint} uses lower-case hex; {@code
 *       certificate} compares the DER leaf byte for byte with {@code <entry-attribute>;binary} of
 *       the entries the directory's equality match finds.</li>
 *   <li>{@code sasl.authz} becomes an {@link AuthorizationPolicy}: {@code entry-attribute} is the
 *       attribute read on the authenticated entry (authzTo style), rules are parsed with the sasl
 *       module's patterns, and the target of a proxied authorization must exist.</li>
 *   <li>{@code sasl.usernames} becomes the {@link UsernameMapping} for {@code u:} authzIds.</li>
 * </ul>
 * Whatever the sasl module refuses is a start-up error at the mapper's or rule's line.
 */
public final class SaslConfigurations {

    private static final Pattern FILTER_ATTRIBUTE = Pattern.compile("\\(\\s*!?\\s*([A-Za-z][A-Za-z0-9-]*|[0-9.]+)(;[^=~<>()]*)?[~<>]?=");

    private SaslConfigurations() {}

    /** The mapper specs, in configured order. */
    public static List<MapperSpec> mappers(List<CertificateMapping> mappings) throws ConfigException {
        List<MapperSpec> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CertificateMapping m : mappings) {
            int n = seen.merge(m.type(), 1, Integer::sum);
            String name = n == 1 ? m.type() : m.type() + "-" + n;
            MapperOptions options = new MapperOptions(name, m.issuer(), WhenNoEntry.TRY_NEXT);
            try {
                out.add(spec(m, options));
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(m.location(), e.getMessage(), "fix this mapper (see docs/configuration.md, sasl)");
            }
        }
        return out;
    }

    private static MapperSpec spec(CertificateMapping m, MapperOptions options) {
        if (m instanceof CertificateMapping.SubjectDn) {
            return new MapperSpec.SubjectDn(options, Optional.empty());
        }
        if (m instanceof CertificateMapping.SubjectAttribute s) {
            // The name as written reads better in logs; the OID when the sasl module lacks the name.
            String attribute = AttributeTypes.lookup(s.certificateAttribute()).isPresent()
                    ? s.certificateAttribute() : s.certificateAttributeOid();
            return new MapperSpec.SubjectAttribute(options, attribute, s.lookup().attribute(), search(s.lookup()));
        }
        if (m instanceof CertificateMapping.SubjectDnAttribute s) {
            return new MapperSpec.SubjectDnAttribute(options, s.lookup().attribute(), search(s.lookup()));
        }
        if (m instanceof CertificateMapping.Fingerprint f) {
            return new MapperSpec.Fingerprint(options, FingerprintFormat.HEX, f.lookup().attribute(), search(f.lookup()));
        }
        if (m instanceof CertificateMapping.SubjectAltName s) {
            SanType type = switch (s.sanType()) {
                case EMAIL -> SanType.RFC822_NAME;
                case DNS -> SanType.DNS_NAME;
                case URI -> SanType.URI;
                case UPN -> SanType.UPN;
            };
            return new MapperSpec.SubjectAltName(options, type, s.lookup().attribute(), search(s.lookup()));
        }
        if (m instanceof CertificateMapping.CertificateMatch c) {
            String attribute = c.lookup().attribute();
            if (!attribute.contains(";")) {
                attribute = attribute + ";binary";
            }
            return new MapperSpec.ExactCertificate(options, new CandidateSource.CertificateSearch(search(c.lookup())),
                    attribute, MapperSpec.ExactCertificate.DEFAULT_MAX_CANDIDATES);
        }
        CertificateMapping.Regex r = (CertificateMapping.Regex) m;
        return new MapperSpec.Regex(options, r.match().pattern(), r.replace());
    }

    private static SearchBase search(EntryLookup lookup) {
        return new SearchBase(lookup.base(), scope(lookup.scope()));
    }

    private static Scope scope(SearchScope scope) {
        return switch (scope) {
            case BASE -> Scope.BASE;
            case ONE -> Scope.ONE;
            case SUB -> Scope.SUB;
        };
    }

    /** The authorization policy for {@code sasl.authz}. */
    public static AuthorizationPolicy authorization(AuthzSettings authz, Path source) throws ConfigException {
        List<AuthzRule> rules = new ArrayList<>();
        for (dev.herald.config.model.AuthzRule r : authz.rules()) {
            if (r.from().regionMatches(true, 0, "u:", 0, 2) || r.to().regionMatches(true, 0, "u:", 0, 2)) {
                throw ConfigException.at(r.location(), "u: user names are not supported in authorization rules",
                        "name the entries instead, e.g. dn:uid=alice,ou=people,dc=example,dc=com or dn.subtree:ou=people,dc=example,dc=com");
            }
            try {
                rules.add(AuthzRule.parse(r.from(), r.to()));
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(r.location(), e.getMessage(), "write identity patterns such as dn:DN or dn.subtree:DN");
            }
        }
        try {
            return new AuthorizationPolicy(authz.entryAttribute(), Optional.empty(), rules, true);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(new SourceLocation(source, 0, 0, "sasl.authz.entry-attribute"), e.getMessage(),
                    "name an attribute such as authzTo");
        }
    }

    /** The {@code u:} mapping for {@code sasl.usernames}, if configured. */
    public static Optional<UsernameMapping> usernames(SaslSettings sasl, Path source) throws ConfigException {
        if (sasl.usernames().isEmpty()) {
            return Optional.empty();
        }
        EntryLookup l = sasl.usernames().get();
        try {
            return Optional.of(new UsernameMapping(l.attribute(), search(l)));
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(new SourceLocation(source, 0, 0, "sasl.usernames"), e.getMessage(),
                    "write usernames: { attribute: uid, base: ou=people,..., scope: sub }");
        }
    }

    /**
     * The entry attributes the mappers and the username mapping search by, which the storage
     * backend must index for equality so that a bind never scans the directory.
     */
    public static Set<String> searchedAttributes(SaslSettings sasl) {
        Set<String> out = new LinkedHashSet<>();
        for (CertificateMapping m : sasl.external().mappers()) {
            if (m instanceof CertificateMapping.SubjectAttribute s) {
                out.add(s.lookup().attribute());
            } else if (m instanceof CertificateMapping.SubjectDnAttribute s) {
                out.add(s.lookup().attribute());
            } else if (m instanceof CertificateMapping.Fingerprint f) {
                out.add(f.lookup().attribute());
            } else if (m instanceof CertificateMapping.SubjectAltName s) {
                out.add(s.lookup().attribute());
            } else if (m instanceof CertificateMapping.CertificateMatch c) {
                out.add(c.lookup().attribute());
            } else if (m instanceof CertificateMapping.Regex r && r.replaceIsSearch()) {
                Matcher a = FILTER_ATTRIBUTE.matcher(r.replace());
                while (a.find()) {
                    out.add(a.group(1));
                }
            }
        }
        sasl.usernames().ifPresent(u -> out.add(u.attribute()));
        Set<String> types = new LinkedHashSet<>();
        for (String a : out) {
            types.add(a.split(";", 2)[0]);
        }
        return types;
    }
}
