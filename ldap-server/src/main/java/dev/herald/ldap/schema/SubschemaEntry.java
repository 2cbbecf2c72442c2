package dev.herald.ldap.schema;

import java.time.Instant;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.LdapSyntax;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.MatchingRuleUse;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.SchemaObjectRenderer;

/**
 * Builds the subschema subentry {@code cn=schema} (RFC 4512 §4.2) from a SchemaManager: one
 * value per syntax, matching rule, matching rule use, attribute type and object class, in the
 * RFC 4512 description format, so that {@code ldapsearch -b cn=schema -s base +} shows the
 * schema the server enforces. The entry is computed once; the schema does not change while the
 * server runs.
 */
public final class SubschemaEntry {

    /** The DN every entry's subschemaSubentry attribute points to. */
    public static final String DN = "cn=schema";

    private SubschemaEntry() {}

    /** The subschema entry, with createTimestamp and modifyTimestamp set to {@code loadedAt}. */
    public static Entry build(SchemaManager schema, Instant loadedAt) throws LdapException {
        SchemaObjectRenderer r = SchemaObjectRenderer.SUBSCHEMA_SUBENTRY_RENDERER;
        Entry e = new DefaultEntry(schema, new Dn(schema, DN));
        e.add("objectClass", "top", "subentry", "subschema", "extensibleObject");
        e.add("cn", "schema");
        for (LdapSyntax s : schema.getLdapSyntaxRegistry()) {
            e.add("ldapSyntaxes", r.render(s));
        }
        for (MatchingRule m : schema.getMatchingRuleRegistry()) {
            e.add("matchingRules", r.render(m));
        }
        for (MatchingRuleUse m : schema.getMatchingRuleUseRegistry()) {
            e.add("matchingRuleUse", r.render(m));
        }
        for (AttributeType a : schema.getAttributeTypeRegistry()) {
            e.add("attributeTypes", r.render(a));
        }
        for (ObjectClass o : schema.getObjectClassRegistry()) {
            e.add("objectClasses", r.render(o));
        }
        String ts = GeneralizedTimes.format(loadedAt);
        e.add("createTimestamp", ts);
        e.add("modifyTimestamp", ts);
        e.add("entryDN", DN);
        e.add("subschemaSubentry", DN);
        return e;
    }
}
