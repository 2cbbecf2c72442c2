package dev.herald.ldap.ops;

import java.util.List;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.HeraldVersion;
import dev.herald.ldap.ops.extended.ExtendedOperationRegistry;
import dev.herald.ldap.ops.sasl.SaslMechanismRegistry;
import dev.herald.ldap.schema.SubschemaEntry;
import dev.herald.ldap.session.LdapSession;

/**
 * The root DSE (RFC 4512 §5.1) as one connection sees it: naming context, LDAP version,
 * supported extended operations, controls and features, the SASL mechanisms this connection
 * may use now, the subschema entry and vendor information (RFC 3045). All but objectClass are
 * operational attributes, returned for {@code +} or by name.
 */
public final class RootDse {

    /** RFC 3673 "+" (all operational attributes) and RFC 4525 modify-increment. */
    static final List<String> FEATURES = List.of("1.3.6.1.4.1.4203.1.5.1", "1.3.6.1.1.14");

    private final SchemaManager schema;
    private final Dn namingContext;
    private final ExtendedOperationRegistry extended;
    private final SaslMechanismRegistry sasl;

    public RootDse(SchemaManager schema, Dn namingContext, ExtendedOperationRegistry extended, SaslMechanismRegistry sasl) {
        this.schema = schema;
        this.namingContext = namingContext;
        this.extended = extended;
        this.sasl = sasl;
    }

    public Entry build(LdapSession session) {
        try {
            Entry e = new DefaultEntry(schema, Dn.EMPTY_DN);
            e.add("objectClass", "top", "extensibleObject");
            e.add("namingContexts", namingContext.getName());
            e.add("supportedLDAPVersion", "3");
            for (String oid : extended.advertised(session)) {
                e.add("supportedExtension", oid);
            }
            for (String oid : Controls.SUPPORTED) {
                e.add("supportedControl", oid);
            }
            for (String oid : FEATURES) {
                e.add("supportedFeatures", oid);
            }
            for (String mech : sasl.available(session)) {
                e.add("supportedSASLMechanisms", mech);
            }
            e.add("subschemaSubentry", SubschemaEntry.DN);
            e.add("vendorName", HeraldVersion.VENDOR);
            e.add("vendorVersion", HeraldVersion.VERSION);
            return e;
        } catch (LdapException e) {
            throw new IllegalStateException("cannot build the root DSE", e);
        }
    }
}
