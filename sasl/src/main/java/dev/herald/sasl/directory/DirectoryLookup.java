package dev.herald.sasl.directory;

import java.util.List;
import java.util.Optional;

/**
 * The only view of the directory the sasl module has; ldap-server implements it over its
 * backend. All three calls run as the server itself (no access control, no size limit other
 * than {@code limit}), never as the client that is binding.
 *
 * <p>Strings passed in are produced by this module: DNs are RFC 4514 strings whose values were
 * escaped here, filters are RFC 4515 strings whose assertion values were escaped here. An
 * implementation must parse them with its normal DN / filter parser and must not apply any
 * further unescaping or template processing.
 */
public interface DirectoryLookup {

    /**
     * The entry named {@code dn}, if it exists.
     *
     * @return the entry's DN as the server normalises it (the form used as the bound identity);
     *         empty when there is no such entry or {@code dn} is not a valid DN
     */
    Optional<String> exists(String dn) throws DirectoryException;

    /**
     * DNs of entries under {@code baseDn} within {@code scope} that match {@code filter}.
     *
     * @param limit the most DNs to return; when more entries match, an implementation returns
     *              exactly {@code limit} of them (in any order) and does not fail. Callers ask
     *              for one more than they can accept to detect ambiguity.
     * @return at most {@code limit} normalised DNs; empty when the base does not exist
     */
    List<String> search(String baseDn, Scope scope, String filter, int limit) throws DirectoryException;

    /**
     * The values of one attribute of one entry, as stored (for {@code userCertificate;binary}
     * the DER encoding of each certificate, for string attributes their UTF-8 encoding).
     *
     * @param attribute an attribute description, possibly with options such as {@code ;binary}
     * @return the values; empty when the entry or the attribute does not exist
     */
    List<byte[]> values(String dn, String attribute) throws DirectoryException;
}
