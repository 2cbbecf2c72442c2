package dev.herald.ldap.directory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 *
 * <p>Thread-safe. The object classes of each valid combination of objectClass values are
 * resolved once and remembered (bounded), so checking an entry costs a hash lookup per
 * attribute; the schema is fixed while the server runs.
 */
public final class SchemaChecker {
    /** Most objectClass combinations remembered (a directory has a few dozen). */
    private static final int CACHE_LIMIT = 1024;

    private final SchemaManager schema;
    private final AttributeType objectClassType;
    private final ObjectClass extensibleObject;
    /**
     * What each valid combination of objectClass values (as the entry lists them) requires and
     * allows: nearly every entry of a directory repeats one of a few combinations, so the class
     * closure and structural check run once per combination, not once per entry.
     */
    private final Map<List<String>, Classes> combinations = new ConcurrentHashMap<>();

    /** MUST types in class order, the OIDs of MUST and MAY types, and whether extensibleObject is in. */
    private record Classes(AttributeType[] must, Set<String> allowed, boolean extensible) {}

    public SchemaChecker(SchemaManager schema) {
        this.schema = schema;
        this.objectClassType = schema.getAttributeType(SchemaConstants.OBJECT_CLASS_AT);
        this.extensibleObject = schema.getObjectClassRegistry().get(SchemaConstants.EXTENSIBLE_OBJECT_OC_OID);
    }

    /** Throws the matching LdapOperationException when {@code entry} violates the schema. */
    public void check(Entry entry) throws LdapException {
        Attribute oc = objectClassType == null ? null : entry.get(objectClassType);
        if (oc == null) {
            oc = entry.get(SchemaConstants.OBJECT_CLASS_AT); // an entry that is not schema-aware
        }
        if (oc == null || oc.size() == 0) {
            throw Errors.error(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "no objectClass attribute");
        }
        Classes classes = classes(oc);
        for (AttributeType at : classes.must()) {
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
            if (at.isUser() && !classes.extensible() && !isAllowed(at, classes.allowed())) {
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

    /** The combination's requirements, from the cache or worked out (and remembered when valid). */
    private Classes classes(Attribute oc) throws LdapException {
        String[] names = new String[oc.size()];
        int i = 0;
        boolean cacheable = true;
        for (Value v : oc) {
            names[i] = v.getString();
            cacheable &= names[i] != null;
            i++;
        }
        if (!cacheable) {
            return resolve(names);
        }
        List<String> key = List.of(names);
        Classes c = combinations.get(key);
        if (c == null) {
            c = resolve(names); // throws for an invalid combination, which is then not remembered
            if (combinations.size() < CACHE_LIMIT) {
                combinations.put(key, c);
            }
        }
        return c;
    }

    /**
     * Known object classes and their superclasses (RFC 4512 §2.4.1), exactly one structural
     * chain, and the union of their MUST and MAY attribute types.
     */
    private Classes resolve(String[] names) throws LdapException {
        Set<ObjectClass> classes = new LinkedHashSet<>();
        Deque<ObjectClass> todo = new ArrayDeque<>();
        for (String name : names) {
            todo.add(objectClass(name));
        }
        while (!todo.isEmpty()) {
            ObjectClass c = todo.poll();
            if (classes.add(c) && c.getSuperiors() != null) {
                todo.addAll(c.getSuperiors());
            }
        }
        checkStructural(classes);

        Set<AttributeType> must = new LinkedHashSet<>();
        Set<String> allowed = new HashSet<>();
        boolean extensible = extensibleObject != null && classes.contains(extensibleObject);
        for (ObjectClass c : classes) {
            if (c.getMustAttributeTypes() != null) {
                for (AttributeType at : c.getMustAttributeTypes()) {
                    must.add(at);
                    allowed.add(at.getOid());
                }
            }
            if (c.getMayAttributeTypes() != null) {
                for (AttributeType at : c.getMayAttributeTypes()) {
                    allowed.add(at.getOid());
                }
            }
        }
        return new Classes(must.toArray(new AttributeType[0]), Set.copyOf(allowed), extensible);
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
            if (c == sup || c.getOid().equals(sup.getOid())) {
                return true;
            }
            if (seen.add(c) && c.getSuperiors() != null) {
                todo.addAll(c.getSuperiors());
            }
        }
        return false;
    }

    /** A type is allowed when it or one of its supertypes is in MUST or MAY. */
    private static boolean isAllowed(AttributeType at, Set<String> allowedOids) {
        for (AttributeType t = at; t != null; t = t.getSuperior()) {
            if (allowedOids.contains(t.getOid())) {
                return true;
            }
        }
        return false;
    }
}
