package dev.herald.config;

import dev.herald.config.model.AccessLog;
import dev.herald.config.model.Limits;
import dev.herald.config.model.LoggingSettings;
import dev.herald.config.model.SecuritySettings;
import dev.herald.config.syntax.ByteSizes;
import dev.herald.config.yaml.ConfigMapping;
import dev.herald.config.yaml.ConfigNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Binds the flat sections: {@code security}, {@code limits} and {@code logging}. */
final class SmallSections {

    private SmallSections() {}

    static SecuritySettings security(ConfigNode node) {
        if (!node.present()) {
            return SecuritySettings.DEFAULTS;
        }
        Optional<ConfigMapping> mo = node.mapping("write security: { require-tls-for-simple-bind: true, ... }");
        if (mo.isEmpty()) {
            return null;
        }
        ConfigMapping m = mo.get();
        SecuritySettings d = SecuritySettings.DEFAULTS;
        int before = node.problems().errorCount();
        boolean simple = m.get("require-tls-for-simple-bind").bool().orElse(d.requireTlsForSimpleBind());
        boolean all = m.get("require-tls-for-all-operations").bool().orElse(d.requireTlsForAllOperations());
        boolean anonymous = m.get("anonymous-read").bool().orElse(d.anonymousRead());
        m.finish();
        return node.problems().errorCount() > before ? null : new SecuritySettings(simple, all, anonymous);
    }

    static Limits limits(ConfigNode node) {
        if (!node.present()) {
            return Limits.DEFAULTS;
        }
        Optional<ConfigMapping> mo = node.mapping("write limits: { max-pdu-bytes: 2MiB, size-limit: 1000, ... }");
        if (mo.isEmpty()) {
            return null;
        }
        ConfigMapping m = mo.get();
        Limits d = Limits.DEFAULTS;
        int before = node.problems().errorCount();
        ConfigNode pduNode = m.get("max-pdu-bytes");
        long pdu = pduNode.byteSize(1024, Integer.MAX_VALUE).orElse((long) d.maxPduBytes());
        ConfigNode anonNode = m.get("max-pdu-bytes-anonymous");
        long anon = anonNode.byteSize(512, Integer.MAX_VALUE).orElse((long) d.maxPduBytesAnonymous());
        Integer sizeLimit = Counts.read(m.get("size-limit"), 0, Integer.MAX_VALUE, d.sizeLimit(),
                "write the most entries a search may return, or unlimited");
        Duration timeLimit = Counts.readDuration(m.get("time-limit"), Duration.ofSeconds(1), d.timeLimit());
        Integer maxConnections = Counts.read(m.get("max-connections"), 1, Integer.MAX_VALUE, d.maxConnections(),
                "write the most simultaneous connections, e.g. 10000");
        if (maxConnections != null && maxConnections == 0) {
            m.get("max-connections").error("max-connections cannot be unlimited", "write a number, e.g. 10000");
            maxConnections = null;
        }
        Duration idle = Counts.readDuration(m.get("idle-timeout"), Duration.ofSeconds(1), d.idleTimeout());
        Integer outstanding = Counts.read(m.get("max-outstanding-per-connection"), 1, Integer.MAX_VALUE,
                d.maxOutstandingPerConnection(), "write the most operations one connection may have in progress, e.g. 1000");
        if (outstanding != null && outstanding == 0) {
            m.get("max-outstanding-per-connection").error("max-outstanding-per-connection cannot be unlimited", "write a number, e.g. 1000");
            outstanding = null;
        }
        m.finish();
        if (anon > pdu && pduNode.problems().errorCount() == before) {
            (anonNode.present() ? anonNode : pduNode).error("the anonymous PDU limit (" + ByteSizes.format(anon)
                    + ") is larger than the limit for bound sessions (" + ByteSizes.format(pdu) + ")",
                    "make max-pdu-bytes-anonymous at most max-pdu-bytes");
        }
        if (node.problems().errorCount() > before || sizeLimit == null || timeLimit == null || maxConnections == null
                || idle == null || outstanding == null) {
            return null;
        }
        return new Limits((int) pdu, (int) anon, sizeLimit, timeLimit, maxConnections, idle, outstanding);
    }

    static LoggingSettings logging(ConfigNode node) {
        if (!node.present()) {
            return LoggingSettings.DEFAULTS;
        }
        Optional<ConfigMapping> mo = node.mapping("write logging: { access-log: access.log }");
        if (mo.isEmpty()) {
            return null;
        }
        ConfigNode accessNode = mo.get().get("access-log");
        mo.get().finish();
        if (!accessNode.present()) {
            return LoggingSettings.DEFAULTS;
        }
        String fix = "write a file path, \"-\" for standard output, or off";
        if (accessNode.isScalar() && accessNode.text(fix).orElse("").equals("false")) {
            return new LoggingSettings(new AccessLog.Off());
        }
        Optional<String> t = accessNode.nonBlankText(fix);
        if (t.isEmpty()) {
            return null;
        }
        String s = t.get().strip();
        if (s.equals("-")) {
            return new LoggingSettings(new AccessLog.Stdout());
        }
        if (s.equals("off")) {
            return new LoggingSettings(new AccessLog.Off());
        }
        Optional<Path> p = accessNode.path(fix);
        if (p.isEmpty()) {
            return null;
        }
        if (Files.isDirectory(p.get())) {
            accessNode.error(p.get() + " is a folder", "name a file in it, e.g. " + p.get().resolve("access.log"));
            return null;
        }
        Path parent = p.get().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            accessNode.error("the folder " + parent + " of the access log does not exist", "create it, or write the log elsewhere");
            return null;
        }
        return new LoggingSettings(new AccessLog.ToFile(p.get()));
    }
}
