package dev.herald.ldap.backend.lmdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * A description of the schema a data folder was written under: one short hash per attribute
 * type, object class and matching rule, over what decides how values are stored and compared
 * (names, syntax, matching rules and their normaliser classes, superiors, MUST/MAY). Kept per
 * element, so a mismatch can say which elements differ. Elements the running schema adds are
 * accepted; elements it lacks or defines differently are not.
 */
final class SchemaFingerprint {
    /** element key ("at 2.5.4.3 cn") -> hash */
    private final Map<String, String> elements;

    private SchemaFingerprint(Map<String, String> elements) {
        this.elements = elements;
    }

    static SchemaFingerprint of(SchemaManager sm) {
        Map<String, String> m = new TreeMap<>();
        for (AttributeType at : sm.getAttributeTypeRegistry()) {
            StringBuilder sb = new StringBuilder();
            sb.append(at.getNames()).append('|').append(at.getSyntaxOid()).append('|')
                    .append(at.getSuperiorOid()).append('|').append(at.isSingleValued()).append('|')
                    .append(at.getUsage()).append('|').append(at.isCollective());
            rule(sb, at.getEquality());
            rule(sb, at.getOrdering());
            rule(sb, at.getSubstring());
            m.put("attributeType " + at.getOid() + " (" + at.getName() + ")", hash(sb));
        }
        for (ObjectClass oc : sm.getObjectClassRegistry()) {
            String s = oc.getNames() + "|" + oc.getSuperiorOids() + "|" + oc.getMustAttributeTypeOids() + "|"
                    + oc.getMayAttributeTypeOids() + "|" + oc.getType();
            m.put("objectClass " + oc.getOid() + " (" + oc.getName() + ")", hash(new StringBuilder(s)));
        }
        return new SchemaFingerprint(m);
    }

    private static void rule(StringBuilder sb, MatchingRule mr) {
        sb.append('|');
        if (mr != null) {
            sb.append(mr.getOid()).append('/').append(mr.getSyntaxOid()).append('/')
                    .append(mr.getNormalizer() == null ? "-" : mr.getNormalizer().getClass().getName());
        }
    }

    private static String hash(StringBuilder sb) {
        byte[] d = Keys.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 8);
    }

    static SchemaFingerprint parse(String text) {
        Map<String, String> m = new TreeMap<>();
        for (String line : text.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                m.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return new SchemaFingerprint(m);
    }

    String serialise() {
        StringBuilder sb = new StringBuilder();
        elements.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        return sb.toString();
    }

    /**
     * What {@code running} lacks or defines differently compared with this (stored) schema;
     * empty when the running schema can read data written under this one.
     */
    List<String> incompatibilities(SchemaFingerprint running) {
        List<String> missing = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : elements.entrySet()) {
            String now = running.elements.get(e.getKey());
            if (now == null) {
                missing.add(e.getKey());
            } else if (!now.equals(e.getValue())) {
                changed.add(e.getKey());
            }
        }
        List<String> out = new ArrayList<>();
        if (!changed.isEmpty()) {
            out.add(summary("defined differently now", changed));
        }
        if (!missing.isEmpty()) {
            out.add(summary("missing from the running schema", missing));
        }
        return out;
    }

    boolean sameAs(SchemaFingerprint o) {
        return elements.equals(o.elements);
    }

    private static String summary(String what, List<String> items) {
        int shown = Math.min(5, items.size());
        String s = what + ": " + String.join(", ", items.subList(0, shown));
        return items.size() > shown ? s + " and " + (items.size() - shown) + " more" : s;
    }
}
