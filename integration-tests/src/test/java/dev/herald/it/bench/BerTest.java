package dev.herald.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.BindResponseProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchResultDoneProtocolOp;
import com.unboundid.ldap.protocol.SearchResultEntryProtocolOp;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.SearchScope;

/**
 * The load generator's hand-made BER against an independent codec (the UnboundID LDAP SDK): what
 * it sends decodes to the intended requests, and its reader picks the right message ID, type and
 * result code out of what a server sends, long forms included.
 */
class BerTest {

    private static LDAPMessage decode(byte[] bytes) throws Exception {
        return LDAPMessage.readFrom(new ASN1StreamReader(new ByteArrayInputStream(bytes)), true);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 127, 128, 255, 0x7FFF, 0x8000, 0x7FFFFF, 0x800000, Integer.MAX_VALUE})
    void requestsDecodeAsIntended(int id) throws Exception {
        LDAPMessage m = decode(Ber.startTls(id));
        assertThat(m.getMessageID()).isEqualTo(id);
        assertThat(m.getExtendedRequestProtocolOp().getOID()).isEqualTo("1.3.6.1.4.1.1466.20037");
        assertThat(m.getExtendedRequestProtocolOp().getValue()).isNull();

        m = decode(Ber.externalBind(id));
        assertThat(m.getMessageID()).isEqualTo(id);
        BindRequestProtocolOp bind = m.getBindRequestProtocolOp();
        assertThat(bind.getVersion()).isEqualTo(3);
        assertThat(bind.getBindDN()).isEmpty();
        assertThat(bind.getCredentialsType()).isEqualTo(BindRequestProtocolOp.CRED_TYPE_SASL);
        assertThat(bind.getSASLMechanism()).isEqualTo("EXTERNAL");
        assertThat(bind.getSASLCredentials().getValue()).isEmpty(); // empty, not absent: one round trip

        m = decode(Ber.search(id, "dc=example,dc=com", "uid", "user42", "cn", "mail"));
        assertThat(m.getMessageID()).isEqualTo(id);
        SearchRequestProtocolOp search = m.getSearchRequestProtocolOp();
        assertThat(search.getBaseDN()).isEqualTo("dc=example,dc=com");
        assertThat(search.getScope()).isEqualTo(SearchScope.SUB);
        assertThat(search.getFilter().toString()).isEqualTo("(uid=user42)");
        assertThat(search.getAttributes()).containsExactly("cn", "mail");
        assertThat(search.getSizeLimit()).isZero();
        assertThat(search.getTimeLimit()).isZero();
        assertThat(search.typesOnly()).isFalse();

        m = decode(Ber.unbind(id));
        assertThat(m.getMessageID()).isEqualTo(id);
        assertThat(m.getProtocolOpType()).isEqualTo(LDAPMessage.PROTOCOL_OP_TYPE_UNBIND_REQUEST);
    }

    @Test
    void longValuesUseLongFormLengths() throws Exception {
        String base = "ou=" + "x".repeat(70_000) + ",dc=example,dc=com";
        SearchRequestProtocolOp search = decode(Ber.search(7, base, "uid", "é" + "y".repeat(200))).getSearchRequestProtocolOp();
        assertThat(search.getBaseDN()).isEqualTo(base);
        assertThat(search.getFilter().getAssertionValue()).isEqualTo("é" + "y".repeat(200));
        assertThat(search.getAttributes()).isEmpty();
    }

    @Test
    void readerFramesResponses() throws Exception {
        String longDn = "uid=" + "z".repeat(5000) + ",ou=people,dc=example,dc=com";
        byte[] stream = Ber.concat(
                bytes(new LDAPMessage(1, new ExtendedResponseProtocolOp(0, null, null, null, null, null))),
                bytes(new LDAPMessage(300_000, new BindResponseProtocolOp(49, "", "no such user", null, null))),
                bytes(new LDAPMessage(Integer.MAX_VALUE, new SearchResultEntryProtocolOp(longDn,
                        List.of(new Attribute("cn", "z".repeat(10_000)))))),
                bytes(new LDAPMessage(Integer.MAX_VALUE, new SearchResultDoneProtocolOp(0, null, null, null))),
                bytes(new LDAPMessage(5, new SearchResultDoneProtocolOp(50, null, "x".repeat(300), null))));
        Ber.Reader in = new Ber.Reader(new ByteArrayInputStream(stream));
        assertThat(in.next()).isEqualTo(new Ber.Response(1, Ber.EXTENDED_RESPONSE, 0));
        assertThat(in.next()).isEqualTo(new Ber.Response(300_000, Ber.BIND_RESPONSE, 49));
        assertThat(in.next()).isEqualTo(new Ber.Response(Integer.MAX_VALUE, Ber.SEARCH_ENTRY, -1));
        assertThat(in.next()).isEqualTo(new Ber.Response(Integer.MAX_VALUE, Ber.SEARCH_DONE, 0));
        assertThat(in.next()).isEqualTo(new Ber.Response(5, Ber.SEARCH_DONE, 50));
        assertThatThrownBy(in::next).isInstanceOf(EOFException.class);
    }

    @Test
    void readerRejectsWhatIsNotAnLdapMessage() {
        assertThatThrownBy(() -> new Ber.Reader(new ByteArrayInputStream(new byte[] {0x04, 0x00})).next())
                .isInstanceOf(IOException.class).hasMessageContaining("not an LDAPMessage");
        byte[] cut = bytes(new LDAPMessage(2, new BindResponseProtocolOp(0, null, null, null, null)));
        byte[] truncated = java.util.Arrays.copyOf(cut, cut.length - 1);
        assertThatThrownBy(() -> new Ber.Reader(new ByteArrayInputStream(truncated)).next())
                .isInstanceOf(EOFException.class);
    }

    private static byte[] bytes(LDAPMessage m) {
        return m.encode().encode();
    }
}
