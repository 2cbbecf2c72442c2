package dev.herald.ldap;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product name and version, as the root DSE (RFC 3045) and the CLI report them. */
public final class HeraldVersion {

    public static final String VENDOR = "Herald";
    public static final String VERSION = load();

    private HeraldVersion() {}

    private static String load() {
        try (InputStream in = HeraldVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "development";
    }
}
