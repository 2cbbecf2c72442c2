package dev.herald.tls.codec;

import dev.herald.tls.AlertDescription;
import dev.herald.tls.TlsException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An extension block, in wire order. Parsing rejects a repeated extension type with
 * illegal_parameter (RFC 8446 §4.2, RFC 5246 §7.4.1.4) and keeps unknown extensions as
 * {@link Extension.Unknown} so that callers can ignore them.
 */
public record Extensions(List<Extension> list) {

    public static final Extensions EMPTY = new Extensions(List.of());

    public Extensions {
        list = List.copyOf(list);
    }

    public static Extensions of(Extension... extensions) {
        return new Extensions(List.of(extensions));
    }

    /** The first extension of the given record type. */
    public <T extends Extension> Optional<T> find(Class<T> type) {
        for (Extension e : list) {
            if (type.isInstance(e)) {
                return Optional.of(type.cast(e));
            }
        }
        return Optional.empty();
    }

    public boolean has(int type) {
        for (Extension e : list) {
            if (e.type() == type) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Writes {@code extensions<0..2^16-1>}. */
    public void write(TlsWriter w) {
        int m = w.begin16();
        for (Extension e : list) {
            w.u16(e.type());
            int b = w.begin16();
            e.writeBody(w);
            w.end(b);
        }
        w.end(m);
    }

    /** Reads {@code extensions<0..2^16-1>} of a message of the given kind. */
    public static Extensions parse(TlsReader r, ExtensionContext ctx) throws TlsException {
        TlsReader block = r.sub16();
        java.util.ArrayList<Extension> out = new java.util.ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (block.hasRemaining()) {
            int type = block.u16();
            TlsReader body = block.sub16();
            if (!seen.add(type)) {
                throw TlsException.local(AlertDescription.ILLEGAL_PARAMETER, "duplicated extension " + type);
            }
            out.add(parseOne(type, body, ctx));
        }
        return new Extensions(out);
    }

    private static Extension parseOne(int type, TlsReader body, ExtensionContext ctx) throws TlsException {
        boolean ch = ctx == ExtensionContext.CLIENT_HELLO;
        switch (type) {
            case ExtensionType.SERVER_NAME:
                if (ch || ctx == ExtensionContext.SERVER_HELLO || ctx == ExtensionContext.ENCRYPTED_EXTENSIONS) {
                    return Extension.ServerName.parse(body, ctx);
                }
                break;
            case ExtensionType.SUPPORTED_GROUPS:
                if (ch || ctx == ExtensionContext.ENCRYPTED_EXTENSIONS) {
                    return Extension.SupportedGroups.parse(body);
                }
                break;
            case ExtensionType.EC_POINT_FORMATS:
                if (ch || ctx == ExtensionContext.SERVER_HELLO) {
                    return Extension.EcPointFormats.parse(body);
                }
                break;
            case ExtensionType.SIGNATURE_ALGORITHMS:
                if (ch || ctx == ExtensionContext.CERTIFICATE_REQUEST) {
                    return Extension.SignatureAlgorithms.parse(body);
                }
                break;
            case ExtensionType.SIGNATURE_ALGORITHMS_CERT:
                if (ch || ctx == ExtensionContext.CERTIFICATE_REQUEST) {
                    return Extension.SignatureAlgorithmsCert.parse(body);
                }
                break;
            case ExtensionType.SUPPORTED_VERSIONS:
                if (ch) {
                    return Extension.SupportedVersionsClient.parse(body);
                }
                if (ctx == ExtensionContext.SERVER_HELLO || ctx == ExtensionContext.HELLO_RETRY_REQUEST) {
                    return Extension.SupportedVersionsServer.parse(body);
                }
                break;
            case ExtensionType.KEY_SHARE:
                if (ch) {
                    return Extension.KeyShareClient.parse(body);
                }
                if (ctx == ExtensionContext.SERVER_HELLO) {
                    return Extension.KeyShareServer.parse(body);
                }
                if (ctx == ExtensionContext.HELLO_RETRY_REQUEST) {
                    return Extension.KeyShareRetry.parse(body);
                }
                break;
            case ExtensionType.RENEGOTIATION_INFO:
                if (ch || ctx == ExtensionContext.SERVER_HELLO) {
                    return Extension.RenegotiationInfo.parse(body);
                }
                break;
            case ExtensionType.EXTENDED_MASTER_SECRET:
                if (ch || ctx == ExtensionContext.SERVER_HELLO) {
                    return Extension.ExtendedMasterSecret.parse(body);
                }
                break;
            case ExtensionType.CERTIFICATE_AUTHORITIES:
                if (ch || ctx == ExtensionContext.CERTIFICATE_REQUEST) {
                    return Extension.CertificateAuthorities.parse(body);
                }
                break;
            default:
                break;
        }
        return new Extension.Unknown(type, body.rest());
    }
}
