package dev.herald.ldap.backend.lmdb;

/**
 * What the indexes say about a filter: every entry may match ({@link All}, e.g.
 * {@code (objectClass=*)}), the indexes cannot narrow it ({@link Unindexed}), or the candidates
 * are a known id set ({@link Ids}, a superset of the matches).
 */
sealed interface Plan {
    record All() implements Plan {}

    record Unindexed() implements Plan {}

    record Ids(IdSet ids) implements Plan {}

    Plan ALL = new All();
    Plan UNINDEXED = new Unindexed();

    static Plan and(Plan a, Plan b) {
        if (a instanceof Ids x && b instanceof Ids y) {
            return new Ids(x.ids().intersect(y.ids()));
        }
        if (a instanceof Ids) {
            return a;
        }
        if (b instanceof Ids) {
            return b;
        }
        return a instanceof Unindexed || b instanceof Unindexed ? UNINDEXED : ALL;
    }

    static Plan or(Plan a, Plan b) {
        if (a instanceof Unindexed || b instanceof Unindexed) {
            return UNINDEXED;
        }
        if (a instanceof All || b instanceof All) {
            return ALL;
        }
        return new Ids(((Ids) a).ids().union(((Ids) b).ids()));
    }
}
