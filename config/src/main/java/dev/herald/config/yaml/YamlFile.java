package dev.herald.config.yaml;

import dev.herald.config.model.SourceLocation;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a YAML file into snakeyaml-engine's node tree (which keeps line numbers) using the YAML
 * 1.2 core schema, without constructing Java objects and without environment substitution.
 * Syntax errors become problems at the position the parser reports.
 */
public final class YamlFile {

    private YamlFile() {}

    /** The root node, or empty when the file is missing, unreadable, empty or not YAML (a problem is recorded). */
    public static Optional<ConfigNode> read(Path file, Problems problems) {
        SourceLocation fileOnly = new SourceLocation(file, 0, 0, "");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.error(fileOnly, "the configuration file does not exist", "check the path given to --config");
            return Optional.empty();
        } catch (java.nio.charset.MalformedInputException e) {
            problems.error(fileOnly, "the configuration file is not valid UTF-8", "save the file as UTF-8");
            return Optional.empty();
        } catch (IOException e) {
            problems.error(fileOnly, "cannot read the configuration file: " + e.getMessage(), "check the file's permissions");
            return Optional.empty();
        }
        return parse(text, file, problems);
    }

    /** Parses {@code text} as if it were the contents of {@code file}. */
    public static Optional<ConfigNode> parse(String text, Path file, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(4 * 1024 * 1024)
                .build();
        try (Reader reader = new java.io.StringReader(text)) {
            Optional<Node> root = new Compose(settings).composeReader(reader);
            if (root.isEmpty()) {
                problems.error(new SourceLocation(file, 1, 1, ""), "the configuration file is empty",
                        "start from the example in docs/configuration.md");
                return Optional.empty();
            }
            return Optional.of(ConfigNode.root(root.get(), file, problems));
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            SourceLocation at = m == null ? new SourceLocation(file, 0, 0, "")
                    : new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1, "");
            String what = (e.getContext() == null ? "" : e.getContext() + ": ") + e.getProblem();
            problems.error(at, "this is not valid YAML: " + what.strip(),
                    "check the indentation (spaces, not tabs) and quoting near line " + at.line());
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.error(new SourceLocation(file, 0, 0, ""), "this is not valid YAML: " + e.getMessage(), "check the file's syntax");
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
