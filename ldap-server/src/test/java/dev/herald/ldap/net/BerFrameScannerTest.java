package dev.herald.ldap.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class BerFrameScannerTest {

    private static final int MAX = 1024;
    private static final int DEPTH = 10;

    private static BerFrameScanner.Result scan(String hex) {
        ByteBuf b = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
        int before = b.readerIndex();
        BerFrameScanner.Result r = BerFrameScanner.scan(b, MAX, DEPTH);
        assertThat(b.readerIndex()).as("scanning moves no index").isEqualTo(before);
        return r;
    }

    @Test
    void acceptsAWellFormedRequestAndReportsItsIdAndOperation() {
        // WhoAmI: SEQUENCE { 5, [APPLICATION 23] { [0] "1.3.6.1.4.1.4203.1.11.3" } }
        String whoAmI = "301e 020105 7719 8017 312e332e362e312e342e312e343230332e312e31312e33";
        assertThat(scan(whoAmI)).isEqualTo(new BerFrameScanner.Frame(32, 5, 0x77));
        // With controls and a four-octet message ID in long-form length.
        assertThat(scan("3081 0f 0204 7fffffff 4200 a005 3003 040131"))
                .isEqualTo(new BerFrameScanner.Frame(18, Integer.MAX_VALUE, 0x42));
        // Non-minimal length encodings are valid BER.
        assertThat(scan("3006 020101 428100")).isEqualTo(new BerFrameScanner.Frame(8, 1, 0x42));
        // Only the first message of a buffer is looked at.
        assertThat(scan("3005 020101 4200 3005")).isEqualTo(new BerFrameScanner.Frame(7, 1, 0x42));
    }

    @ParameterizedTest
    @CsvSource({"''", "30", "3005", "3005 0201", "3084", "3084 0000", "3082 0100 020101"})
    void waitsForTheRestOfAMessage(String hex) {
        assertThat(scan(hex)).isInstanceOf(BerFrameScanner.NeedMore.class);
    }

    @Test
    void refusesOversizedMessagesFromTheHeaderAlone() {
        assertThat(scan("3082 0400")).isEqualTo(new BerFrameScanner.TooLarge(1028, MAX));
        assertThat(scan("3084 ffffffff")).isInstanceOf(BerFrameScanner.TooLarge.class);
    }

    @ParameterizedTest
    @CsvSource({
        "0405 020101 4200, not a SEQUENCE",
        "3080 020101 4200 0000, indefinite length",
        "3085 0000000005 020101 4200, too many length octets",
        "3003 020901, child longer than parent",
        "3005 020100 4200, message ID 0",
        "3005 0201ff 4200, negative message ID",
        "3008 02050100000000 4200, five-octet message ID",
        "3005 020101 6500, response tag",
        "3005 020101 5e00, unknown application tag",
        "3003 020101, no protocolOp",
        "3000, empty",
        "3007 020101 4200 0400, junk after protocolOp",
        "3009 020101 4200 a000 a000, two control sequences",
        "3006 020101 1f0100, multi-octet tag",
        "3005 020101 4282, header runs past parent",
        "3012 020104 770e 8007 312e322e332e34 8102 0102, operation longer than the message",
    })
    void rejectsMalformedMessages(String hex, String why) {
        assertThat(scan(hex)).as(why).isInstanceOf(BerFrameScanner.Malformed.class);
    }

    @Test
    void boundsNestingWithoutRecursion() {
        // SEQUENCE { 7, [APPLICATION 3] { 20 nested [2] ... } }: too deep, but well-formed.
        StringBuilder inner = new StringBuilder("0400");
        for (int i = 0; i < 20; i++) {
            int len = inner.length() / 2;
            inner.insert(0, String.format("a2%02x", len));
        }
        String op = String.format("63%02x", inner.length() / 2) + inner;
        String msg = String.format("30%02x020107", op.length() / 2 + 3) + op;
        assertThat(scan(msg)).isEqualTo(new BerFrameScanner.TooDeep(msg.length() / 2, 7, 0x63));
        // A million levels are handled in constant stack (the limit stops the walk).
        ByteBuf huge = Unpooled.buffer();
        int levels = 200_000;
        huge.writeBytes(HexFormat.of().parseHex("3084"));
        huge.writeInt(3 + 2 + levels * 2);
        huge.writeBytes(HexFormat.of().parseHex("020109"));
        huge.writeByte(0x63);
        huge.writeByte(0x84);
        huge.writeInt(levels * 2);
        for (int i = 0; i < levels - 1; i++) {
            huge.writeByte(0xa2);
            huge.writeByte(0x80); // indefinite: malformed once reached, but depth is checked first
        }
        huge.writeBytes(new byte[] {0x04, 0x00});
        BerFrameScanner.Result r = BerFrameScanner.scan(huge, Integer.MAX_VALUE, 100_000);
        assertThat(r).isInstanceOf(BerFrameScanner.Malformed.class);
    }

    @Test
    void depthLimitCountsTheEnvelope() {
        // Depth 3: SEQUENCE > SearchRequest > AND.
        String msg = "300a 020101 6305 a003 870100";
        assertThat(BerFrameScanner.scan(Unpooled.wrappedBuffer(HexFormat.of().parseHex(msg.replace(" ", ""))), MAX, 3))
                .isInstanceOf(BerFrameScanner.Frame.class);
        assertThat(BerFrameScanner.scan(Unpooled.wrappedBuffer(HexFormat.of().parseHex(msg.replace(" ", ""))), MAX, 2))
                .isInstanceOf(BerFrameScanner.TooDeep.class);
    }
}
