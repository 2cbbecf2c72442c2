package dev.herald.config.model;

/**
 * Connection security policy. {@code requireTlsForSimpleBind}: a simple bind with a password
 * over a connection without TLS fails with confidentialityRequired (13). {@code
 * requireTlsForAllOperations}: every operation except StartTLS and reading the root DSE needs
 * TLS. {@code anonymousRead}: anonymous sessions may search and compare entries (the root DSE
 * is always readable).
 */
public record SecuritySettings(boolean requireTlsForSimpleBind, boolean requireTlsForAllOperations, boolean anonymousRead) {

    public static final SecuritySettings DEFAULTS = new SecuritySettings(true, false, false);
}
