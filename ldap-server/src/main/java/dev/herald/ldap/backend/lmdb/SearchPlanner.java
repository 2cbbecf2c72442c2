package dev.herald.ldap.backend.lmdb;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.AndNode;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.filter.NotNode;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.filter.OrNode;
import org.apache.directory.api.ldap.model.filter.PresenceNode;
import org.apache.directory.api.ldap.model.filter.SubstringNode;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;

/**
 * Turns a filter into a {@link Plan} using the attribute indexes: AND intersects, OR unions;
 * NOT, ordering, approximate and extensible matches and unindexed attributes leave their part
 * to the filter evaluation above the backend. A filter on an attribute type with subtypes
 * ({@code name} covers {@code cn}, {@code sn}, ...) is answered only when every subtype is
 * indexed, since RFC 4512 §2.5.2 makes the filter match the subtypes' values too.
 */
final class SearchPlanner {
    private final LmdbBackend backend;
    private final LmdbReadTxn txn;

    /**
     * Counts already taken in this snapshot, by filter node (identity): a candidate bound and
     * then the plan of the same filter count the same keys.
     */
    private final Map<ExprNode, Long> estimates = new IdentityHashMap<>();

    SearchPlanner(LmdbBackend backend, LmdbReadTxn txn) {
        this.backend = backend;
        this.txn = txn;
    }

    Plan plan(ExprNode node) throws LdapException {
        if (node instanceof AndNode and) {
            return planAnd(and.getChildren());
        }
        if (node instanceof OrNode or) {
            Plan p = null;
            for (ExprNode c : or.getChildren()) {
                Plan q = plan(c);
                p = p == null ? q : Plan.or(p, q);
                if (p instanceof Plan.Unindexed) {
                    return p;
                }
            }
            return p == null ? new Plan.Ids(IdSet.EMPTY) : p;
        }
        if (node instanceof NotNode || node instanceof ObjectClassNode) {
            return Plan.UNINDEXED;
        }
        if (node instanceof PresenceNode pn) {
            List<AttributeType> types = types(pn);
            if (types == null) {
                return new Plan.Ids(IdSet.EMPTY);
            }
            if (types.size() == 1 && SchemaConstants.OBJECT_CLASS_AT_OID.equals(types.get(0).getOid())) {
                return Plan.ALL; // every entry has an objectClass
            }
            return unionOver(types, IndexKind.PRESENCE, ix -> lookup(ix, AttributeIndex.presenceKey()));
        }
        if (node instanceof EqualityNode<?> eq) {
            List<AttributeType> types = types(eq);
            if (types == null) {
                return new Plan.Ids(IdSet.EMPTY);
            }
            return unionOver(types, IndexKind.EQUALITY, ix -> {
                byte[] key;
                try {
                    key = ix.eqKeyForAssertion(eq.getValue());
                } catch (LdapException e) {
                    return IdSet.EMPTY; // not a valid value of the type: no stored value equals it
                }
                return lookup(ix, key);
            });
        }
        if (node instanceof SubstringNode sub) {
            List<AttributeType> types = types(sub);
            if (types == null) {
                return new Plan.Ids(IdSet.EMPTY);
            }
            return unionOver(types, IndexKind.SUBSTRING, ix -> {
                List<byte[]> grams;
                try {
                    grams = ix.subKeysForAssertion(sub);
                } catch (LdapException e) {
                    return null;
                }
                if (grams == null) {
                    return null;
                }
                IdSet acc = null;
                for (byte[] g : grams) {
                    IdSet s = lookup(ix, g);
                    acc = acc == null ? s : acc.intersect(s);
                    if (acc.isEmpty()) {
                        break;
                    }
                }
                return acc;
            });
        }
        return Plan.UNINDEXED; // >=, <=, ~=, extensible, assertion nodes
    }

    /**
     * An upper bound on the ids {@link #plan} gives for {@code node}, from index counts alone (no
     * ids read); -1 when the plan may not be an id set (an unindexed part, or every entry). A
     * bound of n &ge; 0 promises that the plan is {@link Plan.Ids} of at most n ids.
     */
    long bound(ExprNode node) throws LdapException {
        if (node instanceof AndNode and) {
            // planAnd plans the child with the smallest count first and only narrows after it;
            // without counts it starts with the first child.
            long best = -1;
            for (ExprNode c : and.getChildren()) {
                long e = estimate(c);
                if (e >= 0 && (best < 0 || e < best)) {
                    best = e;
                }
            }
            if (best >= 0 || and.getChildren().isEmpty()) {
                return best;
            }
            return bound(and.getChildren().get(0));
        }
        if (node instanceof OrNode or) {
            long sum = 0;
            for (ExprNode c : or.getChildren()) {
                long b = bound(c);
                if (b < 0) {
                    return -1;
                }
                sum += b;
            }
            return sum;
        }
        return estimate(node);
    }

