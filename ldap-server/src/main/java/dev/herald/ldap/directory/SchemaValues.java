package dev.herald.ldap.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.util.Strings;

/**
 * Makes protocol-level names and values schema-aware, reporting problems with the result
 * codes of RFC 4511: an unknown attribute type is undefinedAttributeType (17), a value its
 * syntax rejects invalidAttributeSyntax (21), a value given twice attributeOrValueExists (20),
 * a DN that does not parse or names unknown types invalidDNSyntax (34).
 *
 * <p>Thread-safe. It remembers attribute descriptions it has resolved and the schema-aware form
 * of objectClass values (a handful of values repeated in every entry, whose OID normaliser is
 * costly), and parsed DNs; values and DNs are immutable, so they may be shared. The caches are
 * bounded.
 */
public final class SchemaValues {
    /** Most attribute descriptions and objectClass values remembered. */
    private static final int CACHE_LIMIT = 4096;

    private final SchemaManager schema;
    private final AttributeType objectClass;
    private final Map<String, AttributeType> types = new ConcurrentHashMap<>();
    private final Map<String, Value> objectClassValues = new ConcurrentHashMap<>();
    /** Parsed DNs by their string form: requests name the same few bases again and again. */
    private final Map<String, Dn> dns = new ConcurrentHashMap<>();

    public SchemaValues(SchemaManager schema) {
        this.schema = schema;
        this.objectClass = schema.getAttributeType(SchemaConstants.OBJECT_CLASS_AT);
    }

    public SchemaManager schema() {
        return schema;
    }

    /** The schema-aware form of a DN. */
    public Dn dn(Dn raw) throws LdapException {
        if (raw == null) {
            return Dn.EMPTY_DN;
        }
        if (raw.isSchemaAware()) {
            return raw;
        }
        return dn(raw.getName());
    }

    /**
     * The schema-aware form of a DN string. Parsed DNs are remembered (a Dn is immutable):
     * parsing with the schema, syntax checks and normalisation included, cost about a tenth of
     * a search's time.
     */
    public Dn dn(String raw) throws LdapException {
        Dn known = dns.get(raw);
        if (known != null) {
            return known;
        }
        try {
            Dn parsed = new Dn(schema, raw);
            if (dns.size() >= CACHE_LIMIT) {
                dns.clear(); // bounded; a workload with many names just parses again
            }
            dns.put(raw, parsed);
            return parsed;
        } catch (LdapInvalidDnException | RuntimeException e) {
            // Unparsable, or naming an attribute type the schema does not know.
            throw Errors.error(ResultCodeEnum.INVALID_DN_SYNTAX, "invalid DN \"" + raw + "\"");
        }
    }

    /** The schema-aware form of an RDN. */
    public Rdn rdn(Rdn raw) throws LdapException {
        try {
            // Through the DN parser, as dn() parses: the API's RDN parser normalises some
            // non-ASCII values differently (2.1.8), and the renamed entry's DN would then
            // differ from the same DN given in a later request.
            Dn one = new Dn(schema, raw.getName());
            if (one.size() != 1) {
                throw new LdapInvalidDnException(ResultCodeEnum.INVALID_DN_SYNTAX, "not one RDN");
            }
            return one.getRdn();
        } catch (LdapException | RuntimeException e) {
            throw Errors.error(ResultCodeEnum.INVALID_DN_SYNTAX, "invalid RDN \"" + raw.getName() + "\"");
        }
    }

    /** The type named by an attribute description (options such as {@code ;binary} ignored). */
    public AttributeType attributeType(String description) throws LdapException {
        AttributeType known = types.get(description);
        if (known != null) {
            return known;
        }
        String name = description;
        int semi = name.indexOf(';');
        if (semi >= 0) {
            name = name.substring(0, semi);
        }
        AttributeType at = schema.getAttributeType(name);
        if (at == null) {
            throw Errors.error(ResultCodeEnum.UNDEFINED_ATTRIBUTE_TYPE, "unknown attribute type \"" + description + "\"");
        }
        if (types.size() < CACHE_LIMIT) {
            types.put(description, at);
        }
        return at;
    }

    /** One value made schema-aware (syntax-checked and normalised) for {@code at}. */
    public static Value value(AttributeType at, Value raw) throws LdapException {
        return raw.isHumanReadable() ? value(at, raw.getString(), null) : value(at, null, raw.getBytes());
    }

    /** One value, given as a string or as bytes, made schema-aware for {@code at}. */
    static Value value(AttributeType at, String string, byte[] bytes) throws LdapException {
        try {
            if (at.getSyntax() != null && at.getSyntax().isHumanReadable()) {
                return new Value(at, string != null ? string : Strings.utf8ToString(bytes));
            }
            return new Value(at, bytes != null ? bytes : Strings.getBytesUtf8(string));
        } catch (LdapException | RuntimeException e) {
            throw Errors.error(ResultCodeEnum.INVALID_ATTRIBUTE_SYNTAX, at.getName() + ": value invalid per syntax");
        }
    }

