package dev.herald.ldap.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapProtocolErrorException;
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
import org.apache.directory.api.ldap.model.filter.UndefinedNode;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.util.Strings;

/**
 * Turns a filter as decoded from the wire (attribute names as strings, raw assertion bytes)
 * into a schema-aware one: attribute descriptions resolve to their AttributeType and
 * assertion values become schema-aware Values. Items the schema cannot make sense of become
 * {@link UndefinedNode} (RFC 4511 §4.5.1.7: unknown attribute type, or a value the syntax
 * rejects). Backends receive the normalised filter, so an index can use the same
 * normalised values the evaluator compares.
 */
public final class FilterNormalizer {

    /** Deeper filters are refused; the framer already bounds nesting well below this. */
    static final int MAX_DEPTH = 512;

    /** Most objectClass assertion values (and attribute descriptions) remembered. */
    private static final int CACHE_LIMIT = 1024;

    private final SchemaManager schema;
    /**
     * Schema-aware objectClass assertion values by their string form: a few values repeated in
     * many filters, whose OID normaliser is costly. Values are immutable.
     */
    private final Map<String, Value> objectClassValues = new ConcurrentHashMap<>();

    /**
     * Attribute types by the description a filter names them with (e.g. {@code uid},
     * {@code UID;binary}): the registry look-up lower-cases and trims the name each time.
     */
    private final Map<String, AttributeType> types = new ConcurrentHashMap<>();

    public FilterNormalizer(SchemaManager schema) {
        this.schema = schema;
    }

    /** The schema-aware form of {@code filter}. */
    public ExprNode normalize(ExprNode filter) throws LdapException {
        return normalize(filter, 0);
    }

    private ExprNode normalize(ExprNode node, int depth) throws LdapException {
        if (depth > MAX_DEPTH) {
            throw new LdapProtocolErrorException("filter nested too deeply");
        }
        if (node instanceof AndNode and) {
            return new AndNode(children(and.getChildren(), depth));
        }
        if (node instanceof OrNode or) {
            return new OrNode(children(or.getChildren(), depth));
        }
        if (node instanceof NotNode not) {
            return new NotNode(normalize(not.getFirstChild(), depth + 1));
        }
        if (node instanceof PresenceNode p) {
            AttributeType at = attributeType(p.getAttribute(), p.getAttributeType());
            return at == null ? undefined(p.getAttribute()) : new PresenceNode(at);
        }
        if (node instanceof SimpleNode<?> s) {
            AttributeType at = attributeType(s.getAttribute(), s.getAttributeType());
            if (at == null) {
                return undefined(s.getAttribute());
            }
            Value v = SchemaConstants.OBJECT_CLASS_AT_OID.equals(at.getOid()) ? objectClassValue(at, s.getValue())
                    : value(at, s.getValue());
            if (v == null) {
                return undefined(s.getAttribute());
            }
            try {
                if (s instanceof EqualityNode) {
                    return new EqualityNode<>(at, v);
                } else if (s instanceof GreaterEqNode) {
                    return new GreaterEqNode<>(at, v);
                } else if (s instanceof LessEqNode) {
                    return new LessEqNode<>(at, v);
                } else if (s instanceof ApproximateNode) {
                    return new ApproximateNode<>(at, v);
                }
            } catch (LdapException e) {
                // e.g. an ordering item on a type without an ORDERING rule: Undefined (§4.5.1.7)
                return undefined(s.getAttribute());
            }
            return undefined(s.getAttribute());
        }
        if (node instanceof SubstringNode s) {
            AttributeType at = attributeType(s.getAttribute(), s.getAttributeType());
            if (at == null) {
                return undefined(s.getAttribute());
            }
            List<String> any = s.getAny() == null ? List.of() : new ArrayList<>(s.getAny());
            return new SubstringNode(any, at, s.getInitial(), s.getFinal());
        }
        if (node instanceof ExtensibleNode x) {
            AttributeType at = null;
            if (x.getAttribute() != null || x.getAttributeType() != null) {
                at = attributeType(x.getAttribute(), x.getAttributeType());
                if (at == null) {
                    return undefined(x.getAttribute());
                }
            }
            Value raw = x.getValue();
            String text = raw == null ? "" : raw.isHumanReadable() ? raw.getString() : Strings.utf8ToString(raw.getBytes());
            ExtensibleNode out = new ExtensibleNode(at == null ? null : at.getName(), new Value(text),
                    x.getMatchingRuleId(), x.hasDnAttributes());
            if (at != null) {
                out.setAttributeType(at);
            }
            return out;
        }
        if (node instanceof ObjectClassNode || node instanceof UndefinedNode) {
            return node;
        }
        return UndefinedNode.UNDEFINED_NODE;
    }

    private List<ExprNode> children(List<ExprNode> in, int depth) throws LdapException {
        List<ExprNode> out = new ArrayList<>(in.size());
        for (ExprNode c : in) {
            out.add(normalize(c, depth + 1));
        }
        return out;
    }

    private static ExprNode undefined(String attribute) {
        return new UndefinedNode(attribute);
    }

    /** Attribute descriptions remembered now (for tests). */
    int rememberedTypes() {
        return types.size();
    }

    /** The type of an attribute description, ignoring options such as {@code ;binary}. */
    private AttributeType attributeType(String description, AttributeType known) {
        if (known != null) {
            return known;
        }
        if (description == null) {
            return null;
        }
        AttributeType at = types.get(description);
        if (at != null) {
            return at;
        }
        int semi = description.indexOf(';');
        String name = semi >= 0 ? description.substring(0, semi) : description;
        at = schema.getAttributeType(name);
        if (at != null) {
            if (types.size() >= CACHE_LIMIT) {
                types.clear();
            }
            types.put(description, at);
        }
        return at;
    }

    /**
     * {@link #value} for objectClass, remembered by the value's text (the decoder hands over
     * assertion values as bytes; objectClass values are strings, so the result depends on the
     * text only).
     */
    private Value objectClassValue(AttributeType at, Value raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.isHumanReadable() ? raw.getString() : Strings.utf8ToString(raw.getBytes());
        Value v = objectClassValues.get(text);
        if (v == null) {
            v = value(at, raw);
            if (v != null) {
                if (objectClassValues.size() >= CACHE_LIMIT) {
                    objectClassValues.clear();
                }
                objectClassValues.put(text, v);
            }
        }
        return v;
    }

    /** A schema-aware assertion value, or null when the attribute's syntax rejects it. */
    static Value value(AttributeType at, Value raw) {
        if (raw == null) {
            return null;
        }
        try {
            byte[] bytes = raw.isHumanReadable() ? Strings.getBytesUtf8(raw.getString()) : raw.getBytes();
            if (at.getSyntax() != null && at.getSyntax().isHumanReadable()) {
                return new Value(at, Strings.utf8ToString(bytes));
            }
            return new Value(at, bytes);
        } catch (LdapException | RuntimeException e) {
            return null;
        }
    }
}
