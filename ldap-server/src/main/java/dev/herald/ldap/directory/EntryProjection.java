package dev.herald.ldap.directory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.directory.api.ldap.model.filter.BranchNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.ExtensibleNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * The attributes one search needs from each stored entry: those the filter tests (with their
 * subtypes, RFC 4512 §2.5.2), those the attribute selection returns, and userPassword (its
 * access check). A backend may leave every other attribute out of the entries it delivers, so
 * that it does not decode them; most stored attributes of an entry are neither tested nor
 * returned by a typical search. Answers are remembered per type (one search, one thread).
 */
final class EntryProjection implements Predicate<AttributeType> {

    private final AttributeSelection selection;
    private final List<AttributeType> tested;
    private final AttributeType userPassword;
    private final Map<AttributeType, Boolean> answers = new IdentityHashMap<>();

    private EntryProjection(AttributeSelection selection, List<AttributeType> tested, AttributeType userPassword) {
        this.selection = selection;
        this.tested = tested;
        this.userPassword = userPassword;
    }

    /**
     * The projection for a normalised filter and a selection, or null when the filter may look
     * at any attribute (an extensible match without a type compares every attribute of the
     * rule's syntax).
     */
    static EntryProjection of(ExprNode filter, AttributeSelection selection, AttributeType userPassword) {
        List<AttributeType> tested = new ArrayList<>();
        return collect(filter, tested) ? new EntryProjection(selection, List.copyOf(tested), userPassword) : null;
    }

    private static boolean collect(ExprNode node, List<AttributeType> out) {
        if (node instanceof BranchNode b) {
            for (ExprNode c : b.getChildren()) {
                if (!collect(c, out)) {
                    return false;
                }
            }
            return true;
        }
        if (node instanceof ExtensibleNode x) {
            if (x.getAttributeType() == null) {
                return false;
            }
            out.add(x.getAttributeType());
            return true;
        }
        if (node instanceof LeafNode l && l.getAttributeType() != null) {
            out.add(l.getAttributeType());
        }
        return true; // undefined items and (objectClass=*) need no attribute
    }

    @Override
    public boolean test(AttributeType at) {
        Boolean known = answers.get(at);
        if (known == null) {
            known = decide(at);
            answers.put(at, known);
        }
        return known;
    }

    private boolean decide(AttributeType at) {
        if (at == null) {
            return true;
        }
        if (at.getOid().equals(userPassword.getOid()) || selection.includes(at)) {
            return true;
        }
        for (AttributeType t : tested) {
            if (at.getOid().equals(t.getOid()) || at.isDescendantOf(t)) {
                return true;
            }
        }
        return false;
    }
}
