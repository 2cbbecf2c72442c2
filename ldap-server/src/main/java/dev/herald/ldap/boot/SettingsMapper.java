package dev.herald.ldap.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.herald.config.model.HeraldConfig;
import dev.herald.config.model.ListenerProtocol;
import dev.herald.config.model.Secret;
import dev.herald.ldap.settings.Limits;
import dev.herald.ldap.settings.Listener;
import dev.herald.ldap.settings.SecurityPolicy;
import dev.herald.ldap.settings.ServerSettings;

/**
 * Maps a loaded {@link HeraldConfig} onto the server's {@link ServerSettings}: listeners in the
 * order LDAP, LDAPS (the order of {@code config.listeners().all()}, so a listener that fails to
 * open can be traced back to its key), suffix, administrator, anonymous read, limits and the
 * security policy.
 */
public final class SettingsMapper {

    private SettingsMapper() {}

    public static ServerSettings settings(HeraldConfig config) {
        List<Listener> listeners = new ArrayList<>();
        for (dev.herald.config.model.Listener l : config.listeners().all()) {
            listeners.add(new Listener(l.address().getHostAddress(), l.port(),
                    l.protocol() == ListenerProtocol.LDAPS ? Listener.Protocol.LDAPS : Listener.Protocol.LDAP));
        }
        var directory = config.directory();
        Optional<String> adminPassword = directory.adminPassword().map(SettingsMapper::reveal);
        var security = config.security();
        return new ServerSettings(listeners, directory.suffix(), directory.adminDn().orElse(""), adminPassword,
                security.anonymousRead(), limits(config),
                new SecurityPolicy(true, security.requireTlsForSimpleBind(), security.requireTlsForAllOperations()));
    }

    static Limits limits(HeraldConfig config) {
        var l = config.limits();
        long unindexed = config.directory().unindexedSearchLimit() == 0 ? Long.MAX_VALUE
                : config.directory().unindexedSearchLimit();
        Duration time = l.timeLimit();
        return Limits.defaults()
                .withMaxPdu(l.maxPduBytesAnonymous(), l.maxPduBytes())
                .withMaxOutstandingPerConnection(l.maxOutstandingPerConnection())
                .withMaxConnections(l.maxConnections())
                .withIdleTimeout(l.idleTimeout())
                .withSearchLimits(l.sizeLimit(), time, unindexed);
    }

    private static String reveal(Secret s) {
        char[] v = s.reveal();
        try {
            return new String(v);
        } finally {
            java.util.Arrays.fill(v, '\0');
        }
    }
}
