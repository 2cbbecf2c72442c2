package dev.herald.sasl.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A replacement text with regex group references, OpenLDAP {@code authz-regexp} style:
 * {@code $0}..{@code $9} insert a captured group, {@code $$} a dollar sign; any other use of
 * {@code $} is an error. A template is always one attribute value or one assertion value, never
 * a whole DN or filter: callers parse the surrounding DN or filter structure first and render
 * each value separately, then escape it, so captured text cannot change that structure.
 */
public final class Template {

    private sealed interface Part permits Literal, Group {
    }

    private record Literal(String text) implements Part {
    }

    private record Group(int index) implements Part {
    }

    private final List<Part> parts;
    private final int maxGroup;

    private Template(List<Part> parts, int maxGroup) {
        this.parts = List.copyOf(parts);
        this.maxGroup = maxGroup;
    }

    /** Parses {@code text}; see the type comment for the syntax. */
    public static Template parse(String text) throws SyntaxException {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int max = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '$') {
                lit.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new SyntaxException("'$' at the end of '" + text + "' (write $$ for a dollar sign)");
            }
            char d = text.charAt(++i);
            if (d == '$') {
                lit.append('$');
            } else if (d >= '0' && d <= '9') {
                if (lit.length() > 0) {
                    parts.add(new Literal(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(new Group(d - '0'));
                max = Math.max(max, d - '0');
            } else {
                throw new SyntaxException("'$" + d + "' in '" + text + "' is neither $0..$9 nor $$");
            }
        }
        if (lit.length() > 0) {
            parts.add(new Literal(lit.toString()));
        }
        return new Template(parts, max);
    }

    /** The highest group referenced, or -1. */
    public int maxGroup() {
        return maxGroup;
    }

    /** The text with each group reference replaced by {@code group.apply(index)}. */
    public String render(IntFunction<String> group) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal) {
                out.append(((Literal) p).text());
            } else {
                out.append(group.apply(((Group) p).index()));
            }
        }
        return out.toString();
    }
}
