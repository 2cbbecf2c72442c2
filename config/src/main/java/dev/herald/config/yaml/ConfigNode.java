package dev.herald.config.yaml;

import dev.herald.config.model.SourceLocation;
import dev.herald.config.syntax.ByteSizes;
import dev.herald.config.syntax.DidYouMean;
import dev.herald.config.syntax.Durations;
import dev.herald.config.syntax.SyntaxException;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One value of the YAML tree with its key path and source position, and typed readers that
 * report a precise problem (and return empty) when the value has the wrong shape. A node may be
 * absent (the key was not given, or was given as {@code null}); readers then return empty
 * without a problem, and the caller applies the default. Scalars can be marked {@link
 * #sensitive()} so that messages never quote them.
 */
public final class ConfigNode {

    private final Node node;
    private final String path;
    private final SourceLocation location;
    private final Problems problems;
    private final Path baseDir;
    private final boolean sensitive;

    private ConfigNode(Node node, String path, SourceLocation location, Problems problems, Path baseDir, boolean sensitive) {
        this.node = node;
        this.path = path;
        this.location = location;
        this.problems = problems;
        this.baseDir = baseDir;
        this.sensitive = sensitive;
    }

    /** The document's root; {@code node} is null for an empty document. */
    public static ConfigNode root(Node node, Path file, Problems problems) {
        Path base = file.toAbsolutePath().getParent();
        return new ConfigNode(node, "", locate(file, node, ""), problems, base, false);
    }

    ConfigNode child(Node childNode, String childPath) {
        SourceLocation at = childNode == null ? location.withKeyPath(childPath) : locate(location.file(), childNode, childPath);
        return new ConfigNode(childNode, childPath, at, problems, baseDir, false);
    }

    static SourceLocation locate(Path file, Node n, String keyPath) {
        if (n == null || n.getStartMark().isEmpty()) {
            return new SourceLocation(file, 0, 0, keyPath);
        }
        Mark m = n.getStartMark().get();
        return new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1, keyPath);
    }

    /** The same node, whose scalar values are never quoted in messages. */
    public ConfigNode sensitive() {
        return new ConfigNode(node, path, location, problems, baseDir, true);
    }

    public String path() {
        return path;
    }

    public SourceLocation location() {
        return location;
    }

    public Problems problems() {
        return problems;
    }

    /** The folder relative paths resolve against: the configuration file's folder. */
    public Path baseDir() {
        return baseDir;
    }

    /** False when the key is missing or its value is YAML null. */
    public boolean present() {
        return node != null && !(node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return present() && node instanceof ScalarNode;
    }

    public void error(String problem, String fix) {
        problems.error(location, problem, fix);
    }

    public void warn(String problem, String fix) {
        problems.warn(location, problem, fix);
    }

    /** A description of the value for messages: its kind, and its text unless sensitive. */
    public String describe() {
        if (node instanceof MappingNode) {
            return "a mapping (key: value pairs)";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (!present()) {
            return "nothing";
        }
        ScalarNode s = (ScalarNode) node;
        if (sensitive) {
            return "a plain value";
        }
        String v = s.getValue();
        if (v.length() > 60) {
            v = v.substring(0, 57) + "...";
        }
        Tag t = s.getTag();
        if (t.equals(Tag.INT) || t.equals(Tag.FLOAT)) {
            return "the number " + v;
        }
        if (t.equals(Tag.BOOL)) {
            return "the boolean " + v;
        }
        return "the text '" + v + "'";
    }

    /** The value as a mapping; a problem if it is something else. */
    public Optional<ConfigMapping> mapping(String fix) {
        if (!present()) {
            return Optional.empty();
        }
        if (node instanceof MappingNode m) {
            return Optional.of(new ConfigMapping(this, m));
        }
        error("expected a mapping (key: value pairs), found " + describe(), fix);
        return Optional.empty();
    }

    /** The value as a list; a single scalar is taken as a list of one. */
    public Optional<List<ConfigNode>> list(String fix) {
        if (!present()) {
            return Optional.empty();
        }
        if (node instanceof SequenceNode seq) {
            List<ConfigNode> items = new ArrayList<>();
            List<Node> values = seq.getValue();
            for (int i = 0; i < values.size(); i++) {
                items.add(child(values.get(i), path + "[" + i + "]"));
            }
            return Optional.of(items);
        }
        if (node instanceof ScalarNode) {
            return Optional.of(List.of(child(node, path + "[0]")));
        }
        error("expected a list, found " + describe(), fix);
        return Optional.empty();
    }

    /** A list whose items are all strings; items with problems are left out. */
    public Optional<List<String>> stringList(String fix) {
        Optional<List<ConfigNode>> items = list(fix);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode item : items.get()) {
            if (!item.present()) {
                item.error("an empty list item", "remove the empty item or give a value");
                continue;
            }
            item.text(fix).ifPresent(out::add);
        }
        return Optional.of(out);
    }

    /** The scalar's text, whatever YAML type it resolved to. */
    public Optional<String> text(String fix) {
        if (!present()) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode s) {
            return Optional.of(s.getValue());
        }
        error("expected a single value, found " + describe(), fix);
        return Optional.empty();
    }

    /** Non-blank text. */
    public Optional<String> nonBlankText(String fix) {
        Optional<String> t = text(fix);
        if (t.isPresent() && t.get().isBlank()) {
            error("the value is empty", fix);
            return Optional.empty();
        }
        return t;
    }

    /** A whole number in {@code [min, max]}; YAML numbers and quoted digits are both accepted. */
    public Optional<Long> integer(long min, long max, String fix) {
        Optional<String> t = text(fix);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String s = t.get().strip().replace("_", "");
        BigInteger v;
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                v = new BigInteger(s.substring(2), 16);
            } else if (s.startsWith("0o")) {
                v = new BigInteger(s.substring(2), 8);
            } else {
                v = new BigInteger(s);
            }
        } catch (NumberFormatException e) {
            error("expected a whole number, found " + describe(), fix);
            return Optional.empty();
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            error(v + " is out of range (" + min + " to " + max + ")", fix);
            return Optional.empty();
        }
        return Optional.of(v.longValue());
    }

    /** {@code true} or {@code false} (YAML 1.2: {@code yes}, {@code on} and friends are text). */
    public Optional<Boolean> bool() {
        if (!present()) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Optional.of(Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT)));
        }
        error("expected true or false, found " + describe(),
                "write true or false (in YAML 1.2, yes / no / on / off are text, not booleans)");
        return Optional.empty();
    }

    /** A duration such as {@code 10s}; at least {@code min}. */
    public Optional<Duration> duration(Duration min) {
        Optional<String> t = text("write a duration such as 10s or 15m");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(t.get());
            if (d.compareTo(min) < 0) {
                error("the duration " + t.get().strip() + " is shorter than the minimum " + Durations.format(min),
                        "use at least " + Durations.format(min));
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (SyntaxException e) {
            error(e.getMessage(), e.fix());
            return Optional.empty();
        }
    }

    /** A size in bytes such as {@code 2MiB}, in {@code [min, max]}. */
    public Optional<Long> byteSize(long min, long max) {
        Optional<String> t = text("write a size such as 64KiB or 2MiB");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            long v = ByteSizes.parse(t.get());
            if (v < min || v > max) {
                error("the size " + t.get().strip() + " is out of range (" + ByteSizes.format(min) + " to " + ByteSizes.format(max) + ")",
                        "use a size between " + ByteSizes.format(min) + " and " + ByteSizes.format(max));
                return Optional.empty();
            }
            return Optional.of(v);
        } catch (SyntaxException e) {
            error(e.getMessage(), e.fix());
            return Optional.empty();
        }
    }

    /** One of the named choices (exact spelling); a did-you-mean otherwise. */
    public <E> Optional<E> oneOf(Map<String, E> choices, String what) {
        Optional<String> t = text("write one of: " + String.join(", ", choices.keySet()));
        if (t.isEmpty()) {
            return Optional.empty();
        }
        E e = choices.get(t.get());
        if (e != null) {
            return Optional.of(e);
        }
        String fix = DidYouMean.suggest(t.get(), choices.keySet())
                .map(s -> "did you mean '" + s + "'? The choices are: " + String.join(", ", choices.keySet()))
                .orElse("write one of: " + String.join(", ", choices.keySet()));
        error("'" + t.get() + "' is not a known " + what, fix);
        return Optional.empty();
    }

    /**
     * A file or folder path; relative paths resolve against the configuration file's folder.
     * Existence is the caller's check.
     */
    public Optional<Path> path(String fix) {
        Optional<String> t = nonBlankText(fix);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String s = t.get();
        if (s.equals("~") || s.startsWith("~/")) {
            error("'~' is not expanded in paths", "write an absolute path, or one relative to the configuration folder " + baseDir);
            return Optional.empty();
        }
        try {
            return Optional.of(baseDir.resolve(s).normalize());
        } catch (InvalidPathException e) {
            error("'" + s + "' is not a valid path: " + e.getReason(), fix);
            return Optional.empty();
        }
    }
}
