package dev.herald.ldap.backend.memory;

import java.util.Arrays;
import java.util.List;

import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;

/**
 * A sort key for a DN: its normalised RDNs from the root down. Ordering keys component by
 * component puts every entry directly after its ancestors and keeps each subtree contiguous,
 * so a subtree is one range of a sorted map.
 */
record DnKey(String[] parts) implements Comparable<DnKey> {

    static DnKey of(Dn dn) {
        List<Rdn> rdns = dn.getRdns();
        String[] parts = new String[rdns.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = rdns.get(parts.length - 1 - i).getNormName();
        }
        return new DnKey(parts);
    }

    int depth() {
        return parts.length;
    }

    /** Whether this key is {@code ancestor} or lies below it. */
    boolean isWithin(DnKey ancestor) {
        if (ancestor.parts.length > parts.length) {
            return false;
        }
        for (int i = 0; i < ancestor.parts.length; i++) {
            if (!ancestor.parts[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** This key with the leading {@code oldBase} parts replaced by {@code newBase}. */
    DnKey rebase(DnKey oldBase, DnKey newBase) {
        String[] out = Arrays.copyOf(newBase.parts, newBase.parts.length + parts.length - oldBase.parts.length);
        System.arraycopy(parts, oldBase.parts.length, out, newBase.parts.length, parts.length - oldBase.parts.length);
        return new DnKey(out);
    }

    @Override
    public int compareTo(DnKey o) {
        int n = Math.min(parts.length, o.parts.length);
        for (int i = 0; i < n; i++) {
            int c = parts[i].compareTo(o.parts[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(parts.length, o.parts.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnKey k && Arrays.equals(parts, k.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
        return String.join(" / ", parts);
    }
}
