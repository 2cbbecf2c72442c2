package dev.herald.ldap.tools;

import java.util.HashSet;
import java.util.Set;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapSchemaViolationException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.ObjectClassTypeEnum;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.UsageEnum;

/**
 * The default import check, from the schema alone (RFC 4512 §2.4, §2.5): known object classes,
 * a structural class, every MUST attribute present, every user attribute allowed by some
 * class's MUST or MAY (unless extensibleObject), single-valued attributes with one value, and
 * the RDN's values present in the entry. Attribute types and value syntaxes were already checked
 * when the entry was made schema-aware.
 */
public final class SchemaEntryValidator implements EntryValidator {
    private final SchemaManager schemaManager;

    public SchemaEntryValidator(SchemaManager schemaManager) {
        this.schemaManager = schemaManager;
    }

    @Override
    public void validate(Entry entry) throws LdapException {
        Attribute ocs = entry.get(SchemaConstants.OBJECT_CLASS_AT);
        if (ocs == null || ocs.size() == 0) {
            throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "no objectClass");
        }
        Set<ObjectClass> classes = new HashSet<>();
        for (Value v : ocs) {
            ObjectClass oc = schemaManager.getObjectClassRegistry().get(v.getNormalized() != null ? v.getNormalized() : v.getString());
            if (oc == null) {
                oc = schemaManager.getObjectClassRegistry().get(v.getString().toLowerCase(java.util.Locale.ROOT));
            }
            if (oc == null) {
                throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "unknown object class '" + v.getString() + "'");
            }
            addWithSuperiors(oc, classes);
        }
        boolean structural = classes.stream().anyMatch(c -> c.getType() == ObjectClassTypeEnum.STRUCTURAL);
        if (!structural) {
            throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "no structural object class");
        }
        boolean extensible = classes.stream().anyMatch(c -> SchemaConstants.EXTENSIBLE_OBJECT_OC_OID.equals(c.getOid()));
        Set<AttributeType> allowed = new HashSet<>();
        for (ObjectClass c : classes) {
            for (AttributeType must : c.getMustAttributeTypes()) {
                if (entry.get(must) == null) {
                    throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION,
                            "missing attribute '" + must.getName() + "' required by object class '" + c.getName() + "'");
                }
                allowed.add(must);
            }
            allowed.addAll(c.getMayAttributeTypes());
        }
        for (Attribute a : entry) {
            AttributeType at = a.getAttributeType();
            if (at.isSingleValued() && a.size() > 1) {
                throw violation(ResultCodeEnum.CONSTRAINT_VIOLATION, "attribute '" + a.getUpId() + "' is single-valued");
            }
            if (extensible || at.getUsage() != UsageEnum.USER_APPLICATIONS || allowedBy(at, allowed)) {
                continue;
            }
            throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION,
                    "attribute '" + a.getUpId() + "' is not allowed by the entry's object classes");
        }
        for (Ava ava : entry.getDn().getRdn()) {
            Attribute a = entry.get(ava.getType());
            if (a == null || !a.contains(ava.getValue().getString())) {
                throw violation(ResultCodeEnum.NOT_ALLOWED_ON_RDN,
                        "the RDN value " + ava.getName() + " is not among the entry's values");
            }
        }
    }

    private static boolean allowedBy(AttributeType at, Set<AttributeType> allowed) {
        for (AttributeType t = at; t != null; t = t.getSuperior()) {
            if (allowed.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static void addWithSuperiors(ObjectClass oc, Set<ObjectClass> out) {
        if (out.add(oc)) {
            for (ObjectClass sup : oc.getSuperiors()) {
                addWithSuperiors(sup, out);
            }
        }
    }

    private static LdapSchemaViolationException violation(ResultCodeEnum code, String message) {
        return new LdapSchemaViolationException(code, "schema violation: " + message);
    }
}
