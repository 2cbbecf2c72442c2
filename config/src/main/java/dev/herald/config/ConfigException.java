package dev.herald.config;

import dev.herald.config.model.ConfigProblem;
import dev.herald.config.model.SourceLocation;
import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found (each with file, line, key path,
 * what is wrong and the fix) and the warnings found alongside; the message lists them all, one
 * per problem, so one start attempt shows every mistake. The server also raises one for
 * problems only found at start, such as a port already in use, through {@link #at}.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;
    private final transient List<ConfigProblem> warnings;

    public ConfigException(List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        super(message(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    /** One problem at a known place, e.g. {@code at(listener.location(), "port 1636 is in use", "...")}. */
    public static ConfigException at(SourceLocation location, String problem, String fix) {
        return new ConfigException(List.of(new ConfigProblem(location, problem, fix)), List.of());
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    public List<ConfigProblem> warnings() {
        return warnings;
    }

    private static String message(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            return "invalid configuration";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("invalid configuration in ").append(problems.get(0).location().file()).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (ConfigProblem p : problems) {
            sb.append(System.lineSeparator()).append(p.format());
        }
        return sb.toString();
    }
}
