package dev.herald.config.model;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One socket to listen on. Port 0 asks the operating system for a free port (tests use it;
 * the server logs the port it got). {@code location} points at the listener's entry in the
 * file, so a bind failure ("address already in use") can name the key to change.
 */
public record Listener(ListenerProtocol protocol, InetAddress address, int port, SourceLocation location) {

    public Listener {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(location, "location");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** {@code ldap://127.0.0.1:1389}, with IPv6 literals in brackets. */
    public String url() {
        String host = address.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return protocol.scheme() + "://" + host + ":" + port;
    }
}
