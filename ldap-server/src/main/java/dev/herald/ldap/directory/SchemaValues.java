package dev.herald.ldap.directory;

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
 */
public final class SchemaValues {

    private final SchemaManager schema;

    public SchemaValues(SchemaManager schema) {
        this.schema = schema;
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

    /** The schema-aware form of a DN string. */
    public Dn dn(String raw) throws LdapException {
        try {
            return new Dn(schema, raw);
        } catch (LdapInvalidDnException | RuntimeException e) {
            // Unparsable, or naming an attribute type the schema does not know.
            throw Errors.error(ResultCodeEnum.INVALID_DN_SYNTAX, "invalid DN \"" + raw + "\"");
        }
    }

    /** The schema-aware form of an RDN. */
    public Rdn rdn(Rdn raw) throws LdapException {
        try {
            return new Rdn(schema, raw.getName());
        } catch (LdapException | RuntimeException e) {
            throw Errors.error(ResultCodeEnum.INVALID_DN_SYNTAX, "invalid RDN \"" + raw.getName() + "\"");
        }
    }

    /** The type named by an attribute description (options such as {@code ;binary} ignored). */
    public AttributeType attributeType(String description) throws LdapException {
        String name = description;
        int semi = name.indexOf(';');
        if (semi >= 0) {
            name = name.substring(0, semi);
        }
        AttributeType at = schema.getAttributeType(name);
        if (at == null) {
            throw Errors.error(ResultCodeEnum.UNDEFINED_ATTRIBUTE_TYPE, "unknown attribute type \"" + description + "\"");
        }
        return at;
    }

    /** One value made schema-aware (syntax-checked and normalised) for {@code at}. */
    public static Value value(AttributeType at, Value raw) throws LdapException {
        try {
            if (at.getSyntax() != null && at.getSyntax().isHumanReadable()) {
                String s = raw.isHumanReadable() ? raw.getString() : Strings.utf8ToString(raw.getBytes());
                return new Value(at, s);
            }
            byte[] b = raw.isHumanReadable() ? Strings.getBytesUtf8(raw.getString()) : raw.getBytes();
            return new Value(at, b);
        } catch (LdapException | RuntimeException e) {
            throw Errors.error(ResultCodeEnum.INVALID_ATTRIBUTE_SYNTAX, at.getName() + ": value invalid per syntax");
        }
    }

    /** A schema-aware attribute with the same values; duplicates are refused. */
    public Attribute attribute(Attribute raw) throws LdapException {
        AttributeType at = raw.getAttributeType() != null ? raw.getAttributeType() : attributeType(raw.getUpId());
        DefaultAttribute out = new DefaultAttribute(raw.getUpId(), at);
        int i = 0;
        for (Value v : raw) {
            Value sv;
            try {
                sv = value(at, v);
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

    /** A schema-aware copy of one modification. */
    public Modification modification(Modification raw) throws LdapException {
        return new DefaultModification(raw.getOperation(), attribute(raw.getAttribute()));
    }
}
