package dev.herald.sasl.mapping;

import dev.herald.sasl.syntax.Filter;
import dev.herald.sasl.syntax.SyntaxException;
import dev.herald.sasl.syntax.Template;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A filter whose equality assertion values may hold {@code $n} references. The filter structure
 * comes from the configuration alone; rendering replaces assertion values only, and
 * {@link Filter#toString()} escapes them, so captured text cannot add a component or a wildcard.
 */
final class FilterTemplate {
    private final Filter shape;
    private final Map<Filter.Equality, Template> values = new IdentityHashMap<>();
    private final int maxGroup;

    private FilterTemplate(Filter shape) throws SyntaxException {
        this.shape = shape;
        int max = -1;
        for (Filter.Equality e : shape.equalities()) {
            Optional<String> text = e.text();
            if (text.isPresent()) {
                Template t = Template.parse(text.get());
                values.put(e, t);
                max = Math.max(max, t.maxGroup());
            }
        }
        this.maxGroup = max;
    }

    static FilterTemplate parse(String text) throws SyntaxException {
        return new FilterTemplate(Filter.parse(text));
    }

    int maxGroup() {
        return maxGroup;
    }

    Filter render(IntFunction<String> groups) {
        return shape.mapValues(e -> {
            Template t = values.get(e);
            return t == null ? e : (Filter.Equality) Filter.equality(e.attribute(), t.render(groups));
        });
    }
}
