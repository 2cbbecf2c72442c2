package dev.herald.ldap.directory;

import java.util.Arrays;

/**
 * A search result entry as it goes on the wire (RFC 4511 §4.5.2): the DN and, per returned
 * attribute, its description and its values as bytes (UTF-8 for strings), in the order they
 * were added. Values are ranges of buffers owned by the backend, so an instance is only valid
 * inside the {@link SearchListener#entry(ReturnedEntry)} call that received it; the directory
 * reuses it for the next entry. Built by the directory from stored candidates, without
 * schema-aware values for attributes the search only returns.
 */
public final class ReturnedEntry {

    private String dn = "";
    private int attributes;
    private byte[][] names = new byte[16][];
    /** Attribute k's values are [{@code first[k]}, {@code first[k + 1]}). */
    private int[] first = new int[17];
    private int values;
    private byte[][] buffers = new byte[32][];
    private int[] offsets = new int[32];
    private int[] lengths = new int[32];

    /** Empties this entry for the next one, named {@code dn} (user-provided form). */
    public void reset(String dn) {
        this.dn = dn;
        attributes = 0;
        values = 0;
        Arrays.fill(buffers, null); // do not keep the last entry's buffers reachable
    }

    /** Starts the next attribute; its values follow with {@link #addValue}. */
    public void startAttribute(byte[] descriptionUtf8) {
        if (attributes == names.length) {
            names = Arrays.copyOf(names, attributes * 2);
            first = Arrays.copyOf(first, attributes * 2 + 1);
        }
        names[attributes] = descriptionUtf8;
        first[attributes] = values;
        attributes++;
        first[attributes] = values;
    }

    /** Adds a value to the attribute started last: {@code length} bytes of {@code buffer} from {@code offset}. */
    public void addValue(byte[] buffer, int offset, int length) {
        if (values == buffers.length) {
            buffers = Arrays.copyOf(buffers, values * 2);
            offsets = Arrays.copyOf(offsets, values * 2);
            lengths = Arrays.copyOf(lengths, values * 2);
        }
        buffers[values] = buffer;
        offsets[values] = offset;
        lengths[values] = length;
        values++;
        first[attributes] = values;
    }

    /** The DN as given to the client. */
    public String dn() {
        return dn;
    }

    /** How many attributes. */
    public int size() {
        return attributes;
    }

    /** Attribute {@code k}'s description, UTF-8. */
    public byte[] description(int k) {
        return names[k];
    }

    /** Index of attribute {@code k}'s first value; its values run to {@code firstValue(k + 1)}. */
    public int firstValue(int k) {
        return first[k];
    }

    public byte[] valueBuffer(int v) {
        return buffers[v];
    }

    public int valueOffset(int v) {
        return offsets[v];
    }

    public int valueLength(int v) {
        return lengths[v];
    }
}
