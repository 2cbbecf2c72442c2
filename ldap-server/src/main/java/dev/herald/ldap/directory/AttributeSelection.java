package dev.herald.ldap.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.filter.AttributeTypes;

/**
 * The attributes a search asks for (RFC 4511 §4.5.1.8): no list or {@code *} for all user
 * attributes, {@code +} for all operational ones (RFC 3673), {@code 1.1} for none, and names,
 * which also select subtypes ({@code name} returns cn and sn). Operational attributes are
 * only returned when named or with {@code +}. Unknown names are ignored.
 */
public final class AttributeSelection implements java.util.function.Predicate<AttributeType> {

    private final boolean allUser;
    private final boolean allOperational;
    private final List<AttributeType> named;
    /** {@link #includes}'s answers for the named types. */
    private final AnswersByType answers = new AnswersByType(this::decide);

    private AttributeSelection(boolean allUser, boolean allOperational, List<AttributeType> named) {
        this.allUser = allUser;
        this.allOperational = allOperational;
        this.named = named;
    }

    public static AttributeSelection of(SchemaManager schema, Collection<String> requested) {
        boolean allUser = requested.isEmpty();
        boolean allOperational = false;
        boolean noneMarker = false;
        List<AttributeType> named = new ArrayList<>();
        for (String r : requested) {
            String name = r.trim();
            if (name.equals("*")) {
                allUser = true;
            } else if (name.equals("+")) {
                allOperational = true;
            } else if (name.equals("1.1")) {
                noneMarker = true;
            } else {
                int semi = name.indexOf(';');
                AttributeType at = schema.getAttributeType(semi >= 0 ? name.substring(0, semi) : name);
                if (at != null) {
                    named.add(at);
                }
            }
        }
        // "1.1" alone asks for no attributes; listed with others it is ignored (§4.5.1.8).
        if (noneMarker && named.isEmpty() && !allOperational && requested.size() == 1) {
            allUser = false;
        }
        return new AttributeSelection(allUser, allOperational, List.copyOf(named));
    }

    /** {@link #includes}. */
    @Override
    public boolean test(AttributeType at) {
        return includes(at);
    }

    /** A selection of no attributes (as {@code 1.1}). */
    static AttributeSelection none() {
        return new AttributeSelection(false, false, List.of());
    }

    public boolean includes(AttributeType at) {
        if (at.isUser() ? allUser : allOperational) {
            return true;
        }
        if (named.isEmpty()) {
            return false;
        }
        return answers.answer(at);
    }

    private boolean decide(AttributeType at) {
        if (at.isUser() ? allUser : allOperational) {
            return true;
        }
        for (AttributeType n : named) {
            if (AttributeTypes.isSameOrSubtype(at, n)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of these types is selected. */
    public boolean includesAny(Collection<AttributeType> types) {
        for (AttributeType at : types) {
            if (includes(at)) {
                return true;
            }
        }
        return false;
    }

    /** The entry as returned: selected attributes only, without values when {@code typesOnly}. */
    public Entry apply(SchemaManager schema, Entry full, boolean typesOnly) throws LdapException {
        Entry out = new DefaultEntry(schema, full.getDn());
        for (Attribute a : full) {
            if (!includes(a.getAttributeType())) {
                continue;
            }
            out.put(typesOnly ? new DefaultAttribute(a.getUpId(), a.getAttributeType()) : a.clone());
        }
        return out;
    }
}
