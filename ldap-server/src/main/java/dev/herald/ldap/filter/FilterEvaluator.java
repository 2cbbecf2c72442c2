package dev.herald.ldap.filter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.AndNode;
import org.apache.directory.api.ldap.model.filter.ApproximateNode;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.ExtensibleNode;
import org.apache.directory.api.ldap.model.filter.GreaterEqNode;
import org.apache.directory.api.ldap.model.filter.LessEqNode;
import org.apache.directory.api.ldap.model.filter.NotNode;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.filter.OrNode;
import org.apache.directory.api.ldap.model.filter.PresenceNode;
import org.apache.directory.api.ldap.model.filter.SimpleNode;
import org.apache.directory.api.ldap.model.filter.SubstringNode;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.LdapComparator;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.Normalizer;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.PrepareString.AssertionType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Evaluates a schema-aware filter (see {@link FilterNormalizer}) against entries, using each
 * attribute's matching rules from the schema: EQUALITY for equality and approximate items
 * (no approximate rules are defined, RFC 4511 §4.5.1.7.6 allows equality), ORDERING for
 * {@code >=} and {@code <=}, SUBSTR for substrings, and for extensible match the named rule
 * (equality or ordering kind), plus the AD-style bitwise rules 1.2.840.113556.1.4.803 / .804.
 * A filter item on an attribute type also matches its subtypes (RFC 4512 §2.5.1).
 *
 * <p>One instance serves one search on one thread: it caches normalised assertion values.
 */
public final class FilterEvaluator {

    static final String BIT_AND = "1.2.840.113556.1.4.803";
    static final String BIT_OR = "1.2.840.113556.1.4.804";

    private final SchemaManager schema;
    private final ExprNode filter;
    private final Map<Object, Object> cache = new IdentityHashMap<>();

    public FilterEvaluator(SchemaManager schema, ExprNode normalizedFilter) {
        this.schema = schema;
        this.filter = normalizedFilter;
    }

    /** Whether the entry matches (the filter evaluates to TRUE). */
    public boolean matches(Entry entry) {
        return evaluate(filter, entry) == Tristate.TRUE;
    }

    /** The filter's three-valued result for this entry. */
    public Tristate evaluate(Entry entry) {
        return evaluate(filter, entry);
    }

    private Tristate evaluate(ExprNode node, Entry entry) {
        if (node instanceof AndNode and) {
            Tristate result = Tristate.TRUE;
            for (ExprNode c : and.getChildren()) {
                Tristate r = evaluate(c, entry);
                if (r == Tristate.FALSE) {
                    return Tristate.FALSE;
                }
                if (r == Tristate.UNDEFINED) {
                    result = Tristate.UNDEFINED;
                }
            }
            return result;
        }
        if (node instanceof OrNode or) {
            Tristate result = Tristate.FALSE;
            for (ExprNode c : or.getChildren()) {
                Tristate r = evaluate(c, entry);
                if (r == Tristate.TRUE) {
                    return Tristate.TRUE;
                }
                if (r == Tristate.UNDEFINED) {
                    result = Tristate.UNDEFINED;
                }
            }
            return result;
        }
        if (node instanceof NotNode not) {
            return evaluate(not.getFirstChild(), entry).not();
        }
        if (node instanceof ObjectClassNode) {
            return Tristate.TRUE;
        }
        if (node instanceof PresenceNode p) {
            return Tristate.of(!attributes(entry, p.getAttributeType()).isEmpty());
        }
        if (node instanceof EqualityNode<?> || node instanceof ApproximateNode<?>) {
            return equality((SimpleNode<?>) node, entry);
        }
        if (node instanceof GreaterEqNode<?> ge) {
            return ordering(ge, entry, true);
        }
        if (node instanceof LessEqNode<?> le) {
            return ordering(le, entry, false);
        }
        if (node instanceof SubstringNode s) {
            return substring(s, entry);
        }
        if (node instanceof ExtensibleNode x) {
            return extensible(x, entry);
        }
        return Tristate.UNDEFINED;
    }

