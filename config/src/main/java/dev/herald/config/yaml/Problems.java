package dev.herald.config.yaml;

import dev.herald.config.model.ConfigProblem;
import dev.herald.config.model.SourceLocation;
import java.util.ArrayList;
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

    public List<ConfigProblem> errors() {
        return List.copyOf(errors);
    }

    public List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }
}
