package dev.herald.ldap.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.herald.ldap.backend.lmdb.TestSchema;

/** Record framing (RFC 2849 lines, folding, comments, version) and per-record parsing by the API. */
class LdifRecordsTest {

    private static List<LdifRecords.Raw> frame(String text) throws Exception {
        LdifRecords r = new LdifRecords(new BufferedReader(new StringReader(text)));
        List<LdifRecords.Raw> out = new ArrayList<>();
        for (LdifRecords.Raw raw = r.next(); raw != null; raw = r.next()) {
            out.add(raw);
        }
        return out;
    }

    @Test
    void framesRecordsWithTheLineOfTheirFirstLine() throws Exception {
        String text = String.join("\r\n",
                "",                                   // 1
                "version: 1",                         // 2
                "# about the first record",           // 3
                "dn: dc=example,dc=com",              // 4
                "objectClass: domain",
                "dc: exam",                           // 6
                " ple",                               // 7 folded
                "",
                "# a comment block on its own",       // 9
                "#  that goes on",
                " and is folded",
                "",
                "",
                "# comment before the record",        // 14
                "dn: ou=people,dc=example,dc=com",    // 15
                "# comment inside the record",
                "objectClass: organizationalUnit",
                "ou:: cGVvcGxl",                      // base64 "people"
                "");
        List<LdifRecords.Raw> raws = frame(text);
        assertThat(raws).extracting(LdifRecords.Raw::line).containsExactly(4L, 15L);
        assertThat(raws.get(0).lines()).containsExactly("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
        RecordParser p = new RecordParser(TestSchema.get());
        RecordParser.Parsed first = p.parse(raws.get(0).lines());
        assertThat(first.header().getDn().getName()).isEqualTo("dc=example,dc=com");
        assertThat(first.header().getDn().isSchemaAware()).isTrue();
        assertThat(first.descriptions()).containsExactly("objectClass", "dc");
        assertThat(first.values()).containsExactly("domain", "example");
        RecordParser.Parsed second = p.parse(raws.get(1).lines());
        assertThat(second.descriptions()).containsExactly("objectClass", "ou");
        assertThat(second.values().get(1)).isEqualTo("people"); // base64, decoded as text for a text type
        assertThat(second.header().isLdifContent()).isTrue();
    }

    @Test
    void aVersionLineMayStandAloneOrHeadTheFirstRecord() throws Exception {
        assertThat(frame("version: 1\n\ndn: dc=a\ndc: a\n")).extracting(LdifRecords.Raw::line).containsExactly(3L);
        assertThat(frame("version: 1\ndn: dc=a\ndc: a\n")).extracting(LdifRecords.Raw::line).containsExactly(2L);
        assertThat(frame("dn: dc=a\ndc: a\n\n\n\n")).extracting(LdifRecords.Raw::line).containsExactly(1L);
        assertThat(frame("# nothing but comments\n\n")).isEmpty();
        assertThatThrownBy(() -> frame("version: one\ndn: dc=a\n")).isInstanceOf(LdifRecords.FramingException.class);
    }

    @Test
    void strayContinuationLinesBeforeARecordAreSkippedAsTheApisReaderSkipsThem() throws Exception {
        LdifRecords r = new LdifRecords(new BufferedReader(new StringReader("dn: dc=a\ndc: a\n\n continued\ndn: dc=b\ndc: b\n")));
        assertThat(r.next().line()).isEqualTo(1);
        LdifRecords.Raw second = r.next();
        assertThat(second.line()).isEqualTo(5);
        assertThat(second.lines()).containsExactly("dn: dc=b", "dc: b");
        assertThat(r.next()).isNull();
    }

    @Test
    void malformedRecordsFailInTheParser() throws Exception {
        RecordParser p = new RecordParser(TestSchema.get());
        assertThatThrownBy(() -> p.parse(List.of("objectClass: top"))).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> p.parse(List.of("dn: dc=a", "no colon here"))).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> p.parse(List.of("dn: not a dn", "dc: a")))
                .isInstanceOf(org.apache.directory.api.ldap.model.ldif.LdapLdifException.class);
        assertThatThrownBy(() -> p.parse(List.of("dn: shoeSize=42,dc=a", "dc: a")))
                .isInstanceOf(RecordParser.UnknownDnTypeException.class);
        assertThatThrownBy(() -> p.parse(List.of("dn: dc=a", "dc: a", "dn: dc=b")))
                .isInstanceOf(org.apache.directory.api.ldap.model.ldif.LdapLdifException.class);
        // the parser keeps no state between records: a change record after a content record parses
        assertThat(p.parse(List.of("dn: dc=a", "dc: a")).header().isLdifContent()).isTrue();
        assertThat(p.parse(List.of("dn: dc=a", "changetype: delete")).header().isChangeDelete()).isTrue();
        RecordParser.Parsed add = p.parse(List.of("dn: dc=a", "changetype: add", "objectClass: domain", "dc: a"));
        assertThat(add.header().isChangeAdd()).isTrue();
        assertThat(add.descriptions()).containsExactly("objectClass", "dc");
    }
}
