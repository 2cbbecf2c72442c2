package dev.herald.tls.crypto.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Key;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyCacheTest {
    @Test
    void convertsOncePerKey() {
        AtomicInteger conversions = new AtomicInteger();
        KeyCache<String> cache = new KeyCache<>(k -> "converted-" + conversions.incrementAndGet());
        Key key = new SecretKeySpec(new byte[] {1, 2, 3}, "AES");
        assertThat(cache.get(key)).isEqualTo("converted-1");
        assertThat(cache.get(key)).isEqualTo("converted-1");
        assertThat(conversions).hasValue(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void doesNotStoreAKeyThatIsAlreadyNative() {
        KeyCache<Key> cache = new KeyCache<>(k -> k);
        Key key = new SecretKeySpec(new byte[] {1}, "AES");
        assertThat(cache.get(key)).isSameAs(key);
        assertThat(cache.size()).isZero();
    }
}
