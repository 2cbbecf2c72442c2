package dev.herald.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations, sizes and did-you-mean. */
class ValueSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"10", "ten", "10 s", "10sec", "1h30", "-5s", "s", "PT", "P-1D", "99999999999999999999s", "1.5s"})
    void malformedDurationsAreRefused(String s) {
        assertThatThrownBy(() -> Durations.parse(s)).isInstanceOf(SyntaxException.class);
    }

    @Test
    void aNumberWithoutUnitSuggestsSeconds() {
        assertThatThrownBy(() -> Durations.parse("10")).isInstanceOfSatisfying(SyntaxException.class,
                e -> assertThat(e.fix()).startsWith("write 10s"));
    }

    @Test
    void durationsParse() throws Exception {
        assertThat(Durations.parse("0")).isZero();
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(100))).isEqualTo("100ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "2 XB", "-1", "1.5MiB", "99999999999TiB", "two"})
    void malformedSizesAreRefused(String s) {
        assertThatThrownBy(() -> ByteSizes.parse(s)).isInstanceOf(SyntaxException.class);
    }

    @Test
    void sizesParse() throws Exception {
        assertThat(ByteSizes.parse("512")).isEqualTo(512);
        assertThat(ByteSizes.parse("64KiB")).isEqualTo(65536);
        assertThat(ByteSizes.parse("2MiB")).isEqualTo(2 << 20);
        assertThat(ByteSizes.parse("2 mib")).isEqualTo(2 << 20);
        assertThat(ByteSizes.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(ByteSizes.parse("2MB")).isEqualTo(2_000_000);
        assertThat(ByteSizes.parse("10B")).isEqualTo(10);
        assertThat(ByteSizes.format(2 << 20)).isEqualTo("2MiB");
        assertThat(ByteSizes.format(1500)).isEqualTo("1500B");
    }

    @Test
    void didYouMean() {
        List<String> keys = List.of("address", "port", "data-dir", "max-pdu-bytes", "max-pdu-bytes-anonymous");
        assertThat(DidYouMean.suggest("prot", keys)).contains("port");
        assertThat(DidYouMean.suggest("Port", keys)).contains("port");
        assertThat(DidYouMean.suggest("data_dir", keys)).contains("data-dir");
        assertThat(DidYouMean.suggest("dataDir", keys)).contains("data-dir");
        assertThat(DidYouMean.suggest("adress", keys)).contains("address");
        assertThat(DidYouMean.suggest("max-pdu-byte", keys)).contains("max-pdu-bytes");
        assertThat(DidYouMean.suggest("completely-different", keys)).isEmpty();
        assertThat(DidYouMean.suggest("x", keys)).isEmpty();
        assertThat(DidYouMean.distance("ab", "ba")).isEqualTo(1);
    }
}
