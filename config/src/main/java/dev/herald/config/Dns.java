package dev.herald.config;

import dev.herald.config.syntax.DnSyntax;
import dev.herald.config.syntax.SyntaxException;
import dev.herald.config.yaml.ConfigNode;
import java.util.List;
import java.util.Optional;

/** Reads DN-valued keys: syntax-checked, and optionally required to lie inside the directory suffix. */
final class Dns {

    private Dns() {}

    /** A syntactically valid, non-empty DN as written; empty (with a problem) otherwise. */
    static Optional<String> read(ConfigNode node, String example) {
        Optional<String> t = node.nonBlankText("write a DN such as " + example);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String dn = t.get().strip();
        try {
            DnSyntax.parseNonEmpty(dn);
            return Optional.of(dn);
        } catch (SyntaxException e) {
            node.error(e.getMessage(), e.fix());
            return Optional.empty();
        }
    }

    /** The relation of a (valid) DN to the suffix; UNKNOWN when the suffix is not known. */
    static DnSyntax.Relation relation(String dn, List<List<DnSyntax.Ava>> suffix) {
        if (suffix == null) {
            return DnSyntax.Relation.UNKNOWN;
        }
        try {
            return DnSyntax.relation(DnSyntax.parse(dn), suffix);
        } catch (SyntaxException e) {
            return DnSyntax.Relation.UNKNOWN;
        }
    }
}
