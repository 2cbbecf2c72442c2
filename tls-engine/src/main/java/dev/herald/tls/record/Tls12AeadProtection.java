package dev.herald.tls.record;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;
import dev.herald.tls.crypto.Aead;
import dev.herald.tls.crypto.AeadAlgorithm;
import dev.herald.tls.crypto.BadTagException;

/**
 * TLS 1.2 AEAD record protection (RFC 5246 §6.2.3.3). AES-GCM (RFC 5288 §3) uses a 4-byte
 * implicit salt and an 8-byte explicit nonce carried in the record, for which we send the
 * sequence number; ChaCha20-Poly1305 (RFC 7905 §2) XORs the sequence number into a 12-byte IV
 * and carries no explicit nonce. The additional data is seq_num || type || version || length.
 */
public final class Tls12AeadProtection implements RecordProtection {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;
    private static final int EXPLICIT = 8;

    private final Aead aead;
    private final byte[] iv;
    private final boolean explicitNonce;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] aad = new byte[13];
    private long seq;

    public Tls12AeadProtection(Aead aead, byte[] iv) {
        this.aead = aead;
        this.iv = iv.clone();
        this.explicitNonce = aead.algorithm() != AeadAlgorithm.CHACHA20_POLY1305;
        int expectedIv = explicitNonce ? 4 : 12;
        if (iv.length != expectedIv) {
            throw new IllegalArgumentException("IV must be " + expectedIv + " bytes");
        }
    }

    @Override
    public boolean isEncrypting() {
        return true;
    }

    private long nextSeq() {
        if (seq == -1L) {
            throw new IllegalStateException("sequence number exhausted");
        }
        return seq++;
    }

    private void makeNonce(long s, byte[] explicitSrc, int explicitOff) {
        if (explicitNonce) {
            System.arraycopy(iv, 0, nonce, 0, 4);
            System.arraycopy(explicitSrc, explicitOff, nonce, 4, EXPLICIT);
        } else {
            Records.xorNonce(iv, s, nonce);
        }
    }

    private void makeAad(long s, int type, int length) {
        Records.putLong(aad, 0, s);
        aad[8] = (byte) type;
        aad[9] = (byte) (Records.WIRE_VERSION >>> 8);
        aad[10] = (byte) Records.WIRE_VERSION;
        aad[11] = (byte) (length >>> 8);
        aad[12] = (byte) length;
    }

    @Override
    public byte[] seal(int contentType, byte[] src, int off, int len, int padding) {
        int prefix = explicitNonce ? EXPLICIT : 0;
        int fragment = prefix + len + TAG;
        byte[] out = new byte[RecordLimits.HEADER_LENGTH + fragment];
        Records.writeHeader(out, 0, contentType, fragment);
        long s = nextSeq();
        int body = RecordLimits.HEADER_LENGTH + prefix;
        if (explicitNonce) {
            Records.putLong(out, RecordLimits.HEADER_LENGTH, s);
        }
        makeNonce(s, out, RecordLimits.HEADER_LENGTH);
        makeAad(s, contentType, len);
        aead.seal(nonce, aad, src, off, len, out, body); // from src straight into the record
        return out;
    }

    @Override
    public Plaintext open(byte[] buf, int headerOff, int fragmentLength) throws TlsException {
        int type = buf[headerOff] & 0xff;
        if (fragmentLength > RecordLimits.MAX_CIPHERTEXT) {
            throw TlsException.local(AlertDescription.RECORD_OVERFLOW, "ciphertext record of " + fragmentLength + " bytes");
        }
        int prefix = explicitNonce ? EXPLICIT : 0;
        int cipherLen = fragmentLength - prefix;
        if (cipherLen < TAG) {
            throw TlsException.local(AlertDescription.BAD_RECORD_MAC, "record shorter than its tag");
        }
        int frag = headerOff + RecordLimits.HEADER_LENGTH;
        makeNonce(seq, buf, frag);
        makeAad(seq, type, cipherLen - TAG);
        int n;
        try {
            n = aead.open(nonce, aad, buf, frag + prefix, cipherLen, buf, frag + prefix);
        } catch (BadTagException e) {
            throw TlsException.local(AlertDescription.BAD_RECORD_MAC, "record authentication failed");
        }
        nextSeq();
        if (n > RecordLimits.MAX_PLAINTEXT) {
            throw TlsException.local(AlertDescription.RECORD_OVERFLOW, "plaintext too long");
        }
        return new Plaintext(type, buf, frag + prefix, n);
    }
}