    /** The entry's attributes of type {@code type} or one of its subtypes. */
    private static List<Attribute> attributes(Entry entry, AttributeType type) {
        List<Attribute> out = new ArrayList<>(1);
        for (Attribute a : entry) {
            AttributeType at = a.getAttributeType();
            if (at != null && a.size() > 0 && AttributeTypes.isSameOrSubtype(at, type)) {
                out.add(a);
            }
        }
        return out;
    }

    private Tristate equality(SimpleNode<?> node, Entry entry) {
        AttributeType type = node.getAttributeType();
        if (type.getEquality() == null) {
            return Tristate.UNDEFINED;
        }
        if (SchemaConstants.OBJECT_CLASS_AT_OID.equals(type.getOid())) {
            return objectClass(node.getValue().getString(), entry);
        }
        Tristate result = Tristate.FALSE;
        for (Attribute a : attributes(entry, type)) {
            Value assertion = assertionFor(node, a.getAttributeType());
            if (assertion == null || a.getAttributeType().getEquality() == null) {
                result = Tristate.UNDEFINED;
                continue;
            }
            if (sameNormalized(a, assertion) || a.contains(assertion)) {
                return Tristate.TRUE;
            }
        }
        return result;
    }

    /**
     * Whether a stored value has the assertion's normalised form: then it matches, whatever the
     * rule. {@code contains} would find it too, but its {@code Value.equals} runs the rule's
     * comparator, which normalises both values again, and compares the attribute types field by
     * field; this is the common case of a hit, answered by comparing strings. Anything else
     * (no match this way, binary values) is left to {@code contains}.
     */
    private static boolean sameNormalized(Attribute a, Value assertion) {
        String want = assertion.isHumanReadable() ? assertion.getNormalized() : null;
        if (want == null) {
            return false;
        }
        for (Value v : a) {
            if (v.isHumanReadable() && want.equals(v.getNormalized())) {
                return true;
            }
        }
        return false;
    }

    /**
     * objectClass equality also holds for superclasses of the entry's classes, as in X.501
     * where the attribute implicitly lists them: (objectClass=person) finds inetOrgPerson
     * entries, as it does in slapd.
     */
    private Tristate objectClass(String name, Entry entry) {
        ObjectClass wanted = lookupObjectClass(name);
        if (wanted == null) {
            return Tristate.UNDEFINED;
        }
        Attribute classes = entry.get(SchemaConstants.OBJECT_CLASS_AT);
        if (classes == null) {
            return Tristate.FALSE;
        }
        for (Value v : classes) {
            ObjectClass oc = lookupObjectClass(v.getString());
            if (oc != null && isSubclassOrSame(oc, wanted)) {
                return Tristate.TRUE;
            }
        }
        return Tristate.FALSE;
    }

    private ObjectClass lookupObjectClass(String name) {
        try {
            return schema.lookupObjectClassRegistry(name.trim());
        } catch (LdapException e) {
            return null;
        }
    }

    /**
     * Compares by OID: ObjectClass.equals compares every field, MUST and MAY lists included, and
     * cost a fifth of the server's time for a filter with an objectClass item. Classes from one
     * schema are the same exactly when their OIDs are.
     */
    private static boolean isSubclassOrSame(ObjectClass oc, ObjectClass wanted) {
        String target = wanted.getOid();
        if (oc.getOid().equals(target)) {
            return true;
        }
        java.util.Deque<ObjectClass> todo = new java.util.ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        todo.add(oc);
        while (!todo.isEmpty()) {
            ObjectClass c = todo.poll();
            if (c.getOid().equals(target)) {
                return true;
            }
            if (seen.add(c.getOid()) && c.getSuperiors() != null) {
                todo.addAll(c.getSuperiors());
            }
        }
        return false;
    }

