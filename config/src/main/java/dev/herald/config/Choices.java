package dev.herald.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The configuration spellings of an enum's constants, in declaration order, for {@code ConfigNode.oneOf}. */
final class Choices {

    private Choices() {}

    static <E extends Enum<E>> Map<String, E> of(E[] values, Function<E, String> configName) {
        Map<String, E> choices = new LinkedHashMap<>();
        for (E e : values) {
            choices.put(configName.apply(e), e);
        }
        return choices;
    }
}
