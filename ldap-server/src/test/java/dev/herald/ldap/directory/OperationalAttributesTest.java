package dev.herald.ldap.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;

import dev.herald.ldap.schema.HeraldSchema;

/** The stored operational attributes, with and without the schema-resolved fast path. */
class OperationalAttributesTest {
    private static final SchemaManager SM = HeraldSchema.shared();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.890Z"), ZoneOffset.UTC);

    private static Entry person(String... extra) throws Exception {
        Object[] lines = new Object[3 + extra.length];
        lines[0] = "objectClass: person";
        lines[1] = "cn: a";
        lines[2] = "sn: a";
        System.arraycopy(extra, 0, lines, 3, extra.length);
        return new DefaultEntry(SM, "cn=a,dc=example,dc=com", lines);
    }

    @Test
    void importFillsInWhatIsMissingAndKeepsWhatTheFileHad() throws Exception {
        for (OperationalAttributes ops : new OperationalAttributes[] {
                new OperationalAttributes(CLOCK), new OperationalAttributes(CLOCK, SM)}) {
            Dn importer = new Dn(SM, "cn=Import");
            Entry fresh = person();
            ops.onImport(fresh, importer);
            assertThat(fresh.get("createTimestamp").getString()).isEqualTo("20260304050607Z");
            assertThat(fresh.get("modifyTimestamp").getString()).isEqualTo("20260304050607Z");
            assertThat(fresh.get("creatorsName").getString()).isEqualTo("cn=Import");
            assertThat(fresh.get("modifiersName").getString()).isEqualTo("cn=Import");
            UUID uuid = UUID.fromString(fresh.get("entryUUID").getString());
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(fresh.get("createTimestamp").get().getNormalized()).isNotNull();

            Entry kept = person("entryUUID: 6f1f2d4e-3c1a-4d5e-9f00-000000000001",
                    "createTimestamp: 20200101000000Z", "creatorsName: cn=someone");
            ops.onImport(kept, importer);
            assertThat(kept.get("entryUUID").getString()).isEqualTo("6f1f2d4e-3c1a-4d5e-9f00-000000000001");
            assertThat(kept.get("createTimestamp").getString()).isEqualTo("20200101000000Z");
            assertThat(kept.get("creatorsName").getString()).isEqualTo("cn=someone");
            assertThat(kept.get("modifiersName").getString()).isEqualTo("cn=Import");
            // a shared value is typed for its own attribute
            assertThat(kept.get("modifyTimestamp").get().getAttributeType().getName()).isEqualTo("modifyTimestamp");
        }
    }

    @Test
    void bulkImportFillsInTheSameAndSharesOnlyTheConstantAttributes() throws Exception {
        Instant[] now = {Instant.parse("2026-03-04T05:06:07.100Z")};
        Clock ticking = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        OperationalAttributes ops = new OperationalAttributes(ticking, SM);
        Dn importer = new Dn(SM, "cn=Import");
        Entry a = person();
        Entry b = person();
        ops.onBulkImport(a, importer);
        ops.onBulkImport(b, importer);
        for (Entry e : new Entry[] {a, b}) {
            assertThat(e.get("createTimestamp").getString()).isEqualTo("20260304050607Z");
            assertThat(e.get("modifyTimestamp").getString()).isEqualTo("20260304050607Z");
            assertThat(e.get("creatorsName").getString()).isEqualTo("cn=Import");
            assertThat(e.get("modifiersName").getString()).isEqualTo("cn=Import");
            assertThat(e.get("modifyTimestamp").get().getAttributeType().getName()).isEqualTo("modifyTimestamp");
            assertThat(e.get("modifiersName").get().getAttributeType().getName()).isEqualTo("modifiersName");
        }
        // the same as onImport gives, entryUUID per entry
        Entry single = person();
        ops.onImport(single, importer);
        Entry sameUuid = b.clone();
        sameUuid.put(a.get("entryUUID").clone());
        assertThat(a).isEqualTo(sameUuid);
        assertThat(a.get("entryUUID").getString()).isNotEqualTo(b.get("entryUUID").getString());
        assertThat(a.get("creatorsName")).isEqualTo(single.get("creatorsName"));
        assertThat(a.get("createTimestamp")).isEqualTo(single.get("createTimestamp"));
        assertThat(a.get("creatorsName")).isSameAs(b.get("creatorsName"));

        // a new second, a new importer: new attributes
        now[0] = Instant.parse("2026-03-04T05:06:08.000Z");
        Entry c = person();
        ops.onBulkImport(c, importer);
        assertThat(c.get("createTimestamp").getString()).isEqualTo("20260304050608Z");
        Entry d = person();
        ops.onBulkImport(d, new Dn(SM, "cn=Other"));
        assertThat(d.get("creatorsName").getString()).isEqualTo("cn=Other");
        assertThat(d.get("modifiersName").getString()).isEqualTo("cn=Other");

        // what the file had is kept
        Entry kept = person("entryUUID: 6f1f2d4e-3c1a-4d5e-9f00-000000000001",
                "createTimestamp: 20200101000000Z", "creatorsName: cn=someone");
        ops.onBulkImport(kept, importer);
        assertThat(kept.get("entryUUID").getString()).isEqualTo("6f1f2d4e-3c1a-4d5e-9f00-000000000001");
        assertThat(kept.get("createTimestamp").getString()).isEqualTo("20200101000000Z");
        assertThat(kept.get("creatorsName").getString()).isEqualTo("cn=someone");
        assertThat(kept.get("modifiersName").getString()).isEqualTo("cn=Import");
    }

    @Test
    void createStampsEverythingAndModifyTheModifierAttributes() throws Exception {
        for (OperationalAttributes ops : new OperationalAttributes[] {
                new OperationalAttributes(CLOCK), new OperationalAttributes(CLOCK, SM)}) {
            Entry e = person("creatorsName: cn=forged");
            ops.onCreate(e, new Dn(SM, "uid=alice,dc=example,dc=com"));
            assertThat(e.get("creatorsName").getString()).isEqualTo("uid=alice,dc=example,dc=com");
            assertThat(e.get("creatorsName").size()).isEqualTo(1);
            String uuid = e.get("entryUUID").getString();
            ops.onModify(e, new Dn(SM, "uid=bob,dc=example,dc=com"));
            assertThat(e.get("modifiersName").getString()).isEqualTo("uid=bob,dc=example,dc=com");
            assertThat(e.get("creatorsName").getString()).isEqualTo("uid=alice,dc=example,dc=com");
            assertThat(e.get("entryUUID").getString()).isEqualTo(uuid);
            Entry other = person();
            ops.onCreate(other, new Dn(SM, "uid=alice,dc=example,dc=com"));
            assertThat(other.get("entryUUID").getString()).isNotEqualTo(uuid);
        }
    }

    @Test
    void uuidsAreVersionFourIetfVariantAndDistinct() {
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) { // several refills of the per-thread pool
            UUID u = OperationalAttributes.randomUuid();
            assertThat(u.version()).isEqualTo(4);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(seen.add(u)).isTrue();
        }
    }
}
