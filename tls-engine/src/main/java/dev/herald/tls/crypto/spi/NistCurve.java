package dev.herald.tls.crypto.spi;

import dev.herald.tls.crypto.NamedGroup;
import dev.herald.tls.crypto.SignatureScheme;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/**
 * The two NIST prime curves we use, with their JCA parameters and the sizes TLS needs
 * (RFC 8446 §4.2.8.2: uncompressed points of 1 + 2 * fieldLength bytes).
 */
public enum NistCurve {
    P256("secp256r1", 32),
    P384("secp384r1", 48);

    private final String name;
    private final int fieldLength;
    private final ECParameterSpec spec;

    NistCurve(String name, int fieldLength) {
        this.name = name;
        this.fieldLength = fieldLength;
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC", "SunEC");
            params.init(new ECGenParameterSpec(name));
            this.spec = params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public String curveName() {
        return name;
    }

    /** Bytes of one coordinate (and of the ECDH shared secret). */
    public int fieldLength() {
        return fieldLength;
    }

    /** Bytes of an uncompressed point: 0x04 || X || Y. */
    public int pointLength() {
        return 1 + 2 * fieldLength;
    }

    public ECParameterSpec spec() {
        return spec;
    }

    public BigInteger order() {
        return spec.getOrder();
    }

    public BigInteger prime() {
        return ((ECFieldFp) spec.getCurve().getField()).getP();
    }

    public static NistCurve of(NamedGroup group) {
        switch (group) {
            case SECP256R1:
                return P256;
            case SECP384R1:
                return P384;
            default:
                throw new IllegalArgumentException("not a NIST curve: " + group);
        }
    }

    /** The curve an ECDSA scheme is bound to (RFC 8446 §4.2.3), or null. */
    public static NistCurve of(SignatureScheme scheme) {
        switch (scheme) {
            case ECDSA_SECP256R1_SHA256:
                return P256;
            case ECDSA_SECP384R1_SHA384:
                return P384;
            default:
                return null;
        }
    }

    /** Whether a JCA EC key (from any provider) is on this curve. */
    public boolean matches(ECKey key) {
        ECParameterSpec p = key.getParams();
        return p != null
                && p.getCurve().equals(spec.getCurve())
                && p.getGenerator().equals(spec.getGenerator())
                && p.getOrder().equals(spec.getOrder())
                && p.getCofactor() == spec.getCofactor();
    }

    /**
     * Parses an uncompressed TLS point and checks it lies on the curve: exact length, 0x04
     * prefix, coordinates below p, y^2 = x^3 + ax + b. The point at infinity has no
     * uncompressed encoding, and both curves have cofactor 1, so a point that passes is in
     * the prime-order group.
     *
     * @return {x, y}, or null if invalid
     */
    public BigInteger[] decodeUncompressed(byte[] encoded) {
        if (encoded == null || encoded.length != pointLength() || encoded[0] != 0x04) {
            return null;
        }
        BigInteger p = prime();
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 1, 1 + fieldLength));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 1 + fieldLength, encoded.length));
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return null;
        }
        BigInteger a = spec.getCurve().getA();
        BigInteger b = spec.getCurve().getB();
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
        return lhs.equals(rhs) ? new BigInteger[] {x, y} : null;
    }

    /** 0x04 || X || Y with each coordinate left-padded to the field length. */
    public byte[] encodeUncompressed(BigInteger x, BigInteger y) {
        byte[] out = new byte[pointLength()];
        out[0] = 0x04;
        Bytes.writeFixed(x, out, 1, fieldLength);
        Bytes.writeFixed(y, out, 1 + fieldLength, fieldLength);
        return out;
    }
}
