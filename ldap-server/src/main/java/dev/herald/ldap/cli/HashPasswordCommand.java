package dev.herald.ldap.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import dev.herald.ldap.password.OpenLdapPbkdf2Scheme;
import dev.herald.ldap.password.PasswordSchemes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code herald hash-password}: prints a userPassword value for a password, like slappasswd.
 * The password comes from the argument, or else is read from the terminal without echo, or
 * from the first line of standard input.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Print a hashed userPassword value (default {PBKDF2-SHA256}, as OpenLDAP's pw-pbkdf2 writes it).")
final class HashPasswordCommand implements Callable<Integer> {

    @Option(names = {"-s", "--scheme"}, paramLabel = "SCHEME",
            description = "Scheme: PBKDF2-SHA256 (default), PBKDF2-SHA512, PBKDF2-SHA1, PBKDF2_SHA256 (389 DS), "
                    + "SSHA, SSHA256, SSHA384, SSHA512.")
    String scheme = PasswordSchemes.DEFAULT_SCHEME;

    @Option(names = {"-i", "--iterations"}, paramLabel = "N", description = "PBKDF2 iterations (default ${DEFAULT-VALUE}).")
    int iterations = OpenLdapPbkdf2Scheme.DEFAULT_ITERATIONS;

    @Parameters(arity = "0..1", paramLabel = "PASSWORD", description = "The password; prompted for when absent.")
    String password;

    @Override
    public Integer call() throws Exception {
        String secret = password;
        if (secret == null) {
            Console console = System.console();
            if (console != null) {
                char[] typed = console.readPassword("Password: ");
                secret = typed == null ? "" : new String(typed);
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                secret = line == null ? "" : line;
            }
        }
        if (secret.isEmpty()) {
            System.err.println("hash-password: empty password");
            return 2;
        }
        try {
            System.out.println(PasswordSchemes.hash(scheme, secret.getBytes(StandardCharsets.UTF_8), iterations));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("hash-password: " + e.getMessage());
            return 2;
        }
    }
}
