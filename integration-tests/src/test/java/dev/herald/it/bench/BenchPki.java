package dev.herald.it.bench;

import java.nio.file.Path;

import dev.herald.config.demo.DemoPki;

/**
 * Writes the demo PKI (the one {@code herald demo} makes: CA, server certificate for 127.0.0.1
 * and localhost, alice and bob) into {@code DIR/pki} for the end-to-end benchmark, so that Herald
 * and slapd serve the same certificate and trust the same CA. Argument: DIR.
 */
public final class BenchPki {
    private BenchPki() {}

    public static void main(String[] args) throws Exception {
        DemoPki pki = DemoPki.generate(Path.of(args[0]));
        System.out.println(pki.caCertificate().getParent());
    }
}
