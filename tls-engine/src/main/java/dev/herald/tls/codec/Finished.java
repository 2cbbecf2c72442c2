package dev.herald.tls.codec;

import java.util.Arrays;

/** Finished (RFC 8446 §4.4.4, RFC 5246 §7.4.9): verify_data; its length is the caller's check. */
public record Finished(byte[] verifyData) implements HandshakeMessage {
    public Finished {
        verifyData = verifyData.clone();
    }

    @Override
    public byte[] verifyData() {
        return verifyData.clone();
    }

    @Override
    public int type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.bytes(verifyData);
    }

    public static Finished parse(byte[] body) {
        return new Finished(body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Finished f && Arrays.equals(f.verifyData, verifyData);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(verifyData);
    }
}
