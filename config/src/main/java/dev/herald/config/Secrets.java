package dev.herald.config;

import dev.herald.config.model.Secret;
import dev.herald.config.yaml.ConfigMapping;
import dev.herald.config.yaml.ConfigNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads secrets written as {@code { env: NAME }}, {@code { file: PATH }} or {@code { value:
 * "..." }}. A file's content loses one trailing newline (as {@code echo secret > file} leaves
 * it). Values are never quoted in messages.
 */
final class Secrets {

    static final String FORMS = "write { env: NAME } (an environment variable), { file: PATH } (a file holding only the secret) "
            + "or { value: \"...\" }";

    private final Map<String, String> env;

    Secrets(Map<String, String> env) {
        this.env = env;
    }

    Optional<Secret> read(ConfigNode rawNode) {
        ConfigNode node = rawNode.sensitive();
        if (!node.present()) {
            return Optional.empty();
        }
        if (!node.isMapping()) {
            node.error("a secret must be a mapping naming where it comes from, found " + node.describe()
                    + " (a bare value is refused so passwords do not end up in configuration files by accident)", FORMS);
            return Optional.empty();
        }
        ConfigMapping m = node.mapping(FORMS).orElseThrow();
        ConfigNode envNode = m.get("env");
        ConfigNode fileNode = m.get("file");
        ConfigNode valueNode = m.get("value").sensitive();
        m.finish();
        int given = (envNode.present() ? 1 : 0) + (fileNode.present() ? 1 : 0) + (valueNode.present() ? 1 : 0);
        if (given != 1) {
            node.error(given == 0 ? "the secret names no source" : "the secret names more than one source", FORMS);
            return Optional.empty();
        }
        if (envNode.present()) {
            Optional<String> name = envNode.nonBlankText("write the variable's name, e.g. { env: HERALD_KEY_PASSWORD }");
            if (name.isEmpty()) {
                return Optional.empty();
            }
            String value = env.get(name.get());
            if (value == null) {
                envNode.error("the environment variable " + name.get() + " is not set",
                        "set it in the environment Herald starts in (e.g. the systemd unit's Environment= or EnvironmentFile=), "
                                + "or use { file: PATH }");
                return Optional.empty();
            }
            if (value.isEmpty()) {
                envNode.error("the environment variable " + name.get() + " is empty", "give it the secret's value");
                return Optional.empty();
            }
            return Optional.of(new Secret(value.toCharArray(), "env " + name.get()));
        }
        if (fileNode.present()) {
            Optional<Path> path = fileNode.path("write the path of a file holding only the secret");
            if (path.isEmpty()) {
                return Optional.empty();
            }
            String text;
            try {
                text = Files.readString(path.get(), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                fileNode.error("the secret file " + path.get() + " does not exist",
                        "create it (mode 600) or fix the path; relative paths resolve against " + node.baseDir());
                return Optional.empty();
            } catch (IOException e) {
                fileNode.error("the secret file " + path.get() + " cannot be read: " + e.getClass().getSimpleName(),
                        "let the user running Herald read it (mode 600, owned by that user)");
                return Optional.empty();
            }
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                fileNode.error("the secret file " + path.get() + " is empty", "write the secret into it");
                return Optional.empty();
            }
            warnIfOthersCanRead(fileNode, path.get());
            return Optional.of(new Secret(text.toCharArray(), "file " + path.get()));
        }
        Optional<String> value = valueNode.text(FORMS);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().isEmpty()) {
            valueNode.error("the secret's value is empty", FORMS);
            return Optional.empty();
        }
        return Optional.of(new Secret(value.get().toCharArray(), "the configuration file"));
    }

    /** A warning when a secret-bearing file is readable by group or others. */
    static void warnIfOthersCanRead(ConfigNode at, Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                at.warn(file + " holds a secret but other users can read it", "chmod 600 " + file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // No POSIX permissions here (or unreadable): nothing to say.
        }
    }
}
