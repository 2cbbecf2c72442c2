package dev.herald.config.yaml;

import dev.herald.config.syntax.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML mapping being bound. Every key the binder asks for becomes a known key; {@link
 * #finish()} then reports each key nobody asked for as unknown, with a did-you-mean among the
 * known ones. Duplicate and non-text keys are reported when the mapping is opened.
 */
public final class ConfigMapping {

    private final ConfigNode self;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private record Entry(Node key, Node value) {}

    ConfigMapping(ConfigNode self, MappingNode node) {
        this.self = self;
        for (NodeTuple t : node.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode sk)) {
                self.child(k, self.path()).error("a key must be a plain word, found a " + (k.getNodeType().name().toLowerCase()),
                        "write keys as plain words such as port");
                continue;
            }
            String name = sk.getValue();
            Entry first = entries.get(name);
            if (first != null) {
                ConfigNode dup = self.child(k, childPath(name));
                int firstLine = ConfigNode.locate(self.location().file(), first.key(), "").line();
                dup.error("the key '" + name + "' is given twice (first on line " + firstLine + ")",
                        "keep one of the two; YAML does not merge repeated keys");
                continue;
            }
            entries.put(name, new Entry(k, t.getValueNode()));
        }
    }

    /** The mapping itself as a node (for its location and problems). */
    public ConfigNode self() {
        return self;
    }

    /** The value under {@code key}, absent if not given; marks the key as known. */
    public ConfigNode get(String key) {
        known.add(key);
        Entry e = entries.get(key);
        return self.child(e == null ? null : e.value(), childPath(key));
    }

    /**
     * The value under {@code key}, which must be present; reports a missing key (at the
     * mapping's position) and returns empty otherwise.
     */
    public Optional<ConfigNode> required(String key, String fix) {
        ConfigNode n = get(key);
        if (!n.present()) {
            n.error("the required key '" + key + "' is missing" + (entries.containsKey(key) ? " (its value is empty)" : ""), fix);
            return Optional.empty();
        }
        return Optional.of(n);
    }

    /** Whether {@code key} is given with a non-null value; marks the key as known. */
    public boolean has(String key) {
        return get(key).present();
    }

    /** The keys given in the file, in order. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** Reports every given key that the binder did not ask for. */
    public void finish() {
        List<String> allowed = new ArrayList<>(known);
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (known.contains(e.getKey())) {
                continue;
            }
            ConfigNode at = self.child(e.getValue().key(), childPath(e.getKey()));
            String list = "the keys allowed " + (self.path().isEmpty() ? "at the top level" : "under " + self.path())
                    + " are: " + String.join(", ", allowed);
            String fix = DidYouMean.suggest(e.getKey(), allowed)
                    .map(s -> "did you mean '" + s + "'? " + capitalize(list))
                    .orElse(capitalize(list));
            at.error("unknown key '" + e.getKey() + "'", fix);
        }
    }

    private String childPath(String key) {
        return self.path().isEmpty() ? key : self.path() + "." + key;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
