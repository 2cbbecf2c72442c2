package dev.herald.ldap.directory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.ObjectClassTypeEnum;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Checks an entry against the schema (RFC 4512 §2.4, §2.5, X.501): known object classes
 * forming one structural chain, every MUST attribute present, every user attribute allowed by
 * some class (or extensibleObject), single-valued attributes with one value, and the RDN's
 * values present in the entry. Violations are objectClassViolation (65), constraintViolation
 * (19) for a second value of a single-valued type, namingViolation (64) for a missing RDN value.
 */
public final class SchemaChecker {

    private final SchemaManager schema;
    private final ObjectClass extensibleObject;

    public SchemaChecker(SchemaManager schema) {
        this.schema = schema;
        this.extensibleObject = schema.getObjectClassRegistry().get(SchemaConstants.EXTENSIBLE_OBJECT_OC_OID);
    }

    /** Throws the matching LdapOperationException when {@code entry} violates the schema. */
    public void check(Entry entry) throws LdapException {
        Attribute oc = entry.get(SchemaConstants.OBJECT_CLASS_AT);
        if (oc == null || oc.size() == 0) {
            throw Errors.error(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "no objectClass attribute");
        }
        Set<ObjectClass> classes = new LinkedHashSet<>();
        Deque<ObjectClass> todo = new ArrayDeque<>();
        for (Value v : oc) {
            ObjectClass c = objectClass(v.getString());
            todo.add(c);
        }
        while (!todo.isEmpty()) {
            ObjectClass c = todo.poll();
            if (classes.add(c) && c.getSuperiors() != null) {
                todo.addAll(c.getSuperiors());
            }
        }
        checkStructural(classes);

        Set<AttributeType> must = new HashSet<>();
        Set<AttributeType> allowed = new HashSet<>();
        boolean extensible = classes.contains(extensibleObject);
        for (ObjectClass c : classes) {
            if (c.getMustAttributeTypes() != null) {
                must.addAll(c.getMustAttributeTypes());
                allowed.addAll(c.getMustAttributeTypes());
            }
            if (c.getMayAttributeTypes() != null) {
                allowed.addAll(c.getMayAttributeTypes());
            }
        }
        for (AttributeType at : must) {
            Attribute a = entry.get(at);
            if (a == null || a.size() == 0) {
                throw Errors.error(ResultCodeEnum.OBJECT_CLASS_VIOLATION,
                        "object class requires attribute '" + at.getName() + "'");
            }
        }
        for (Attribute a : entry) {
            AttributeType at = a.getAttributeType();
            if (at.isSingleValued() && a.size() > 1) {
                throw Errors.error(ResultCodeEnum.CONSTRAINT_VIOLATION,
                        "attribute '" + a.getUpId() + "' cannot have multiple values");
            }
            if (at.isUser() && !extensible && !isAllowed(at, allowed)) {
                throw Errors.error(ResultCodeEnum.OBJECT_CLASS_VIOLATION,
                        "attribute '" + a.getUpId() + "' not allowed");
            }
        }
        if (entry.getDn() != null && !entry.getDn().isEmpty()) {
            for (Ava ava : entry.getDn().getRdn()) {
                Attribute a = entry.get(ava.getAttributeType());
                if (a == null || !a.contains(ava.getValue())) {
                    throw Errors.error(ResultCodeEnum.NAMING_VIOLATION,
                            "naming attribute '" + ava.getType() + "' is not present in entry");
                }
            }
        }
    }

    private ObjectClass objectClass(String name) throws LdapException {
        ObjectClass c = schema.getObjectClassRegistry().get(name);
        if (c == null) {
            try {
                c = schema.lookupObjectClassRegistry(name);
            } catch (LdapException e) {
                c = null;
            }
        }
        if (c == null) {
            throw Errors.error(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "unknown object class '" + name + "'");
        }
        return c;
    }

    /** Exactly one structural superclass chain (X.501 §8.3): the most specific class subsumes the rest. */
    private static void checkStructural(Set<ObjectClass> classes) throws LdapException {
        ObjectClass mostSpecific = null;
        for (ObjectClass c : classes) {
            if (c.getType() != ObjectClassTypeEnum.STRUCTURAL) {
                continue;
            }
            if (mostSpecific == null || isSubclass(c, mostSpecific)) {
                mostSpecific = c;
            } else if (!isSubclass(mostSpecific, c)) {
                throw Errors.error(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "invalid structural object class chain ("
                        + mostSpecific.getName() + "/" + c.getName() + ")");
            }
        }
        if (mostSpecific == null) {
            throw Errors.error(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "no structural object class provided");
        }
    }

    private static boolean isSubclass(ObjectClass sub, ObjectClass sup) {
        Deque<ObjectClass> todo = new ArrayDeque<>();
        todo.add(sub);
        Set<ObjectClass> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            ObjectClass c = todo.poll();
            if (c.equals(sup)) {
                return true;
            }
            if (seen.add(c) && c.getSuperiors() != null) {
                todo.addAll(c.getSuperiors());
            }
        }
        return false;
    }

    /** A type is allowed when it or one of its supertypes is in MUST or MAY. */
    private static boolean isAllowed(AttributeType at, Set<AttributeType> allowed) {
        for (AttributeType t = at; t != null; t = t.getSuperior()) {
            if (allowed.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
