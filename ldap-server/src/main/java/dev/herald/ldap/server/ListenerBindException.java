package dev.herald.ldap.server;

import java.io.IOException;

import dev.herald.ldap.settings.Listener;

/**
 * A listener could not be opened (typically: the address is already in use, or the port needs
 * privileges). Names the listener so that whoever configured it can be told which one.
 */
public final class ListenerBindException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Listener listener;
    private final int index;

    public ListenerBindException(Listener listener, int index, Throwable cause) {
        super("cannot listen on " + listener.protocol().name().toLowerCase(java.util.Locale.ROOT) + "://"
                + listener.host() + ":" + listener.port() + ": " + describe(cause), cause);
        this.listener = listener;
        this.index = index;
    }

    /** The listener that failed. */
    public Listener listener() {
        return listener;
    }

    /** Its position in {@code ServerSettings.listeners()}. */
    public int index() {
        return index;
    }

    private static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null ? cause.getClass().getSimpleName() : m;
    }
}
