package dev.herald.ldap.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import dev.herald.config.ConfigException;
import dev.herald.config.ConfigLoader;
import dev.herald.config.model.AccessLog;
import dev.herald.config.model.HeraldConfig;
import dev.herald.ldap.boot.HeraldInstance;
import dev.herald.ldap.log.AccessLogRouting;

/**
 * What {@code serve} and {@code demo} share: load the configuration, route the access log,
 * start the server, print a banner, run until the process is stopped. A configuration mistake
 * (found by the loader or while starting, such as a port in use) is printed as the file, key,
 * problem and fix, without a stack trace, and the exit code is 2.
 */
final class ServerRunner {

    /** Exit code for a configuration that cannot be used. */
    static final int CONFIG_ERROR = 2;

    private ServerRunner() {}

    /** Loads {@code file}; null after printing the problems to {@code err}. */
    static HeraldConfig load(Path file, PrintStream err) {
        try {
            return new ConfigLoader().load(file);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return null;
        }
    }

    /** Starts {@code config}, prints {@code banner}, and blocks until the JVM shuts down. */
    static int run(HeraldConfig config, Function<HeraldInstance, String> banner, PrintStream out, PrintStream err)
            throws InterruptedException {
        route(config.logging().accessLog());
        HeraldInstance instance;
        try {
            instance = HeraldInstance.start(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return CONFIG_ERROR;
        } catch (RuntimeException e) {
            // Not a configuration mistake the loader could name: say what failed, still without a trace.
            err.println("herald: cannot start: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            instance.close();
            stopped.countDown();
        }, "herald-shutdown"));
        out.println(banner.apply(instance));
        out.flush();
        stopped.await();
        return 0;
    }

    private static void route(AccessLog log) {
        if (log instanceof AccessLog.Off) {
            AccessLogRouting.off();
        } else if (log instanceof AccessLog.ToFile f) {
            AccessLogRouting.toFile(f.path());
        } else {
            AccessLogRouting.toStdout();
        }
    }
}
