package dev.herald.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Receives NSS key-log lines (the SSLKEYLOGFILE format Wireshark reads), one per secret, e.g.
 * {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET <client random hex> <secret hex>}. For debugging
 * only: anyone with these lines can decrypt the traffic. Off unless configured.
 */
@FunctionalInterface
public interface KeyLogSink {

    void log(String line);

    /** Appends lines to {@code file} (created if missing), each written and flushed at once. */
    static KeyLogSink toFile(Path file) {
        return line -> {
            synchronized (KeyLogSink.class) {
                try {
                    Files.writeString(file, line + "\n", StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
