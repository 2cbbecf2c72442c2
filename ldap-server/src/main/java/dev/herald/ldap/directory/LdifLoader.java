package dev.herald.ldap.directory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;

/**
 * Reads LDIF content records (RFC 2849) into a directory at start-up, with the Directory
 * API's schema-aware LDIF reader: unknown attribute types and invalid values are reported with
 * the entry they belong to. Change records are refused.
 */
public final class LdifLoader {

    private LdifLoader() {}

    /** Loads every entry of {@code file}; returns how many. */
    public static int load(DirectoryService directory, Path file) throws IOException, LdapException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(directory, in, file.toString());
        }
    }

    /** Loads every entry read from {@code in}; {@code source} names it in errors. */
    public static int load(DirectoryService directory, Reader in, String source) throws IOException, LdapException {
        List<Entry> entries = new ArrayList<>();
        try (LdifReader reader = new LdifReader(directory.schema())) {
            List<LdifEntry> parsed = reader.parseLdif(new java.io.BufferedReader(in));
            for (LdifEntry le : parsed) {
                if (!le.isEntry()) {
                    throw new LdapException(source + ": " + le.getDn() + ": only content records can be loaded");
                }
                entries.add(le.getEntry());
            }
        } catch (LdapException e) {
            throw new LdapException(source + ": " + e.getMessage(), e);
        }
        return directory.importEntries(entries);
    }
}
