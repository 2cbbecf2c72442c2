package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.model.BackendType;
import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.IndexType;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DirectoryValidationTest {

    static ConfigFixtures fx;

    private static final String LISTENERS = "listeners:\n  ldap: { address: 127.0.0.1, port: 1389 }\n";

    @BeforeAll
    static void fixtures() throws Exception {
        fx = ConfigFixtures.shared();
    }

    private static String directory(String lines) {
        return LISTENERS + "directory:\n  " + lines.strip().replace("\n", "\n  ") + "\n";
    }

    @Test
    void aMissingDirectorySectionIsAnError() throws Exception {
        fx.fails(LISTENERS).only().has("directory", "the directory section is missing", "suffix: dc=example,dc=com");
    }

    @Test
    void aMissingSuffixIsAnError() throws Exception {
        fx.fails(directory("backend: memory")).only().has("directory.suffix", "the required key 'suffix' is missing", "naming context");
    }

    @Test
    void anEmptySuffixIsAnError() throws Exception {
        fx.fails(directory("suffix:\nbackend: memory")).only().has("directory.suffix", "missing (its value is empty)", "naming context");
    }

    @Test
    void aSemicolonSeparatedSuffixIsExplained() throws Exception {
        fx.fails(directory("suffix: dc=example;dc=com")).only()
                .has("directory.suffix", "invalid DN 'dc=example;dc=com': ';' does not separate RDNs", "separate RDNs with commas");
    }

    @Test
    void aDomainNameIsNotADn() throws Exception {
        fx.fails(directory("suffix: example.com")).only().has("directory.suffix", "expected '=' after the attribute type", "RFC 4514");
    }

    @Test
    void aDoubleCommaIsAnError() throws Exception {
        fx.fails(directory("suffix: dc=example,,dc=com")).only().has("directory.suffix", "expected an attribute type, found ','", "RFC 4514");
    }

    @Test
    void anUnknownBackendGetsADidYouMean() throws Exception {
        fx.fails(directory("suffix: dc=example,dc=com\nbackend: lmbd")).only()
                .has("directory.backend", "'lmbd' is not a known backend", "did you mean 'lmdb'?");
    }

    @Test
    void aMissingInitialLdifIsAnError() throws Exception {
        fx.fails(directory("suffix: dc=example,dc=com\ninitial-ldif: nope.ldif")).only()
                .has("directory.initial-ldif", "the LDIF file " + fx.dir.resolve("nope.ldif") + " does not exist", "remove initial-ldif");
    }

    @Test
    void aDataDirThatIsAFileIsAnError() throws Exception {
        fx.fails(directory("suffix: dc=example,dc=com\ndata-dir: demo.ldif")).only()
                .has("directory.data-dir", "exists and is not a folder", "created when missing");
    }

    @Test
    void anInvalidAdminDnIsAnError() throws Exception {
        fx.fails(directory("suffix: dc=example,dc=com\nadmin-dn: admin")).only().has("directory.admin-dn", "invalid DN 'admin'", "RFC 4514");
    }

    @Test
    void anAdminPasswordWithoutAdminDnIsAnError() throws Exception {
        fx.fails(directory("suffix: dc=example,dc=com\nadmin-password: { value: x }")).only()
                .has("directory.admin-password", "without admin-dn", "add admin-dn");
    }

    @Test
    void anAdminOutsideTheSuffixIsAWarning() throws Exception {
        HeraldConfig config = fx.load(directory("suffix: dc=example,dc=com\nadmin-dn: cn=admin,dc=other,dc=com\nbackend: memory"));
        ConfigFixtures.warning(config, "directory.admin-dn", "outside the suffix");
    }

    @Test
    void anUnknownIndexKindGetsADidYouMean() throws Exception {
        fx.fails(directory("suffix: dc=example,dc=com\nindexes: { uid: [equality, presense] }")).only()
                .has("directory.indexes.uid[1]", "'presense' is not a known index kind", "did you mean 'presence'?");
    }

    @Test
    void anIndexOnANonAttributeIsAnError() throws Exception {
        fx.fails(directory("suffix: dc=example,dc=com\nindexes: { 'u id': [equality] }")).only()
                .has("directory.indexes.u id", "not an attribute name", "uid or mail");
    }

    @Test
    void aNegativeUnindexedLimitIsAnError() throws Exception {
        fx.fails(directory("suffix: dc=example,dc=com\nunindexed-search-limit: -1")).only()
                .has("directory.unindexed-search-limit", "out of range", "or unlimited");
    }

    @Test
    void aMaxSizeTooSmallIsAnError() throws Exception {
        fx.fails(directory("suffix: dc=example,dc=com\nmax-size: 10KiB")).only()
                .has("directory.max-size", "out of range (1MiB to 1TiB)", "between 1MiB and 1TiB");
    }

    @Test
    void storageKeysWithTheMemoryBackendAreWarnings() throws Exception {
        HeraldConfig config = fx.load(directory("suffix: dc=example,dc=com\nbackend: memory\ndata-dir: data\nmax-size: 2GiB"));
        ConfigFixtures.warning(config, "directory.data-dir", "not used by the memory backend");
        ConfigFixtures.warning(config, "directory.max-size", "not used by the memory backend");
    }

    @Test
    void everyDirectoryKeyIsRead() throws Exception {
        Files.createDirectories(fx.dir.resolve("dirtest-data"));
        HeraldConfig config = fx.load(directory("""
                suffix: "dc=example, dc=com"
                backend: lmdb
                data-dir: dirtest-data
                max-size: 4GiB
                initial-ldif: demo.ldif
                admin-dn: cn=admin,dc=example,dc=com
                admin-password: { file: key-password.txt }
                indexes: { uid: [equality, presence], mail: [equality, substring] }
                unindexed-search-limit: unlimited
                """));
        var d = config.directory();
        assertThat(d.suffix()).isEqualTo("dc=example, dc=com");
        assertThat(d.backend()).isEqualTo(BackendType.LMDB);
        assertThat(d.dataDir()).isEqualTo(fx.dir.resolve("dirtest-data"));
        assertThat(d.maxSize()).isEqualTo(4L << 30);
        assertThat(d.initialLdif()).contains(fx.dir.resolve("demo.ldif"));
        assertThat(d.adminDn()).contains("cn=admin,dc=example,dc=com");
        assertThat(new String(d.adminPassword().orElseThrow().reveal())).isEqualTo(ConfigFixtures.KEY_PASSWORD);
        assertThat(d.adminPassword().orElseThrow().toString()).doesNotContain(ConfigFixtures.KEY_PASSWORD)
                .contains("key-password.txt");
        assertThat(config.toString()).doesNotContain(ConfigFixtures.KEY_PASSWORD);
        assertThat(d.indexes()).containsEntry("uid", Set.of(IndexType.EQUALITY, IndexType.PRESENCE))
                .containsEntry("mail", Set.of(IndexType.EQUALITY, IndexType.SUBSTRING));
        assertThat(d.unindexedSearchLimit()).isZero();
    }
}
