package dev.herald.sasl.mapping;

import java.util.Locale;

/**
 * What the mapper chain does when a mapper applied to the certificate (its issuer matched and
 * the certificate had the value it needs) but found no entry: try the next mapper (the default,
 * {@code next}) or stop and fail the bind ({@code fail}, OpenLDAP's "first matching
 * authz-regexp wins" behaviour). Several entries always stop and fail, whatever this says.
 */
public enum WhenNoEntry {
    TRY_NEXT("next"),
    FAIL("fail");

    private final String configName;

    WhenNoEntry(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Parses {@code next} or {@code fail} (any case). */
    public static WhenNoEntry parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "next": return TRY_NEXT;
            case "fail": return FAIL;
            default: throw new IllegalArgumentException("when-no-entry must be 'next' or 'fail', not '" + text + "'");
        }
    }
}
