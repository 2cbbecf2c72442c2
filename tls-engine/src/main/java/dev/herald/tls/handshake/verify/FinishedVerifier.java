package dev.herald.tls.handshake.verify;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;
import dev.herald.tls.crypto.ConstantTime;

/** Checks a received Finished against the expected verify_data, in constant time. */
public final class FinishedVerifier {
    private FinishedVerifier() {
    }

    /**
     * @throws TlsException decode_error when the length is wrong (RFC 8446 §4.4.4 fixes it to
     *     the hash length, RFC 5246 §7.4.9 to 12), decrypt_error when the value differs
     */
    public static FinishedChecked verify(byte[] expected, byte[] received) throws TlsException {
        if (received.length != expected.length) {
            throw TlsException.local(AlertDescription.DECODE_ERROR, "Finished of " + received.length + " bytes");
        }
        if (!ConstantTime.equals(expected, received)) {
            throw TlsException.local(AlertDescription.DECRYPT_ERROR, "client Finished does not match the transcript");
        }
        return new FinishedChecked();
    }
}
