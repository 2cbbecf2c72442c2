package dev.herald.ldap.ops;

import dev.herald.ldap.codec.LdapCodec;
import dev.herald.ldap.directory.DirectoryService;
import dev.herald.ldap.log.AccessLog;
import dev.herald.ldap.ops.extended.ExtendedOperationRegistry;
import dev.herald.ldap.ops.sasl.SaslMechanismRegistry;
import dev.herald.ldap.settings.ServerSettings;

/** What every connection of one server shares. */
public record ServerContext(
        ServerSettings settings,
        DirectoryService directory,
        LdapCodec codec,
        ExtendedOperationRegistry extendedOperations,
        SaslMechanismRegistry saslMechanisms,
        RootDse rootDse,
        AccessLog accessLog) {}
