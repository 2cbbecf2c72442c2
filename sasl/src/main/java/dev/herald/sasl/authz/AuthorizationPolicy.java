package dev.herald.sasl.authz;

import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.syntax.AttributeDescription;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.SyntaxException;
import dev.herald.sasl.syntax.Utf8Strict;
import dev.herald.sasl.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Who may act as whom: when a client authenticated as A asks to be authorized as B (an explicit
 * authzId that is not A), B is allowed when any of these holds, and refused otherwise:
 * <ol>
 *   <li>a configured {@link AuthzRule} has {@code from} matching A and {@code to} matching B;</li>
 *   <li>{@code authzToAttribute} is set and a value of that attribute on A's entry matches B
 *       (OpenLDAP {@code authz-policy to});</li>
 *   <li>{@code authzFromAttribute} is set and a value of that attribute on B's entry matches A
 *       (OpenLDAP {@code authz-policy from}).</li>
 * </ol>
 * Attribute values that do not parse are ignored (and logged), never read as "allow". Whoever
 * can write the authzTo attribute of an entry can let that entry act as anyone: access control
 * in ldap-server must keep users from writing it on their own entries.
 *
 * @param authzToAttribute      the attribute read on the authenticated entry, usually {@code authzTo}
 * @param authzFromAttribute    the attribute read on the target entry, usually {@code authzFrom}
 * @param rules                 server-wide rules from the configuration
 * @param requireExistingTarget when true (the default) B must be an existing entry; RFC 4513
 *                              does not require it, Herald does unless told otherwise
 */
public record AuthorizationPolicy(Optional<String> authzToAttribute, Optional<String> authzFromAttribute,
                                  List<AuthzRule> rules, boolean requireExistingTarget) {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationPolicy.class);

    public AuthorizationPolicy {
        authzToAttribute.ifPresent(a -> AttributeDescription.require(a, "authzTo attribute"));
        authzFromAttribute.ifPresent(a -> AttributeDescription.require(a, "authzFrom attribute"));
        rules = List.copyOf(rules);
    }

    /** Nobody may act as anyone else (the default). */
    public static AuthorizationPolicy denyAll() {
        return new AuthorizationPolicy(Optional.empty(), Optional.empty(), List.of(), true);
    }

    /** The verdict, with the rule that allowed it or why nothing did (for the log). */
    public record Decision(boolean allowed, String reason) {
    }

    /**
     * Decides whether {@code authc} may act as {@code target}. Both are DNs the directory
     * returned (or, for a non-existing target, the parsed request).
     */
    public Decision decide(Dn authc, Dn target, DirectoryLookup dir) throws DirectoryException {
        for (int i = 0; i < rules.size(); i++) {
            AuthzRule r = rules.get(i);
            if (r.from().matches(authc, dir) && r.to().matches(target, dir)) {
                return new Decision(true, "configured rule " + (i + 1) + " (" + r + ")");
            }
        }
        if (authzToAttribute.isPresent()) {
            Optional<AuthzPattern> p = firstMatch(authc, authzToAttribute.get(), target, dir);
            if (p.isPresent()) {
                return new Decision(true, authzToAttribute.get() + " value \"" + p.get() + "\" of \"" + authc + "\"");
            }
        }
        if (authzFromAttribute.isPresent()) {
            Optional<AuthzPattern> p = firstMatch(target, authzFromAttribute.get(), authc, dir);
            if (p.isPresent()) {
                return new Decision(true, authzFromAttribute.get() + " value \"" + p.get() + "\" of \"" + target + "\"");
            }
        }
        return new Decision(false, "no authorization rule lets \"" + authc + "\" act as \"" + target + "\"");
    }

    private static Optional<AuthzPattern> firstMatch(Dn holder, String attribute, Dn candidate, DirectoryLookup dir)
            throws DirectoryException {
        for (byte[] raw : dir.values(holder.toString(), attribute)) {
            Optional<String> text = Utf8Strict.decode(raw);
            if (text.isEmpty()) {
                LOG.warn("ignoring a {} value of \"{}\" that is not UTF-8", attribute, LogText.safe(holder.toString()));
                continue;
            }
            AuthzPattern p;
            try {
                p = AuthzPattern.parse(text.get());
            } catch (SyntaxException e) {
                LOG.warn("ignoring {} value \"{}\" of \"{}\": {}", attribute, LogText.safe(text.get()),
                        LogText.safe(holder.toString()), e.getMessage());
                continue;
            }
            if (p.matches(candidate, dir)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
