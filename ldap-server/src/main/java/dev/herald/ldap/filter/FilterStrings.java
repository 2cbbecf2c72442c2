package dev.herald.ldap.filter;

import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.filter.AndNode;
import org.apache.directory.api.ldap.model.filter.ApproximateNode;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.ExtensibleNode;
import org.apache.directory.api.ldap.model.filter.GreaterEqNode;
import org.apache.directory.api.ldap.model.filter.LessEqNode;
import org.apache.directory.api.ldap.model.filter.NotNode;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.filter.OrNode;
import org.apache.directory.api.ldap.model.filter.PresenceNode;
import org.apache.directory.api.ldap.model.filter.SimpleNode;
import org.apache.directory.api.ldap.model.filter.SubstringNode;
import org.apache.directory.api.util.Strings;

/**
 * Writes a filter in the RFC 4515 string form, for logs (the API's own toString does not
 * render extensible matches in that form). Values are escaped as §3 requires; output stops
 * growing after a few kilobytes.
 */
public final class FilterStrings {

    private static final int MAX = 4096;

    private FilterStrings() {}

    public static String toString(ExprNode filter) {
        StringBuilder b = new StringBuilder();
        append(b, filter, 0);
        return b.length() > MAX ? b.substring(0, MAX) + "..." : b.toString();
    }

    private static void append(StringBuilder b, ExprNode node, int depth) {
        if (b.length() > MAX || depth > 200) {
            return;
        }
        if (node instanceof AndNode and) {
            b.append("(&");
            and.getChildren().forEach(c -> append(b, c, depth + 1));
            b.append(')');
        } else if (node instanceof OrNode or) {
            b.append("(|");
            or.getChildren().forEach(c -> append(b, c, depth + 1));
            b.append(')');
        } else if (node instanceof NotNode not) {
            b.append("(!");
            append(b, not.getFirstChild(), depth + 1);
            b.append(')');
        } else if (node instanceof PresenceNode p) {
            b.append('(').append(p.getAttribute()).append("=*)");
        } else if (node instanceof ObjectClassNode) {
            b.append("(objectClass=*)");
        } else if (node instanceof SimpleNode<?> s) {
            String op = s instanceof EqualityNode ? "=" : s instanceof GreaterEqNode ? ">=" : s instanceof LessEqNode
                    ? "<=" : s instanceof ApproximateNode ? "~=" : "?=";
            b.append('(').append(s.getAttribute()).append(op).append(escape(s.getValue())).append(')');
        } else if (node instanceof SubstringNode s) {
            b.append('(').append(s.getAttribute()).append('=');
            if (s.getInitial() != null) {
                b.append(escape(s.getInitial()));
            }
            b.append('*');
            if (s.getAny() != null) {
                for (String a : s.getAny()) {
                    b.append(escape(a)).append('*');
                }
            }
            if (s.getFinal() != null) {
                b.append(escape(s.getFinal()));
            }
            b.append(')');
        } else if (node instanceof ExtensibleNode x) {
            b.append('(');
            if (x.getAttribute() != null) {
                b.append(x.getAttribute());
            }
            if (x.hasDnAttributes()) {
                b.append(":dn");
            }
            if (x.getMatchingRuleId() != null) {
                b.append(':').append(x.getMatchingRuleId());
            }
            b.append(":=").append(escape(x.getValue())).append(')');
        } else {
            b.append("(?)");
        }
    }

    private static String escape(Value v) {
        if (v == null) {
            return "";
        }
        return escape(v.isHumanReadable() ? v.getString() : Strings.utf8ToString(v.getBytes()));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '(' || c == ')' || c == '\\' || c < 0x20) {
                b.append(String.format("\\%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
