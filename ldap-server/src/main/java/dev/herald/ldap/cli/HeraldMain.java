package dev.herald.ldap.cli;

import dev.herald.ldap.HeraldVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code herald} command line: {@code demo} runs a ready-to-try directory,
 * {@code hash-password} makes userPassword values. Other commands (serving from a configuration
 * file, LDIF import and export, explaining certificate mappings) are added as subcommands here.
 */
@Command(name = "herald", mixinStandardHelpOptions = true, versionProvider = HeraldMain.Version.class,
        description = "Herald LDAPv3 directory server.",
        subcommands = {DemoCommand.class, HashPasswordCommand.class, CommandLine.HelpCommand.class})
public final class HeraldMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree, for tests and for other entry points. */
    public static CommandLine commandLine() {
        return new CommandLine(new HeraldMain());
    }

    /** Reports the version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {HeraldVersion.VENDOR + " " + HeraldVersion.VERSION};
        }
    }
}
