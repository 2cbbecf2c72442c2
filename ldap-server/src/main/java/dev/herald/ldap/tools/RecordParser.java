package dev.herald.ldap.tools;

import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.ldif.LdapLdifException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * The Directory API's LDIF parser applied to one record that {@link LdifRecords} framed: the
 * API parses the DN (with the schema, as the server parses DNs), the change type, controls and
 * attribute values (base64 and URL values included). Attribute lines of content and add
 * records are handed over as parsed (description and value) instead of going into a
 * schema-less entry first; {@code SchemaValues} makes the entry from them. One instance per
 * thread. Each record is parsed on its own: whether a file mixes content and change records is
 * checked by the caller, in file order.
 */
final class RecordParser extends LdifReader {

    /** A parsed record: DN and change type in {@code header}, attribute lines beside it. */
    record Parsed(LdifEntry header, List<String> descriptions, List<Object> values) {}

    /** The record's DN names an attribute type the schema does not know (a rejection, not a syntax error). */
    static final class UnknownDnTypeException extends Exception {
        UnknownDnTypeException(String message) {
            super(message);
        }
    }

    private List<String> descriptions;
    private List<Object> values;
    private final ParentDnCache dns;

    RecordParser(SchemaManager schema) {
        setSchemaManager(schema);
        dns = new ParentDnCache(schema);
        // parseEntry parses the DN anyway; checking it first would parse it twice
        setValidateDn(false);
    }

    /**
     * The record; LdapException (LdapLdifException for syntax) when it is malformed,
     * UnknownDnTypeException when its DN is well-formed but names an unknown type.
     */
    Parsed parse(List<String> record) throws LdapException, UnknownDnTypeException {
        containsEntries = false;
        containsChanges = false;
        lines.clear();
        lines.addAll(record);
        // The DN from the parent cache when it can make it (most of a parse's cost was the
        // DN's); the API's parser then gets an empty DN to parse and the record keeps ours.
        Dn known = knownDn(record.get(0));
        if (known != null) {
            lines.set(0, "dn:");
        }
        descriptions = new ArrayList<>(record.size());
        values = new ArrayList<>(record.size());
        LdifEntry e;
        try {
            e = parseEntry();
        } catch (LdapInvalidDnException x) {
            String dn = dnText(record.get(0));
            if (dn != null && Dn.isValid(dn)) {
                throw new UnknownDnTypeException("invalid DN \"" + dn + "\"");
            }
            throw new LdapLdifException("invalid DN in '" + record.get(0) + "'");
        }
        if (e == null) {
            throw new LdapLdifException("empty record");
        }
        if (known != null) {
            e.setDn(known);
        }
        return new Parsed(e, descriptions, values);
    }

    /** The record's DN through the parent cache, or null when the full parse must make it. */
    private Dn knownDn(String first) {
        if (first.length() < 3 || !first.regionMatches(true, 0, "dn:", 0, 3)) {
            return null;
        }
        String text = dnText(first);
        return text == null ? null : dns.dn(text);
    }

    private String dnText(String line) {
        try {
            return parseDn(line);
        } catch (LdapException e) {
            return null;
        }
    }

    /** Attribute lines of content and add records: kept as parsed (see the class comment). */
    @Override
    public void parseAttributeValue(LdifEntry entry, String line, String lowerLine) throws LdapException {
        int colon = line.indexOf(':');
        if ("dn".equals(lowerLine.substring(0, colon))) {
            throw new LdapLdifException("a record with two DNs");
        }
        descriptions.add(line.substring(0, colon));
        values.add(parseValue(line.substring(0, colon), line, colon));
    }
}
