package dev.herald.config.model;

/** Kinds of attribute index, as in OpenLDAP's {@code index} directive (eq, pres, sub). */
public enum IndexType {
    EQUALITY("equality"),
    PRESENCE("presence"),
    SUBSTRING("substring");

    private final String configName;

    IndexType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
