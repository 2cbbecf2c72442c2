package dev.herald.config.yaml;

import dev.herald.config.model.ConfigProblem;
import dev.herald.config.model.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors and warnings found while binding one configuration file, so that an
 * administrator sees every mistake at once rather than one per restart.
 */
public final class Problems {

    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    public void error(SourceLocation at, String problem, String fix) {
        errors.add(new ConfigProblem(at, problem, fix));
    }

    public void warn(SourceLocation at, String problem, String fix) {
        warnings.add(new ConfigProblem(at, problem, fix));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public int errorCount() {
        return errors.size();
    }

    /** The errors in file order (line, then column), so the report reads top to bottom. */
    public List<ConfigProblem> errors() {
        return sorted(errors);
    }

    /** The warnings in file order. */
    public List<ConfigProblem> warnings() {
        return sorted(warnings);
    }

    private static List<ConfigProblem> sorted(List<ConfigProblem> list) {
        List<ConfigProblem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt((ConfigProblem p) -> p.location().line()).thenComparingInt(p -> p.location().column()));
        return List.copyOf(copy);
    }
}
