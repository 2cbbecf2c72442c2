package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.ClientCertificate;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.LdapUrl;
import dev.herald.sasl.syntax.SyntaxException;
import dev.herald.sasl.syntax.Utf8Strict;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code regex}: matches the whole RFC 4514 subject string against a case-insensitive pattern
 * (implicitly anchored: OpenLDAP's unanchored match lets {@code cn=(.*),o=example} also accept
 * {@code cn=x,o=example,o=evil}), then renders the replacement, a DN or a search URL.
 */
final class RegexRewrite implements Strategy {
    /** Bound on the pattern length. */
    static final int MAX_PATTERN = 1024;

    private final Pattern pattern;
    private final DnTemplate dnTarget;
    private final DnTemplate urlBase;
    private final dev.herald.sasl.directory.Scope urlScope;
    private final FilterTemplate urlFilter;

    private RegexRewrite(Pattern pattern, DnTemplate dnTarget, DnTemplate urlBase,
                         dev.herald.sasl.directory.Scope urlScope, FilterTemplate urlFilter) {
        this.pattern = pattern;
        this.dnTarget = dnTarget;
        this.urlBase = urlBase;
        this.urlScope = urlScope;
        this.urlFilter = urlFilter;
    }

    /** Compiles and validates; {@link IllegalArgumentException} messages name the mapper and the setting. */
    static RegexRewrite compile(String name, String pattern, String replacement) {
        if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_PATTERN) {
            throw new IllegalArgumentException(name + ": pattern must be 1 to " + MAX_PATTERN + " characters");
        }
        Pattern p;
        try {
            p = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(name + ": pattern is not a valid regular expression: "
                    + e.getDescription(), e);
        }
        if (replacement == null || replacement.isEmpty()) {
            throw new IllegalArgumentException(name + ": replacement must not be empty");
        }
        int groups = p.matcher("").groupCount();
        try {
            if (LdapUrl.looksLikeUrl(replacement)) {
                LdapUrl url = LdapUrl.parse(replacement);
                DnTemplate base = DnTemplate.parse(url.base());
                FilterTemplate filter = FilterTemplate.parse(url.filter());
                checkGroups(name, Math.max(base.maxGroup(), filter.maxGroup()), groups);
                return new RegexRewrite(p, null, base, url.scope(), filter);
            }
            DnTemplate dn = DnTemplate.parse(replacement);
            if (dn.maxGroup() < 0 && dn.render(i -> "").isRoot()) {
                throw new IllegalArgumentException(name + ": replacement must name an entry");
            }
            checkGroups(name, dn.maxGroup(), groups);
            return new RegexRewrite(p, dn, null, null, null);
        } catch (SyntaxException e) {
            throw new IllegalArgumentException(name + ": replacement: " + e.getMessage(), e);
        }
    }

    private static void checkGroups(String name, int used, int available) {
        if (used > available) {
            throw new IllegalArgumentException(name + ": replacement uses $" + used + " but the pattern has only "
                    + available + " group(s)");
        }
    }

    @Override
    public Attempt attempt(ClientCertificate leaf, DirectoryLookup dir) throws DirectoryException {
        String subject = leaf.subjectDn();
        Matcher m = pattern.matcher(subject);
        if (!m.matches()) {
            return Attempt.notApplicable("subject \"" + subject + "\" does not match " + pattern.pattern());
        }
        String[] groups = new String[m.groupCount() + 1];
        for (int i = 0; i <= m.groupCount(); i++) {
            Optional<String> g = unescapeCapture(m.group(i) == null ? "" : m.group(i));
            if (g.isEmpty()) {
                return Attempt.notApplicable("captured group $" + i + " is not valid UTF-8 once unescaped");
            }
            groups[i] = g.get();
        }
        IntFunction<String> lookup = i -> groups[i];
        if (dnTarget != null) {
            return Lookups.entry(dir, dnTarget.render(lookup));
        }
        Dn base = urlBase.render(lookup);
        return Lookups.single(dir, new SearchBase(base.toString(), urlScope), urlFilter.render(lookup));
    }

    /**
     * Captured text is a piece of an RFC 4514 string: undo its escapes ({@code \XX},
     * {@code \c}) to get the attribute value text it stands for. Lenient on purpose (a capture
     * may cut an escape in half); the result is escaped again wherever it is inserted.
     */
    static Optional<String> unescapeCapture(String s) {
        if (!Utf8Strict.isWellFormed(s)) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '\\' && isHex(s, i + 1) && isHex(s, i + 2)) {
                out.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
                i += 3;
                continue;
            }
            if (c == '\\' && i + 1 < s.length()) {
                i++;
            }
            int cp = s.codePointAt(i);
            out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            i += Character.charCount(cp);
        }
        return Utf8Strict.decode(out.toByteArray());
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && s.charAt(i) < 0x80 && Character.digit(s.charAt(i), 16) >= 0;
    }
}
