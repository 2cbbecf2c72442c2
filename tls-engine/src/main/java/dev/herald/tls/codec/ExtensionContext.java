package dev.herald.tls.codec;

/**
 * The message an extension block belongs to. Several extensions have a different body in
 * different messages (key_share, supported_versions, server_name), so parsing needs it.
 */
public enum ExtensionContext {
    CLIENT_HELLO,
    SERVER_HELLO,
    HELLO_RETRY_REQUEST,
    ENCRYPTED_EXTENSIONS,
    CERTIFICATE_REQUEST,
    CERTIFICATE
}
