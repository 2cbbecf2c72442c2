package dev.herald.ldap.codec;

import java.nio.ByteBuffer;

import org.apache.directory.api.asn1.DecoderException;
import org.apache.directory.api.asn1.EncoderException;
import org.apache.directory.api.asn1.ber.Asn1Decoder;
import org.apache.directory.api.asn1.ber.tlv.TLVStateEnum;
import org.apache.directory.api.asn1.util.Asn1Buffer;
import org.apache.directory.api.ldap.codec.api.BinaryAttributeDetector;
import org.apache.directory.api.ldap.codec.api.LdapApiService;
import org.apache.directory.api.ldap.codec.api.LdapEncoder;
import org.apache.directory.api.ldap.codec.api.LdapMessageContainer;
import org.apache.directory.api.ldap.codec.api.ResponseCarryingException;
import org.apache.directory.api.ldap.codec.api.SchemaBinaryAttributeDetector;
import org.apache.directory.api.ldap.codec.osgi.DefaultLdapCodecService;
import org.apache.directory.api.ldap.extras.extended.ads_impl.pwdModify.PasswordModifyFactory;
import org.apache.directory.api.ldap.extras.extended.ads_impl.startTls.StartTlsFactory;
import org.apache.directory.api.ldap.extras.extended.ads_impl.whoAmI.WhoAmIFactory;
import org.apache.directory.api.ldap.model.message.Message;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedRequest;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.ResultResponse;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * LDAP message decoding and encoding with the Directory API's codec
 * ({@code api-ldap-codec-core}), behind a service we build ourselves: the API's stock
 * controls plus the WhoAmI, Password Modify and StartTLS extended operations. No MINA, no
 * standalone codec.
 *
 * <p>It only ever sees PDUs the framer has already bounded (size, nesting) and checked for
 * structure, because the 2.1.8 decoder allocates from declared lengths (DIRAPI-437) and
 * recurses on nesting (DIRAPI-438). {@link Asn1Decoder} is called directly: the API's
 * {@code LdapDecoder} wrapper turns a ResponseCarryingException into a plain
 * DecoderException, losing the error response the grammar prepared, and logs every malformed
 * PDU at ERROR level.
 *
 * <p>Thread-safe: the service is read-only after construction, every call uses its own
 * container and buffer, and the DNs the decoder parses are remembered in a bounded, concurrent
 * {@link DnCache}.
 */
public final class LdapCodec {

    static {
        CodecFixes.apply();
    }

    private final LdapApiService service;
    private final BinaryAttributeDetector binary;
    private final DnCache dns = new DnCache();

    public LdapCodec(SchemaManager schema) {
        DefaultLdapCodecService s = new DefaultLdapCodecService();
        WhoAmIFactory whoAmI = new WhoAmIFactory(s);
        s.registerExtendedRequest(whoAmI);
        s.registerExtendedResponse(whoAmI);
        s.registerExtendedRequest(new PasswordModifyFactory(s));
        // StartTLS requests are deliberately left to the opaque decoder: the API's StartTLS
        // factory drops a requestValue, and a StartTLS request with one must get protocolError
        // (RFC 4511 §4.14.1: "the requestValue field is always absent").
        s.registerExtendedResponse(new StartTlsFactory(s));
        this.service = s;
        // The one-argument container constructor would build a detector that needs MINA.
        this.binary = new SchemaBinaryAttributeDetector(schema);
    }

    /** The codec service (registered controls and extended operations). */
    public LdapApiService service() {
        return service;
    }

    /** Decodes one complete, framed LDAPMessage. */
    public DecodeResult decode(ByteBuffer pdu) {
        ByteBuffer copy = pdu.duplicate();
        LdapMessageContainer<Message> container = new LdapMessageContainer<>(service, binary);
        container.setDnFactory(dns);
        try {
            Asn1Decoder.decode(pdu, container);
        } catch (ResponseCarryingException e) {
            Message response = e.getResponse();
            if (response instanceof ResultResponse rr && rr.getMessageId() > 0) {
                rr.getLdapResult().setDiagnosticMessage(clean(rr.getLdapResult().getResultCode(),
                        rr.getLdapResult().getDiagnosticMessage()));
                return new DecodeResult.Rejected(rr);
            }
            return new DecodeResult.Malformed(reason(e));
        } catch (DecoderException | RuntimeException e) {
            return new DecodeResult.Malformed(reason(e));
        }
        if (container.getState() != TLVStateEnum.PDU_DECODED || container.getMessage() == null) {
            return new DecodeResult.Malformed("incomplete LDAP message");
        }
        Message message = container.getMessage();
        if (message instanceof OpaqueExtendedRequest opaque && opaque.getRequestName() == null) {
            // 2.1.8 drops the requestName of extended requests it has no factory for.
            opaque.setRequestName(ExtendedRequestName.read(copy));
        }
        return new DecodeResult.Decoded(message);
    }

    /** Encodes a message into a new buffer from {@code alloc}. */
    public ByteBuf encode(ByteBufAllocator alloc, Message message) throws EncoderException {
        ByteBuffer encoded = encodeToBuffer(message);
        ByteBuf out = alloc.buffer(encoded.remaining());
        out.writeBytes(encoded);
        return out;
    }

    /** Encodes a message into a byte array. */
    public byte[] encodeToBytes(Message message) throws EncoderException {
        ByteBuffer encoded = encodeToBuffer(message);
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        return out;
    }

    private ByteBuffer encodeToBuffer(Message message) throws EncoderException {
        ByteBuffer encoded = LdapEncoder.encodeMessage(new Asn1Buffer(), service, message);
        if (message instanceof OpaqueExtendedResponse r && r.getResponseValue() != null
                && r.getResponseValue().length == 0) {
            return ByteBuffer.wrap(EmptyResponseValue.append(encoded));
        }
        return encoded;
    }

    /** The API's messages start with an internal code and may end with a hex dump; keep the words. */
    public static String clean(ResultCodeEnum code, String message) {
        if (message == null || !message.startsWith("ERR_")) {
            return message;
        }
        if (code == ResultCodeEnum.INVALID_DN_SYNTAX) {
            return "invalid DN";
        }
        String m = message.replaceFirst("^ERR_\\d+_[A-Z0-9_]+\\s*", "");
        int dump = m.indexOf(" (0x");
        return dump > 0 ? m.substring(0, dump) : m;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
