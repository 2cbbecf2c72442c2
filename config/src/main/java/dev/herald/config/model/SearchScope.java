package dev.herald.config.model;

/** LDAP search scopes (RFC 4511 §4.5.1.2) for the searches certificate mappers run. */
public enum SearchScope {
    BASE("base"),
    ONE("one"),
    SUB("sub");

    private final String configName;

    SearchScope(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
