package dev.herald.ldap.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;

import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.directory.Requestor;
import dev.herald.ldap.directory.SearchListener;
import dev.herald.ldap.directory.SearchSpec;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.directory.Scope;

/**
 * The sasl module's view of the directory, over {@link DirectoryService}. Every call runs as
 * the server ({@link Requestor#SERVER}: no access control, no size or unindexed-scan limits
 * other than {@code limit}), never as the client that is binding. DNs and filters are parsed
 * with the server's schema-aware parsers, exactly as a client's would be, and nothing outside
 * the naming context is ever found (not the root DSE, not {@code cn=schema}). The DNs returned
 * are the entries' DNs as stored, the form the server also uses for simple-bind identities.
 */
public final class ServerDirectoryLookup implements DirectoryLookup {

    private final DirectoryService directory;

    public ServerDirectoryLookup(DirectoryService directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> exists(String dn) throws DirectoryException {
        Optional<Dn> parsed = parseInside(dn);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        List<Entry> found = run(parsed.get(), SearchScope.OBJECT, "(objectClass=*)", List.of("1.1"), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).getDn().getName());
    }

    @Override
    public List<String> search(String baseDn, Scope scope, String filter, int limit) throws DirectoryException {
        Optional<Dn> base = parseInside(baseDn);
        if (base.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Entry e : run(base.get(), scope(scope), filter, List.of("1.1"), limit)) {
            out.add(e.getDn().getName());
        }
        return out;
    }

    @Override
    public List<byte[]> values(String dn, String attribute) throws DirectoryException {
        Optional<Dn> parsed = parseInside(dn);
        if (parsed.isEmpty()) {
            return List.of();
        }
        // Options such as ";binary" select the transfer form; values are kept as stored (DER
        // for certificates), so the type alone names what to read.
        String type = attribute.split(";", 2)[0];
        AttributeType at = directory.schema().getAttributeType(type);
        if (at == null) {
            return List.of();
        }
        List<Entry> found = run(parsed.get(), SearchScope.OBJECT, "(objectClass=*)", List.of(type), 1);
        if (found.isEmpty()) {
            return List.of();
        }
        Attribute a = found.get(0).get(at);
        if (a == null) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(a.size());
        for (Value v : a) {
            out.add(v.getBytes());
        }
        return out;
    }

    /** The DN if it parses and names something inside the naming context. */
    private Optional<Dn> parseInside(String dn) {
        Dn parsed;
        try {
            parsed = new Dn(directory.schema(), dn);
        } catch (LdapInvalidDnException | RuntimeException e) {
            return Optional.empty();
        }
        Dn suffix = directory.suffix();
        return parsed.equals(suffix) || parsed.isDescendantOf(suffix) ? Optional.of(parsed) : Optional.empty();
    }

    private List<Entry> run(Dn base, SearchScope scope, String filter, List<String> attributes, int limit)
            throws DirectoryException {
        ExprNode node;
        try {
            node = FilterParser.parse(filter);
        } catch (java.text.ParseException | RuntimeException e) {
            throw new DirectoryException("unparsable filter: " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        SearchListener listener = new SearchListener() {
            @Override
            public boolean entry(Entry entry) {
                out.add(entry);
                return out.size() < limit;
            }

            @Override
            public boolean stopRequested() {
                return out.size() >= limit;
            }
        };
        try {
            directory.search(Requestor.SERVER, new SearchSpec(base, scope, node, attributes, false), () -> null, listener);
        } catch (LdapNoSuchObjectException e) {
            return List.of();
        } catch (LdapOperationException e) {
            if (e.getResultCode() == ResultCodeEnum.NO_SUCH_OBJECT) {
                return List.of();
            }
            throw new DirectoryException("directory lookup failed: " + e.getMessage(), e);
        } catch (LdapException | RuntimeException e) {
            throw new DirectoryException("directory lookup failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static SearchScope scope(Scope scope) {
        return switch (scope) {
            case BASE -> SearchScope.OBJECT;
            case ONE -> SearchScope.ONELEVEL;
            case SUB -> SearchScope.SUBTREE;
        };
    }
}
