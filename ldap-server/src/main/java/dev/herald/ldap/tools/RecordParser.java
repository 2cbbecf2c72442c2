package dev.herald.ldap.tools;

import java.util.List;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;

/**
 * The Directory API's LDIF parser applied to one record that {@link LdifRecords} framed: the
 * API parses the DN, change type, controls and attribute values (base64 and URL values
 * included); framing ahead of it lets records be parsed on several threads. One instance per
 * thread. Each record is parsed on its own: whether a file mixes content and change records
 * is checked by the caller, in file order.
 */
final class RecordParser extends LdifReader {

    RecordParser() {
        // parseEntry parses the DN anyway; checking it first would parse it twice
        setValidateDn(false);
    }

    /** The record's entry or change; LdapException (LdapLdifException for syntax) when malformed. */
    LdifEntry parse(List<String> record) throws LdapException {
        containsEntries = false;
        containsChanges = false;
        lines.clear();
        lines.addAll(record);
        LdifEntry e = parseEntry();
        if (e == null) {
            throw new LdapException("empty record");
        }
        return e;
    }
}
