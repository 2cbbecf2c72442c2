package dev.herald.config.model;

/** Where entries are stored: LMDB on disk (the default) or memory (tests; lost at exit). */
public enum BackendType {
    LMDB("lmdb"),
    MEMORY("memory");

    private final String configName;

    BackendType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
