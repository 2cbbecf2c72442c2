package dev.herald.tls.handshake.verify;

/**
 * Proof that the peer's Finished matched the transcript. Only {@link FinishedVerifier} can make
 * one, and the traffic states require one, so a state machine that skips the check does not
 * compile.
 */
public final class FinishedChecked {
    FinishedChecked() {
    }
}
