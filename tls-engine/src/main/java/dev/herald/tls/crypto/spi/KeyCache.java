package dev.herald.tls.crypto.spi;

import java.security.Key;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Remembers a backend's own form of a {@code java.security} key, so that the conversion
 * (decoding, point validation, precomputation) happens once per key and not once per
 * signature. Entries go away with their key object (weak keys); equal keys share an entry.
 * A conversion that returns the key itself (already in the backend's form) is not stored:
 * a value that references its own weak key would keep the entry alive for ever.
 */
public final class KeyCache<V> {
    private final Map<Key, V> entries = new WeakHashMap<>();
    private final Function<Key, V> converter;

    public KeyCache(Function<Key, V> converter) {
        this.converter = converter;
    }

    /**
     * The converted key. The conversion runs outside the lock (two threads may both convert
     * the same new key; one result wins, both are equal).
     *
     * @throws IllegalArgumentException if the converter rejects the key
     */
    public V get(Key key) {
        V value;
        synchronized (entries) {
            value = entries.get(key);
        }
        if (value != null) {
            return value;
        }
        value = converter.apply(key);
        if (value == key) {
            return value;
        }
        synchronized (entries) {
            V raced = entries.putIfAbsent(key, value);
            return raced != null ? raced : value;
        }
    }

    /** Number of live entries (for tests). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
