package dev.herald.tls.crypto.bc;

import dev.herald.tls.crypto.spi.NistCurve;
import java.math.BigInteger;
import java.security.interfaces.ECKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Bouncy Castle's specialised (custom field arithmetic) P-256 and P-384 domains. One shared
 * instance per curve, so the fixed-base comb table for G is computed once per JVM.
 */
final class BcCurves {
    private static final ECDomainParameters P256 = domain(NistCurve.P256);
    private static final ECDomainParameters P384 = domain(NistCurve.P384);

    private BcCurves() {
    }

    private static ECDomainParameters domain(NistCurve curve) {
        X9ECParameters x9 = CustomNamedCurves.getByName(curve.curveName());
        ECDomainParameters d = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
        if (!d.getN().equals(curve.order())) {
            throw new ExceptionInInitializerError("curve mismatch for " + curve);
        }
        return d;
    }


    static ECDomainParameters of(NistCurve curve) {
        return curve == NistCurve.P256 ? P256 : P384;
    }

    /** The NIST curve of a JCA key from any provider, or null. */
    static NistCurve curveOf(ECKey key) {
        for (NistCurve c : NistCurve.values()) {
            if (c.matches(key)) {
                return c;
            }
        }
        return null;
    }

    /** A validated point (on the curve; BC refuses coordinates outside the field). */
    static ECPoint point(NistCurve curve, BigInteger x, BigInteger y) {
        ECPoint p = of(curve).getCurve().validatePoint(x, y);
        if (p.isInfinity() || !p.isValid()) {
            throw new IllegalArgumentException("invalid point");
        }
        return p;
    }
}
