package dev.herald.ldap.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.filter.PresenceNode;
import org.apache.directory.api.ldap.model.ldif.LdifUtils;
import org.apache.directory.api.ldap.model.message.SearchScope;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.ReadTxn;

/**
 * Writes every entry of a backend as LDIF (the Directory API's {@link LdifUtils}), from one read
 * transaction, so the file is a consistent snapshot even while writers run (or, for a read-only
 * LMDB open, while a server process writes). Parents come before their children, so the output
 * imports again as it is. Operational attributes are included, like slapcat.
 */
public final class LdifExporter {
    private LdifExporter() {}

    /** Exports everything below the backend's suffix; returns the number of entries written. */
    public static long export(Backend backend, Writer out) throws LdapException, IOException {
        long[] n = {0};
        out.write("version: 1\n\n");
        try (ReadTxn r = backend.openRead()) {
            r.search(backend.suffix(), SearchScope.SUBTREE, new PresenceNode("objectClass"), Long.MAX_VALUE, e -> {
                try {
                    out.write(LdifUtils.convertToLdif(e));
                    out.write('\n');
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
                n[0]++;
                return true;
            });
        } catch (LdapNoSuchObjectException empty) {
            // no suffix entry yet: nothing to export
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return n[0];
    }
}
