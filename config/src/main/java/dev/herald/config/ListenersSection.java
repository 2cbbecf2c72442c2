package dev.herald.config;

import dev.herald.config.model.Listener;
import dev.herald.config.model.ListenerProtocol;
import dev.herald.config.model.Listeners;
import dev.herald.config.yaml.ConfigMapping;
import dev.herald.config.yaml.ConfigNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Binds {@code listeners}: {@code ldap} and {@code ldaps}, each with {@code address} and {@code port}. */
final class ListenersSection {

    static final String DEFAULT_ADDRESS = "0.0.0.0";
    private static final String HOST_NAME = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?";

    private ListenersSection() {}

    /** Null when the section is missing or broken (a problem is recorded). */
    static Listeners bind(ConfigNode node) {
        String fix = "configure at least one listener, e.g. listeners: { ldap: { address: 127.0.0.1, port: 389 } }";
        if (!node.present()) {
            node.error("no listeners are configured", fix);
            return null;
        }
        Optional<ConfigMapping> m = node.mapping(fix);
        if (m.isEmpty()) {
            return null;
        }
        ConfigNode ldapNode = m.get().get("ldap");
        ConfigNode ldapsNode = m.get().get("ldaps");
        m.get().finish();
        if (!ldapNode.present() && !ldapsNode.present()) {
            node.error("no listeners are configured", fix);
            return null;
        }
        Optional<Listener> ldap = listener(ldapNode, ListenerProtocol.LDAP);
        Optional<Listener> ldaps = listener(ldapsNode, ListenerProtocol.LDAPS);
        if (ldap.isEmpty() != !ldapNode.present() || ldaps.isEmpty() != !ldapsNode.present()) {
            return null; // a listener that was given is broken; its problem is recorded
        }
        if (ldap.isPresent() && ldaps.isPresent() && ldap.get().port() != 0
                && ldap.get().port() == ldaps.get().port()
                && overlap(ldap.get().address(), ldaps.get().address())) {
            node.problems().error(ldaps.get().location(),
                    "the ldaps listener uses the same address and port as the ldap listener (" + ldap.get().port() + ")",
                    "give the two listeners different ports (the usual ones are 389 and 636)");
        }
        return new Listeners(ldap, ldaps);
    }

    private static boolean overlap(InetAddress a, InetAddress b) {
        return a.equals(b) || a.isAnyLocalAddress() || b.isAnyLocalAddress();
    }

    private static Optional<Listener> listener(ConfigNode node, ListenerProtocol protocol) {
        String fix = "write " + protocol.scheme() + ": { address: 127.0.0.1, port: " + protocol.defaultPort()
                + " }, or leave the listener out to disable it";
        Optional<ConfigMapping> m = node.mapping(fix);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode addressNode = m.get().get("address");
        ConfigNode portNode = m.get().get("port");
        m.get().finish();
        InetAddress address = address(addressNode);
        int port = protocol.defaultPort();
        if (portNode.present()) {
            Optional<Long> p = portNode.integer(0, 65535,
                    "use a port between 1 and 65535 (0 lets the system pick a free one); ports below 1024 need privileges");
            if (p.isEmpty()) {
                return Optional.empty();
            }
            port = p.get().intValue();
        }
        if (address == null) {
            return Optional.empty();
        }
        return Optional.of(new Listener(protocol, address, port, node.location()));
    }

    private static InetAddress address(ConfigNode node) {
        String fix = "write an IP address (127.0.0.1, ::1, 0.0.0.0 for every IPv4 interface, :: for every interface) or a host name";
        String text = DEFAULT_ADDRESS;
        if (node.present()) {
            Optional<String> t = node.nonBlankText(fix);
            if (t.isEmpty()) {
                return null;
            }
            text = t.get().strip();
            if (text.startsWith("[") && text.endsWith("]")) {
                text = text.substring(1, text.length() - 1);
            }
        }
        boolean literal = text.matches("[0-9.]+") || text.contains(":");
        if (literal) {
            if (!isIpLiteral(text)) {
                node.error("'" + text + "' is not a valid IP address", fix);
                return null;
            }
        } else if (!text.matches(HOST_NAME)) {
            node.error("'" + text + "' is neither an IP address nor a host name", fix);
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            node.error("the host name '" + text + "' does not resolve", "use an IP address, or a name in /etc/hosts or DNS");
            return null;
        }
    }

    private static boolean isIpLiteral(String s) {
        if (s.contains(":")) {
            // InetAddress.getByName does not look IPv6 literals up in DNS.
            try {
                return s.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+") && InetAddress.getByName(s) != null;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
