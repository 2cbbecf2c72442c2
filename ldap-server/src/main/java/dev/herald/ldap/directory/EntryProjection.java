package dev.herald.ldap.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.directory.api.ldap.model.filter.BranchNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.ExtensibleNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.schema.AttributeType;

import dev.herald.ldap.filter.AttributeTypes;

/**
 * The attributes one search needs from each stored entry: those the filter tests (with their
 * subtypes, RFC 4512 §2.5.2), those the attribute selection returns, and userPassword (its
 * access check). A backend may leave every other attribute out of the entries it delivers, so
 * that it does not decode them; most stored attributes of an entry are neither tested nor
 * returned by a typical search. A projection depends only on the selection and the tested
 * types, so {@link Cache} shares one among the searches of the same shape, and its answers are
 * remembered per type OID (the schema is fixed while the server runs).
 */
final class EntryProjection implements Predicate<AttributeType> {

    private final AttributeSelection selection;
    private final List<AttributeType> tested;
    /** Null when userPassword is not needed (its access check reads it as stored). */
    private final AttributeType userPassword;
    /** {@link #test}'s answers; shared between threads. */
    private final AnswersByType answers = new AnswersByType(this::decide);

    private EntryProjection(AttributeSelection selection, List<AttributeType> tested, AttributeType userPassword) {
        this.selection = selection;
        this.tested = tested;
        this.userPassword = userPassword;
    }

    /**
     * Projections shared between searches, keyed by the selection (the instance: selections are
     * themselves remembered per attribute list) and the OIDs of the tested types in filter
     * order. Bounded: cleared when full. Safe for concurrent use.
     */
    static final class Cache {
        static final int LIMIT = 1024;
        private final AttributeType userPassword;
        private final Map<Key, EntryProjection> known = new ConcurrentHashMap<>();

        /** Key of the projections that hold only the tested types ({@link #ofTested}). */
        private static final AttributeSelection TESTED_ONLY = AttributeSelection.none();

        private record Key(AttributeSelection selection, List<String> tested) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && k.selection == selection && k.tested.equals(tested);
            }

            @Override
            public int hashCode() {
                return System.identityHashCode(selection) * 31 + tested.hashCode();
            }
        }

        Cache(AttributeType userPassword) {
            this.userPassword = userPassword;
        }

        /**
         * The projection for a normalised filter and a selection, the same instance for the same
         * selection and tested types; null when the filter may look at any attribute (an
         * extensible match without a type compares every attribute of the rule's syntax).
         */
        EntryProjection of(ExprNode filter, AttributeSelection selection) {
            return of(filter, selection, userPassword);
        }

        /**
         * The projection of only the types the filter tests (with subtypes), for candidates
         * whose other attributes are read as stored; null as for {@link #of}.
         */
        EntryProjection ofTested(ExprNode filter) {
            return of(filter, TESTED_ONLY, null);
        }

        private EntryProjection of(ExprNode filter, AttributeSelection selection, AttributeType userPassword) {
            List<AttributeType> tested = new ArrayList<>();
            if (!collect(filter, tested)) {
                return null;
            }
            List<String> oids = new ArrayList<>(tested.size());
            for (AttributeType t : tested) {
                oids.add(t.getOid());
            }
            Key key = new Key(selection, List.copyOf(oids));
            EntryProjection p = known.get(key);
            if (p == null) {
                if (known.size() >= LIMIT) {
                    known.clear();
                }
                p = new EntryProjection(selection, List.copyOf(tested), userPassword);
                known.put(key, p);
            }
            return p;
        }

        int size() {
            return known.size();
        }
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
        if (at == null) {
            return true;
        }
        return answers.answer(at);
    }

    private boolean decide(AttributeType at) {
        if (at == null) {
            return true;
        }
        if ((userPassword != null && AttributeTypes.same(at, userPassword)) || selection.includes(at)) {
            return true;
        }
        for (AttributeType t : tested) {
            if (AttributeTypes.isSameOrSubtype(at, t)) {
                return true;
            }
        }
        return false;
    }
}
