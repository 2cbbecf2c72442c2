package dev.herald.ldap.schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.api.ldap.model.schema.registries.DefaultSchema;
import org.apache.directory.api.ldap.model.schema.registries.Schema;
import org.apache.directory.api.ldap.schema.loader.JarLdifSchemaLoader;

/**
 * The Directory API's bundled schema loader with two adjustments: it adds the small "herald"
 * schema (entryUUID from RFC 4530 and entryDN from RFC 5020, see {@code herald-schema.ldif}),
 * and it replaces the ACI Item syntax checker, whose class lives in the ApacheDS-specific
 * {@code api-ldap-extras-aci} module we do not ship, by the permissive octet-string checker.
 * Herald has no attribute of that syntax in the schemas it enables; the syntax itself stays
 * listed so that the system schema loads unchanged.
 */
final class HeraldSchemaLoader extends JarLdifSchemaLoader {

    static final String HERALD_SCHEMA = "herald";
    private static final String ACI_CHECKER = "org.apache.directory.api.ldap.aci.ACIItemSyntaxChecker";
    private static final String OCTET_STRING_CHECKER =
            "org.apache.directory.api.ldap.model.schema.syntaxCheckers.OctetStringSyntaxChecker";

    private final List<Entry> heraldEntries = new ArrayList<>();

    HeraldSchemaLoader() throws IOException, LdapException {
        super();
        addSchema(new DefaultSchema(this, HERALD_SCHEMA, null, new String[] {"system", "core"}));
        try (InputStream in = HeraldSchemaLoader.class.getResourceAsStream("herald-schema.ldif")) {
            if (in == null) {
                throw new IOException("herald-schema.ldif missing from the class path");
            }
            try (LdifReader reader = new LdifReader(in)) {
                for (LdifEntry e : reader) {
                    heraldEntries.add(e.getEntry());
                }
            }
        }
    }

    /** The herald entries of one meta object class, when the herald schema is being loaded. */
    private List<Entry> with(List<Entry> loaded, String metaObjectClass, Schema... schemas) {
        List<Entry> out = new ArrayList<>(loaded);
        for (Schema s : schemas) {
            if (HERALD_SCHEMA.equals(s.getSchemaName())) {
                for (Entry e : heraldEntries) {
                    if (e.hasObjectClass(metaObjectClass)) {
                        out.add(e.clone());
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<Entry> loadSyntaxCheckers(Schema... schemas) throws LdapException, IOException {
        List<Entry> loaded = super.loadSyntaxCheckers(schemas);
        for (Entry e : loaded) {
            Attribute fqcn = e.get("m-fqcn");
            if (fqcn != null && ACI_CHECKER.equals(fqcn.getString())) {
                e.put("m-fqcn", OCTET_STRING_CHECKER);
            }
        }
        return with(loaded, "metaSyntaxChecker", schemas);
    }

    @Override
    public List<Entry> loadComparators(Schema... schemas) throws LdapException, IOException {
        return with(super.loadComparators(schemas), "metaComparator", schemas);
    }

    @Override
    public List<Entry> loadNormalizers(Schema... schemas) throws LdapException, IOException {
        return with(super.loadNormalizers(schemas), "metaNormalizer", schemas);
    }

    @Override
    public List<Entry> loadSyntaxes(Schema... schemas) throws LdapException, IOException {
        return with(super.loadSyntaxes(schemas), "metaSyntax", schemas);
    }

    @Override
    public List<Entry> loadMatchingRules(Schema... schemas) throws LdapException, IOException {
        return with(super.loadMatchingRules(schemas), "metaMatchingRule", schemas);
    }

    @Override
    public List<Entry> loadAttributeTypes(Schema... schemas) throws LdapException, IOException {
        return with(super.loadAttributeTypes(schemas), "metaAttributeType", schemas);
    }
}
