package dev.herald.ldap.net;

import io.netty.buffer.ByteBuf;

/**
 * One framed and structure-checked LDAPMessage: its bytes (the receiver releases them), its
 * message ID and protocolOp tag as read by the framer.
 */
public record LdapFrame(ByteBuf bytes, int messageId, int opTag) {}
