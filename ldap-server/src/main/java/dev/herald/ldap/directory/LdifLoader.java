package dev.herald.ldap.directory;

import java.io.BufferedReader;
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
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * Reads LDIF content records (RFC 2849) into a directory at start-up. The file is parsed with
 * the Directory API's LDIF reader in its schema-less mode and every entry is then made
 * schema-aware by {@link SchemaValues}, because the reader's schema-aware mode silently drops
 * attributes of unknown types and values its syntax rejects (it only logs them). Here any such
 * problem fails the load with the entry's DN and the reason. Change records are refused.
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
        SchemaValues values = new SchemaValues(directory.schema());
        List<Entry> entries = new ArrayList<>();
        try (LdifReader reader = new LdifReader()) {
            for (LdifEntry le : reader.parseLdif(new BufferedReader(in))) {
                if (!le.isEntry()) {
                    throw new LdapException("entry " + le.getDn() + ": only content records can be loaded");
                }
                try {
                    Dn dn = values.dn(le.getDn().getName());
                    entries.add(values.entry(dn, le.getEntry()));
                } catch (LdapException e) {
                    throw new LdapException("entry " + le.getDn() + ": " + e.getMessage(), e);
                }
            }
        } catch (LdapException e) {
            throw new LdapException(source + ": " + e.getMessage(), e);
        }
        try {
            return directory.importEntries(entries);
        } catch (LdapException e) {
            throw new LdapException(source + ": " + e.getMessage(), e);
        }
    }
}
