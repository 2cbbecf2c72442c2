package dev.herald.ldap.directory;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.schema.GeneralizedTimes;
import dev.herald.ldap.schema.SubschemaEntry;

/**
 * The operational attributes the server maintains. Stored with the entry: entryUUID (RFC
 * 4530), creatorsName, createTimestamp, modifiersName, modifyTimestamp (RFC 4512 §3.4).
 * Computed when an entry is read: entryDN (RFC 5020), hasSubordinates (X.501) and
 * subschemaSubentry (RFC 4512 §4.2).
 *
 * <p>Thread-safe. Built with the schema, it resolves the attribute types once and reuses the
 * schema-aware timestamp values of the current second and the name values of the last
 * creator or modifier (values are immutable, so entries may share them): normalising a
 * Generalized Time or a DN for every entry dominated the cost of a bulk import.
 */
public final class OperationalAttributes {

    private final Clock clock;
    /** Resolved types, or null when built without a schema (values are then built by name). */
    private final Types types;
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, null, null);
    private volatile Names names = new Names(null, null, null);

    private record Types(AttributeType uuid, AttributeType creators, AttributeType created, AttributeType modifiers,
            AttributeType modified) {}

    /** The timestamp values of one second. */
    private record Stamp(long second, Value created, Value modified) {}

    /** The creatorsName and modifiersName values of one DN. */
    private record Names(Dn dn, Value creators, Value modifiers) {}

    /** Without the schema: attributes are added by name (resolved for every entry). */
    public OperationalAttributes(Clock clock) {
        this.clock = clock;
        this.types = null;
    }

    /** With the schema the entries are aware of. */
    public OperationalAttributes(Clock clock, SchemaManager schema) {
        this.clock = clock;
        this.types = new Types(schema.getAttributeType(SchemaConstants.ENTRY_UUID_AT),
                schema.getAttributeType(SchemaConstants.CREATORS_NAME_AT),
                schema.getAttributeType(SchemaConstants.CREATE_TIMESTAMP_AT),
                schema.getAttributeType(SchemaConstants.MODIFIERS_NAME_AT),
                schema.getAttributeType(SchemaConstants.MODIFY_TIMESTAMP_AT));
    }

    /** Stamps a new entry created by {@code creator} (empty DN for the server itself). */
    public void onCreate(Entry entry, Dn creator) throws LdapException {
        if (types == null) {
            String now = GeneralizedTimes.format(clock.instant());
            entry.put(SchemaConstants.ENTRY_UUID_AT, randomUuid().toString());
            entry.put(SchemaConstants.CREATORS_NAME_AT, creator.getName());
            entry.put(SchemaConstants.CREATE_TIMESTAMP_AT, now);
            entry.put(SchemaConstants.MODIFIERS_NAME_AT, creator.getName());
            entry.put(SchemaConstants.MODIFY_TIMESTAMP_AT, now);
            return;
        }
        Stamp st = stamp();
        Names who = names(creator);
        entry.put(new DefaultAttribute(types.uuid(), new Value(types.uuid(), randomUuid().toString())));
        entry.put(new DefaultAttribute(types.creators(), who.creators()));
        entry.put(new DefaultAttribute(types.created(), st.created()));
        entry.put(new DefaultAttribute(types.modifiers(), who.modifiers()));
        entry.put(new DefaultAttribute(types.modified(), st.modified()));
    }

    /** Fills in whatever is missing on an entry loaded from LDIF, keeping what the file had. */
    public void onImport(Entry entry, Dn importer) throws LdapException {
        if (types == null) {
            String now = GeneralizedTimes.format(clock.instant());
            putIfAbsent(entry, SchemaConstants.ENTRY_UUID_AT, randomUuid().toString());
            putIfAbsent(entry, SchemaConstants.CREATORS_NAME_AT, importer.getName());
            putIfAbsent(entry, SchemaConstants.CREATE_TIMESTAMP_AT, now);
            putIfAbsent(entry, SchemaConstants.MODIFIERS_NAME_AT, importer.getName());
            putIfAbsent(entry, SchemaConstants.MODIFY_TIMESTAMP_AT, now);
            return;
        }
        Stamp st = stamp();
        Names who = names(importer);
        if (!entry.containsAttribute(types.uuid())) {
            entry.put(new DefaultAttribute(types.uuid(), new Value(types.uuid(), randomUuid().toString())));
        }
        putIfAbsent(entry, types.creators(), who.creators());
        putIfAbsent(entry, types.created(), st.created());
        putIfAbsent(entry, types.modifiers(), who.modifiers());
        putIfAbsent(entry, types.modified(), st.modified());
    }

    /**
     * As {@link #onImport}, for a bulk import whose entries are only encoded and stored, never
     * changed afterwards: creatorsName, createTimestamp, modifiersName and modifyTimestamp are
     * the same attribute objects in every entry of one second and importer (built once, not
     * per entry); entryUUID stays per entry. Entries that may be changed later must use
     * {@link #onImport}.
     */
    public void onBulkImport(Entry entry, Dn importer) throws LdapException {
        if (types == null) {
            onImport(entry, importer);
            return;
        }
        Shared sh = shared(importer);
        if (!entry.containsAttribute(types.uuid())) {
            entry.put(new DefaultAttribute(types.uuid(), new Value(types.uuid(), randomUuid().toString())));
        }
        putIfAbsent(entry, types.creators(), sh.creators());
        putIfAbsent(entry, types.created(), sh.created());
        putIfAbsent(entry, types.modifiers(), sh.modifiers());
        putIfAbsent(entry, types.modified(), sh.modified());
    }

    /** The four attributes shared by the entries of one bulk import in one second. */
    private record Shared(long second, Dn dn, DefaultAttribute creators, DefaultAttribute created,
            DefaultAttribute modifiers, DefaultAttribute modified) {}

    private volatile Shared shared = new Shared(Long.MIN_VALUE, null, null, null, null, null);

    private Shared shared(Dn who) throws LdapException {
        Stamp st = stamp();
        Shared sh = shared;
        if (sh.second() != st.second() || sh.dn() != who) {
            Names n = names(who);
            sh = new Shared(st.second(), who, new DefaultAttribute(types.creators(), n.creators()),
                    new DefaultAttribute(types.created(), st.created()), new DefaultAttribute(types.modifiers(), n.modifiers()),
                    new DefaultAttribute(types.modified(), st.modified()));
            shared = sh;
        }
        return sh;
    }

    private static void putIfAbsent(Entry entry, AttributeType type, DefaultAttribute a) throws LdapException {
        if (!entry.containsAttribute(type)) {
            entry.put(a);
        }
    }

    /** Stamps an entry changed by {@code modifier}. */
    public void onModify(Entry entry, Dn modifier) throws LdapException {
        if (types == null) {
            entry.put(SchemaConstants.MODIFIERS_NAME_AT, modifier.getName());
            entry.put(SchemaConstants.MODIFY_TIMESTAMP_AT, GeneralizedTimes.format(clock.instant()));
            return;
        }
        entry.put(new DefaultAttribute(types.modifiers(), names(modifier).modifiers()));
        entry.put(new DefaultAttribute(types.modified(), stamp().modified()));
    }

    /** Adds the computed attributes to a copy of a stored entry that is about to be read. */
    public static void addVirtual(Entry view, boolean hasChildren) throws LdapException {
        view.put(SchemaConstants.ENTRY_DN_AT, view.getDn().getName());
        view.put(SchemaConstants.HAS_SUBORDINATES_AT, hasChildren ? "TRUE" : "FALSE");
        view.put(SchemaConstants.SUBSCHEMA_SUBENTRY_AT, SubschemaEntry.DN);
    }

    /** This second's timestamp values (Generalized Time has second precision here). */
    private Stamp stamp() throws LdapException {
        long second = Math.floorDiv(clock.millis(), 1000);
        Stamp st = stamp;
        if (st.second() != second) {
            String now = GeneralizedTimes.format(Instant.ofEpochSecond(second));
            st = new Stamp(second, new Value(types.created(), now), new Value(types.modified(), now));
            stamp = st;
        }
        return st;
    }

    private Names names(Dn dn) throws LdapException {
        Names n = names;
        if (n.dn() != dn) {
            n = new Names(dn, new Value(types.creators(), dn.getName()), new Value(types.modifiers(), dn.getName()));
            names = n;
        }
        return n;
    }

    private static void putIfAbsent(Entry entry, AttributeType type, Value value) throws LdapException {
        if (!entry.containsAttribute(type)) {
            entry.put(new DefaultAttribute(type, value));
        }
    }

    private static void putIfAbsent(Entry entry, String attribute, String value) throws LdapException {
        if (!entry.containsAttribute(attribute)) {
            entry.put(attribute, value);
        }
    }

    /** Random bytes for 64 UUIDs at a time, per thread. */
    private static final class UuidSource {
        private final SecureRandom random;
        private final byte[] pool = new byte[16 * 64];
        private int next = pool.length;

        UuidSource() {
            SecureRandom r;
            try {
                r = SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                r = new SecureRandom();
            }
            random = r;
        }

        UUID next() {
            if (next == pool.length) {
                random.nextBytes(pool);
                next = 0;
            }
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (pool[next + i] & 0xff);
                lo = (lo << 8) | (pool[next + 8 + i] & 0xff);
            }
            next += 16;
            hi = (hi & ~0xF000L) | 0x4000L; // version 4
            lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
            return new UUID(hi, lo);
        }
    }

    private static final ThreadLocal<UuidSource> UUIDS = ThreadLocal.withInitial(UuidSource::new);

    /**
     * A version 4 (random) UUID, RFC 4122 §4.4, from a DRBG per thread, drawn 64 at a time:
     * {@code UUID.randomUUID()} shares one locked generator between all threads, and a DRBG
     * call per UUID cost more than the rest of an imported entry's operational attributes.
     */
    public static UUID randomUuid() {
        return UUIDS.get().next();
    }
}