    /** The node's assertion value made schema-aware for a subtype's attribute type. */
    private Value assertionFor(SimpleNode<?> node, AttributeType type) {
        if (AttributeTypes.same(type, node.getAttributeType())) {
            return node.getValue();
        }
        @SuppressWarnings("unchecked")
        Map<AttributeType, Value> perType = (Map<AttributeType, Value>) cache.computeIfAbsent(node, k -> new IdentityHashMap<>());
        return perType.computeIfAbsent(type, t -> FilterNormalizer.value(t, node.getValue()));
    }

    private Tristate ordering(SimpleNode<?> node, Entry entry, boolean greaterOrEqual) {
        Tristate result = Tristate.FALSE;
        List<Attribute> attrs = attributes(entry, node.getAttributeType());
        if (node.getAttributeType().getOrdering() == null) {
            return Tristate.UNDEFINED;
        }
        for (Attribute a : attrs) {
            MatchingRule rule = a.getAttributeType().getOrdering();
            if (rule == null) {
                result = Tristate.UNDEFINED;
                continue;
            }
            String assertion = normalized(rule.getNormalizer(), node.getValue().getString());
            if (assertion == null) {
                result = Tristate.UNDEFINED;
                continue;
            }
            for (Value v : a) {
                String value = normalized(rule.getNormalizer(), v.getString());
                if (value == null) {
                    continue;
                }
                int cmp = compare(rule, value, assertion);
                if (greaterOrEqual ? cmp >= 0 : cmp <= 0) {
                    return Tristate.TRUE;
                }
            }
        }
        return result;
    }

    private Tristate substring(SubstringNode node, Entry entry) {
        if (node.getAttributeType().getSubstring() == null) {
            return Tristate.UNDEFINED;
        }
        Tristate result = Tristate.FALSE;
        for (Attribute a : attributes(entry, node.getAttributeType())) {
            MatchingRule rule = a.getAttributeType().getSubstring();
            if (rule == null) {
                result = Tristate.UNDEFINED;
                continue;
            }
            Normalizer n = rule.getNormalizer();
            String initial = node.getInitial() == null ? null : normalized(n, node.getInitial(), AssertionType.SUBSTRING_INITIAL);
            String fin = node.getFinal() == null ? null : normalized(n, node.getFinal(), AssertionType.SUBSTRING_FINAL);
            List<String> any = new ArrayList<>();
            boolean invalid = (node.getInitial() != null && initial == null) || (node.getFinal() != null && fin == null);
            if (node.getAny() != null) {
                for (String piece : node.getAny()) {
                    String p = normalized(n, piece, AssertionType.SUBSTRING_ANY);
                    invalid |= p == null;
                    any.add(p);
                }
            }
            if (invalid) {
                result = Tristate.UNDEFINED;
                continue;
            }
            for (Value v : a) {
                String value = normalized(n, v.getString(), AssertionType.ATTRIBUTE_VALUE);
                if (value != null && substringMatch(value, initial, any, fin)) {
                    return Tristate.TRUE;
                }
            }
        }
        return result;
    }

    static boolean substringMatch(String value, String initial, List<String> any, String fin) {
        int pos = 0;
        int end = value.length();
        if (initial != null) {
            if (!value.startsWith(initial)) {
                return false;
            }
            pos = initial.length();
        }
        if (fin != null) {
            if (!value.endsWith(fin) || end - fin.length() < pos) {
                return false;
            }
            end -= fin.length();
        }
        for (String piece : any) {
            int at = value.indexOf(piece, pos);
            if (at < 0 || at + piece.length() > end) {
                return false;
            }
            pos = at + piece.length();
        }
        return true;
    }

