package dev.herald.ldap.directory;

import java.util.List;

import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * What a search asks for, as received (DN and filter are made schema-aware by the directory).
 * Limits are applied by the caller through its {@link SearchListener}.
 */
public record SearchSpec(Dn base, SearchScope scope, ExprNode filter, List<String> attributes, boolean typesOnly) {

    public SearchSpec {
        attributes = List.copyOf(attributes);
    }
}
