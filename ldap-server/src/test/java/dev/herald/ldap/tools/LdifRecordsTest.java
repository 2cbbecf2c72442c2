package dev.herald.ldap.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.junit.jupiter.api.Test;

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
        RecordParser p = new RecordParser();
        LdifEntry first = p.parse(raws.get(0).lines());
        assertThat(first.getDn().getName()).isEqualTo("dc=example,dc=com");
        assertThat(first.getEntry().get("dc").getString()).isEqualTo("example");
        LdifEntry second = p.parse(raws.get(1).lines());
        assertThat(second.getEntry().get("ou").getString()).isEqualTo("people");
        assertThat(second.isLdifContent()).isTrue();
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
        RecordParser p = new RecordParser();
        assertThatThrownBy(() -> p.parse(List.of("objectClass: top"))).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> p.parse(List.of("dn: dc=a", "no colon here"))).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> p.parse(List.of("dn: not a dn", "dc: a"))).isInstanceOf(Exception.class);
        // the parser keeps no state between records: a change record after a content record parses
        assertThat(p.parse(List.of("dn: dc=a", "dc: a")).isLdifContent()).isTrue();
        assertThat(p.parse(List.of("dn: dc=a", "changetype: delete")).isChangeDelete()).isTrue();
    }
}