    private Tristate extensible(ExtensibleNode node, Entry entry) {
        String ruleId = node.getMatchingRuleId();
        String assertion = node.getValue() == null ? "" : node.getValue().getString();
        AttributeType type = node.getAttributeType();
        if (ruleId != null && (ruleId.equals(BIT_AND) || ruleId.equals(BIT_OR))) {
            return bitwise(node, entry, ruleId.equals(BIT_AND), assertion);
        }
        MatchingRule rule = null;
        if (ruleId != null) {
            rule = schema.getMatchingRuleRegistry().get(ruleId);
            if (rule == null) {
                try {
                    rule = schema.lookupMatchingRuleRegistry(ruleId);
                } catch (LdapException e) {
                    return Tristate.UNDEFINED;
                }
            }
        } else if (type != null) {
            rule = type.getEquality();
        }
        if (rule == null) {
            return Tristate.UNDEFINED;
        }
        String name = rule.getName() == null ? "" : rule.getName();
        if (name.endsWith("SubstringsMatch")) {
            return Tristate.UNDEFINED;
        }
        boolean ordering = name.endsWith("OrderingMatch");
        String normalizedAssertion = normalized(rule.getNormalizer(), assertion);
        if (normalizedAssertion == null) {
            return Tristate.UNDEFINED;
        }
        for (Attribute a : entry) {
            AttributeType at = a.getAttributeType();
            if (!applies(type, rule, at)) {
                continue;
            }
            for (Value v : a) {
                if (ruleMatches(rule, ordering, v.getString(), normalizedAssertion)) {
                    return Tristate.TRUE;
                }
            }
        }
        if (node.hasDnAttributes() && entry.getDn() != null) {
            for (Rdn rdn : entry.getDn()) {
                for (Ava ava : rdn) {
                    AttributeType at = ava.getAttributeType();
                    if (at != null && applies(type, rule, at)
                            && ruleMatches(rule, ordering, ava.getValue().getString(), normalizedAssertion)) {
                        return Tristate.TRUE;
                    }
                }
            }
        }
        return Tristate.FALSE;
    }

    /** Whether an extensible item with this type (or none) and rule considers values of {@code at}. */
    private static boolean applies(AttributeType type, MatchingRule rule, AttributeType at) {
        if (at == null) {
            return false;
        }
        if (type != null) {
            return AttributeTypes.isSameOrSubtype(at, type);
        }
        // No type: every attribute whose syntax the rule is defined for (RFC 4511 §4.5.1.7.7).
        return rule.getSyntaxOid() != null && rule.getSyntaxOid().equals(at.getSyntaxOid());
    }

    private boolean ruleMatches(MatchingRule rule, boolean ordering, String value, String normalizedAssertion) {
        String normalizedValue = normalized(rule.getNormalizer(), value);
        if (normalizedValue == null) {
            return false;
        }
        int cmp = compare(rule, normalizedValue, normalizedAssertion);
        return ordering ? cmp < 0 : cmp == 0;
    }

    private static Tristate bitwise(ExtensibleNode node, Entry entry, boolean and, String assertion) {
        long mask;
        try {
            mask = Long.parseLong(assertion.trim());
        } catch (NumberFormatException e) {
            return Tristate.UNDEFINED;
        }
        if (node.getAttributeType() == null) {
            return Tristate.UNDEFINED;
        }
        for (Attribute a : attributes(entry, node.getAttributeType())) {
            for (Value v : a) {
                try {
                    long value = Long.parseLong(v.getString().trim());
                    if (and ? (value & mask) == mask : (value & mask) != 0) {
                        return Tristate.TRUE;
                    }
                } catch (NumberFormatException e) {
                    // not an integer value: it cannot match
                }
            }
        }
        return Tristate.FALSE;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(MatchingRule rule, String a, String b) {
        LdapComparator comparator = rule.getLdapComparator();
        if (comparator == null) {
            return a.compareTo(b);
        }
        try {
            return comparator.compare(a, b);
        } catch (RuntimeException e) {
            return a.compareTo(b);
        }
    }

    private static String normalized(Normalizer n, String value) {
        return normalized(n, value, AssertionType.ATTRIBUTE_VALUE);
    }

    private static String normalized(Normalizer n, String value, AssertionType type) {
        if (value == null) {
            return null;
        }
        if (n == null) {
            return value;
        }
        try {
            return n.normalize(value, type);
        } catch (LdapException | RuntimeException e) {
            return null;
        }
    }
}
