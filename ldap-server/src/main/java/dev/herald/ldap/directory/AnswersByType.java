package dev.herald.ldap.directory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * A yes/no question about attribute types, answered once per type OID and then remembered
 * (answering walks superior chains and lists; the same few types are asked about for every
 * entry). Bounded by the schema's attribute types; safe to share between threads.
 */
final class AnswersByType {

    private final Predicate<AttributeType> question;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    AnswersByType(Predicate<AttributeType> question) {
        this.question = question;
    }

    /** The question's answer for {@code at} (non-null). */
    boolean answer(AttributeType at) {
        Boolean known = answers.get(at.getOid());
        if (known == null) {
            known = question.test(at);
            answers.put(at.getOid(), known);
        }
        return known;
    }
}
