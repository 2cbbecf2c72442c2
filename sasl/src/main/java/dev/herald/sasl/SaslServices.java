package dev.herald.sasl;

import dev.herald.sasl.authz.AuthorizationPolicy;
import dev.herald.sasl.authz.UsernameMapping;
import dev.herald.sasl.directory.DirectoryLookup;
import dev.herald.sasl.mapping.CertificateMapper;
import dev.herald.sasl.mapping.MapperSpec;

import java.util.List;
import java.util.Optional;

/**
 * The server-wide parts mechanisms need, built once from the configuration and shared by all
 * connections: the directory, the certificate mapper chain, the authorization policy and the
 * rule that turns {@code u:} user ids into entries (none: {@code u:} authzIds are refused).
 */
public record SaslServices(DirectoryLookup directory, CertificateMapper certificateMapper,
                           AuthorizationPolicy authorization, Optional<UsernameMapping> usernameMapping) {
    public SaslServices {
        if (directory == null || certificateMapper == null || authorization == null || usernameMapping == null) {
            throw new IllegalArgumentException("SASL services must not be null");
        }
    }

    /** Builds the mapper chain from its specs over {@code directory}. */
    public static SaslServices create(DirectoryLookup directory, List<MapperSpec> mappers,
                                      AuthorizationPolicy authorization, Optional<UsernameMapping> usernameMapping) {
        return new SaslServices(directory, new CertificateMapper(mappers, directory), authorization, usernameMapping);
    }
}