    /** {@link #value} for objectClass, remembered by string. */
    private Value objectClassValue(String string, byte[] bytes) throws LdapException {
        Value v = string == null ? null : objectClassValues.get(string);
        if (v == null) {
            v = value(objectClass, string, bytes);
            if (string != null && objectClassValues.size() < CACHE_LIMIT) {
                objectClassValues.put(string, v);
            }
        }
        return v;
    }

    /** {@link #value}, with objectClass values from the cache. */
    private Value cachedValue(AttributeType at, String string, byte[] bytes) throws LdapException {
        return at == objectClass ? objectClassValue(string, bytes) : value(at, string, bytes);
    }

    /** A schema-aware attribute with the same values; duplicates are refused. */
    public Attribute attribute(Attribute raw) throws LdapException {
        AttributeType at = raw.getAttributeType() != null ? raw.getAttributeType() : attributeType(raw.getUpId());
        DefaultAttribute out = new DefaultAttribute(raw.getUpId(), at);
        int i = 0;
        for (Value v : raw) {
            Value sv;
            try {
                sv = v.isHumanReadable() ? cachedValue(at, v.getString(), null) : cachedValue(at, null, v.getBytes());
            } catch (LdapException e) {
                throw Errors.error(ResultCodeEnum.INVALID_ATTRIBUTE_SYNTAX,
                        raw.getUpId() + ": value #" + i + " invalid per syntax");
            }
            if (out.contains(sv)) {
                throw Errors.error(ResultCodeEnum.ATTRIBUTE_OR_VALUE_EXISTS,
                        raw.getUpId() + ": value #" + i + " provided more than once");
            }
            out.add(sv);
            i++;
        }
        return out;
    }

    /** A schema-aware copy of an entry as received in an Add request. */
    public Entry entry(Dn dn, Entry raw) throws LdapException {
        Entry out = new DefaultEntry(schema, dn);
        for (Attribute a : raw) {
            Attribute sa = attribute(a);
            if (out.containsAttribute(sa.getAttributeType())) {
                throw Errors.error(ResultCodeEnum.ATTRIBUTE_OR_VALUE_EXISTS,
                        a.getUpId() + ": attribute provided more than once");
            }
            out.put(sa);
        }
        return out;
    }

    /**
     * The schema-aware entry of an Add whose attributes arrive as parsed lines: descriptions
     * and values (String, byte[], or null for an empty value) in the order given. The same rules
     * as {@link #entry(Dn, Entry)}: lines naming one description (ignoring case) form one
     * attribute, and a value repeated verbatim counts once, as a protocol attribute's value set
     * keeps it; values equal only after normalisation, or one type under two descriptions, are
     * refused. Saves building the intermediate schema-less entry.
     */
    public Entry entry(Dn dn, List<String> descriptions, List<Object> rawValues) throws LdapException {
        Map<String, Pending> byDescription = new LinkedHashMap<>();
        for (int i = 0; i < descriptions.size(); i++) {
            String description = Strings.trim(descriptions.get(i));
            String key = Strings.toLowerCaseAscii(description);
            Pending p = byDescription.get(key);
            if (p == null) {
                AttributeType at = attributeType(description);
                p = new Pending(new DefaultAttribute(description, at), at);
                byDescription.put(key, p);
            }
            p.add(rawValues.get(i));
        }
        Entry out = new DefaultEntry(schema, dn);
        for (Pending p : byDescription.values()) {
            if (out.containsAttribute(p.type)) {
                throw Errors.error(ResultCodeEnum.ATTRIBUTE_OR_VALUE_EXISTS,
                        p.attribute.getUpId() + ": attribute provided more than once");
            }
            out.put(p.attribute);
        }
        return out;
    }

    /** One attribute being built from parsed lines. */
    private final class Pending {
        final DefaultAttribute attribute;
        final AttributeType type;
        private final List<Object> seen = new ArrayList<>(2);

        Pending(DefaultAttribute attribute, AttributeType type) {
            this.attribute = attribute;
            this.type = type;
        }

        void add(Object raw) throws LdapException {
            Object v = raw != null ? raw : "";
            for (Object s : seen) {
                if (s instanceof byte[] b ? v instanceof byte[] c && Arrays.equals(b, c) : s.equals(v)) {
                    return; // verbatim repeat
                }
            }
            Value sv;
            try {
                sv = v instanceof byte[] b ? cachedValue(type, null, b) : cachedValue(type, (String) v, null);
            } catch (LdapException e) {
                throw Errors.error(ResultCodeEnum.INVALID_ATTRIBUTE_SYNTAX,
                        attribute.getUpId() + ": value #" + seen.size() + " invalid per syntax");
            }
            if (attribute.contains(sv)) {
                throw Errors.error(ResultCodeEnum.ATTRIBUTE_OR_VALUE_EXISTS,
                        attribute.getUpId() + ": value #" + seen.size() + " provided more than once");
            }
            attribute.add(sv);
            seen.add(v);
        }
    }

    /** A schema-aware copy of one modification. */
    public Modification modification(Modification raw) throws LdapException {
        return new DefaultModification(raw.getOperation(), attribute(raw.getAttribute()));
    }
}
