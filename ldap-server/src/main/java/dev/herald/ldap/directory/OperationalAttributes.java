package dev.herald.ldap.directory;

import java.time.Clock;
import java.util.UUID;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;

import dev.herald.ldap.schema.GeneralizedTimes;
import dev.herald.ldap.schema.SubschemaEntry;

/**
 * The operational attributes the server maintains. Stored with the entry: entryUUID (RFC
 * 4530), creatorsName, createTimestamp, modifiersName, modifyTimestamp (RFC 4512 §3.4).
 * Computed when an entry is read: entryDN (RFC 5020), hasSubordinates (X.501) and
 * subschemaSubentry (RFC 4512 §4.2).
 */
public final class OperationalAttributes {

    private final Clock clock;

    public OperationalAttributes(Clock clock) {
        this.clock = clock;
    }

    /** Stamps a new entry created by {@code creator} (empty DN for the server itself). */
    public void onCreate(Entry entry, Dn creator) throws LdapException {
        String now = GeneralizedTimes.format(clock.instant());
        entry.put(SchemaConstants.ENTRY_UUID_AT, UUID.randomUUID().toString());
        entry.put(SchemaConstants.CREATORS_NAME_AT, creator.getName());
        entry.put(SchemaConstants.CREATE_TIMESTAMP_AT, now);
        entry.put(SchemaConstants.MODIFIERS_NAME_AT, creator.getName());
        entry.put(SchemaConstants.MODIFY_TIMESTAMP_AT, now);
    }

    /** Fills in whatever is missing on an entry loaded from LDIF, keeping what the file had. */
    public void onImport(Entry entry, Dn importer) throws LdapException {
        String now = GeneralizedTimes.format(clock.instant());
        putIfAbsent(entry, SchemaConstants.ENTRY_UUID_AT, UUID.randomUUID().toString());
        putIfAbsent(entry, SchemaConstants.CREATORS_NAME_AT, importer.getName());
        putIfAbsent(entry, SchemaConstants.CREATE_TIMESTAMP_AT, now);
        putIfAbsent(entry, SchemaConstants.MODIFIERS_NAME_AT, importer.getName());
        putIfAbsent(entry, SchemaConstants.MODIFY_TIMESTAMP_AT, now);
    }

    /** Stamps an entry changed by {@code modifier}. */
    public void onModify(Entry entry, Dn modifier) throws LdapException {
        entry.put(SchemaConstants.MODIFIERS_NAME_AT, modifier.getName());
        entry.put(SchemaConstants.MODIFY_TIMESTAMP_AT, GeneralizedTimes.format(clock.instant()));
    }

    /** Adds the computed attributes to a copy of a stored entry that is about to be read. */
    public static void addVirtual(Entry view, boolean hasChildren) throws LdapException {
        view.put(SchemaConstants.ENTRY_DN_AT, view.getDn().getName());
        view.put(SchemaConstants.HAS_SUBORDINATES_AT, hasChildren ? "TRUE" : "FALSE");
        view.put(SchemaConstants.SUBSCHEMA_SUBENTRY_AT, SubschemaEntry.DN);
    }

    private static void putIfAbsent(Entry entry, String attribute, String value) throws LdapException {
        if (!entry.containsAttribute(attribute)) {
            entry.put(attribute, value);
        }
    }
}
