package dev.herald.ldap.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.herald.ldap.codec.DecodeResult;
import dev.herald.ldap.codec.LdapCodec;
import dev.herald.ldap.schema.HeraldSchema;
import io.netty.buffer.Unpooled;

/**
 * Fuzzes the path every client byte takes: the framer's scan, then (for what it passes) the
 * Directory API decoder. Whatever the input, the scan returns a verdict and the decoder a
 * result — no exception, no stack overflow, no runaway allocation. {@code JAZZER_FUZZ=1 mvn
 * test} fuzzes; a plain {@code mvn test} replays the corpus in
 * {@code src/test/resources/dev/herald/ldap/net/FramerFuzzTestInputs}.
 */
class FramerFuzzTest {

    private static final LdapCodec CODEC = new LdapCodec(HeraldSchema.shared());

    @FuzzTest(maxDuration = "60s")
    void scanAndDecode(byte[] input) {
        BerFrameScanner.Result r = BerFrameScanner.scan(Unpooled.wrappedBuffer(input), 64 * 1024, 32);
        assertThat(r).isNotNull();
        if (r instanceof BerFrameScanner.Frame f) {
            DecodeResult d = CODEC.decode(ByteBuffer.wrap(input, 0, f.length()));
            assertThat(d).isNotNull();
        }
    }
}
