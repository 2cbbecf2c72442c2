package dev.herald.ldap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.herald.config.model.HeraldConfig;
import dev.herald.ldap.HeraldVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code herald serve --config FILE}: runs the server a configuration file describes (see
 * docs/configuration.md). Every mistake in the file, and every problem found while starting
 * (a key that does not match its certificate, a port in use), stops it with a message naming the
 * file, the key and the fix, and exit code 2.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server described by a configuration file (docs/configuration.md).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The YAML configuration file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        HeraldConfig loaded = ServerRunner.load(config, System.err);
        if (loaded == null) {
            return ServerRunner.CONFIG_ERROR;
        }
        return ServerRunner.run(loaded, instance -> HeraldVersion.VENDOR + " " + HeraldVersion.VERSION + " serving "
                + instance.config().directory().suffix() + " on " + String.join(", ", instance.urls()),
                System.out, System.err);
    }
}
