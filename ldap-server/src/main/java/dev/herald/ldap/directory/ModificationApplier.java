package dev.herald.ldap.directory;

import java.math.BigInteger;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * Applies the changes of one Modify request to a copy of an entry, in order and all or nothing
 * (RFC 4511 §4.6), with the result codes the RFCs name: adding an existing value is
 * attributeOrValueExists (20); deleting a missing attribute or value noSuchAttribute (16);
 * touching a NO-USER-MODIFICATION attribute constraintViolation (19); removing a value the RDN
 * uses notAllowedOnRDN (67); increment (RFC 4525) needs exactly one value (protocolError
 * otherwise) and an INTEGER attribute (constraintViolation otherwise).
 */
final class ModificationApplier {

    private static final String INTEGER_SYNTAX = "1.3.6.1.4.1.1466.115.121.1.27";

    private ModificationApplier() {}

    /** Applies {@code modifications} (schema-aware) to {@code entry} in place. */
    static void apply(Entry entry, List<Modification> modifications) throws LdapException {
        for (Modification m : modifications) {
            Attribute change = m.getAttribute();
            AttributeType at = change.getAttributeType();
            if (!at.isUserModifiable()) {
                throw Errors.error(ResultCodeEnum.CONSTRAINT_VIOLATION, change.getUpId() + ": no user modification allowed");
            }
            Attribute current = entry.get(at);
            switch (m.getOperation()) {
                case ADD_ATTRIBUTE -> add(entry, current, change);
                case REMOVE_ATTRIBUTE -> remove(entry, current, change);
                case REPLACE_ATTRIBUTE -> {
                    entry.removeAttributes(at);
                    if (change.size() > 0) {
                        entry.put(change.clone());
                    }
                }
                case INCREMENT_ATTRIBUTE -> increment(entry, current, change);
                default -> throw Errors.error(ResultCodeEnum.PROTOCOL_ERROR, "unknown modification operation");
            }
        }
        for (Ava ava : entry.getDn().getRdn()) {
            Attribute a = entry.get(ava.getAttributeType());
            if (a == null || !a.contains(ava.getValue())) {
                throw Errors.error(ResultCodeEnum.NOT_ALLOWED_ON_RDN,
                        ava.getType() + ": cannot remove a value the entry's RDN uses");
            }
        }
    }

    private static void add(Entry entry, Attribute current, Attribute change) throws LdapException {
        if (change.size() == 0) {
            throw Errors.error(ResultCodeEnum.PROTOCOL_ERROR, change.getUpId() + ": modify/add with no values");
        }
        if (current == null) {
            entry.put(change.clone());
            return;
        }
        for (Value v : change) {
            if (current.contains(v)) {
                throw Errors.error(ResultCodeEnum.ATTRIBUTE_OR_VALUE_EXISTS,
                        change.getUpId() + ": value \"" + v.getString() + "\" already exists");
            }
            current.add(v);
        }
    }

    private static void remove(Entry entry, Attribute current, Attribute change) throws LdapException {
        if (current == null) {
            throw Errors.error(ResultCodeEnum.NO_SUCH_ATTRIBUTE, change.getUpId() + ": no such attribute");
        }
        if (change.size() == 0) {
            entry.removeAttributes(change.getAttributeType());
            return;
        }
        for (Value v : change) {
            if (!current.contains(v)) {
                throw Errors.error(ResultCodeEnum.NO_SUCH_ATTRIBUTE, change.getUpId() + ": no such value");
            }
            current.remove(v);
        }
        if (current.size() == 0) {
            entry.removeAttributes(change.getAttributeType());
        }
    }

    private static void increment(Entry entry, Attribute current, Attribute change) throws LdapException {
        AttributeType at = change.getAttributeType();
        if (change.size() != 1) {
            throw Errors.error(ResultCodeEnum.PROTOCOL_ERROR, change.getUpId() + ": increment needs exactly one value");
        }
        if (!INTEGER_SYNTAX.equals(at.getSyntaxOid())) {
            throw Errors.error(ResultCodeEnum.CONSTRAINT_VIOLATION, change.getUpId() + ": not an INTEGER attribute");
        }
        if (current == null) {
            throw Errors.error(ResultCodeEnum.NO_SUCH_ATTRIBUTE, change.getUpId() + ": no such attribute");
        }
        BigInteger delta = new BigInteger(change.get().getString().trim());
        Attribute next = new DefaultAttribute(current.getUpId(), at);
        for (Value v : current) {
            next.add(new BigInteger(v.getString().trim()).add(delta).toString());
        }
        entry.put(next);
    }
}
