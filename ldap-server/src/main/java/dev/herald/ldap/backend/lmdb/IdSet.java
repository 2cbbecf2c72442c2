package dev.herald.ldap.backend.lmdb;

import java.util.Arrays;

/**
 * An immutable sorted set of entry ids, the currency of search planning: index lookups produce
 * them, AND intersects and OR unions them.
 */
final class IdSet {
    static final IdSet EMPTY = new IdSet(new long[0], 0);

    private final long[] ids;
    private final int size;

    private IdSet(long[] ids, int size) {
        this.ids = ids;
        this.size = size;
    }

    /** Wraps ids that are already sorted ascending without duplicates. */
    static IdSet ofSorted(long[] ids, int size) {
        return size == 0 ? EMPTY : new IdSet(ids, size);
    }

    /** Sorts and de-duplicates. */
    static IdSet of(long[] ids, int size) {
        long[] copy = Arrays.copyOf(ids, size);
        Arrays.sort(copy);
        int n = 0;
        for (int i = 0; i < copy.length; i++) {
            if (n == 0 || copy[n - 1] != copy[i]) {
                copy[n++] = copy[i];
            }
        }
        return ofSorted(copy, n);
    }

    int size() {
        return size;
    }

    long get(int i) {
        return ids[i];
    }

    boolean isEmpty() {
        return size == 0;
    }

    IdSet intersect(IdSet o) {
        if (size == 0 || o.size == 0) {
            return EMPTY;
        }
        long[] out = new long[Math.min(size, o.size)];
        int i = 0, j = 0, n = 0;
        while (i < size && j < o.size) {
            long a = ids[i], b = o.ids[j];
            if (a == b) {
                out[n++] = a;
                i++;
                j++;
            } else if (a < b) {
                i++;
            } else {
                j++;
            }
        }
        return ofSorted(out, n);
    }

    IdSet union(IdSet o) {
        if (size == 0) {
            return o;
        }
        if (o.size == 0) {
            return this;
        }
        long[] out = new long[size + o.size];
        int i = 0, j = 0, n = 0;
        while (i < size || j < o.size) {
            long v;
            if (j >= o.size || (i < size && ids[i] < o.ids[j])) {
                v = ids[i++];
            } else if (i >= size || o.ids[j] < ids[i]) {
                v = o.ids[j++];
            } else {
                v = ids[i++];
                j++;
            }
            out[n++] = v;
        }
        return ofSorted(out, n);
    }

    /** Accumulates ids in any order. */
    static final class Builder {
        private long[] buf = new long[16];
        private int n;
        private boolean sorted = true;

        void add(long id) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            if (n > 0 && buf[n - 1] >= id) {
                sorted = false;
            }
            buf[n++] = id;
        }

        IdSet build() {
            return sorted ? IdSet.ofSorted(buf, n) : IdSet.of(buf, n);
        }
    }
}
