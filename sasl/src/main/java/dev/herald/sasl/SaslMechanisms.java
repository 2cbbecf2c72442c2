package dev.herald.sasl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The mechanisms a server offers, looked up by name case-insensitively (clients send names in
 * any case; RFC 4422 §3.1 names are upper case). Immutable.
 */
public final class SaslMechanisms {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Z0-9_-]{1,20}");

    private final Map<String, SaslMechanism> byName;

    private SaslMechanisms(Map<String, SaslMechanism> byName) {
        this.byName = byName;
    }

    /**
     * @throws IllegalArgumentException for an invalid or duplicate name
     */
    public static SaslMechanisms of(SaslMechanism... mechanisms) {
        return of(List.of(mechanisms));
    }

    /**
     * @throws IllegalArgumentException for an invalid or duplicate name
     */
    public static SaslMechanisms of(List<SaslMechanism> mechanisms) {
        Map<String, SaslMechanism> map = new LinkedHashMap<>();
        for (SaslMechanism m : mechanisms) {
            String name = m.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a SASL mechanism name (RFC 4422 §3.1)");
            }
            if (map.putIfAbsent(name, m) != null) {
                throw new IllegalArgumentException("SASL mechanism " + name + " is registered twice");
            }
        }
        return new SaslMechanisms(map);
    }

    /** The mechanism with this name, in any case. */
    public Optional<SaslMechanism> find(String name) {
        // ASCII-only folding: toUpperCase would also turn U+0131 into 'I' and U+017F into 'S'.
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,20}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(name.toUpperCase(Locale.ROOT)));
    }

    /** All registered names, in registration order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The names to list in supportedSASLMechanisms for a connection in this state. */
    public List<String> advertised(SaslContext context) {
        List<String> out = new ArrayList<>();
        for (SaslMechanism m : byName.values()) {
            if (m.isAvailable(context)) {
                out.add(m.name());
            }
        }
        return out;
    }
}
