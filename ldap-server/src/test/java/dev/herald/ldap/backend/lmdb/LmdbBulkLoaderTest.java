package dev.herald.ldap.backend.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The bulk loader's grouping of trigram keys: the radix sort gives what a full sort gives. */
class LmdbBulkLoaderTest {

    @Test
    void gramsSortByGramThenPositionLikeAFullSort() {
        Random rnd = new Random(7);
        for (int n : new int[] {0, 1, 2, 17, 4096, 100_000}) {
            long[] values = new long[n + 5]; // longer than n, as the loader's buffer is
            int pos = 0;
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(4) == 0) {
                    pos++; // several grams per position, positions ascending
                }
                // few distinct grams, spread over all 24 bits, plus the extremes
                int gram = switch (rnd.nextInt(5)) {
                    case 0 -> 0;
                    case 1 -> 0xFFFFFF;
                    default -> rnd.nextInt(64) * 0x40401 & 0xFFFFFF;
                };
                values[i] = ((long) gram << 32) | pos;
            }
            long[] expected = Arrays.copyOf(values, n);
            Arrays.sort(expected);
            long[] sorted = LmdbBulkLoader.sortByGram(values, n);
            assertThat(Arrays.copyOf(sorted, n)).as("n=%d", n).isEqualTo(expected);
        }
    }
}
