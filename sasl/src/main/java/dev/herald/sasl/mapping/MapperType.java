package dev.herald.sasl.mapping;

import java.util.Locale;

/** The mapper types, by the names the configuration uses for them. */
public enum MapperType {
    SUBJECT_DN("subject-dn"),
    SUBJECT_ATTRIBUTE("subject-attribute"),
    SUBJECT_DN_ATTRIBUTE("subject-dn-attribute"),
    FINGERPRINT("fingerprint"),
    SUBJECT_ALT_NAME("subject-alt-name"),
    CERTIFICATE("certificate"),
    REGEX("regex");

    private final String configName;

    MapperType(String configName) {
        this.configName = configName;
    }

    /** The configuration name, e.g. {@code subject-attribute}. */
    public String configName() {
        return configName;
    }

    /** The type for a configuration name (any case). */
    public static MapperType fromConfigName(String name) {
        for (MapperType t : values()) {
            if (t.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown mapper type '" + name + "' (expected one of subject-dn,"
                + " subject-attribute, subject-dn-attribute, fingerprint, subject-alt-name, certificate, regex)");
    }
}
