package dev.herald.tls.netty;

import dev.herald.tls.TlsSession;
import java.util.Objects;
import java.util.Optional;

/**
 * Fired by {@link TlsServerHandler} as a user event ({@code userEventTriggered}) exactly once per
 * connection: either the handshake succeeded (with its {@link TlsSession}), or it failed (with
 * the alert, who sent it, and a reason an administrator can act on). On success the event comes
 * before the first decrypted application bytes are passed on.
 */
public final class TlsHandshakeEvent {
    /** Why a handshake failed. */
    public enum FailureKind {
        /** We detected a protocol or certificate error and sent the alert. */
        ALERT_SENT,
        /** The client sent a fatal alert (e.g. it rejected our certificate). */
        ALERT_RECEIVED,
        /** The handshake did not finish within the configured time. */
        TIMEOUT,
        /** The connection closed before the handshake finished. */
        CONNECTION_CLOSED
    }

    private final TlsSession session;
    private final FailureKind failureKind;
    private final String alert;
    private final String reason;

    private TlsHandshakeEvent(TlsSession session, FailureKind failureKind, String alert, String reason) {
        this.session = session;
        this.failureKind = failureKind;
        this.alert = alert;
        this.reason = reason;
    }

    public static TlsHandshakeEvent success(TlsSession session) {
        return new TlsHandshakeEvent(Objects.requireNonNull(session), null, null, null);
    }

    public static TlsHandshakeEvent failure(FailureKind kind, String alert, String reason) {
        return new TlsHandshakeEvent(null, Objects.requireNonNull(kind), alert, Objects.requireNonNull(reason));
    }

    public boolean isSuccess() {
        return session != null;
    }

    /** The negotiated session, on success. */
    public Optional<TlsSession> session() {
        return Optional.ofNullable(session);
    }

    public Optional<FailureKind> failureKind() {
        return Optional.ofNullable(failureKind);
    }

    /** The RFC name of the alert sent or received, when there was one (e.g. {@code unknown_ca}). */
    public Optional<String> alert() {
        return Optional.ofNullable(alert);
    }

    /** A human-readable reason for a failure. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return isSuccess() ? "TlsHandshakeEvent[success, " + session + "]"
                : "TlsHandshakeEvent[failure " + failureKind + (alert == null ? "" : " " + alert) + ": " + reason + "]";
    }
}