    /** At or below this many candidates, children of unknown cost (substrings, ORs) are skipped. */
    private static final int GOOD_ENOUGH = 8;
    /** A child whose key holds this many times more ids than the candidates so far is skipped. */
    private static final int SKIP_RATIO = 16;

    /**
     * AND: children with cheap exact counts (equality and presence keys) first, smallest first;
     * a child far larger than the candidates found so far is skipped, and narrowing stops once
     * the candidates are few. Skipping only keeps more candidates (the evaluator still checks
     * every part), so {@code (&(objectClass=person)(uid=alice))} reads one id, not every person.
     */
    private Plan planAnd(List<ExprNode> children) throws LdapException {
        List<long[]> order = new ArrayList<>(); // {child index, estimate}
        for (int i = 0; i < children.size(); i++) {
            order.add(new long[] {i, estimate(children.get(i))});
        }
        order.sort((x, y) -> {
            long a = x[1] < 0 ? Long.MAX_VALUE : x[1];
            long b = y[1] < 0 ? Long.MAX_VALUE : y[1];
            return Long.compare(a, b);
        });
        Plan p = Plan.ALL;
        for (long[] o : order) {
            if (p instanceof Plan.Ids ids) {
                int have = ids.ids().size();
                boolean skip = o[1] >= 0 ? o[1] > (long) SKIP_RATIO * Math.max(have, 1) : have <= GOOD_ENOUGH;
                if (skip) {
                    continue;
                }
            }
            p = Plan.and(p, plan(children.get((int) o[0])));
            if (p instanceof Plan.Ids ids && ids.ids().isEmpty()) {
                return p; // nothing can match
            }
        }
        return p;
    }

    /** How many ids an equality or presence child would give, or -1 when that is not cheap to know. */
    private long estimate(ExprNode node) throws LdapException {
        if (!(node instanceof EqualityNode<?> || node instanceof PresenceNode)) {
            return -1;
        }
        Long known = estimates.get(node);
        if (known != null) {
            return known;
        }
        long n = count(node);
        estimates.put(node, n);
        return n;
    }

    private long count(ExprNode node) throws LdapException {
        List<AttributeType> types = types((LeafNode) node);
        if (types == null) {
            return 0;
        }
        IndexKind kind = node instanceof PresenceNode ? IndexKind.PRESENCE : IndexKind.EQUALITY;
        if (node instanceof PresenceNode && types.size() == 1
                && SchemaConstants.OBJECT_CLASS_AT_OID.equals(types.get(0).getOid())) {
            return -1;
        }
        long total = 0;
        for (AttributeType at : types) {
            AttributeIndex ix = backend.indexes.get(at.getOid());
            if (ix == null || !ix.has(kind)) {
                return -1;
            }
            byte[] key;
            if (node instanceof EqualityNode<?> eq) {
                try {
                    key = ix.eqKeyForAssertion(eq.getValue());
                } catch (LdapException e) {
                    continue;
                }
            } else {
                key = AttributeIndex.presenceKey();
            }
            total += txn.indexCount(ix, key);
        }
        return total;
    }

    @FunctionalInterface
    private interface Lookup {
        /** Ids for one index, or null when it cannot answer. */
        IdSet apply(AttributeIndex ix) throws LdapException;
    }

    private Plan unionOver(List<AttributeType> types, IndexKind kind, Lookup lookup) throws LdapException {
        IdSet acc = IdSet.EMPTY;
        for (AttributeType at : types) {
            AttributeIndex ix = backend.indexes.get(at.getOid());
            if (ix == null || !ix.has(kind)) {
                return Plan.UNINDEXED;
            }
            IdSet s = lookup.apply(ix);
            if (s == null) {
                return Plan.UNINDEXED;
            }
            acc = acc.union(s);
        }
        return new Plan.Ids(acc);
    }

    /** The filter's attribute type and its subtypes; null when the schema does not know it. */
    private List<AttributeType> types(LeafNode node) throws LdapException {
        SchemaManager sm = backend.schemaManager;
        AttributeType at = node.getAttributeType();
        if (at == null) {
            String name = node.getAttribute();
            int semi = name.indexOf(';');
            name = (semi < 0 ? name : name.substring(0, semi)).toLowerCase(Locale.ROOT);
            at = sm.getAttributeType(name);
            if (at == null) {
                return null;
            }
        }
        List<AttributeType> out = new ArrayList<>();
        out.add(at);
        if (sm.getAttributeTypeRegistry().hasDescendants(at)) {
            Iterator<AttributeType> it = sm.getAttributeTypeRegistry().descendants(at);
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    private IdSet lookup(AttributeIndex ix, byte[] key) {
        return txn.indexLookup(ix, key);
    }
}
