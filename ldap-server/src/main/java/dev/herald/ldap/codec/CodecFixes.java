package dev.herald.ldap.codec;

import org.apache.directory.api.asn1.ber.grammar.AbstractGrammar;
import org.apache.directory.api.asn1.ber.grammar.Grammar;
import org.apache.directory.api.asn1.ber.grammar.GrammarTransition;
import org.apache.directory.api.ldap.codec.LdapMessageGrammar;
import org.apache.directory.api.ldap.codec.LdapStatesEnum;

/**
 * A correction to the Directory API 2.1.8 LDAP grammar, applied once per JVM through the
 * grammar's public API.
 *
 * <p>In an extensible-match filter (RFC 4511 §4.5.1.7.7) that names an attribute type, the
 * transition from the type to the match value is marked as needing a follow-up element, so a
 * filter such as {@code (uid:caseExactMatch:=bob)} whose optional {@code dnAttributes} is left
 * out (its DEFAULT FALSE, and how OpenLDAP's and most clients encode it) fails to decode with
 * "mandatory transition expected". The same transition after a matching rule without a type is
 * correctly optional; this makes the typed one optional too.
 */
final class CodecFixes {

    private static volatile boolean applied;

    private CodecFixes() {}

    static synchronized void apply() {
        if (applied) {
            return;
        }
        @SuppressWarnings("unchecked")
        AbstractGrammar<?> grammar = (AbstractGrammar<?>) LdapMessageGrammar.getInstance();
        GrammarTransition<?> typeToValue = grammar.getTransition(LdapStatesEnum.MRA_TYPE_STATE, 0x83);
        if (typeToValue != null) {
            typeToValue.setFollowUp(Grammar.FollowUp.OPTIONAL);
        }
        applied = true;
    }
}
