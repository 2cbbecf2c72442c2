package dev.herald.sasl.mapping;

import dev.herald.sasl.cert.ClientCertificate;
import dev.herald.sasl.directory.DirectoryException;
import dev.herald.sasl.directory.DirectoryLookup;

import java.security.cert.CertificateParsingException;

/** The part of a mapper that differs by type: from a leaf certificate to an {@link Attempt}. */
interface Strategy {
    Attempt attempt(ClientCertificate leaf, DirectoryLookup dir) throws DirectoryException, CertificateParsingException;
}
