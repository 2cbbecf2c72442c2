package dev.herald.tls.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness side of a peer that ends by itself before the test writes to it (what a failed
 * handshake does to s_client): the write reports it instead of throwing "Stream closed".
 */
class PeerProcessTest {

    @Test
    void writingToAPeerThatAlreadyEndedReturnsFalse() throws Exception {
        try (PeerProcess p = new PeerProcess(List.of("sh", "-c", "exec 0<&-; echo gone"))) {
            assertThat(p.awaitExit()).isTrue();
            assertThat(p.write("hello\n")).isFalse();
            assertThat(p.output()).contains("gone");
        }
    }

    @Test
    void writingToARunningPeerReachesIt() throws Exception {
        try (PeerProcess p = new PeerProcess(List.of("sh", "-c", "read line; echo \"echo:$line\""))) {
            assertThat(p.write("hello\n")).isTrue();
            assertThat(p.awaitOutput("echo:hello")).isTrue();
        }
    }
}
