package dev.herald.ldap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.apache.directory.api.asn1.util.Asn1Buffer;
import org.apache.directory.api.ldap.codec.api.LdapEncoder;
import org.apache.directory.api.ldap.model.filter.ExtensibleNode;
import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.OpaqueExtendedResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchRequestImpl;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.herald.ldap.schema.HeraldSchema;

class LdapCodecTest {

    private final LdapCodec codec = new LdapCodec(HeraldSchema.shared());

    private ByteBuffer encodeSearch(String filter) throws Exception {
        SearchRequest r = new SearchRequestImpl();
        r.setMessageId(3);
        r.setBase(new Dn("dc=example,dc=com"));
        r.setScope(SearchScope.SUBTREE);
        r.setFilter(filter);
        return LdapEncoder.encodeMessage(new Asn1Buffer(), codec.service(), r);
    }

    /** 2.1.8's grammar fails these without the fix in CodecFixes. */
    @ParameterizedTest
    @ValueSource(strings = {"(uid:caseExactMatch:=bob)", "(uid:=bob)", "(&(cn=x)(uid:=bob))", "(!(uid:2.5.13.5:=bob))",
        "(:caseExactMatch:=bob)", "(uid:dn:=bob)"})
    void decodesExtensibleMatchWithoutDnAttributes(String filter) throws Exception {
        DecodeResult r = codec.decode(encodeSearch(filter));
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        SearchRequest decoded = (SearchRequest) ((DecodeResult.Decoded) r).message();
        assertThat(decoded.getMessageId()).isEqualTo(3);
    }

    @Test
    void extensibleMatchFieldsSurvive() throws Exception {
        SearchRequest decoded = (SearchRequest) ((DecodeResult.Decoded) codec.decode(encodeSearch("(uid:caseExactMatch:=bob)"))).message();
        ExtensibleNode x = (ExtensibleNode) decoded.getFilter();
        assertThat(x.getAttribute()).isEqualTo("uid");
        assertThat(x.getMatchingRuleId()).isEqualTo("caseExactMatch");
        assertThat(x.hasDnAttributes()).isFalse();
    }

    @Test
    void unknownExtendedRequestKeepsItsName() {
        // SEQUENCE { 4, [APPLICATION 23] { [0] "1.2.3.4", [1] 01 02 } }
        byte[] pdu = HexFormat.of().parseHex("3012020104770d8007312e322e332e3481020102");
        ExtendedRequest r = (ExtendedRequest) ((DecodeResult.Decoded) codec.decode(ByteBuffer.wrap(pdu))).message();
        assertThat(r.getRequestName()).isEqualTo("1.2.3.4");
        assertThat(r.getMessageId()).isEqualTo(4);
    }

    @Test
    void grammarViolationsAreMalformed() {
        byte[] pdu = HexFormat.of().parseHex("30070201056302 0400".replace(" ", ""));
        assertThat(codec.decode(ByteBuffer.wrap(pdu))).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void noticeOfDisconnectionHasMessageIdZeroAndItsOid() {
        byte[] nod = NoticeOfDisconnection.encode(codec, ResultCodeEnum.PROTOCOL_ERROR, "bye");
        String hex = HexFormat.of().formatHex(nod);
        assertThat(hex).startsWith("30").contains("020100").contains("0a0102")
                .contains(HexFormat.of().formatHex("1.3.6.1.4.1.1466.20036".getBytes()));
    }

    @Test
    void emptyResponseValueIsEncodedPresentAndEmpty() throws Exception {
        OpaqueExtendedResponse r = new OpaqueExtendedResponse(7);
        r.getLdapResult().setResultCode(ResultCodeEnum.SUCCESS);
        r.setResponseValue(new byte[0]);
        assertThat(HexFormat.of().formatHex(codec.encodeToBytes(r))).isEqualTo("300e02010778090a0100040004008b00");
        r.setResponseValue("dn:x".getBytes());
        assertThat(HexFormat.of().formatHex(codec.encodeToBytes(r))).endsWith("8b04646e3a78");
    }
}
