package dev.herald.ldap.tools;

import java.time.Clock;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.util.DateUtils;

/**
 * Adds, when the entry lacks them, entryUUID (RFC 4530), creatorsName, createTimestamp,
 * modifiersName and modifyTimestamp (RFC 4512 §3.4) — what slapadd adds. Values present in the
 * LDIF are kept, so an export re-imports unchanged. Thread-safe.
 */
public final class DefaultOperationalAttributes implements OperationalAttributes {
    private final Clock clock;
    private final AttributeType uuidType;
    private final AttributeType creatorsType;
    private final AttributeType createType;
    private final AttributeType modifiersType;
    private final AttributeType modifyType;
    private final Value creator;
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, null);

    /** The time value of one second, shared by the entries stamped in it (values are immutable). */
    private record Stamp(long second, Value time) {}

    /**
     * @param creator the DN recorded as creator and modifier, e.g. the root DN
     */
    public DefaultOperationalAttributes(SchemaManager schemaManager, String creator, Clock clock) throws LdapException {
        this.clock = clock;
        this.uuidType = schemaManager.lookupAttributeTypeRegistry(SchemaConstants.ENTRY_UUID_AT);
        this.creatorsType = schemaManager.lookupAttributeTypeRegistry(SchemaConstants.CREATORS_NAME_AT);
        this.createType = schemaManager.lookupAttributeTypeRegistry(SchemaConstants.CREATE_TIMESTAMP_AT);
        this.modifiersType = schemaManager.lookupAttributeTypeRegistry(SchemaConstants.MODIFIERS_NAME_AT);
        this.modifyType = schemaManager.lookupAttributeTypeRegistry(SchemaConstants.MODIFY_TIMESTAMP_AT);
        this.creator = new Value(creatorsType, creator);
    }

    /**
     * Per-thread generators: UUID.randomUUID() shares one SecureRandom whose lock (and, with
     * NativePRNG, a read of /dev/urandom per call) serialises parallel imports.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    /** A version 4 (random) UUID, RFC 4122 §4.4. */
    static UUID randomUuid() {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo);
    }

    private Value now() throws LdapException {
        long second = clock.millis() / 1000;
        Stamp s = stamp;
        if (s.second() != second) {
            s = new Stamp(second, new Value(createType, DateUtils.getGeneralizedTime(second * 1000)));
            stamp = s;
        }
        return s.time();
    }

    @Override
    public Entry apply(Entry entry) throws LdapException {
        Value now = now();
        if (!entry.containsAttribute(uuidType)) {
            entry.add(uuidType, randomUuid().toString());
        }
        if (!entry.containsAttribute(creatorsType)) {
            entry.add(creatorsType, creator);
        }
        if (!entry.containsAttribute(createType)) {
            entry.add(createType, now);
        }
        if (!entry.containsAttribute(modifiersType)) {
            entry.add(modifiersType, creator);
        }
        if (!entry.containsAttribute(modifyType)) {
            entry.add(modifyType, now);
        }
        return entry;
    }
}
