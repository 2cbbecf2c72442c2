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

    private ByteBuffer encodeSearchAt(String base) throws Exception {
        SearchRequest r = new SearchRequestImpl();
        r.setMessageId(5);
        r.setBase(new Dn(base));
        r.setScope(SearchScope.SUBTREE);
        r.setFilter("(uid=bob)");
        return LdapEncoder.encodeMessage(new Asn1Buffer(), codec.service(), r);
    }

    @Test
    void searchBasesAreParsedOnceAndShared() throws Exception {
        SearchRequest first = (SearchRequest) ((DecodeResult.Decoded) codec.decode(encodeSearchAt("ou=People,dc=example,dc=com"))).message();
        SearchRequest second = (SearchRequest) ((DecodeResult.Decoded) codec.decode(encodeSearchAt("ou=People,dc=example,dc=com"))).message();
        assertThat(first.getBase().getName()).isEqualTo("ou=People,dc=example,dc=com");
        assertThat(second.getBase()).isSameAs(first.getBase());
        SearchRequest other = (SearchRequest) ((DecodeResult.Decoded) codec.decode(encodeSearchAt("ou=people,dc=example,dc=com"))).message();
        assertThat(other.getBase().getName()).as("remembered by exact text").isEqualTo("ou=people,dc=example,dc=com");
    }

    @Test
    void theDnCacheIsBoundedAndSkipsLongAndInvalidNames() throws Exception {
        DnCache cache = new DnCache();
        for (int i = 0; i < DnCache.LIMIT + 10; i++) {
            assertThat(cache.create("uid=u" + i + ",dc=example,dc=com").getRdn().getValue()).isEqualTo("u" + i);
            assertThat(cache.size()).isLessThanOrEqualTo(DnCache.LIMIT);
        }
        String longName = "cn=" + "x".repeat(DnCache.MAX_LENGTH) + ",dc=example,dc=com";
        assertThat(cache.create(longName)).isNotSameAs(cache.create(longName)).isEqualTo(new Dn(longName));
        int before = cache.size();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.create("not a dn"))
                .isInstanceOf(org.apache.directory.api.ldap.model.exception.LdapInvalidDnException.class);
        assertThat(cache.size()).isEqualTo(before);
    }

    @Test
    void anInvalidSearchBaseIsStillRejected() {
        // SEQUENCE { 6, [APPLICATION 3] { "not a dn", base, neverDeref, 0, 0, FALSE, (objectClass=*), {} } }
        byte[] base = "not a dn".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream op = new java.io.ByteArrayOutputStream();
        op.write(0x04);
        op.write(base.length);
        op.writeBytes(base);
        op.writeBytes(HexFormat.of().parseHex("0a01000a0100020100020100010100870b6f626a656374436c6173733000"));
        byte[] body = op.toByteArray();
        java.io.ByteArrayOutputStream pdu = new java.io.ByteArrayOutputStream();
        pdu.write(0x30);
        pdu.write(body.length + 5);
        pdu.writeBytes(HexFormat.of().parseHex("020106"));
        pdu.write(0x63);
        pdu.write(body.length);
        pdu.writeBytes(body);
        DecodeResult r = codec.decode(ByteBuffer.wrap(pdu.toByteArray()));
        assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(((DecodeResult.Rejected) r).response().getLdapResult().getResultCode())
                .isEqualTo(ResultCodeEnum.INVALID_DN_SYNTAX);
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
